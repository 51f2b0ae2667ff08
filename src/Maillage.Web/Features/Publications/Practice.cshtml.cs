using Maillage.Domain.Agenda;
using Maillage.Domain.Organisations;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>One published practice sheet or position paper, with the organisations involved and the event where it was presented.</summary>
public sealed class PracticeModel(MaillageDbContext db) : ChamberPageModel
{
    public PracticeSheet Sheet { get; private set; } = null!;

    public string Author { get; private set; } = string.Empty;

    public IReadOnlyList<(string Name, string Slug)> Organisations { get; private set; } = [];

    public (Guid Id, string Title, DateTime StartsAt)? Event { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var sheet = await db.Set<PracticeSheet>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.ChamberId == Chamber.Id && p.State == ModerationState.Published);
        if (sheet is null)
        {
            return NotFound();
        }

        Sheet = sheet;
        var ids = sheet.OrganisationList.Concat(sheet.AuthorOrganisationId is { } a ? [a] : []).ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id) && o.ChamberId == Chamber.Id && o.State == OrganisationState.Active)
            .Select(o => new { o.Id, o.Profile.Name, o.Slug }).ToListAsync();
        Author = sheet.AuthorOrganisationId is { } author ? organisations.FirstOrDefault(o => o.Id == author)?.Name ?? string.Empty : Chamber.Name;
        Organisations = sheet.OrganisationList.SelectMany(g => organisations.Where(o => o.Id == g).Take(1)).Select(o => (o.Name, o.Slug)).ToList();
        if (sheet.EventId is { } eventId)
        {
            var e = await db.Set<AgendaEvent>().AsNoTracking().Where(e => e.Id == eventId && e.ChamberId == Chamber.Id && e.Status != EventStatus.Proposed).Select(e => new { e.Id, e.Title, e.StartsAtUtc }).FirstOrDefaultAsync();
            Event = e is null ? null : (e.Id, e.Title, e.StartsAtUtc);
        }

        return Page();
    }
}
