using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

/// <summary>An organisation's watch profiles: list with how many open notices each matches, and a new profile.</summary>
public sealed class WatchModel(TenderQueries queries, AuditLog audit) : OrganisationProcurementPageModel
{
    [BindProperty]
    public WatchInput Input { get; set; } = new();

    public IReadOnlyList<(WatchProfile Profile, int Matches)> Profiles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string org)
    {
        if (!await LoadOrganisationAsync(org))
        {
            return NotFound();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string org)
    {
        if (!await LoadOrganisationAsync(org) || !CanAct)
        {
            return NotFound();
        }

        var profile = new WatchProfile { ChamberId = Chamber.Id, OrganisationId = Organisation.Id, CreatedAt = Now, LastDigestAt = Now };
        if (!Input.ApplyTo(profile, ModelState, L, Now))
        {
            await LoadAsync();
            return Page();
        }

        Db.Set<WatchProfile>().Add(profile);
        audit.Record(Chamber.Id, "tenders.profile", nameof(WatchProfile), profile.Id, profile.Name);
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(L["Procurement.ProfileSaved"]);
        return Redirect($"{SpacePath}/veille/{profile.Id}");
    }

    private async Task LoadAsync()
    {
        var profiles = await Db.Set<WatchProfile>().AsNoTracking().Where(p => p.OrganisationId == Organisation.Id && p.ChamberId == Chamber.Id).OrderBy(p => p.Name).ToListAsync(HttpContext.RequestAborted);
        var list = new List<(WatchProfile, int)>();
        foreach (var profile in profiles)
        {
            list.Add((profile, (await queries.MatchesAsync(profile, HttpContext.RequestAborted)).Count));
        }

        Profiles = list;
    }
}
