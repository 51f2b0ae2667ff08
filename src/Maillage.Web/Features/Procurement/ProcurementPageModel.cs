using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

/// <summary>A procurement page for the chamber's members and staff; anyone else gets a 404 (the chamber's notices and consortia are its own).</summary>
[Authorize]
public abstract class ProcurementPageModel : Shared.ChamberPageModel
{
    protected MaillageDbContext Db => HttpContext.RequestServices.GetRequiredService<MaillageDbContext>();

    /// <summary>The person's active organisations in this chamber.</summary>
    public IReadOnlyList<Organisation> MyOrganisations { get; private set; } = [];

    public bool IsStaff => Me.IsStaff(Chamber.Id);

    protected async Task<bool> LoadPersonAsync()
    {
        var mine = Me.Organisations.Where(o => o.Value.ChamberId == Chamber.Id).Select(o => o.Key).ToList();
        MyOrganisations = mine.Count == 0 ? [] : await Db.Organisations.AsNoTracking()
            .Where(o => mine.Contains(o.Id) && o.State == OrganisationState.Active).OrderBy(o => o.Slug).ToListAsync(HttpContext.RequestAborted);
        return IsStaff || MyOrganisations.Count > 0;
    }
}

/// <summary>A page of one organisation's space (/{chamber}/espace/{org}/…): its people act, staff of the chamber read.</summary>
[Authorize]
public abstract class OrganisationProcurementPageModel : Shared.ChamberPageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public bool CanAct { get; private set; }

    protected MaillageDbContext Db => HttpContext.RequestServices.GetRequiredService<MaillageDbContext>();

    protected string SpacePath => $"/{Chamber.Slug}/espace/{Organisation.Slug}";

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
