using System.Text.Json;
using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>The portal in a real browser: a visitor finds a service by a misspelled word, narrows it, opens it.</summary>
public abstract class PortalBrowserTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task A_visitor_finds_a_service_by_a_misspelled_word_filters_by_canton_and_opens_the_offer() => RunAsync(async session =>
    {
        var page = await session.NewPersonAsync("visitor");
        var portal = await PortalPage.OpenAsync(page);
        await portal.SearchAsync("netoyage bureaux");
        await Expect(portal.ResultLinks.First).ToContainTextAsync("Nettoyage");

        await portal.Facet("canton", "GE").CheckAsync();
        await portal.ApplyFiltersAsync();
        await Expect(portal.Facet("canton", "GE")).ToBeCheckedAsync();
        (new Uri(page.Url).Query).ShouldContain("canton=GE");
        string[] genevaTowns = ["Genève", "Carouge", "Lancy", "Vernier", "Meyrin", "Onex", "Thônex", "Plan-les-Ouates", "Chêne-Bourg", "Versoix"];
        var places = await page.Locator(".offer-card .meta").AllTextContentsAsync();
        places.ShouldNotBeEmpty();
        places.ShouldAllBe(meta => genevaTowns.Any(town => meta.Contains(town, StringComparison.Ordinal)));
        var offers = page.Locator(".offer-card:has(.price) h2 a");
        var first = await offers.First.TextContentAsync() ?? string.Empty;
        await offers.First.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(first);
        using var ld = JsonDocument.Parse(await page.Locator("script[type='application/ld+json']").TextContentAsync() ?? "{}");
        ld.RootElement.GetProperty("@type").GetString().ShouldBe("Service");
        ld.RootElement.GetProperty("offers").GetProperty("seller").GetProperty("name").GetString().ShouldNotBeNullOrEmpty();

        // Back keeps the filters: they live in the address.
        await page.GoBackAsync();
        await Expect(portal.Facet("canton", "GE")).ToBeCheckedAsync();
        session.Requests.Where(u => u.Host != App.RootUri.Host).ShouldBeEmpty();
    });
}

[Collection(BrowserTestGroup.Name)]
public sealed class PortalBrowserTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : PortalBrowserTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class PortalBrowserTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : PortalBrowserTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
