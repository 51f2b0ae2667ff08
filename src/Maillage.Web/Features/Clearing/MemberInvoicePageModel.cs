using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Clearing;

/// <summary>
/// A page of an organisation's invoices (/{chamber}/espace/{org}/factures…): its people read and act; the
/// chamber's staff may read.
/// </summary>
[Authorize]
public abstract class MemberInvoicePageModel : ChamberPageModel
{
    public Organisation Organisation { get; private set; } = null!;

    /// <summary>People of the organisation act on its invoices; staff only look.</summary>
    public bool CanAct { get; private set; }

    protected MaillageDbContext Db => HttpContext.RequestServices.GetRequiredService<MaillageDbContext>();

    protected string InvoicesPath => $"/{Chamber.Slug}/espace/{Organisation.Slug}/factures";

    protected async Task<bool> LoadOrganisationAsync(string slug)
    {
        var organisation = await Db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == slug, HttpContext.RequestAborted);
        if (organisation is null || !(Me.IsMemberOf(organisation.Id) || Me.IsStaff(Chamber.Id)))
        {
            return false;
        }

        Organisation = organisation;
        CanAct = Me.IsMemberOf(organisation.Id) && organisation.State == OrganisationState.Active;
        return true;
    }
}
