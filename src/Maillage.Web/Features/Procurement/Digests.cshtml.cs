using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

/// <summary>The organisation's digests in the app (the same content as the emails), and a digest made now on demand.</summary>
public sealed class DigestsModel(TenderDigests digests) : OrganisationProcurementPageModel
{
    public IReadOnlyList<(TenderDigest Digest, string Profile, DigestContent Content)> Digests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string org)
    {
        if (!await LoadOrganisationAsync(org))
        {
            return NotFound();
        }

        var rows = await Db.Set<TenderDigest>().AsNoTracking().Where(d => d.OrganisationId == Organisation.Id && d.ChamberId == Chamber.Id)
            .OrderByDescending(d => d.CreatedAt).Take(20)
            .Join(Db.Set<WatchProfile>(), d => d.ProfileId, p => p.Id, (d, p) => new { d, p.Name })
            .ToListAsync(HttpContext.RequestAborted);
        Digests = rows.Select(r => (r.d, r.Name, JsonSerializer.Deserialize<DigestContent>(r.d.Data, TenderImporter.Json)!)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostNowAsync(string org)
    {
        if (!await LoadOrganisationAsync(org) || !CanAct)
        {
            return NotFound();
        }

        var profiles = await Db.Set<WatchProfile>().AsNoTracking().Where(p => p.OrganisationId == Organisation.Id && p.ChamberId == Chamber.Id).ToListAsync(HttpContext.RequestAborted);
        var made = 0;
        foreach (var profile in profiles)
        {
            if (await digests.ProduceAsync(profile, Now, HttpContext.RequestAborted) is not null)
            {
                made++;
            }
        }

        Flash(made == 0 ? L["Procurement.DigestNothing"] : L["Procurement.DigestMade", made]);
        return Redirect($"{SpacePath}/veille/resumes");
    }
}
