using Maillage.Domain.Chambers;
using Maillage.Domain.Communication;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Newsletter.Sources;

/// <summary>Member news published during the period, newest first.</summary>
public static class PublishedNewsSource
{
    public static async Task<IEnumerable<NewsletterItem>> ProposeAsync(MaillageDbContext db, Chamber chamber, DateTime from, DateTime to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chamber);
        var news = await db.Set<NewsItem>().AsNoTracking()
            .Where(n => n.ChamberId == chamber.Id && n.State == ModerationState.Published && n.PublishedAt >= from && n.PublishedAt <= to)
            .OrderByDescending(n => n.PublishedAt).Take(10).ToListAsync(ct);
        return news.Select(n => new NewsletterItem
        {
            Kind = NewsletterItemKind.News,
            SourceId = n.Id,
            Title = n.Title,
            Text = NewsletterText.Shorten(HtmlSanitizer.PlainText(HtmlSanitizer.Sanitize(n.BodyHtml))),
            Link = $"/{chamber.Slug}/actualites/{n.Id}",
        });
    }
}
