using Maillage.Domain.Needs;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Needs;

/// <summary>The open needs of a chamber, for its members and staff: what the network is looking for now.</summary>
[Authorize]
public sealed class ChamberNeedsModel(MaillageDbContext db) : ChamberPageModel
{
    public sealed record Line(Need Need, string OrganisationName, bool ProposedToMe);

    public IReadOnlyList<Line> Items { get; private set; } = [];

    /// <summary>Where the person posts their own needs (their first organisation in the chamber).</summary>
    public string? MySpaceSlug { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var mine = Me.Organisations.Where(o => o.Value.ChamberId == Chamber.Id).Select(o => o.Key).ToList();
        if (mine.Count == 0 && !Me.IsStaff(Chamber.Id))
        {
            return NotFound();
        }

        var today = Maillage.Domain.ChamberDays.Of(Now);
        var needs = await db.Set<Need>().AsNoTracking().Where(n => n.ChamberId == Chamber.Id && n.State == NeedState.Open).OrderByDescending(n => n.CreatedAt).Take(200).ToListAsync();
        needs = needs.Where(n => n.Details.LastDay >= today).ToList();
        var ids = needs.Select(n => n.Id).ToList();
        var proposed = (await db.Set<NeedMatchRecord>().AsNoTracking().Where(m => ids.Contains(m.NeedId) && mine.Contains(m.OrganisationId)).Select(m => m.NeedId).ToListAsync()).ToHashSet();
        var posterIds = needs.Select(n => n.OrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => posterIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Profile.Name);
        var slugs = mine.Count == 0 ? [] : await db.Organisations.AsNoTracking().Where(o => mine.Contains(o.Id)).OrderBy(o => o.Slug).Select(o => o.Slug).ToListAsync();
        MySpaceSlug = slugs.FirstOrDefault();
        Items = needs.Select(n => new Line(n, names.GetValueOrDefault(n.OrganisationId, string.Empty), proposed.Contains(n.Id)))
            .OrderByDescending(l => l.ProposedToMe).ThenBy(l => l.Need.Details.DateFrom).ToList();
        return Page();
    }
}
