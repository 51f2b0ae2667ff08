using System.Globalization;
using System.Text;
using System.Xml;
using Maillage.Domain.Communication;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Maillage.Web.Features.Publications;

/// <summary>Page-side addresses (not API): the news feed, and the images and PDFs of news and practice sheets.</summary>
public static class PublicationEndpoints
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const int FeedEntries = 30;

    public static IEndpointRouteBuilder MapPublications(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{chamber}/actualites/flux.atom", FeedAsync).ExcludeFromDescription();
        app.MapGet("/{chamber}/actualites/{id:guid}/image", NewsImageAsync).ExcludeFromDescription();
        app.MapGet("/{chamber}/bonnes-pratiques/{id:guid}/image", PracticeImageAsync).ExcludeFromDescription();
        app.MapGet("/{chamber}/bonnes-pratiques/{id:guid}/document.pdf", PracticeDocumentAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The chamber's published news as an Atom 1.0 feed (RFC 4287): absolute links, RFC 3339 dates in UTC, the
    /// sanitised HTML as escaped content and its text as the summary.
    /// </summary>
    private static async Task<IResult> FeedAsync(string chamber, HttpContext context, ChamberResolver chambers, MaillageDbContext db, EmailOutbox links, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
    {
        var ct = context.RequestAborted;
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return Results.NotFound();
        }

        var items = await db.Set<NewsItem>().AsNoTracking().Where(n => n.ChamberId == found.Id && n.State == ModerationState.Published)
            .OrderByDescending(n => n.PublishedAt).ThenBy(n => n.Id).Take(FeedEntries).ToListAsync(ct);
        var organisationIds = items.Select(i => i.OrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Profile.Name, ct);
        var images = await ImageTypesAsync(db, items.Select(i => i.ImageId), ct);

        var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true };
        await using (var xml = XmlWriter.Create(buffer, settings))
        {
            await xml.WriteStartDocumentAsync();
            xml.WriteStartElement("feed", AtomNamespace);
            xml.WriteAttributeString("xml", "lang", null, "fr");
            xml.WriteElementString("id", AtomNamespace, links.Link($"/{found.Slug}/actualites"));
            xml.WriteElementString("title", AtomNamespace, l["Publications.FeedTitle", found.Name]);
            xml.WriteElementString("updated", AtomNamespace, Rfc3339(items.Count == 0 ? found.CreatedAt : items.Max(i => i.UpdatedAt)));
            Link(xml, "self", links.Link($"/{found.Slug}/actualites/flux.atom"), "application/atom+xml");
            Link(xml, "alternate", links.Link($"/{found.Slug}/actualites"), "text/html");
            xml.WriteStartElement("author", AtomNamespace);
            xml.WriteElementString("name", AtomNamespace, found.Name);
            xml.WriteEndElement();
            foreach (var item in items)
            {
                var url = links.Link($"/{found.Slug}/actualites/{item.Id}");
                xml.WriteStartElement("entry", AtomNamespace);
                xml.WriteElementString("id", AtomNamespace, "urn:uuid:" + item.Id.ToString("D"));
                xml.WriteElementString("title", AtomNamespace, item.Title);
                xml.WriteElementString("published", AtomNamespace, Rfc3339(item.PublishedAt ?? item.UpdatedAt));
                xml.WriteElementString("updated", AtomNamespace, Rfc3339(item.UpdatedAt));
                Link(xml, "alternate", url, "text/html");
                if (item.ImageId is { } imageId && images.TryGetValue(imageId, out var type))
                {
                    Link(xml, "enclosure", links.Link($"/{found.Slug}/actualites/{item.Id}/image"), type);
                }

                if (item.Link is not null)
                {
                    Link(xml, "related", item.Link, null);
                }

                xml.WriteStartElement("author", AtomNamespace);
                xml.WriteElementString("name", AtomNamespace, names.GetValueOrDefault(item.OrganisationId, found.Name));
                xml.WriteEndElement();
                // Sanitised again on the way out: a row written around the domain cannot reach feed readers as is.
                var body = HtmlSanitizer.Sanitize(item.BodyHtml);
                var summary = HtmlSanitizer.PlainText(body);
                xml.WriteElementString("summary", AtomNamespace, summary.Length > 300 ? summary[..300].TrimEnd() + "…" : summary);
                xml.WriteStartElement("content", AtomNamespace);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(body);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static void Link(XmlWriter xml, string rel, string href, string? type)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        if (type is not null)
        {
            xml.WriteAttributeString("type", type);
        }

        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Rfc3339(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<Dictionary<Guid, string>> ImageTypesAsync(MaillageDbContext db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().ToList();
        return await db.Set<StoredFile>().AsNoTracking().Where(f => wanted.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.ContentType, ct);
    }

    private static async Task<IResult> NewsImageAsync(string chamber, Guid id, HttpContext context, ChamberResolver chambers, MaillageDbContext db, Access access)
    {
        var ct = context.RequestAborted;
        var found = await chambers.FindAsync(chamber, ct);
        var item = found is null ? null : await db.Set<NewsItem>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.ChamberId == found.Id, ct);
        if (item?.ImageId is not { } imageId)
        {
            return Results.NotFound();
        }

        var me = await access.GetAsync(ct);
        var visible = item.IsPublic || me.IsStaff(item.ChamberId) || me.IsMemberOf(item.OrganisationId);
        return visible ? await ServeAsync(context, db, imageId, item.IsPublic, null) : Results.NotFound();
    }

    private static async Task<IResult> PracticeImageAsync(string chamber, Guid id, HttpContext context, ChamberResolver chambers, MaillageDbContext db, Access access) =>
        await PracticeFileAsync(chamber, id, context, chambers, db, access, s => s.ImageId, null);

    private static async Task<IResult> PracticeDocumentAsync(string chamber, Guid id, HttpContext context, ChamberResolver chambers, MaillageDbContext db, Access access) =>
        await PracticeFileAsync(chamber, id, context, chambers, db, access, s => s.DocumentId, "document.pdf");

    private static async Task<IResult> PracticeFileAsync(string chamber, Guid id, HttpContext context, ChamberResolver chambers, MaillageDbContext db, Access access, Func<PracticeSheet, Guid?> file, string? downloadName)
    {
        var ct = context.RequestAborted;
        var found = await chambers.FindAsync(chamber, ct);
        var sheet = found is null ? null : await db.Set<PracticeSheet>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.ChamberId == found.Id, ct);
        if (sheet is null || file(sheet) is not { } fileId)
        {
            return Results.NotFound();
        }

        var me = await access.GetAsync(ct);
        var visible = sheet.IsPublic || me.IsStaff(sheet.ChamberId) || (sheet.AuthorOrganisationId is { } org && me.IsMemberOf(org));
        return visible ? await ServeAsync(context, db, fileId, sheet.IsPublic, downloadName) : Results.NotFound();
    }

    /// <summary>Serves a stored file with its detected type, never sniffed; public ones are cached and revalidated by tag.</summary>
    private static async Task<IResult> ServeAsync(HttpContext context, MaillageDbContext db, Guid fileId, bool isPublic, string? downloadName)
    {
        var ct = context.RequestAborted;
        var meta = await db.Set<StoredFile>().AsNoTracking().Where(f => f.Id == fileId).Select(f => new { f.Hash, f.ContentType }).FirstOrDefaultAsync(ct);
        if (meta is null)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        var etag = new EntityTagHeaderValue($"\"{meta.Hash}\"");
        headers.ETag = etag.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = isPublic ? "public, max-age=3600" : "private, no-cache";
        headers.ContentDisposition = downloadName is null ? "inline" : $"inline; filename=\"{downloadName}\"";
        if (context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } tags && tags.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var content = await db.Set<StoredFile>().AsNoTracking().Where(f => f.Id == fileId).Select(f => f.Content).FirstAsync(ct);
        return Results.Bytes(content, meta.ContentType);
    }
}
