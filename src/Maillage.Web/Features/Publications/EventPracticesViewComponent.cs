using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>On an event's page: the practices presented there (a café des bonnes pratiques), when there are any.</summary>
public sealed class EventPracticesViewComponent(MaillageDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid chamberId, string chamberSlug, Guid eventId)
    {
        var sheets = await db.Set<PracticeSheet>().AsNoTracking()
            .Where(p => p.ChamberId == chamberId && p.EventId == eventId && p.State == ModerationState.Published)
            .OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync();
        return View("/Features/Publications/_EventPractices.cshtml", (chamberSlug, sheets.Select(s => (s.Id, s.Title)).ToList()));
    }
}
