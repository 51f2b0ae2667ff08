using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Maillage.Domain.Publications;
using Maillage.Domain.Tests.Offers;
using Maillage.Web.Features.Publications;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Publications;

/// <summary>Member news from submission to the public site and the feed, through moderation, on each engine.</summary>
public abstract class NewsTests(MaillageApp app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static List<KeyValuePair<string, string>> NewsForm(string title, string body = "<p>Notre atelier ouvre ses portes samedi : <strong>venez nombreux</strong>.</p>", string link = "https://atelier.example/portes") =>
        [new("Input.Title", title), new("Input.Body", body), new("Input.Link", link)];

    [Fact]
    public async Task A_member_submits_news_staff_publish_it_the_public_sees_it_and_the_author_is_told()
    {
        var member = await app.NewMemberAsync("ge");
        var title = $"Portes ouvertes {Guid.NewGuid():N}"[..30];
        using var author = await SignedInAsync(member.Email);
        var form = await author.GetPageAsync(member.NewsUrl());

        var sent = await author.SubmitAsync(form, "#news-form", NewsForm(title));

        sent.QuerySelector(".flash")!.TextContent.ShouldContain("est envoyée à la chambre");
        var item = (await app.NewsOfAsync(member.Id)).Single();
        (item.Title, item.State, item.Link).ShouldBe((title, ModerationState.Submitted, "https://atelier.example/portes"));
        sent.QuerySelector($"#my-news tr[data-id='{item.Id}'] .state")!.TextContent.ShouldBe("En attente de la chambre");
        using var visitor = new WebClient(app);
        await visitor.GetPageAsync($"/ge/actualites/{item.Id}", HttpStatusCode.NotFound);
        (await visitor.GetPageAsync("/ge/actualites")).QuerySelector($"#news-list li[data-id='{item.Id}']").ShouldBeNull();

        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var queue = await staff.GetPageAsync("/ge/gestion/actualites");
        queue.QuerySelector($"#news-queue tr[data-id='{item.Id}']").ShouldNotBeNull();
        var review = await staff.GetPageAsync($"/ge/gestion/actualites/{item.Id}");
        review.QuerySelector("#news-preview strong")!.TextContent.ShouldBe("venez nombreux");
        await staff.SubmitAsync(review, "#moderate-form", [new("Message", string.Empty), new("action", "Publish")]);

        var published = await app.NewsAsync(item.Id);
        published!.State.ShouldBe(ModerationState.Published);
        published.PublishedAt.ShouldNotBeNull();
        var list = await visitor.GetPageAsync("/ge/actualites");
        list.QuerySelector($"#news-list li[data-id='{item.Id}'] h2 a")!.TextContent.ShouldBe(title);
        list.QuerySelector("head link[rel='alternate'][type='application/atom+xml']")!.GetAttribute("href").ShouldBe("/ge/actualites/flux.atom");
        var page = await visitor.GetPageAsync($"/ge/actualites/{item.Id}");
        page.QuerySelector("#news-item h1")!.TextContent.ShouldBe(title);
        page.QuerySelector("#news-link")!.GetAttribute("href").ShouldBe("https://atelier.example/portes");

        var notifications = await app.NotificationsOfAsync(member.Email);
        notifications.Single(n => n.Kind == PublicationKinds.NewsModerated).Link.ShouldBe($"/ge/actualites/{item.Id}");
        var mail = (await app.MailsToAsync(member.Email, PublicationKinds.NewsModerated)).Single();
        mail.Subject.ShouldBe($"Votre actualité est publiée : {title}");
        mail.TextBody.ShouldContain($"/ge/actualites/{item.Id}");
    }

    [Fact]
    public async Task Changes_are_asked_with_a_message_the_member_corrects_and_resubmits_then_a_refusal_is_final()
    {
        var member = await app.NewMemberAsync("ge");
        using var author = await SignedInAsync(member.Email);
        await author.SubmitAsync(await author.GetPageAsync(member.NewsUrl()), "#news-form", NewsForm("Rapport annuel en ligne"));
        var item = (await app.NewsOfAsync(member.Id)).Single();
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var review = await staff.GetPageAsync($"/ge/gestion/actualites/{item.Id}");

        var missing = await staff.SubmitAsync(review, "#moderate-form", [new("Message", "  "), new("action", "RequestChanges")]);
        missing.FieldError("Message").ShouldBe("Écrivez à l'auteur ce qu'il faut changer ou pourquoi vous refusez.");
        (await app.NewsAsync(item.Id))!.State.ShouldBe(ModerationState.Submitted);

        await staff.SubmitAsync(review, "#moderate-form", [new("Message", "Ajoutez deux chiffres clés."), new("action", "RequestChanges")]);
        (await app.NewsAsync(item.Id))!.State.ShouldBe(ModerationState.ChangesRequested);
        (await app.NotificationsOfAsync(member.Email)).Single(n => n.Kind == PublicationKinds.NewsModerated).Link.ShouldBe($"/ge/espace/{member.Slug}/actualites/{item.Id}");
        (await app.MailsToAsync(member.Email, PublicationKinds.NewsModerated)).Single().TextBody.ShouldContain("Ajoutez deux chiffres clés.");

        var edit = await author.GetPageAsync($"{member.NewsUrl()}/{item.Id}");
        edit.QuerySelector("#changes-requested")!.TextContent.ShouldContain("Ajoutez deux chiffres clés.");
        edit.FieldValue("Input.Title").ShouldBe("Rapport annuel en ligne");
        var invalid = await author.SubmitAsync(edit, "#news-form", NewsForm("Rapport annuel en ligne", link: "javascript:alert(1)"));
        invalid.FieldError("Input.Link").ShouldNotBeNullOrEmpty();
        await author.SubmitAsync(edit, "#news-form", NewsForm("Rapport annuel : 120 emplois, 3 sites", body: "<p>Nous comptons 120 emplois sur 3 sites cette année.</p>"));
        var resubmitted = await app.NewsAsync(item.Id);
        (resubmitted!.State, resubmitted.Title, resubmitted.ModerationMessage).ShouldBe((ModerationState.Submitted, "Rapport annuel : 120 emplois, 3 sites", "Ajoutez deux chiffres clés."));

        await staff.SubmitAsync(await staff.GetPageAsync($"/ge/gestion/actualites/{item.Id}"), "#moderate-form", [new("Message", "Contenu publicitaire."), new("action", "Refuse")]);
        var refused = await app.NewsAsync(item.Id);
        (refused!.State, refused.ModerationMessage).ShouldBe((ModerationState.Refused, "Contenu publicitaire."));
        (await app.MailsToAsync(member.Email, PublicationKinds.NewsModerated)).Count.ShouldBe(2);
        (await staff.GetPageAsync($"/ge/gestion/actualites/{item.Id}")).QuerySelector("#moderate-form").ShouldBeNull("a refusal is final");
        var forbidden = await author.Http.PostAsync(new Uri($"{member.NewsUrl()}/{item.Id}", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", edit.Token()), .. NewsForm("Encore")]));
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var visitor = new WebClient(app);
        await visitor.GetPageAsync($"/ge/actualites/{item.Id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_chambers_ids_give_404_everywhere()
    {
        var geneva = await app.NewMemberAsync("ge");
        var vaud = await app.NewMemberAsync("vd");
        var item = await app.PublishedNewsAsync(geneva, "Actualité genevoise seulement");
        var sheet = await app.PublishedPracticeAsync(geneva, "Pratique genevoise seulement", ["gouvernance"], ["logement"]);
        using var visitor = new WebClient(app);
        await visitor.GetPageAsync($"/ge/actualites/{item.Id}");
        await visitor.GetPageAsync($"/vd/actualites/{item.Id}", HttpStatusCode.NotFound);
        (await visitor.Http.GetAsync(new Uri($"/vd/actualites/{item.Id}/image", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await visitor.GetPageAsync($"/vd/bonnes-pratiques/{sheet.Id}", HttpStatusCode.NotFound);
        (await visitor.Http.GetStringAsync(new Uri("/api/v1/chambers/vd/news", UriKind.Relative))).ShouldNotContain(item.Id.ToString());
        (await visitor.Http.GetStringAsync(new Uri("/api/v1/chambers/ge/news", UriKind.Relative))).ShouldContain(item.Id.ToString());
        (await visitor.Http.GetStringAsync(new Uri("/vd/actualites/flux.atom", UriKind.Relative))).ShouldNotContain(item.Id.ToString());

        using var vaudStaff = await SignedInAsync(DemoAccounts.VaudStaff);
        await vaudStaff.GetPageAsync($"/vd/gestion/actualites/{item.Id}", HttpStatusCode.NotFound);
        await vaudStaff.GetPageAsync($"/vd/gestion/bonnes-pratiques/{sheet.Id}", HttpStatusCode.NotFound);
        using var vaudMember = await SignedInAsync(vaud.Email);
        await vaudMember.GetPageAsync($"{vaud.NewsUrl("vd")}/{item.Id}", HttpStatusCode.NotFound);
        await vaudMember.GetPageAsync($"/vd/espace/{geneva.Slug}/actualites", HttpStatusCode.NotFound);
        await vaudMember.GetPageAsync($"{vaud.PracticesUrl("vd")}/{sheet.Id}", HttpStatusCode.NotFound);
        (await app.NewsAsync(item.Id))!.State.ShouldBe(ModerationState.Published);
    }

    [Fact]
    public async Task The_atom_feed_has_absolute_links_correct_dates_and_escaped_content()
    {
        var member = await app.NewMemberAsync("vd");
        var older = await app.PublishedNewsAsync(member, "Ancienne nouvelle du réseau", "vd", at: DateTime.UtcNow.AddDays(-3));
        var tricky = await app.PublishedNewsAsync(member, "Café & « bonnes pratiques » <3", "vd", rawBody: "<p>Texte <em>important</em> &amp; sûr</p>", at: DateTime.UtcNow.AddMinutes(-1));
        using var visitor = new WebClient(app);

        var response = await visitor.Http.GetAsync(new Uri("/vd/actualites/flux.atom", UriKind.Relative));

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        feed.Name.ShouldBe(Atom + "feed");
        var self = feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self");
        new Uri((string)self.Attribute("href")!).IsAbsoluteUri.ShouldBeTrue();
        ((string)self.Attribute("href")!).ShouldEndWith("/vd/actualites/flux.atom");
        var entries = feed.Elements(Atom + "entry").ToList();
        var ids = entries.Select(e => (string)e.Element(Atom + "id")!).ToList();
        ids.IndexOf("urn:uuid:" + tricky.Id).ShouldBeLessThan(ids.IndexOf("urn:uuid:" + older.Id), "newest first");
        var published = entries.Select(e => DateTime.Parse((string)e.Element(Atom + "published")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).ToList();
        published.ShouldBe(published.OrderByDescending(d => d).ToList());

        var entry = entries.Single(e => (string)e.Element(Atom + "id")! == "urn:uuid:" + tricky.Id);
        ((string)entry.Element(Atom + "title")!).ShouldBe("Café & « bonnes pratiques » <3");
        var stamp = (string)entry.Element(Atom + "published")!;
        stamp.ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$");
        DateTime.Parse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).ShouldBe(tricky.PublishedAt!.Value, TimeSpan.FromSeconds(1));
        var alternate = (string)entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!;
        new Uri(alternate).AbsolutePath.ShouldBe($"/vd/actualites/{tricky.Id}");
        var content = entry.Element(Atom + "content")!;
        ((string?)content.Attribute("type")).ShouldBe("html");
        content.Value.ShouldBe("<p>Texte <em>important</em> &amp; sûr</p>", "the HTML travels as escaped text, decoded once by the reader");
        ((string)entry.Element(Atom + "summary")!).ShouldBe("Texte important & sûr");
        ((string)entry.Element(Atom + "author")!.Element(Atom + "name")!).ShouldBe(member.Name);
    }

    [Fact]
    public async Task Hostile_html_is_harmless_whether_submitted_or_found_in_the_database()
    {
        const string Hostile = "<p onmouseover=\"alert(1)\">Salut à toutes et à tous<script>alert(2)</script></p><img src=x onerror=alert(3)><a href=\"jav&#x61;script:alert(4)\">clic</a><svg onload=alert(5)></svg><a href=\"https://ok.example/\" onclick=\"alert(6)\">ok</a><iframe src=\"javascript:alert(7)\"></iframe>";
        var member = await app.NewMemberAsync("ge");
        using var author = await SignedInAsync(member.Email);
        await author.SubmitAsync(await author.GetPageAsync(member.NewsUrl()), "#news-form", NewsForm("Une actualité piégée", body: Hostile));
        var submitted = (await app.NewsOfAsync(member.Id)).Single();
        submitted.BodyHtml.ShouldBe("<p>Salut à toutes et à tous</p>clic<a href=\"https://ok.example/\" rel=\"nofollow noopener noreferrer\">ok</a>");

        // Written around the sanitiser (an import, an old row): the page sanitises again when it renders.
        var stored = await app.PublishedNewsAsync(member, "Stockée telle quelle", rawBody: Hostile);
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync($"/ge/actualites/{stored.Id}");
        var text = page.QuerySelector("#news-text")!;
        text.QuerySelectorAll("script, img, svg, iframe").Length.ShouldBe(0);
        text.QuerySelectorAll("*").SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
        text.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldBe(["https://ok.example/"]);
        text.TextContent.ShouldContain("Salut");
        page.QuerySelectorAll("script").Where(s => s.TextContent.Contains("alert", StringComparison.Ordinal)).ShouldBeEmpty();

        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var review = await staff.GetPageAsync($"/ge/gestion/actualites/{stored.Id}");
        review.QuerySelectorAll("#news-preview script, #news-preview img, #news-preview svg").Length.ShouldBe(0);
        (await visitor.Http.GetStringAsync(new Uri("/api/v1/chambers/ge/news", UriKind.Relative))).ShouldNotContain("onmouseover");
    }

    [Fact]
    public async Task An_image_is_checked_from_its_bytes_and_served_with_its_detected_type()
    {
        var member = await app.NewMemberAsync("ge");
        using var author = await SignedInAsync(member.Email);
        var form = await author.GetPageAsync(member.NewsUrl());

        var refused = await author.PostMultipartAsync(form, member.NewsUrl(), [.. NewsForm("Nouvelle photo de l'atelier"), new("Input.ImageAlt", "L'atelier")], [("Input.Image", "photo.png", "image/png", "<svg onload=alert(1)>"u8.ToArray())]);
        refused.FieldError("Input.Image")!.ShouldContain("n'est pas une image JPEG, PNG ou WebP");
        (await app.NewsOfAsync(member.Id)).ShouldBeEmpty();
        var noAlt = await author.PostMultipartAsync(form, member.NewsUrl(), NewsForm("Nouvelle photo de l'atelier"), [("Input.Image", "photo.png", "image/png", TestImages.Png(6, 4))]);
        noAlt.FieldError("Input.ImageAlt").ShouldNotBeNullOrEmpty();

        await author.PostMultipartAsync(form, member.NewsUrl(), [.. NewsForm("Nouvelle photo de l'atelier"), new("Input.ImageAlt", "L'atelier")], [("Input.Image", "photo.jpg", "application/octet-stream", TestImages.Png(6, 4))]);
        var item = (await app.NewsOfAsync(member.Id)).Single();
        item.ImageId.ShouldNotBeNull();
        var preview = await author.Http.GetAsync(new Uri($"/ge/actualites/{item.Id}/image", UriKind.Relative));
        preview.StatusCode.ShouldBe(HttpStatusCode.OK, "the author sees the picture before publication");
        preview.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        preview.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        using var visitor = new WebClient(app);
        (await visitor.Http.GetAsync(new Uri($"/ge/actualites/{item.Id}/image", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "not public before publication");
    }

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }
}

public sealed class NewsTestsOnSqlite(SqliteApp app) : NewsTests(app), IClassFixture<SqliteApp>;

public sealed class NewsTestsOnPostgreSQL(PostgresApp app) : NewsTests(app), IClassFixture<PostgresApp>;
