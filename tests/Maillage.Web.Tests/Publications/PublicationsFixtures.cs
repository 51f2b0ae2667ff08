using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Maillage.Domain.Publications;
using Maillage.Web.Features.Notifications;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Tests.Publications;

/// <summary>News and practice sheets put straight in the database, and multipart posts with files.</summary>
public static class PublicationsFixtures
{
    public static string NewsUrl(this TestMember member, string chamber = "ge") => $"/{chamber}/espace/{member.Slug}/actualites";

    public static string PracticesUrl(this TestMember member, string chamber = "ge") => $"/{chamber}/espace/{member.Slug}/bonnes-pratiques";

    /// <summary>A published news item of <paramref name="member"/>; <paramref name="rawBody"/> replaces the stored body as is (to test rendering).</summary>
    public static async Task<NewsItem> PublishedNewsAsync(this MaillageApp app, TestMember member, string title, string chamber = "ge", string? rawBody = null, DateTime? at = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(member);
        var chamberId = await app.ChamberIdAsync(chamber);
        var when = at ?? DateTime.UtcNow;
        var item = NewsItem.Submit(chamberId, member.Id, Guid.NewGuid(), new NewsDraft(title, "<p>Un texte d'actualité suffisamment long pour être accepté.</p>", null), null, when.AddHours(-1)).Item!;
        item.Moderate(ModerationAction.Publish, null, when);
        await app.WithDbAsync(async db =>
        {
            db.Add(item);
            if (rawBody is not null)
            {
                db.Entry(item).Property(x => x.BodyHtml).CurrentValue = rawBody;
            }

            await db.SaveChangesAsync();
        });
        return item;
    }

    public static async Task<PracticeSheet> PublishedPracticeAsync(this MaillageApp app, TestMember member, string title, string[] themes, string[] sectors, string chamber = "ge", Guid? eventId = null, string problem = "Un problème décrit en plus de vingt caractères.")
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(member);
        var chamberId = await app.ChamberIdAsync(chamber);
        var draft = new PracticeDraft(title, problem, "Ce qui a été fait, décrit en plus de vingt caractères.", "Des résultats.", "Contact test", themes, sectors, [member.Id], eventId);
        var sheet = PracticeSheet.Submit(chamberId, member.Id, Guid.NewGuid(), draft, null, DateTime.UtcNow.AddHours(-1)).Sheet!;
        sheet.Moderate(ModerationAction.Publish, null, DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Add(sheet);
            await db.SaveChangesAsync();
        });
        return sheet;
    }

    public static Task<NewsItem?> NewsAsync(this MaillageApp app, Guid id) =>
        app.WithDbAsync(db => db.Set<NewsItem>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == id));

    public static Task<List<NewsItem>> NewsOfAsync(this MaillageApp app, Guid organisationId) =>
        app.WithDbAsync(db => db.Set<NewsItem>().AsNoTracking().Where(n => n.OrganisationId == organisationId).ToListAsync());

    public static Task<List<PracticeSheet>> PracticesOfAsync(this MaillageApp app, Guid chamberId, string title) =>
        app.WithDbAsync(db => db.Set<PracticeSheet>().AsNoTracking().Where(p => p.ChamberId == chamberId && p.Title == title).ToListAsync());

    public static Task<List<Notification>> NotificationsOfAsync(this MaillageApp app, string email) =>
        app.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => db.Users.Any(u => u.Id == n.UserId && u.Email == email)).ToListAsync());

    public static Task<List<Maillage.Web.Data.OutboxMessage>> MailsToAsync(this MaillageApp app, string email, string kind) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.ToAddress == email && m.Kind == kind).ToListAsync());

    /// <summary>Posts a page's form as multipart (as the browser does for forms with files), token from that page.</summary>
    public static async Task<IHtmlDocument> PostMultipartAsync(this WebClient client, IHtmlDocument page, string url, IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Field, string FileName, string ContentType, byte[] Bytes)> files, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var body = new MultipartFormDataContent { { new StringContent(page.Token()), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, contentType, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            body.Add(file, field, fileName);
        }

        var response = await client.Http.PostAsync(new Uri(url, UriKind.Relative), body);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"POST {url}");
        return Forms.Parse(html);
    }
}
