using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Web.Features.Map;
using Maillage.Web.Features.Offers;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Web.Tests.Map;

/// <summary>The map of organisations and offers: the portal's search answered per organisation, on every chamber's terms.</summary>
public abstract class MapTests(MaillageApp app)
{
    private sealed record Expected(int Offers, bool Matched);

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<Guid, Expected> Answer(JsonElement map) =>
        map.GetProperty("organisations").EnumerateArray().ToDictionary(
            o => o.GetProperty("id").GetGuid(),
            o => new Expected(o.GetProperty("offers").GetInt32(), o.GetProperty("matched").GetBoolean()));

    /// <summary>The brute-force answer: every page of the portal's search, each hit traced back to its organisation.</summary>
    private async Task<Dictionary<Guid, Expected>> FromEverySearchPageAsync(string query)
    {
        var offerOwners = await app.WithDbAsync(db => db.Set<Offer>().AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.OrganisationId));
        var offers = new Dictionary<Guid, int>();
        var matched = new HashSet<Guid>();
        for (var page = 1; ; page++)
        {
            var results = await GetJsonAsync($"/api/v1/search?{query}&pageSize=100&page={page}");
            var items = results.GetProperty("items").EnumerateArray().ToList();
            foreach (var item in items)
            {
                var id = item.GetProperty("id").GetGuid();
                var kind = item.GetProperty("kind").GetString();
                if (kind == "organisation")
                {
                    matched.Add(id);
                }
                else if (kind != "practice") // good practices are found by the portal but have no place on the map
                {
                    offers[offerOwners[id]] = offers.GetValueOrDefault(offerOwners[id]) + 1;
                }
            }

            if (page * 100 >= results.GetProperty("total").GetInt32())
            {
                break;
            }
        }

        return offers.Keys.Union(matched).ToDictionary(id => id, id => new Expected(offers.GetValueOrDefault(id), matched.Contains(id)));
    }

    [Theory]
    [InlineData("q=traiteur")]
    [InlineData("q=reparation%20velos&canton=VD")]
    [InlineData("q=netoyage")]
    [InlineData("q=nettoyage&chambre=ge&type=service")]
    [InlineData("type=good")]
    [InlineData("q=aide&pres=Lausanne&km=25")]
    public async Task Every_organisation_answering_a_search_is_on_the_map_with_the_count_of_its_matching_offers(string query)
    {
        var expected = await FromEverySearchPageAsync(query);
        expected.ShouldNotBeEmpty();
        var map = await GetJsonAsync("/api/v1/map?" + query);
        Answer(map).ShouldBe(expected, ignoreOrder: true);
        map.GetProperty("total").GetInt32().ShouldBe(expected.Count);
        map.GetProperty("offers").GetInt32().ShouldBe(expected.Values.Sum(e => e.Offers));
    }

    [Fact]
    public async Task Filters_give_the_organisations_a_count_over_the_database_gives()
    {
        var today = Maillage.Domain.ChamberDays.Of(DateTime.UtcNow);
        var (organisations, offers) = await app.WithDbAsync(async db => (
            await db.Organisations.AsNoTracking().Where(o => o.State == OrganisationState.Active).ToDictionaryAsync(o => o.Id),
            await db.Set<Offer>().AsNoTracking().ToListAsync()));
        var visible = offers.Where(o => o.IsVisible(today) && organisations.ContainsKey(o.OrganisationId)).ToList();

        // Food offers sold in Geneva (the seller's canton or a delivery canton): only offers, no organisation matches a category.
        var food = visible
            .Where(o => OfferCatalogue.TopOf(o.Details.Category) == "alimentation"
                && (organisations[o.OrganisationId].Profile.Canton == "GE" || o.Details.DeliveryAreas.Contains("GE")))
            .GroupBy(o => o.OrganisationId)
            .ToDictionary(g => g.Key, g => new Expected(g.Count(), false));
        food.ShouldNotBeEmpty();
        Answer(await GetJsonAsync("/api/v1/map?categorie=alimentation&canton=GE")).ShouldBe(food, ignoreOrder: true);

        // Organisations only, in one chamber: every active member of Vaud, none of Geneva.
        var vaud = await app.WithDbAsync(db => db.Chambers.AsNoTracking().FirstAsync(c => c.Slug == "vd"));
        var members = organisations.Values.Where(o => o.ChamberId == vaud.Id).ToDictionary(o => o.Id, _ => new Expected(0, true));
        Answer(await GetJsonAsync("/api/v1/map?type=organisation&chambre=vd")).ShouldBe(members, ignoreOrder: true);
        Answer(await GetJsonAsync("/api/v1/chambers/vd/map?type=organisation&chambre=ge")).ShouldBe(members, ignoreOrder: true);
    }

    [Fact]
    public async Task A_chamber_map_shows_only_its_members_and_nobody_shows_hidden_offers_or_former_members()
    {
        var (hiddenOffer, formerMember) = await app.WithDbAsync(async db =>
        {
            var vaud = await db.Chambers.FirstAsync(c => c.Slug == "vd");
            var offer = await db.Set<Offer>().Where(o => o.ChamberId == vaud.Id && o.State == OfferState.Published).OrderBy(o => o.Id).FirstAsync();
            offer.Hide("Photos d'un autre fournisseur", DateTime.UtcNow);
            var former = await db.Organisations.Where(o => o.ChamberId == vaud.Id && o.Id != offer.OrganisationId && o.State == OrganisationState.Active).OrderBy(o => o.Id).FirstAsync();
            former.State = OrganisationState.Former;
            former.UpdateProfile(former.Profile, DateTime.UtcNow);
            await db.SaveChangesAsync();
            return (offer, former.Id);
        });
        await app.Services.GetRequiredService<OfferSearch>().RefreshAsync();

        var network = await GetJsonAsync("/api/v1/map");
        var everyone = network.GetProperty("organisations").EnumerateArray().ToList();
        everyone.ShouldNotContain(o => o.GetProperty("id").GetGuid() == formerMember);
        everyone.SelectMany(o => o.GetProperty("firstOffers").EnumerateArray()).ShouldNotContain(f => f.GetProperty("id").GetGuid() == hiddenOffer.Id);
        var seller = everyone.Single(o => o.GetProperty("id").GetGuid() == hiddenOffer.OrganisationId);
        var stillVisible = await app.WithDbAsync(db => db.Set<Offer>().CountAsync(o => o.OrganisationId == hiddenOffer.OrganisationId && o.State == OfferState.Published && o.HiddenReason == null));
        seller.GetProperty("offers").GetInt32().ShouldBe(stillVisible);

        // Geneva's map, even asked for Vaud, shows Geneva only: in the API and on the page.
        var geneva = await GetJsonAsync("/api/v1/chambers/ge/map?chambre=vd");
        geneva.GetProperty("organisations").EnumerateArray().ShouldAllBe(o => o.GetProperty("chamber").GetString() == "ge");
        geneva.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/ge/carte?chambre=vd");
        var links = page.QuerySelectorAll(".map-list .org-card h3 a").Select(a => a.GetAttribute("href")!).ToList();
        links.Count.ShouldBe(geneva.GetProperty("total").GetInt32());
        links.ShouldAllBe(href => href.StartsWith("/ge/membres/", StringComparison.Ordinal));

        using var client = app.CreateClient();
        var unknown = await client.GetAsync(new Uri("/api/v1/chambers/nulle-part/map", UriKind.Relative));
        unknown.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("ChamberNotFound");
        await visitor.GetPageAsync("/nulle-part/carte", System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_javascript_the_map_page_lists_the_same_organisations_with_their_offers()
    {
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/carte?q=traiteur");
        var map = await GetJsonAsync("/api/v1/map?q=traiteur");
        var expected = map.GetProperty("organisations").EnumerateArray().ToList();
        var cards = page.QuerySelectorAll(".map-list .org-card").ToList();
        cards.Select(c => c.QuerySelector("h3 a")!.TextContent).ShouldBe(expected.Select(o => o.GetProperty("name").GetString()));
        cards.Select(c => c.QuerySelector("h3 a")!.GetAttribute("href")).ShouldBe(expected.Select(o => o.GetProperty("url").GetString()));
        cards.SelectMany(c => c.QuerySelectorAll(".map-offers a").Select(a => a.TextContent)).ShouldContain(t => t.StartsWith("Traiteur", StringComparison.Ordinal));

        // The map itself waits for the script (hidden until then), which reads the same search from the API.
        var container = page.QuerySelector("#map")!;
        container.HasAttribute("hidden").ShouldBeTrue();
        container.GetAttribute("data-api").ShouldBe("/api/v1/map?q=traiteur");
        page.QuerySelector("#map-count")!.TextContent.ShouldContain(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // From the portal's results to the same search on the map, and back.
        var portal = await visitor.GetPageAsync("/recherche?q=traiteur&canton=GE");
        portal.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain("/carte?q=traiteur&canton=GE");
        var onMap = await visitor.GetPageAsync("/carte?q=traiteur&canton=GE");
        onMap.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain("/recherche?q=traiteur&canton=GE");
        onMap.QuerySelector("input[type=hidden][name=canton]")!.GetAttribute("value").ShouldBe("GE");
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(")]
    [InlineData("'; DROP TABLE \"Organisations\"; --")]
    [InlineData("🚲🥖")]
    [InlineData("دراجة")]
    public async Task Hostile_searches_give_a_map_or_an_empty_one_never_an_error(string query)
    {
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/carte?q=" + Uri.EscapeDataString(query));
        page.QuerySelector("#map-count").ShouldNotBeNull();
        var map = await GetJsonAsync("/api/v1/map?q=" + Uri.EscapeDataString(query + new string('x', 10_000)));
        map.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task Bad_parameters_get_problem_details_in_the_api_and_a_notice_on_the_page()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri("/api/v1/map?pres=Paris&km=loin", UriKind.Relative));
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["pres", "km"], ignoreOrder: true);
        problem.GetProperty("codes").GetProperty("pres")[0].GetString().ShouldBe("ValueInvalid");

        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/carte?q=velo&pres=Paris");
        page.QuerySelector(".error-summary").ShouldNotBeNull();
        page.QuerySelector("#map")!.GetAttribute("data-api").ShouldBe("/api/v1/map?q=velo");
    }
}

public sealed class MapTestsOnSqlite(SqliteApp app) : MapTests(app), IClassFixture<SqliteApp>;

public sealed class MapTestsOnPostgreSQL(PostgresApp app) : MapTests(app), IClassFixture<PostgresApp>;

/// <summary>The tile server's address becomes the only outside origin the Content-Security-Policy lets images come from.</summary>
public sealed class MapOptionsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("https://tiles.example.ch/{z}/{x}/{y}.png", "https://tiles.example.ch")]
    [InlineData("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org")]
    [InlineData("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("/tiles/{z}/{x}/{y}.png", null)]
    public void The_tile_origin_is_read_from_the_template(string? template, string? origin) =>
        new MapOptions { TileUrlTemplate = template }.TileOrigin().ShouldBe(origin);
}
