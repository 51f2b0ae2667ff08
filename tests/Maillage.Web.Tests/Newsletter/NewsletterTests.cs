using System.Net;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Newsletter;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Email;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Newsletter;

/// <summary>Subscribers (double opt-in, preferences, one-click unsubscribe, bounces) and the newsletter from composition to archive.</summary>
public abstract class NewsletterTests(MaillageApp app)
{
    [Theory]
    [InlineData("", "Indiquez votre adresse")]
    [InlineData("marie@exemple", "n'est pas valable")]
    [InlineData("marie@exemple.ch\r\nBcc: x@y.ch", "n'est pas valable")]
    [InlineData("marie@yopmail.fr", "adresses jetables")]
    public async Task Invalid_or_disposable_addresses_are_refused_with_a_clear_message(string email, string message)
    {
        using var visitor = new WebClient(app);
        var before = await app.CountAsync<Subscriber>();

        var page = await visitor.PostFormAsync("/ge/lettre", [new("Email", email)]);

        page.QuerySelector(".error-summary")!.TextContent.ShouldContain(message);
        page.QuerySelector("#signup-sent").ShouldBeNull();
        (await app.CountAsync<Subscriber>()).ShouldBe(before);
    }

    [Fact]
    public async Task Sign_up_is_confirmed_by_the_button_on_the_linked_page_not_by_opening_the_link()
    {
        var email = $"abonne-{Guid.NewGuid():N}@exemple.ch";
        using var visitor = new WebClient(app);

        var sent = await visitor.PostFormAsync("/ge/lettre", [new("Email", email), new("Events", "true")]);

        sent.QuerySelector("#signup-sent").ShouldNotBeNull();
        var mail = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.ToAddress == email));
        mail.Kind.ShouldBe(NewsletterKinds.Confirm);
        var link = new Uri(mail.TextBody.Split('\n').Single(l => l.Contains("/lettre/confirmer/", StringComparison.Ordinal)).Trim()).PathAndQuery;
        var confirmPage = await visitor.GetPageAsync(link);
        (await SubscriberAsync("ge", email)).State.ShouldBe(SubscriberState.Pending, "opening the link alone confirms nothing");

        var preferences = await visitor.SubmitAsync(confirmPage, "#confirm-form", []);

        preferences.QuerySelector("#confirmed").ShouldNotBeNull();
        var subscriber = await SubscriberAsync("ge", email);
        subscriber.State.ShouldBe(SubscriberState.Confirmed);
        subscriber.WantsNewsletter.ShouldBeTrue();
        subscriber.WantsEvents.ShouldBeTrue();
        subscriber.WantsTenders.ShouldBeFalse();
        (await visitor.Http.GetAsync(new Uri(link, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a confirmation link works once");

        // Preferences from the link: keep events only.
        await visitor.SubmitAsync(preferences, "#preferences-form", [new("Events", "true")]);
        subscriber = await SubscriberAsync("ge", email);
        subscriber.WantsNewsletter.ShouldBeFalse();
        subscriber.WantsEvents.ShouldBeTrue();
        subscriber.State.ShouldBe(SubscriberState.Confirmed);
    }

    [Fact]
    public async Task One_click_unsubscribe_works_as_RFC_8058_says_without_session_or_form_token_while_GET_only_asks()
    {
        var subscriber = await ConfirmedSubscriberAsync("vd");
        using var anonymous = new HttpClient { BaseAddress = app.Server.BaseAddress };
        using var plain = app.CreateClient();

        var page = await plain.GetAsync(new Uri($"/vd/lettre/desabonnement/{subscriber.Token}", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("unsubscribe-form");
        (await SubscriberAsync("vd", subscriber.Email)).State.ShouldBe(SubscriberState.Confirmed, "GET changes nothing");

        using var body = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        var response = await plain.PostAsync(new Uri($"/vd/lettre/desabonnement/{subscriber.Token}", UriKind.Relative), body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await SubscriberAsync("vd", subscriber.Email);
        after.State.ShouldBe(SubscriberState.Unsubscribed);
        after.WantsNewsletter.ShouldBeFalse();
        (await plain.PostAsync(new Uri($"/ge/lettre/desabonnement/{subscriber.Token}", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a token belongs to its chamber");
        (await plain.PostAsync(new Uri("/vd/lettre/preferences/" + subscriber.Token, UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "every other form keeps its anti-forgery check");
    }

    [Fact]
    public async Task Staff_compose_from_the_periods_content_edit_and_send_one_copy_per_person_then_it_is_archived()
    {
        var member = await app.NewMemberAsync("ge", "Coopérative Lettre " + Guid.NewGuid().ToString("N")[..6]);
        var both = await app.CreateUserAsync(member.Id);
        await SubscribeAsync("ge", both.Email!.ToUpperInvariant());
        var subscriberOnly = await ConfirmedSubscriberAsync("ge");
        var leaver = await ConfirmedSubscriberAsync("ge");
        var bounced = await ConfirmedSubscriberAsync("ge");
        await app.WithDbAsync(async db =>
        {
            var l = await db.Set<Subscriber>().SingleAsync(s => s.Id == leaver.Id);
            l.State = SubscriberState.Unsubscribed;
            var b = await db.Set<Subscriber>().SingleAsync(s => s.Id == bounced.Id);
            b.BouncedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);

        var list = await staff.GetPageAsync("/ge/gestion/lettres");
        var compose = await staff.SubmitAsync(list, "#create-newsletter", []);

        var rows = compose.QuerySelectorAll("#items tbody tr");
        var memberRow = rows.Single(r => r.GetAttribute("data-source") == member.Id.ToString());
        memberRow.GetAttribute("data-kind").ShouldBe("NewMember");
        var issueId = Guid.Parse(compose.QuerySelector("#email-preview")!.GetAttribute("href")!.Split('/')[4].Split('?')[0]);

        // Keep only the new member, renamed, and add a text that goes first.
        var fields = new List<KeyValuePair<string, string>> { new("Subject", "Les nouvelles de l'APRÈS-GE — test"), new("Intro", "Chères et chers membres,\n\nvoici les nouvelles.") };
        for (var i = 0; i < rows.Length; i++)
        {
            var id = rows[i].QuerySelector("input[type=hidden]")!.GetAttribute("value")!;
            fields.Add(new($"Items[{i}].Id", id));
            fields.Add(new($"Items[{i}].Position", (i + 5).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            fields.Add(new($"Items[{i}].Title", rows[i] == memberRow ? "Bienvenue à notre coopérative" : "x"));
            if (rows[i] == memberRow)
            {
                fields.Add(new($"Items[{i}].Included", "true"));
                fields.Add(new($"Items[{i}].Link", $"/ge/membres/{member.Slug}"));
            }
        }

        var withBadLink = fields.Append(new("NewTitle", "Piège")).Append(new("NewLink", "javascript:alert(1)")).ToList();
        var refused = await staff.PostAsync($"/ge/gestion/lettres/{issueId}?handler=Save", withBadLink.Prepend(Token(compose)));
        refused.QuerySelector(".error-summary")!.TextContent.ShouldContain("https://");
        var saved = await staff.PostAsync($"/ge/gestion/lettres/{issueId}?handler=Save", fields.Append(new("NewTitle", "Assemblée générale le 12 mars")).Append(new("NewText", "Réservez la date.")).Prepend(Token(compose)));
        saved.QuerySelector("#preview")!.TextContent.ShouldContain("Bienvenue à notre coopérative");
        saved.QuerySelector("#preview")!.TextContent.ShouldContain("Assemblée générale le 12 mars");
        var email = await staff.Http.GetAsync(new Uri($"/ge/gestion/lettres/{issueId}?handler=Email", UriKind.Relative));
        (await email.Content.ReadAsStringAsync()).ShouldContain("Bienvenue à notre coopérative");

        var outboxBefore = await app.CountAsync<Maillage.Web.Data.OutboxMessage>();
        var sent = await staff.PostAsync($"/ge/gestion/lettres/{issueId}?handler=Send", fields.Prepend(Token(saved)));
        sent.QuerySelector(".flash")!.TextContent.ShouldContain("un exemplaire chacun");

        var genevaId = await app.ChamberIdAsync("ge");
        var copies = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == NewsletterKinds.Issue && m.ChamberId == genevaId && m.Subject == "Les nouvelles de l'APRÈS-GE — test").ToListAsync());
        var keys = copies.Select(c => c.ToAddress.ToLowerInvariant()).ToList();
        keys.Distinct().Count().ShouldBe(keys.Count, "one copy per person");
        keys.ShouldContain(both.Email!.ToLowerInvariant());
        keys.ShouldContain(subscriberOnly.Email.ToLowerInvariant());
        keys.ShouldNotContain(leaver.Email.ToLowerInvariant());
        keys.ShouldNotContain(bounced.Email.ToLowerInvariant());
        copies.ShouldAllBe(c => c.UnsubscribeUrl != null && c.Priority == EmailOutbox.BulkPriority);
        var mine = copies.Single(c => c.ToAddress == subscriberOnly.Email);
        mine.UnsubscribeUrl!.ShouldEndWith($"/ge/lettre/desabonnement/{subscriberOnly.Token}");
        mine.TextBody.ShouldContain("Bienvenue à notre coopérative");
        mine.TextBody.ShouldNotContain("\nx\n");
        mine.HtmlBody!.IndexOf("Assemblée générale", StringComparison.Ordinal).ShouldBeGreaterThan(mine.HtmlBody.IndexOf("Bienvenue à notre", StringComparison.Ordinal), "an added text comes after the chosen items");
        (await app.CountAsync<Maillage.Web.Data.OutboxMessage>()).ShouldBe(outboxBefore + copies.Count);

        using var visitor = new WebClient(app);
        var archive = await visitor.GetPageAsync("/ge/lettre");
        archive.QuerySelector("#archive")!.TextContent.ShouldContain("Les nouvelles de l'APRÈS-GE — test");
        (await visitor.GetPageAsync($"/ge/lettre/{issueId}")).QuerySelector("#issue")!.TextContent.ShouldContain("Bienvenue à notre coopérative");
        (await visitor.Http.GetAsync(new Uri($"/vd/lettre/{issueId}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var vaudStaff = new WebClient(app);
        await vaudStaff.SignInAsync(DemoAccounts.VaudStaff);
        (await vaudStaff.Http.GetAsync(new Uri($"/vd/gestion/lettres/{issueId}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_statutory_notice_reaches_members_who_left_the_newsletter_but_not_plain_subscribers()
    {
        var member = await app.NewMemberAsync("vd", "Association Statuts " + Guid.NewGuid().ToString("N")[..6]);
        var person = await app.CreateUserAsync(member.Id);
        await SubscribeAsync("vd", person.Email!);
        await app.WithDbAsync(async db =>
        {
            var s = await db.Set<Subscriber>().SingleAsync(x => x.Email == person.Email);
            s.State = SubscriberState.Unsubscribed;
            s.WantsNewsletter = false;
            await db.SaveChangesAsync();
        });
        var outsider = await ConfirmedSubscriberAsync("vd");
        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.VaudStaff);

        var compose = await staff.SubmitAsync(await staff.GetPageAsync("/vd/gestion/lettres"), "#create-statutory", []);
        var issueId = compose.QuerySelector("#email-preview")!.GetAttribute("href")!.Split('/')[4].Split('?')[0];
        await staff.PostAsync($"/vd/gestion/lettres/{issueId}?handler=Send", [Token(compose), new("Subject", "Convocation à l'assemblée générale"), new("Intro", "L'assemblée aura lieu le 20 mars.")]);

        var copies = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == NewsletterKinds.Statutory && m.Subject == "Convocation à l'assemblée générale").ToListAsync());
        copies.ShouldContain(c => c.ToAddress == person.Email);
        copies.ShouldNotContain(c => c.ToAddress == outsider.Email);
        copies.ShouldAllBe(c => c.UnsubscribeUrl == null, "members cannot leave the statutory channel");
        (await new WebClient(app).GetPageAsync("/vd/lettre")).Text().ShouldNotContain("Convocation à l'assemblée générale");
    }

    [Fact]
    public async Task A_hard_bounce_marks_the_subscriber_and_stops_the_next_newsletter()
    {
        var email = $"rejet-permanent-{Guid.NewGuid():N}@exemple.ch";
        await SubscribeAsync("ge", email);
        var chamberId = await app.ChamberIdAsync("ge");
        await app.WithDbAsync(async db =>
        {
            var outbox = new EmailOutbox(db, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new Maillage.Web.Infrastructure.MaillageOptions()), new Microsoft.AspNetCore.Http.HttpContextAccessor());
            outbox.QueueBulk(chamberId, email, "Lettre", "Texte", "<p>Texte</p>", NewsletterKinds.Issue, "https://maillage.example/x");
            await db.SaveChangesAsync();
        });
        using var dispatcher = new OutboxDispatcher(app.Services.GetRequiredService<IServiceScopeFactory>(), Microsoft.Extensions.Options.Options.Create(SmtpSink.Shared.Options()), TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);
        while (await dispatcher.RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        (await SubscriberAsync("ge", email)).BouncedAt.ShouldNotBeNull();
        var recipients = await app.WithDbAsync(async db =>
        {
            var desk = ActivatorUtilities.CreateInstance<NewsletterDesk>(app.Services.CreateScope().ServiceProvider, db);
            var chamber = await db.Chambers.SingleAsync(c => c.Id == chamberId);
            return await desk.RecipientsAsync(chamber, NewsletterAudience.Subscribers, CancellationToken.None);
        });
        recipients.Keys.ShouldNotContain(email);
    }

    private static KeyValuePair<string, string> Token(AngleSharp.Html.Dom.IHtmlDocument page) =>
        new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!);

    private Task<Subscriber> SubscriberAsync(string chamber, string email) => app.WithDbAsync(async db =>
    {
        var chamberId = await db.Chambers.Where(c => c.Slug == chamber).Select(c => c.Id).SingleAsync();
        var key = email.ToLowerInvariant();
        return await db.Set<Subscriber>().AsNoTracking().SingleAsync(s => s.ChamberId == chamberId && s.EmailKey == key);
    });

    private async Task<Subscriber> ConfirmedSubscriberAsync(string chamber)
    {
        var email = $"lecteur-{Guid.NewGuid():N}@exemple.ch";
        await SubscribeAsync(chamber, email);
        return await SubscriberAsync(chamber, email);
    }

    private async Task SubscribeAsync(string chamber, string email)
    {
        var chamberId = await app.ChamberIdAsync(chamber);
        await app.WithDbAsync(async db =>
        {
            db.Add(new Subscriber { ChamberId = chamberId, Email = email, EmailKey = email.ToLowerInvariant(), State = SubscriberState.Confirmed, CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
    }
}

public sealed class NewsletterTestsOnSqlite(SqliteApp app) : NewsletterTests(app), IClassFixture<SqliteApp>;

public sealed class NewsletterTestsOnPostgreSQL(PostgresApp app) : NewsletterTests(app), IClassFixture<PostgresApp>;
