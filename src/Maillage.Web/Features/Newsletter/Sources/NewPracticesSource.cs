using Maillage.Domain.Chambers;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Newsletter.Sources;

/// <summary>Good-practice sheets and position papers published during the period.</summary>
public static class NewPracticesSource
{
    public static async Task<IEnumerable<NewsletterItem>> ProposeAsync(MaillageDbContext db, Chamber chamber, DateTime from, DateTime to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chamber);
        var sheets = await db.Set<PracticeSheet>().AsNoTracking()
            .Where(p => p.ChamberId == chamber.Id && p.State == ModerationState.Published && p.PublishedAt >= from && p.PublishedAt <= to)
            .OrderByDescending(p => p.PublishedAt).Take(10).ToListAsync(ct);
        return sheets.Select(p => new NewsletterItem
        {
            Kind = NewsletterItemKind.Practice,
            SourceId = p.Id,
            Title = p.Title,
            Text = NewsletterText.Shorten(p.Problem),
            Link = $"/{chamber.Slug}/bonnes-pratiques/{p.Id}",
        });
    }
}
