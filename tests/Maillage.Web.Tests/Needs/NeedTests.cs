using AngleSharp.Html.Dom;
using Maillage.Domain.Needs;
using Maillage.Web.Features.Needs;
using Maillage.Web.Features.Notifications;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Needs;

/// <summary>Members post needs, the right members hear of them and answer, needs close and group, on each engine.</summary>
public abstract class NeedTests(MaillageApp app)
{
    private static string Tag() => "k" + Guid.NewGuid().ToString("N")[..7];

    [Fact]
    public async Task Invalid_needs_are_refused_next_to_their_field_in_french_and_write_nothing()
    {
        var poster = await app.PlacedMemberAsync("ge", NeedsFixtures.Geneva);
        using var client = await SignedInAsync(poster.Email);
        var page = await client.GetPageAsync(poster.NeedsUrl());
        page.FieldValue("Input.Town").ShouldBe("Genève", "the place defaults to the organisation's");
        var needsBefore = await app.CountAsync<Need>();
        var notificationsBefore = await app.CountAsync<Notification>();
        var mailsBefore = await app.CountAsync<Maillage.Web.Data.OutboxMessage>();

        async Task<IHtmlDocument> Post(List<KeyValuePair<string, string>> form)
        {
            var result = await client.SubmitAsync(page, "#need-form", form);
            result.QuerySelector(".error-summary").ShouldNotBeNull(result.QuerySelector(".flash")?.TextContent);
            return result;
        }

        var reversed = await Post(NeedsFixtures.NeedForm("Transport de palettes", fromDays: 20, untilDays: 10));
        reversed.FieldError("Input.DateUntil").ShouldBe("La fin ne peut pas précéder le début.");
        reversed.FieldValue("Input.Title").ShouldBe("Transport de palettes", "what was typed stays");

        (await Post(NeedsFixtures.NeedForm("Transport de palettes", budget: "-50"))).FieldError("Input.Budget").ShouldBe("Le montant doit être supérieur à zéro.");
        (await Post(NeedsFixtures.NeedForm("Transport de palettes", budget: "beaucoup"))).FieldError("Input.Budget").ShouldBe("Montant invalide (p. ex. 1234.50 ou 1'234,50).");
        (await Post(NeedsFixtures.NeedForm("  "))).FieldError("Input.Title").ShouldBe("Ce champ est obligatoire.");
        (await Post(NeedsFixtures.NeedForm("Transport de palettes", fromDays: -10, untilDays: -2))).FieldError("Input.DateUntil").ShouldBe("Cette date est passée.");
        (await Post(NeedsFixtures.NeedForm("Transport de palettes", category: "n-importe-quoi"))).FieldError("Input.Category").ShouldBe("Choix invalide.");
        (await Post(NeedsFixtures.NeedForm("Transport de palettes", canton: "XX"))).FieldError("Input.Canton").ShouldNotBeNullOrEmpty();
        (await Post(NeedsFixtures.NeedForm("Transport de palettes", budget: "50").With("Input.CurrencyAmount", "80"))).FieldError("Input.CurrencyAmount").ShouldBe("La part en monnaie complémentaire ne peut pas dépasser le budget.");

        (await app.CountAsync<Need>()).ShouldBe(needsBefore);
        (await app.CountAsync<Notification>()).ShouldBe(notificationsBefore);
        (await app.CountAsync<Maillage.Web.Data.OutboxMessage>()).ShouldBe(mailsBefore);
    }

    [Fact]
    public async Task A_matching_member_is_told_in_app_and_by_email_answers_and_the_poster_is_told_back_others_hear_nothing()
    {
        var tag = Tag();
        var poster = await app.PlacedMemberAsync("ge", NeedsFixtures.Geneva);
        var courier = await app.PlacedMemberAsync("ge", (46.21, 6.15));
        var teacher = await app.PlacedMemberAsync("ge", (46.20, 6.14));
        var vaudois = await app.PlacedMemberAsync("vd", NeedsFixtures.Lausanne);
        var courierOffer = await app.PublishedOfferAsync(courier, $"Transport de palettes {tag}", "logistique/livraison");
        await app.PublishedOfferAsync(teacher, "Cours de yoga", "formation/cours");
        await app.PublishedOfferAsync(vaudois, $"Transport de palettes {tag}", "logistique/livraison", "vd");
        await app.PublishedOfferAsync(poster, $"Transport de palettes {tag}", "logistique/livraison");

        using var p = await SignedInAsync(poster.Email);
        var form = await p.GetPageAsync(poster.NeedsUrl());
        var posted = await p.SubmitAsync(form, "#need-form", NeedsFixtures.NeedForm($"Transport de palettes {tag} Genève–Lausanne"));
        posted.QuerySelector(".flash")!.TextContent.ShouldStartWith($"Besoin « Transport de palettes {tag} Genève–Lausanne » publié");
        var need = (await app.NeedsOfAsync(poster.Id)).Single();
        (need.Details.BudgetMinor, need.Details.CurrencyAmountMinor, need.State).ShouldBe((35000L, (long?)10000L, NeedState.Open));

        // The poster sees who was proposed and why, never itself.
        var match = posted.QuerySelector($"#matches li[data-organisation='{courier.Id}']");
        match.ShouldNotBeNull();
        match.TextContent.ShouldContain("même catégorie (Livraison et coursiers)");
        match.TextContent.ShouldContain("offre publiée et valable à vos dates");
        match.QuerySelector($"a[href='/ge/offres/{courierOffer}']").ShouldNotBeNull();
        posted.QuerySelector($"#matches li[data-organisation='{poster.Id}']").ShouldBeNull();
        posted.QuerySelector($"#matches li[data-organisation='{vaudois.Id}']").ShouldBeNull();

        var toCourier = (await app.NotificationsOfAsync(courier.Email)).ShouldHaveSingleItem();
        (toCourier.Kind, toCourier.Link, toCourier.ReadAt).ShouldBe((NeedEmailKinds.NeedMatch, $"/ge/besoins/{need.Id}", (DateTime?)null));
        (await app.OutboxCountAsync(courier.Email, NeedEmailKinds.NeedMatch)).ShouldBe(1);
        (await app.NotificationsOfAsync(teacher.Email)).ShouldBeEmpty();
        (await app.OutboxCountAsync(teacher.Email, NeedEmailKinds.NeedMatch)).ShouldBe(0);
        (await app.NotificationsOfAsync(vaudois.Email)).ShouldBeEmpty();
        (await app.OutboxCountAsync(vaudois.Email, NeedEmailKinds.NeedMatch)).ShouldBe(0);

        // The courier sees the bell, opens the notification, answers.
        using var c = await SignedInAsync(courier.Email);
        var list = await c.GetPageAsync("/notifications");
        list.QuerySelector(".bell-count")!.TextContent.ShouldBe("1");
        list.QuerySelector($"li[data-notification='{toCourier.Id}']")!.TextContent.ShouldContain($"{poster.Name} cherche : Transport de palettes {tag} Genève–Lausanne");
        var needPage = await c.SubmitAsync(list, $"form[action*='handler=Open'][action*='{toCourier.Id}']", []);
        needPage.QuerySelector("h1")!.TextContent.ShouldBe($"Transport de palettes {tag} Genève–Lausanne");
        needPage.QuerySelector("#matches").ShouldBeNull("only the poster sees who else was proposed");
        needPage.QuerySelector(".bell-count").ShouldBeNull("opening it marked it read");
        var empty = await c.SubmitAsync(needPage, ".message-form", [new("ThreadId", courier.Id.ToString()), new("Body", " ")]);
        empty.QuerySelector(".field-error")!.TextContent.ShouldBe("Écrivez un message.");
        var answered = await c.SubmitAsync(needPage, ".message-form", [new("ThreadId", courier.Id.ToString()), new("Body", "Nous pouvons le faire le mardi, 160 francs le trajet.")]);
        answered.QuerySelector($"#fil-{courier.Id}")!.TextContent.ShouldContain("160 francs le trajet");

        var toPoster = (await app.NotificationsOfAsync(poster.Email)).ShouldHaveSingleItem();
        toPoster.Kind.ShouldBe(NeedEmailKinds.NeedMessage);
        (await app.OutboxCountAsync(poster.Email, NeedEmailKinds.NeedMessage)).ShouldBe(1);

        // The poster reads the answer and replies in the same thread; the courier is told.
        var posterView = await p.GetPageAsync($"/ge/besoins/{need.Id}");
        posterView.QuerySelector($"#fil-{courier.Id}")!.TextContent.ShouldContain("160 francs le trajet");
        await p.SubmitAsync(posterView, $"#fil-{courier.Id} .message-form", [new("ThreadId", courier.Id.ToString()), new("Body", "Parfait, à mardi !")]);
        (await app.MessagesOfAsync(need.Id)).Select(m => (m.ResponderOrganisationId, m.SenderOrganisationId)).ShouldBe([(courier.Id, courier.Id), (courier.Id, poster.Id)], ignoreOrder: true);
        (await app.NotificationsOfAsync(courier.Email)).Count(n => n.Kind == NeedEmailKinds.NeedMessage).ShouldBe(1);

        // A member who was not proposed may still answer, but sees only its own thread.
        using var t = await SignedInAsync(teacher.Email);
        var teacherView = await t.GetPageAsync($"/ge/besoins/{need.Id}");
        teacherView.Text().ShouldNotContain("160 francs le trajet");

        // Another chamber never sees it.
        using var v = await SignedInAsync(vaudois.Email);
        await v.GetPageAsync($"/ge/besoins/{need.Id}", System.Net.HttpStatusCode.NotFound);
        await v.GetPageAsync($"/vd/besoins/{need.Id}", System.Net.HttpStatusCode.NotFound);
        await v.GetPageAsync("/ge/besoins", System.Net.HttpStatusCode.NotFound);
        using var vaudStaff = await SignedInAsync(DemoAccounts.VaudStaff);
        await vaudStaff.GetPageAsync($"/ge/besoins/{need.Id}", System.Net.HttpStatusCode.NotFound);
        await vaudStaff.GetPageAsync($"/vd/besoins/{need.Id}", System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_poster_closes_the_need_with_its_outcome_and_the_staff_statistic_counts_it()
    {
        var tag = Tag();
        var poster = await app.PlacedMemberAsync("ge", NeedsFixtures.Geneva);
        var caterer = await app.PlacedMemberAsync("ge", (46.20, 6.15));
        await app.PublishedOfferAsync(caterer, $"Buffets {tag}", "traiteur/buffets");
        using var p = await SignedInAsync(poster.Email);
        var posted = await p.SubmitAsync(await p.GetPageAsync(poster.NeedsUrl()), "#need-form", NeedsFixtures.NeedForm($"Traiteur {tag} pour 80 personnes", "traiteur/buffets", untilDays: null));
        var need = (await app.NeedsOfAsync(poster.Id)).Single();

        using var c = await SignedInAsync(caterer.Email);
        var closeAttempt = await c.GetPageAsync($"/ge/besoins/{need.Id}");
        closeAttempt.QuerySelector("#close-form").ShouldBeNull();

        var noOutcome = await p.SubmitAsync(posted, "#close-form", []);
        noOutcome.FieldError("Outcome").ShouldBe("Indiquez comment le besoin s'est terminé.");
        (await app.NeedsOfAsync(poster.Id)).Single().State.ShouldBe(NeedState.Open);

        var closed = await p.SubmitAsync(posted, "#close-form", [new("Outcome", "FoundInNetwork"), new("FoundOrganisationId", caterer.Id.ToString())]);
        closed.QuerySelector(".flash")!.TextContent.ShouldStartWith("Besoin clos.");
        closed.QuerySelector("#need-outcome")!.TextContent.ShouldBe($"Satisfait grâce à {caterer.Name}.");
        closed.QuerySelector("#close-form").ShouldBeNull();
        var stored = (await app.NeedsOfAsync(poster.Id)).Single();
        (stored.State, stored.Outcome, stored.FoundOrganisationId).ShouldBe((NeedState.Closed, (NeedOutcome?)NeedOutcome.FoundInNetwork, (Guid?)caterer.Id));

        // A closed need takes no more messages.
        await c.PostAsync($"/ge/besoins/{need.Id}?handler=Message", [new("__RequestVerificationToken", closeAttempt.Token()), new("Body", "Encore disponible ?")]);
        (await app.MessagesOfAsync(need.Id)).ShouldBeEmpty();

        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var staffPage = await staff.GetPageAsync("/ge/gestion/besoins");
        var all = await app.WithDbAsync(db => db.Set<Need>().AsNoTracking().Where(n => n.ChamberId == need.ChamberId).Select(n => new { n.State, n.Outcome }).ToListAsync());
        var expected = NeedStatistics.Of(all.Select(n => (n.State, n.Outcome)));
        staffPage.QuerySelector("#share-inside")!.TextContent.ShouldBe(expected.ShareMetInside!.Value.ToString("P0", System.Globalization.CultureInfo.GetCultureInfo("fr-CH")));
        staffPage.QuerySelector("#all-needs")!.TextContent.ShouldContain($"Traiteur {tag} pour 80 personnes");
        using var member = await SignedInAsync(poster.Email);
        await member.GetPageAsync("/ge/gestion/besoins", System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Similar_needs_of_two_members_are_suggested_as_a_group_to_them_and_to_staff_and_a_member_says_it_is_interested()
    {
        var tag = Tag();
        var first = await app.PlacedMemberAsync("ge", NeedsFixtures.Geneva);
        var second = await app.PlacedMemberAsync("ge", (46.23, 6.08));
        var elsewhere = await app.PlacedMemberAsync("ge", (46.21, 6.15));

        // Storage is a category the demo's open needs do not use, so the group is exactly these two.
        using var a = await SignedInAsync(first.Email);
        await a.SubmitAsync(await a.GetPageAsync(first.NeedsUrl()), "#need-form", NeedsFixtures.NeedForm($"Stockage de vélos {tag}", "logistique/stockage", 5, 60));
        using var b = await SignedInAsync(second.Email);
        var secondPage = await b.SubmitAsync(await b.GetPageAsync(second.NeedsUrl()), "#need-form", NeedsFixtures.NeedForm($"Entreposage de cartons {tag}", "logistique/stockage", 30, 90));
        using var e = await SignedInAsync(elsewhere.Email);
        await e.SubmitAsync(await e.GetPageAsync(elsewhere.NeedsUrl()), "#need-form", NeedsFixtures.NeedForm($"Stockage de meubles {tag}", "logistique/stockage", 100, 120));
        var firstNeed = (await app.NeedsOfAsync(first.Id)).Single();
        var secondNeed = (await app.NeedsOfAsync(second.Id)).Single();

        var similar = secondPage.QuerySelector("#similar");
        similar.ShouldNotBeNull();
        similar.TextContent.ShouldContain($"Stockage de vélos {tag}");
        similar.TextContent.ShouldContain("logistique partagée");
        similar.TextContent.ShouldNotContain($"Stockage de meubles {tag}", Case.Sensitive, "its dates do not overlap");
        var interested = await b.SubmitAsync(secondPage, "#similar form", []);
        interested.QuerySelector(".flash")!.TextContent.ShouldStartWith("Intérêt pour un regroupement enregistré");
        (await app.NeedsOfAsync(second.Id)).Single().GroupingInterestAt.ShouldNotBeNull();

        var firstView = await a.GetPageAsync($"/ge/besoins/{firstNeed.Id}");
        firstView.QuerySelector("#similar")!.TextContent.ShouldContain($"Entreposage de cartons {tag}");
        firstView.QuerySelector("#similar")!.TextContent.ShouldContain("intéressé par un regroupement");

        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var staffPage = await staff.GetPageAsync("/ge/gestion/besoins");
        var group = staffPage.QuerySelectorAll(".common-group").Single(g => g.TextContent.Contains(tag, StringComparison.Ordinal));
        group.QuerySelectorAll("li").Length.ShouldBe(2);
        group.QuerySelector("h3")!.TextContent.ShouldBe("Logistique partagée possible — Stockage (2 besoins)");
        group.QuerySelector($"a[href='/ge/besoins/{secondNeed.Id}']").ShouldNotBeNull();
    }

    [Fact]
    public async Task Notifications_belong_to_their_person_and_can_be_marked_read()
    {
        var someone = await app.PlacedMemberAsync("ge", NeedsFixtures.Geneva);
        var other = await app.PlacedMemberAsync("ge", NeedsFixtures.Geneva);
        var ids = await app.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == someone.Email).Select(u => u.Id).SingleAsync();
            var first = new Notification { UserId = userId, Kind = "test", TextKey = "Notifications.NeedMatch", Arguments = $"Atelier{Notification.Separator}Une salle", Link = "/ge", CreatedAt = DateTime.UtcNow };
            var second = new Notification { UserId = userId, Kind = "test", TextKey = "Notifications.NeedMatch", Arguments = $"Atelier{Notification.Separator}Un vélo", Link = "/ge", CreatedAt = DateTime.UtcNow };
            db.AddRange(first, second);
            await db.SaveChangesAsync();
            return (first.Id, second.Id);
        });

        using var intruder = await SignedInAsync(other.Email);
        var intruderPage = await intruder.GetPageAsync("/notifications");
        intruderPage.QuerySelector(".bell-count").ShouldBeNull();
        await intruder.PostAsync($"/notifications?handler=Read&id={ids.Item1}", [new("__RequestVerificationToken", intruderPage.Token())], System.Net.HttpStatusCode.NotFound);

        using var client = await SignedInAsync(someone.Email);
        var page = await client.GetPageAsync("/notifications");
        page.QuerySelector(".bell-count")!.TextContent.ShouldBe("2");
        page.QuerySelector($"li[data-notification='{ids.Item1}']")!.TextContent.ShouldContain("Atelier cherche : Une salle");
        var afterOne = await client.SubmitAsync(page, $"form[action*='handler=Read'][action*='{ids.Item1}']", []);
        afterOne.QuerySelector(".bell-count")!.TextContent.ShouldBe("1");
        var afterAll = await client.SubmitAsync(afterOne, "form[action*='handler=ReadAll']", []);
        afterAll.QuerySelector(".bell-count").ShouldBeNull();
        afterAll.QuerySelectorAll("li.unread").ShouldBeEmpty();
    }

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }
}

public sealed class NeedTestsOnSqlite(SqliteApp app) : NeedTests(app), IClassFixture<SqliteApp>;

public sealed class NeedTestsOnPostgreSQL(PostgresApp app) : NeedTests(app), IClassFixture<PostgresApp>;
