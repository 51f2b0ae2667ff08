using System.Globalization;
using Maillage.Domain.Agenda;
using Maillage.Domain.Chambers;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Newsletter.Sources;

/// <summary>Public events and trainings of the coming two months (until the next issue), soonest first.</summary>
public static class ComingEventsSource
{
    public static async Task<IEnumerable<NewsletterItem>> ProposeAsync(MaillageDbContext db, Chamber chamber, DateTime from, DateTime to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chamber);
        var until = to + NewsletterDesk.DefaultPeriod;
        var events = await db.Set<AgendaEvent>().AsNoTracking()
            .Where(e => e.ChamberId == chamber.Id && e.Status == EventStatus.Published && e.Visibility == EventVisibility.Public && e.StartsAtUtc >= to && e.StartsAtUtc <= until)
            .OrderBy(e => e.StartsAtUtc).Take(12).ToListAsync(ct);
        return events.Select(e => new NewsletterItem
        {
            Kind = NewsletterItemKind.Event,
            SourceId = e.Id,
            Title = e.Title,
            Text = NewsletterText.Shorten(string.Create(CultureInfo.CurrentCulture, $"{Display.DateTime(e.StartsAtUtc)}{(e.Town is null ? string.Empty : " · " + e.Town)} — {e.Description}")),
            Link = $"/{chamber.Slug}/agenda/{e.Id}",
        });
    }
}
