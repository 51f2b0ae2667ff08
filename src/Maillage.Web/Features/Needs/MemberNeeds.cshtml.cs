using Maillage.Domain.Needs;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Needs;

/// <summary>A member's needs: the list with their state, and the form to post a new one.</summary>
[Authorize]
public sealed class MemberNeedsModel(MaillageDbContext db, NeedBoard board, AuditLog audit) : ChamberPageModel
{
    [BindProperty]
    public NeedForm Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<Need> Needs { get; private set; } = [];

    /// <summary>Members of the organisation post; chamber staff only look.</summary>
    public bool CanPost { get; private set; }

    public async Task<IActionResult> OnGetAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        Input.Town = Organisation.Profile.Town;
        Input.Canton = Organisation.Profile.Canton;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanPost)
        {
            return Forbid();
        }

        var today = Maillage.Domain.ChamberDays.Of(Now);
        var details = Need.Normalized(Input.ToDetails(ModelState, L));
        NeedForm.AddErrors(ModelState, details.Validate(today), L);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var need = new Need(Chamber.Id, Organisation.Id, Me.UserId!.Value, details, today, Now);
        audit.Record(Chamber.Id, "need.posted", nameof(Need), need.Id, need.Details.Title);
        var matches = await board.PostAsync(need, Chamber.Slug, HttpContext.RequestAborted);
        Flash(L["Needs.Posted", need.Details.Title, matches.Count(m => m.Notified)]);
        return Redirect($"/{Chamber.Slug}/besoins/{need.Id}");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == slug);
        if (organisation is null || !(Me.IsMemberOf(organisation.Id) || Me.IsStaff(Chamber.Id)))
        {
            return false;
        }

        Organisation = organisation;
        CanPost = Me.IsMemberOf(organisation.Id) && organisation.State == OrganisationState.Active;
        Needs = await db.Set<Need>().AsNoTracking().Where(n => n.OrganisationId == organisation.Id).OrderByDescending(n => n.CreatedAt).ToListAsync();
        return true;
    }
}
