using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Domain.Offers;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Tests.Portal;

/// <summary>Goods and services: members publish offers, anyone finds them by keyword, staff can hide them.</summary>
public abstract class PortalTests(MaillageApp app)
{
    private static async Task<JsonElement> SearchAsync(HttpClient client, string query) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/search?" + query, UriKind.Relative));

    private static List<string> Titles(JsonElement results) =>
        results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    private async Task<(WebClient Member, string OfferPage, string Slug)> MemberWithOfferFormAsync()
    {
        var member = new WebClient(app);
        await member.SignInAsync(DemoAccounts.GenevaMember);
        var slug = await app.WithDbAsync(db => db.OrganisationMembers
            .Where(m => db.Users.Any(u => u.Id == m.UserId && u.Email == DemoAccounts.GenevaMember))
            .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => o.Slug).FirstAsync());
        return (member, $"/ge/espace/{slug}/offres", slug);
    }

    private static List<KeyValuePair<string, string>> OfferForm(string title, string publish = "true") =>
    [
        new("Input.Kind", "Service"),
        new("Input.Category", "recyclage/reparation"),
        new("Input.Title", title),
        new("Input.Description", "Nous réparons les grille-pain, bouilloires et aspirateurs au lieu de les jeter."),
        new("Input.Audience", "Public"),
        new("Input.Audience", "Companies"),
        new("Input.PriceKind", "Amount"),
        new("Input.Price", "1'250.50"),
        new("Input.PriceUnit", "le forfait"),
        new("Input.CurrencySharePercent", "30"),
        new("Input.DeliveryRadiusKm", "15"),
        new("publish", publish),
    ];

    [Fact]
    public async Task The_demo_catalogue_is_searchable_with_plurals_and_facet_counts()
    {
        using var client = app.CreateClient();
        var results = await SearchAsync(client, "q=traiteurs&pageSize=50");
        results.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        Titles(results).ShouldContain(t => t.StartsWith("Traiteur", StringComparison.Ordinal));

        // The chamber facet adds up to the total, and filtering by a chamber gives its count.
        var chambers = results.GetProperty("facets").GetProperty("chamber").EnumerateArray().ToList();
        chambers.Sum(c => c.GetProperty("count").GetInt32()).ShouldBe(results.GetProperty("total").GetInt32());
        foreach (var chamber in chambers)
        {
            var only = await SearchAsync(client, $"q=traiteurs&chambre={chamber.GetProperty("value").GetString()}");
            only.GetProperty("total").GetInt32().ShouldBe(chamber.GetProperty("count").GetInt32());
        }
    }

    [Fact]
    public async Task A_member_publishes_an_offer_that_is_found_at_once_by_a_misspelled_word_and_staff_can_hide_it()
    {
        var (member, page, _) = await MemberWithOfferFormAsync();
        using (member)
        {
            var title = "Réparation d'électroménager " + Guid.NewGuid().ToString("N")[..5];
            await member.PostFormAsync(page + "?handler=Save", OfferForm(title), tokenFrom: page);
            var offer = await app.WithDbAsync(db => db.Set<Offer>().AsNoTracking().FirstAsync(o => o.Details.Title == title));
            offer.State.ShouldBe(OfferState.Published);
            offer.Details.PriceMinor.ShouldBe(125_050);

            using var visitor = app.CreateClient();
            var found = await SearchAsync(visitor, "q=" + Uri.EscapeDataString("electromenagr"));
            Titles(found).ShouldContain(title);
            var item = found.GetProperty("items").EnumerateArray().First(i => i.GetProperty("title").GetString() == title);
            item.GetProperty("price").GetString().ShouldBe("CHF 1’250.50 le forfait");
            item.GetProperty("currencySharePercent").GetInt32().ShouldBe(30);

            using var staff = new WebClient(app);
            await staff.SignInAsync(DemoAccounts.GenevaStaff);
            var refused = await staff.PostFormAsync($"/ge/gestion/offres?handler=Hide&id={offer.Id}", [new("Reason", " ")], tokenFrom: "/ge/gestion/offres");
            refused.Text().ShouldContain("Indiquez le motif");
            await staff.PostFormAsync($"/ge/gestion/offres?handler=Hide&id={offer.Id}", [new("Reason", "Photo trompeuse, merci de corriger.")], tokenFrom: "/ge/gestion/offres");

            Titles(await SearchAsync(visitor, "q=electromenager")).ShouldNotContain(title);
            var own = await member.GetPageAsync(page);
            own.Text().ShouldContain("Masquée par la chambre : Photo trompeuse, merci de corriger.");
            using var anonymous = new WebClient(app);
            await anonymous.GetPageAsync($"/ge/offres/{offer.Id}", System.Net.HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_draft_is_not_public_until_published()
    {
        var (member, page, _) = await MemberWithOfferFormAsync();
        using (member)
        {
            var title = "Atelier brouillon " + Guid.NewGuid().ToString("N")[..5];
            await member.PostFormAsync(page + "?handler=Save", OfferForm(title, publish: "false"), tokenFrom: page);
            var id = await app.WithDbAsync(db => db.Set<Offer>().Where(o => o.Details.Title == title).Select(o => o.Id).FirstAsync());
            using var visitor = app.CreateClient();
            Titles(await SearchAsync(visitor, "q=" + Uri.EscapeDataString(title))).ShouldNotContain(title);

            await member.PostFormAsync($"{page}?handler=State&id={id}&state=Published", [], tokenFrom: page);
            Titles(await SearchAsync(visitor, "q=" + Uri.EscapeDataString(title))).ShouldContain(title);
        }
    }

    [Fact]
    public async Task Bad_offer_input_is_explained_next_to_each_field_and_nothing_is_written()
    {
        var (member, page, _) = await MemberWithOfferFormAsync();
        using (member)
        {
            var before = await app.WithDbAsync(db => db.Set<Offer>().CountAsync());
            var form = OfferForm("Tés");
            form.RemoveAll(f => f.Key is "Input.Price" or "Input.Audience" or "Input.Category");
            form.Add(new("Input.Price", "12.345"));
            form.Add(new("Input.Category", "licornes"));
            form.Add(new("Input.ValidFrom", "2027-05-01"));
            form.Add(new("Input.ValidUntil", "2027-04-01"));
            var result = await member.PostFormAsync(page + "?handler=Save", form, tokenFrom: page);

            result.FieldError("Input.Title").ShouldBe("5 caractères au moins.");
            result.FieldError("Input.Price")!.ShouldStartWith("Montant invalide");
            result.FieldError("Input.Category").ShouldBe("Choix invalide.");
            result.Text().ShouldContain("Ce champ est obligatoire.");
            result.FieldError("Input.ValidUntil").ShouldBe("La fin de validité précède le début.");
            result.FieldValue("Input.Description")!.ShouldStartWith("Nous réparons");
            (await app.WithDbAsync(db => db.Set<Offer>().CountAsync())).ShouldBe(before);
        }
    }

    [Fact]
    public async Task An_offer_page_carries_schema_org_data_and_strangers_cannot_edit_it()
    {
        var offer = await app.WithDbAsync(db => db.Set<Offer>().AsNoTracking().Where(o => o.Details.PriceKind == PriceKind.Amount && o.ChamberId == db.Chambers.First(c => c.Slug == "vd").Id).FirstAsync());
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync($"/vd/offres/{offer.Id}");
        page.QuerySelector("h1")!.TextContent.ShouldBe(offer.Details.Title);
        using var ld = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        ld.RootElement.GetProperty("@type").GetString().ShouldBe(offer.Details.Kind == OfferKind.Good ? "Product" : "Service");
        ld.RootElement.GetProperty("offers").GetProperty("@type").GetString().ShouldBe("Offer");
        ld.RootElement.GetProperty("offers").GetProperty("priceCurrency").GetString().ShouldBe("CHF");

        var owner = await app.WithDbAsync(db => db.Organisations.AsNoTracking().FirstAsync(o => o.Id == offer.OrganisationId));
        using var stranger = new WebClient(app);
        await stranger.SignInAsync(DemoAccounts.GenevaMember);
        await stranger.GetPageAsync($"/vd/espace/{owner.Slug}/offres", System.Net.HttpStatusCode.NotFound);
        await visitor.GetPageAsync($"/ge/offres/{offer.Id}", System.Net.HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(")]
    [InlineData("'; DROP TABLE \"Offers\"; --")]
    [InlineData("🚲🥖")]
    [InlineData("دراجة")]
    public async Task Hostile_queries_give_a_page_of_results_or_none_never_an_error(string query)
    {
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/recherche?q=" + Uri.EscapeDataString(query));
        page.QuerySelector("#result-count").ShouldNotBeNull();
        using var client = app.CreateClient();
        (await client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(query + new string('x', 10_000)), UriKind.Relative))).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_search_parameters_get_problem_details_in_the_api_and_a_notice_on_the_page()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri("/api/v1/search?page=abc&pres=Paris&pageSize=500", UriKind.Relative));
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["pres", "page", "pageSize"], ignoreOrder: true);

        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/recherche?q=velo&pres=Paris");
        page.QuerySelector(".error-summary").ShouldNotBeNull();
        page.QuerySelector("#result-count").ShouldNotBeNull();
    }

    private sealed class SecondInstance(TestDatabase database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("Database:ConnectionString", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    [Fact]
    public async Task Another_instance_on_the_same_database_finds_a_new_offer_within_seconds()
    {
        await using var other = new SecondInstance(app.Database);
        using var otherClient = other.CreateClient();
        var (member, page, _) = await MemberWithOfferFormAsync();
        using (member)
        {
            var title = "Réparation de tondeuses " + Guid.NewGuid().ToString("N")[..5];
            await member.PostFormAsync(page + "?handler=Save", OfferForm(title), tokenFrom: page);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var results = await SearchAsync(otherClient, "q=tondeuses");
            if (Titles(results).Any(t => t.StartsWith("Réparation de tondeuses", StringComparison.Ordinal)))
            {
                break;
            }

            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the other instance never saw the offer");
            await Task.Delay(200);
        }
    }
}

public sealed class PortalTestsOnSqlite(SqliteApp app) : PortalTests(app), IClassFixture<SqliteApp>;

public sealed class PortalTestsOnPostgreSQL(PostgresApp app) : PortalTests(app), IClassFixture<PostgresApp>;
