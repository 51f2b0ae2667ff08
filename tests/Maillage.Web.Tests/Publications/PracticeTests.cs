using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Domain.Agenda;
using Maillage.Domain.Publications;
using Maillage.Web.Features.Newsletter;
using Maillage.Web.Features.Procurement;
using Maillage.Web.Features.Publications;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Publications;

/// <summary>The good-practice library (moderation, position papers, filters, search, event links) and the newsletter's sources, on each engine.</summary>
public abstract class PracticeTests(MaillageApp app)
{
    private static string Tag() => "zq" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task A_member_shares_a_practice_staff_publish_it_and_it_is_found_by_theme_sector_and_words()
    {
        var tag = Tag();
        var member = await app.NewMemberAsync("ge");
        using var author = await SignedInAsync(member.Email);
        var form = await author.GetPageAsync(member.PracticesUrl());
        List<KeyValuePair<string, string>> fields =
        [
            new("Input.Title", $"Mutualiser la comptabilité {tag}"),
            new("Input.Problem", "Chaque petite association tenait sa comptabilité seule, avec des erreurs coûteuses."),
            new("Input.Actions", "Quatre associations partagent une comptable à mi-temps et un même logiciel libre."),
            new("Input.Results", "Comptes bouclés deux mois plus tôt."),
            new("Input.Contact", "Léa Morel, compta@exemple.ch"),
            new("Input.Themes", "cooperation"),
            new("Input.Themes", "financement"),
            new("Input.Sectors", "conseil"),
            new("Input.Organisations", member.Id.ToString()),
        ];

        var invalid = await author.SubmitAsync(form, "#practice-form", fields.Where(f => f.Key != "Input.Themes").Append(new("Input.Sectors", "nulle-part")));
        invalid.QuerySelector("#Input_Themes-error")!.TextContent.ShouldBe("Ce champ est obligatoire.");
        invalid.QuerySelector(".error-summary").ShouldNotBeNull();
        await author.SubmitAsync(form, "#practice-form", fields);

        var chamberId = await app.ChamberIdAsync("ge");
        var sheet = (await app.PracticesOfAsync(chamberId, $"Mutualiser la comptabilité {tag}")).Single();
        (sheet.State, sheet.AuthorOrganisationId, sheet.Themes, sheet.Sectors).ShouldBe((ModerationState.Submitted, (Guid?)member.Id, "cooperation financement", "conseil"));
        using var visitor = new WebClient(app);
        await visitor.GetPageAsync($"/ge/bonnes-pratiques/{sheet.Id}", HttpStatusCode.NotFound);

        await app.Services.GetRequiredService<Maillage.Web.Features.Offers.OfferSearch>().RefreshAsync();
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={tag}")).GetProperty("total").GetInt32().ShouldBe(0, "a sheet waiting for moderation is not in the portal");

        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        (await staff.GetPageAsync("/ge/gestion/bonnes-pratiques")).QuerySelector($"#practice-queue tr[data-id='{sheet.Id}']").ShouldNotBeNull();
        await staff.SubmitAsync(await staff.GetPageAsync($"/ge/gestion/bonnes-pratiques/{sheet.Id}"), "#moderate-form", [new("action", "Publish")]);
        (await app.NotificationsOfAsync(member.Email)).Single(n => n.Kind == PublicationKinds.PracticeModerated).Link.ShouldBe($"/ge/bonnes-pratiques/{sheet.Id}");
        (await app.MailsToAsync(member.Email, PublicationKinds.PracticeModerated)).Count.ShouldBe(1);

        var other = await app.PublishedPracticeAsync(member, $"Jardins partagés {tag}", ["transition"], ["environnement"], problem: "Des friches urbaines inutilisées à côté de l'école du quartier.");
        var page = await visitor.GetPageAsync($"/ge/bonnes-pratiques/{sheet.Id}");
        page.QuerySelector("#practice h1")!.TextContent.ShouldBe($"Mutualiser la comptabilité {tag}");
        page.QuerySelector($"#practice-organisations a[href='/ge/membres/{member.Slug}']").ShouldNotBeNull();

        async Task<List<string>> Found(string query)
        {
            var list = await visitor.GetPageAsync("/ge/bonnes-pratiques" + query);
            return list.QuerySelectorAll("#practice-list li").Select(li => li.GetAttribute("data-id")!).ToList();
        }

        (await Found($"?q={tag}")).ShouldBe([other.Id.ToString(), sheet.Id.ToString()], ignoreOrder: true);
        (await Found($"?q={tag}&theme=cooperation")).ShouldBe([sheet.Id.ToString()]);
        (await Found($"?q={tag}&secteur=environnement")).ShouldBe([other.Id.ToString()]);
        (await Found($"?q={tag}&theme=cooperation&secteur=environnement")).ShouldBeEmpty();
        (await Found($"?q=COMPTABILITE+{tag}")).ShouldBe([sheet.Id.ToString()], "accents and case are ignored");
        (await Found($"?q=friche+{tag}")).ShouldBe([other.Id.ToString()], "plurals are folded");
        (await Found("?theme=financement")).ShouldContain(sheet.Id.ToString());
        var counts = await visitor.GetPageAsync($"/ge/bonnes-pratiques?q={tag}&theme=cooperation");
        counts.QuerySelector("#theme-filters a[data-theme='transition']").ShouldNotBeNull("a facet's counts ignore its own filter");

        // The portal's search finds published sheets too (same French analysis: a typo here), linked to the library.
        await app.Services.GetRequiredService<Maillage.Web.Features.Offers.OfferSearch>().RefreshAsync();
        var portal = await visitor.Http.GetFromJsonAsync<JsonElement>($"/api/v1/search?q=comptabilte+{tag}&type=practice");
        // Both sheets carry the tag; the one matching both words comes first (the portal ranks partial matches lower).
        var found = portal.GetProperty("items").EnumerateArray().First();
        (found.GetProperty("kind").GetString(), found.GetProperty("id").GetGuid()).ShouldBe(("practice", sheet.Id));
        found.GetProperty("url").GetString()!.ShouldEndWith($"/ge/bonnes-pratiques/{sheet.Id}");
        (await visitor.GetPageAsync($"/recherche?q={tag}")).QuerySelector($".results a[href='/ge/bonnes-pratiques/{sheet.Id}']").ShouldNotBeNull();

        var api = await visitor.Http.GetFromJsonAsync<JsonElement>($"/api/v1/chambers/ge/practices?q={tag}&theme=cooperation");
        api.GetProperty("total").GetInt32().ShouldBe(1);
        api.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(sheet.Id);
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"/api/v1/chambers/vd/practices?q={tag}")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Staff_publish_a_position_paper_with_its_pdf_checked_from_the_bytes_and_members_cannot()
    {
        var tag = Tag();
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var form = await staff.GetPageAsync("/ge/gestion/bonnes-pratiques/nouvelle");
        List<KeyValuePair<string, string>> fields =
        [
            new("Input.Kind", "PositionPaper"),
            new("Input.Title", $"Position sur la fiscalité {tag}"),
            new("Input.Problem", "La chambre demande une exonération fiscale claire pour les entreprises à lucrativité limitée."),
            new("Input.Themes", "politiques"),
        ];

        var noPdf = await staff.PostMultipartAsync(form, "/ge/gestion/bonnes-pratiques/nouvelle", fields, []);
        noPdf.QuerySelector("#Input_Document-error")!.TextContent.ShouldBe("Ce champ est obligatoire.");
        var fake = await staff.PostMultipartAsync(form, "/ge/gestion/bonnes-pratiques/nouvelle", fields, [("Input.Document", "position.pdf", "application/pdf", "<html>%PDF-1.4</html>"u8.ToArray())]);
        fake.QuerySelector("#Input_Document-error")!.TextContent.ShouldContain("n'est pas un PDF complet");
        var chamberId = await app.ChamberIdAsync("ge");
        (await app.PracticesOfAsync(chamberId, $"Position sur la fiscalité {tag}")).ShouldBeEmpty();

        var pdf = PdfInspector.Minimal("Position fiscalite");
        var published = await staff.PostMultipartAsync(form, "/ge/gestion/bonnes-pratiques/nouvelle", fields, [("Input.Document", "position.bin", "application/octet-stream", pdf)]);
        var paper = (await app.PracticesOfAsync(chamberId, $"Position sur la fiscalité {tag}")).Single();
        (paper.Kind, paper.State, paper.AuthorOrganisationId).ShouldBe((PracticeKind.PositionPaper, ModerationState.Published, (Guid?)null));
        published.QuerySelector("#practice-document")!.GetAttribute("href").ShouldBe($"/ge/bonnes-pratiques/{paper.Id}/document.pdf");

        using var visitor = new WebClient(app);
        var download = await visitor.Http.GetAsync(new Uri($"/ge/bonnes-pratiques/{paper.Id}/document.pdf", UriKind.Relative));
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        (await visitor.Http.GetAsync(new Uri($"/vd/bonnes-pratiques/{paper.Id}/document.pdf", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var listed = await visitor.GetPageAsync("/ge/bonnes-pratiques?type=PositionPaper");
        listed.QuerySelector($"#practice-list li[data-id='{paper.Id}']").ShouldNotBeNull();

        // A member's form has no kind: whatever is posted, a member's sheet is a practice waiting for staff.
        var member = await app.NewMemberAsync("ge");
        using var author = await SignedInAsync(member.Email);
        var memberForm = await author.GetPageAsync(member.PracticesUrl());
        memberForm.QuerySelector("input[name='Input.Kind']").ShouldBeNull();
        await author.PostMultipartAsync(memberForm, member.PracticesUrl(), [.. fields, new("Input.Actions", "Une action décrite en plus de vingt caractères.")], [("Input.Document", "p.pdf", "application/pdf", pdf)]);
        var sheet = (await app.PracticesOfAsync(chamberId, $"Position sur la fiscalité {tag}")).Single(p => p.AuthorOrganisationId == member.Id);
        (sheet.Kind, sheet.State, sheet.DocumentId).ShouldBe((PracticeKind.Practice, ModerationState.Submitted, (Guid?)null));
        await author.GetPageAsync("/ge/gestion/bonnes-pratiques/nouvelle", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_event_page_links_the_practices_presented_there()
    {
        var member = await app.NewMemberAsync("ge");
        var chamberId = await app.ChamberIdAsync("ge");
        var cafe = await app.WithDbAsync(db => db.Set<AgendaEvent>().AsNoTracking().FirstAsync(e => e.ChamberId == chamberId && e.Status == EventStatus.Published && e.Visibility == EventVisibility.Public));
        var sheet = await app.PublishedPracticeAsync(member, "Un café qui change tout", ["cooperation"], [], eventId: cafe.Id);
        using var visitor = new WebClient(app);

        var eventPage = await visitor.GetPageAsync($"/ge/agenda/{cafe.Id}");

        eventPage.QuerySelector($"#event-practices a[href='/ge/bonnes-pratiques/{sheet.Id}']")!.TextContent.ShouldBe("Un café qui change tout");
        (await visitor.GetPageAsync($"/ge/bonnes-pratiques/{sheet.Id}")).QuerySelector($"#practice-event a[href='/ge/agenda/{cafe.Id}']").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_newsletter_draft_proposes_news_events_partner_searches_and_practices()
    {
        var tag = Tag();
        var member = await app.NewMemberAsync("ge");
        var news = await app.PublishedNewsAsync(member, $"Actualité pour la lettre {tag}");
        var practice = await app.PublishedPracticeAsync(member, $"Pratique pour la lettre {tag}", ["territoire"], []);
        var chamberId = await app.ChamberIdAsync("ge");
        var consortium = await app.WithDbAsync(async db =>
        {
            var notice = new TenderNotice { ChamberId = chamberId, Ocid = "ocds-test-" + tag, Title = $"Nettoyage des écoles {tag}", TenderDeadline = DateTime.UtcNow.AddDays(20), Source = "test", CreatedAt = DateTime.UtcNow };
            var forming = new Consortium { ChamberId = chamberId, NoticeId = notice.Id, LeadOrganisationId = member.Id, State = ConsortiumState.Forming, CreatedAt = DateTime.UtcNow };
            db.AddRange(notice, forming);
            await db.SaveChangesAsync();
            return forming;
        });
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);

        var compose = await staff.SubmitAsync(await staff.GetPageAsync("/ge/gestion/lettres"), "#create-newsletter", []);

        var issue = await app.WithDbAsync(db => db.Set<NewsletterIssue>().Include(i => i.Items).Where(i => i.ChamberId == chamberId).OrderByDescending(i => i.CreatedAt).FirstAsync());
        issue.Items.ShouldContain(i => i.Kind == NewsletterItemKind.News && i.SourceId == news.Id && i.Link == $"/ge/actualites/{news.Id}");
        issue.Items.ShouldContain(i => i.Kind == NewsletterItemKind.Practice && i.SourceId == practice.Id && i.Link == $"/ge/bonnes-pratiques/{practice.Id}");
        issue.Items.ShouldContain(i => i.Kind == NewsletterItemKind.Tender && i.SourceId == consortium.Id && i.Title == $"Nettoyage des écoles {tag}" && i.Text!.Contains(member.Name));
        issue.Items.ShouldContain(i => i.Kind == NewsletterItemKind.NewMember && i.SourceId == member.Id);
        var events = issue.Items.Where(i => i.Kind == NewsletterItemKind.Event).ToList();
        events.ShouldNotBeEmpty("the demo agenda has coming public events");
        var eventIds = events.Select(e => e.SourceId).ToList();
        var sources = await app.WithDbAsync(db => db.Set<AgendaEvent>().AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToListAsync());
        sources.ShouldAllBe(e => e.ChamberId == chamberId && e.Status == EventStatus.Published && e.Visibility == EventVisibility.Public && e.StartsAtUtc >= issue.PeriodTo);
        issue.Items.Select(i => i.Position).ShouldBe(Enumerable.Range(1, issue.Items.Count));
        compose.Text().ShouldContain($"Actualité pour la lettre {tag}");
        compose.Text().ShouldContain($"Pratique pour la lettre {tag}");
    }

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }
}

public sealed class PracticeTestsOnSqlite(SqliteApp app) : PracticeTests(app), IClassFixture<SqliteApp>;

public sealed class PracticeTestsOnPostgreSQL(PostgresApp app) : PracticeTests(app), IClassFixture<PostgresApp>;
