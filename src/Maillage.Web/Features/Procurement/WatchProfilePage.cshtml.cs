using Maillage.Domain.Procurement;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

/// <summary>One watch profile: the open notices it matches and why; edit or delete it.</summary>
public sealed class WatchProfilePageModel(TenderQueries queries, AuditLog audit) : OrganisationProcurementPageModel
{
    [BindProperty]
    public WatchInput Input { get; set; } = new();

    public WatchProfile Profile { get; private set; } = null!;

    public IReadOnlyList<NoticeMatch> Matches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string org, Guid id)
    {
        if (!await LoadAsync(org, id))
        {
            return NotFound();
        }

        Input = WatchInput.From(Profile);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string org, Guid id)
    {
        if (!await LoadAsync(org, id) || !CanAct)
        {
            return NotFound();
        }

        var tracked = await Db.Set<WatchProfile>().SingleAsync(p => p.Id == Profile.Id, HttpContext.RequestAborted);
        if (!Input.ApplyTo(tracked, ModelState, L, Now))
        {
            return Page();
        }

        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(L["Procurement.ProfileSaved"]);
        return Redirect($"{SpacePath}/veille/{Profile.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string org, Guid id)
    {
        if (!await LoadAsync(org, id) || !CanAct)
        {
            return NotFound();
        }

        await Db.Set<WatchProfile>().Where(p => p.Id == Profile.Id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        audit.Record(Chamber.Id, "tenders.profile-deleted", nameof(WatchProfile), Profile.Id, Profile.Name);
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(L["Procurement.ProfileDeleted"]);
        return Redirect($"{SpacePath}/veille");
    }

    public string Reason(MatchReason reason) => reason.Kind switch
    {
        MatchReasonKind.Keyword => L["Procurement.Why.Keyword", reason.Detail],
        MatchReasonKind.Cpv => L["Procurement.Why.Cpv", reason.Detail],
        MatchReasonKind.Region => L["Procurement.Why.Region", reason.Detail],
        MatchReasonKind.Value => L["Procurement.Why.Value"],
        _ => L["Procurement.Why.Reserved"],
    };

    private async Task<bool> LoadAsync(string org, Guid id)
    {
        if (!await LoadOrganisationAsync(org))
        {
            return false;
        }

        var profile = await Db.Set<WatchProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == Organisation.Id && p.ChamberId == Chamber.Id, HttpContext.RequestAborted);
        if (profile is null)
        {
            return false;
        }

        Profile = profile;
        Matches = await queries.MatchesAsync(profile, HttpContext.RequestAborted);
        return true;
    }
}
