using Maillage.Domain.Chambers;
using Maillage.Domain.Common;
using Maillage.Domain.Publications;
using Maillage.Domain.Search;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Notifications;
using Maillage.Web.Features.Offers;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Maillage.Web.Features.Publications;

public static class PublicationKinds
{
    public const string NewsModerated = "news-moderated";
    public const string PracticeModerated = "practice-moderated";
}

/// <summary>A filter of the library as the page and the API receive it.</summary>
public sealed record PracticeFilter(string? Q, string? Theme, string? Sector, PracticeKind? Kind, int Page = 1, int PageSize = 12);

public sealed record PracticePage(IReadOnlyList<PracticeSheet> Sheets, int Total, int Page, int PageSize, IReadOnlyList<(string Code, int Count)> Themes, IReadOnlyList<(string Code, int Count)> Sectors)
{
    public int PageCount => Total == 0 ? 1 : (int)Math.Ceiling(Total / (double)PageSize);
}

/// <summary>
/// Member news and the good-practice library: attachments checked from their bytes, moderation with the author told
/// (in-app and by email), and the public lists.
/// </summary>
public sealed class PublicationDesk(MaillageDbContext db, NotificationCenter notifications, EmailOutbox outbox, IStringLocalizer<SharedResource> l, TimeProvider clock, IOptions<OfferImageOptions> imageOptions, AuditLog audit)
{
    public const int NewsPageSize = 10;

    public long ImageMaxBytes => imageOptions.Value.MaxBytes;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>An uploaded image as a stored file (not yet saved); nothing and no error when no file was sent.</summary>
    public async Task<(StoredFile? File, IReadOnlyList<ValidationError> Errors)> ReadImageAsync(Guid chamberId, IFormFile? upload, CancellationToken ct)
    {
        if (upload is not { Length: > 0 })
        {
            return (null, []);
        }

        return StoredFile.Image(chamberId, await ReadUpToAsync(upload, ImageMaxBytes, ct), ImageMaxBytes, Now);
    }

    public async Task<(StoredFile? File, IReadOnlyList<ValidationError> Errors)> ReadPdfAsync(Guid chamberId, IFormFile? upload, CancellationToken ct)
    {
        if (upload is not { Length: > 0 })
        {
            return (null, []);
        }

        return StoredFile.Pdf(chamberId, await ReadUpToAsync(upload, StoredFile.DefaultPdfMaxBytes, ct), StoredFile.DefaultPdfMaxBytes, Now);
    }

    /// <summary>Reads a file up to the limit and no further: a larger one comes back one byte too long, to be refused.</summary>
    private static async Task<byte[]> ReadUpToAsync(IFormFile upload, long max, CancellationToken ct)
    {
        if (upload.Length > max)
        {
            return new byte[max + 1];
        }

        using var stream = upload.OpenReadStream();
        using var buffer = new MemoryStream((int)upload.Length);
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    public async Task ModerateAsync(Chamber chamber, NewsItem item, ModerationAction action, string? message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(item);
        item.Moderate(action, message, Now);
        audit.Record(chamber.Id, "news." + action.ToString().ToLowerInvariant(), nameof(NewsItem), item.Id, item.Title);
        var link = item.IsPublic ? $"/{chamber.Slug}/actualites/{item.Id}" : $"/{chamber.Slug}/espace/{await SlugAsync(item.OrganisationId, ct)}/actualites/{item.Id}";
        await TellAuthorsAsync(chamber, item.OrganisationId, PublicationKinds.NewsModerated, "Publications.News", item.Title, item.State, item.ModerationMessage, link, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task ModerateAsync(Chamber chamber, PracticeSheet sheet, ModerationAction action, string? message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(sheet);
        sheet.Moderate(action, message, Now);
        audit.Record(chamber.Id, "practice." + action.ToString().ToLowerInvariant(), nameof(PracticeSheet), sheet.Id, sheet.Title);
        if (sheet.AuthorOrganisationId is { } organisationId)
        {
            var link = sheet.IsPublic ? $"/{chamber.Slug}/bonnes-pratiques/{sheet.Id}" : $"/{chamber.Slug}/espace/{await SlugAsync(organisationId, ct)}/bonnes-pratiques/{sheet.Id}";
            await TellAuthorsAsync(chamber, organisationId, PublicationKinds.PracticeModerated, "Publications.Practice", sheet.Title, sheet.State, sheet.ModerationMessage, link, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<string> SlugAsync(Guid organisationId, CancellationToken ct) =>
        await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Slug).FirstAsync(ct);

    /// <summary>Tells the people of the author organisation what staff decided, in the bell and by email.</summary>
    private async Task TellAuthorsAsync(Chamber chamber, Guid organisationId, string kind, string prefix, string title, ModerationState state, string? message, string link, CancellationToken ct)
    {
        var people = await notifications.PeopleOfAsync([organisationId], ct);
        var textKey = $"{prefix}.Notify.{state}";
        notifications.Notify(people.Select(p => p.UserId), chamber.Id, kind, link, textKey, title, message ?? string.Empty);
        foreach (var email in people.Select(p => p.Email).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var body = l[$"{prefix}.Email.{state}", title, message ?? string.Empty, outbox.Link(link), chamber.Name];
            outbox.Queue(chamber.Id, email, l[$"{prefix}.EmailSubject.{state}", title], body, kind);
        }
    }

    /// <summary>Published news of a chamber, newest first.</summary>
    public async Task<(IReadOnlyList<NewsItem> Items, int Total)> PublishedNewsAsync(Guid chamberId, int page, int pageSize, CancellationToken ct)
    {
        var query = db.Set<NewsItem>().AsNoTracking().Where(n => n.ChamberId == chamberId && n.State == ModerationState.Published);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.PublishedAt).ThenBy(n => n.Id).Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return (items, total);
    }

    public Task<NewsItem?> FindPublicNewsAsync(Guid chamberId, Guid id, CancellationToken ct) =>
        db.Set<NewsItem>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.ChamberId == chamberId && n.State == ModerationState.Published, ct);

    /// <summary>
    /// The chamber's published sheets, filtered by theme, sector and kind, and found by words with the portal's French
    /// analyser (accents, plurals, typos, prefixes): a library of a few hundred sheets is indexed on the fly.
    /// </summary>
    public async Task<PracticePage> PracticesAsync(Guid chamberId, PracticeFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var all = await db.Set<PracticeSheet>().AsNoTracking().Where(p => p.ChamberId == chamberId && p.State == ModerationState.Published).ToListAsync(ct);
        IEnumerable<PracticeSheet> matching = all.OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Id);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            using var index = new SearchIndex();
            foreach (var sheet in all)
            {
                index.Upsert(ToDocument(sheet));
            }

            // Every word must match (a library is narrowed by words, unlike the portal which ranks partial matches lower).
            var results = index.Search(new SearchRequest(filter.Q, Take: 1000));
            var hits = results.Hits.Where(h => h.MatchedWords >= results.QueryWords.Count).Select(h => Guid.Parse(h.Key)).ToList();
            var byId = all.ToDictionary(p => p.Id);
            matching = hits.Select(id => byId[id]);
        }

        if (filter.Kind is { } kind)
        {
            matching = matching.Where(p => p.Kind == kind);
        }

        var beforeFacets = matching.ToList();
        var themed = beforeFacets.Where(p => filter.Theme is null || p.ThemeList.Contains(filter.Theme)).ToList();
        var sectored = beforeFacets.Where(p => filter.Sector is null || p.SectorList.Contains(filter.Sector)).ToList();
        var result = themed.Where(p => filter.Sector is null || p.SectorList.Contains(filter.Sector)).ToList();

        // A facet's counts ignore its own filter, so the other choices stay visible.
        var themes = sectored.SelectMany(p => p.ThemeList).GroupBy(t => t).Select(g => (g.Key, g.Count())).OrderByDescending(t => t.Item2).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        var sectors = themed.SelectMany(p => p.SectorList).GroupBy(t => t).Select(g => (g.Key, g.Count())).OrderByDescending(t => t.Item2).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        var page = Math.Clamp(filter.Page, 1, 1000);
        return new PracticePage(result.Skip((page - 1) * filter.PageSize).Take(filter.PageSize).ToList(), result.Count, page, filter.PageSize, themes, sectors);
    }

    public static SearchDocument ToDocument(PracticeSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var tags = sheet.ThemeList.Select(t => PracticeThemes.Find(t)?.Label).Concat(sheet.SectorList.Select(s => Domain.Sectors.SectorCatalogue.FindEss(s)?.Label));
        return new SearchDocument(
            sheet.Id.ToString(),
            sheet.Title,
            string.Join(' ', sheet.Problem, sheet.Actions, sheet.Results, string.Join(' ', tags)),
            new Dictionary<string, IReadOnlyList<string>> { ["theme"] = sheet.ThemeList, ["sector"] = sheet.SectorList });
    }
}

public static class PublicationServices
{
    public static IServiceCollection AddPublications(this IServiceCollection services)
    {
        services.AddNotifications();
        services.AddScoped<PublicationDesk>();
        return services;
    }
}
