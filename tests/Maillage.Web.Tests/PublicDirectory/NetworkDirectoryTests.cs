using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Tests.PublicDirectory;

/// <summary>The chambers work as one network: one directory across them, by page and by API.</summary>
public abstract class NetworkDirectoryTests(MaillageApp app)
{
    [Fact]
    public async Task The_network_directory_lists_members_of_every_chamber_with_links_to_their_chamber()
    {
        var total = await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.State == Domain.Organisations.OrganisationState.Active));
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/reseau/membres?q=cooperative");
        var links = page.QuerySelectorAll(".org-card h2 a").Select(a => a.GetAttribute("href")!).ToList();
        links.ShouldContain(l => l.StartsWith("/ge/membres/", StringComparison.Ordinal));
        links.ShouldContain(l => l.StartsWith("/vd/membres/", StringComparison.Ordinal));

        var all = await visitor.GetPageAsync("/reseau/membres");
        all.QuerySelector("#result-count")!.TextContent.ShouldBe($"{total} organisation(s)");
    }

    [Fact]
    public async Task Choosing_a_chamber_narrows_the_network_directory_and_paging_keeps_the_choice()
    {
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/reseau/membres?chambre=vd");
        page.QuerySelectorAll(".org-card h2 a").Select(a => a.GetAttribute("href")!).ShouldAllBe(l => l.StartsWith("/vd/", StringComparison.Ordinal));
        page.QuerySelector("a[rel=next]")!.GetAttribute("href")!.ShouldContain("chambre=vd");

        var unknown = await visitor.GetPageAsync("/reseau/membres?chambre=atlantide");
        unknown.QuerySelector(".error-summary")!.TextContent.ShouldContain("Cette chambre n'existe pas");
    }

    [Fact]
    public async Task The_network_api_matches_the_chamber_api_for_one_chamber()
    {
        using var client = app.CreateClient();
        var network = await client.GetFromJsonAsync<JsonElement>("/api/v1/organisations?chamber=ge&pageSize=100&sector=insertion");
        var chamber = await client.GetFromJsonAsync<JsonElement>("/api/v1/chambers/ge/organisations?pageSize=100&sector=insertion");
        network.GetProperty("total").GetInt32().ShouldBe(chamber.GetProperty("total").GetInt32());
        network.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("chamber").GetString() == "ge");

        var everyone = await client.GetFromJsonAsync<JsonElement>("/api/v1/organisations?pageSize=100");
        everyone.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("chamber").GetString()).Distinct().Order().ShouldBe(["ge", "vd"]);

        var bad = await client.GetAsync(new Uri("/api/v1/organisations?chamber=atlantide", UriKind.Relative));
        bad.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["chamber"]);
    }
}

public sealed class NetworkDirectoryTestsOnSqlite(SqliteApp app) : NetworkDirectoryTests(app), IClassFixture<SqliteApp>;

public sealed class NetworkDirectoryTestsOnPostgreSQL(PostgresApp app) : NetworkDirectoryTests(app), IClassFixture<PostgresApp>;
