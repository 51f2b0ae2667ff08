using System.Text.Json;
using Maillage.Domain.Organisations;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Tests.PublicDirectory;

/// <summary>The public directory a visitor browses: lists, filters, profiles, and clean 404s.</summary>
public abstract class DirectoryTests(MaillageApp app)
{
    [Fact]
    public async Task The_home_page_lists_both_chambers_in_french()
    {
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/");
        page.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        page.QuerySelectorAll(".card h3 a").Select(a => a.TextContent).ShouldBe(["APRÈS-GE", "Après-VD"]);
        page.Text().ShouldContain("organisations membres");
    }

    [Fact]
    public async Task The_directory_lists_the_active_members_of_one_chamber_only()
    {
        var expected = await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.ChamberId == db.Chambers.First(c => c.Slug == "ge").Id && o.State == OrganisationState.Active));
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/ge/membres");
        page.QuerySelector("#result-count")!.TextContent.ShouldBe($"{expected} organisation(s)");
        page.QuerySelectorAll(".org-card").Length.ShouldBe(Math.Min(expected, 20));
        var links = page.QuerySelectorAll(".org-card h2 a").Select(a => a.GetAttribute("href")!).ToList();
        links.ShouldAllBe(href => href.StartsWith("/ge/membres/", StringComparison.Ordinal));
        page.QuerySelector("a[rel=next]").ShouldNotBeNull();
    }

    [Fact]
    public async Task Search_ignores_accents_and_case_and_needs_every_word()
    {
        var target = await app.WithDbAsync(db => db.Organisations.AsNoTracking().Where(o => o.Profile.Town == "Genève").OrderBy(o => o.NormalizedName).FirstAsync());
        var firstWord = target.Profile.Name.Split(' ').OrderByDescending(w => w.Length).First();
        var typed = Domain.Common.TextNormalizer.Fold(firstWord).ToUpperInvariant();

        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync($"/ge/membres?q={Uri.EscapeDataString(typed + " geneve")}");
        page.QuerySelectorAll(".org-card h2 a").Select(a => a.TextContent).ShouldContain(target.Profile.Name);

        var none = await visitor.GetPageAsync($"/ge/membres?q={Uri.EscapeDataString(typed + " zzzzzz")}");
        none.QuerySelectorAll(".org-card").ShouldBeEmpty();
        none.QuerySelector("#result-count")!.TextContent.ShouldBe("0 organisation(s)");
    }

    [Fact]
    public async Task Filters_by_sector_status_and_town_match_a_count_in_the_database()
    {
        var (count, town) = await app.WithDbAsync(async db =>
        {
            var ge = await db.Chambers.FirstAsync(c => c.Slug == "ge");
            var members = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == ge.Id && o.State == OrganisationState.Active).ToListAsync();
            var n = members.Count(o => o.Profile.EssSectors.Contains("insertion") && o.Profile.Status == OrganisationStatus.NonProfit && o.Profile.Town == "Genève");
            return (n, "Genève");
        });
        count.ShouldBeGreaterThan(0);

        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync($"/ge/membres?sector=insertion&status=NonProfit&town={Uri.EscapeDataString(town)}");
        page.QuerySelector("#result-count")!.TextContent.ShouldBe($"{count} organisation(s)");
        page.QuerySelectorAll(".org-card .badge").Select(b => b.TextContent).ShouldAllBe(t => t == "But non lucratif (ABNL)");
        (page.QuerySelector("#sector option[selected]")?.GetAttribute("value")).ShouldBe("insertion");
    }

    [Fact]
    public async Task A_bad_filter_in_a_shared_link_is_explained_not_an_error_page()
    {
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/ge/membres?sector=licornes&canton=ZZ&page=-4&status=42");
        page.QuerySelector(".error-summary")!.TextContent.ShouldContain("Ce secteur n'existe pas");
        page.QuerySelectorAll(".org-card").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_profile_shows_the_organisation_and_carries_schema_org_json_ld()
    {
        var organisation = await app.WithDbAsync(db => db.Organisations.AsNoTracking().Where(o => o.Profile.Website != null).OrderBy(o => o.Slug).FirstAsync());
        var chamber = await app.WithDbAsync(db => db.Chambers.AsNoTracking().FirstAsync(c => c.Id == organisation.ChamberId));

        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync($"/{chamber.Slug}/membres/{organisation.Slug}");
        page.QuerySelector("h1")!.TextContent.ShouldBe(organisation.Profile.Name);
        page.Text().ShouldContain(organisation.Profile.ShortDescription);
        page.QuerySelector("address")!.TextContent.ShouldContain(organisation.Profile.Town);

        var json = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
        using var ld = JsonDocument.Parse(json);
        ld.RootElement.GetProperty("@context").GetString().ShouldBe("https://schema.org");
        ld.RootElement.GetProperty("@type").GetString().ShouldBe("Organization");
        ld.RootElement.GetProperty("name").GetString().ShouldBe(organisation.Profile.Name);
        ld.RootElement.GetProperty("address").GetProperty("addressLocality").GetString().ShouldBe(organisation.Profile.Town);
        ld.RootElement.GetProperty("memberOf").GetProperty("name").GetString().ShouldBe(chamber.Name);
    }

    [Theory]
    [InlineData("/zz/membres")]
    [InlineData("/ge/membres/organisation-qui-n-existe-pas")]
    [InlineData("/ge/gestion/demandes/00000000-0000-0000-0000-000000000000")]
    [InlineData("/nulle-part/adhesion")]
    public async Task Unknown_chambers_and_organisations_get_the_french_404_page(string url)
    {
        using var visitor = new WebClient(app);
        if (url.Contains("gestion", StringComparison.Ordinal))
        {
            await visitor.SignInAsync(DemoAccounts.GenevaStaff);
        }

        var page = await visitor.GetPageAsync(url, System.Net.HttpStatusCode.NotFound);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Page introuvable");
        var html = page.DocumentElement.OuterHtml;
        html.ShouldNotContain("Exception");
        html.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task The_chamber_home_shows_its_figures_and_a_chart_of_sectors()
    {
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/vd");
        page.QuerySelector("h1")!.TextContent.ShouldContain("Vaud");
        var bars = page.QuerySelectorAll(".bar-chart li");
        bars.Length.ShouldBeGreaterThan(5);
        bars[0].QuerySelector(".bar-fill")!.ClassList.ShouldContain("w-100");
    }
}

public sealed class DirectoryTestsOnSqlite(SqliteApp app) : DirectoryTests(app), IClassFixture<SqliteApp>;

public sealed class DirectoryTestsOnPostgreSQL(PostgresApp app) : DirectoryTests(app), IClassFixture<PostgresApp>;
