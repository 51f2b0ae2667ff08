using Maillage.Domain.Labels;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Labels;

/// <summary>A member sees its own label: status, period, public code and link to show customers, and its history.</summary>
[Authorize]
public sealed class MemberLabelModel(MaillageDbContext db, LabelBook labels) : ChamberPageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public EssLabel? Label { get; private set; }

    public LabelStatus? Status { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string org)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == org, HttpContext.RequestAborted);
        if (organisation is null || !(Me.IsMemberOf(organisation.Id) || Me.IsStaff(Chamber.Id)))
        {
            return NotFound();
        }

        Organisation = organisation;
        Today = labels.Today;
        Label = await labels.OfAsync(Chamber.Id, organisation.Id, HttpContext.RequestAborted);
        Status = Label?.StatusOn(Today);
        return Page();
    }
}
