using System.Collections.Concurrent;
using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>The map in a real browser, with every request that would leave this machine stopped and counted as a failure.</summary>
public abstract class MapBrowserTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task A_visitor_sees_the_chambers_members_as_pins_and_opens_a_profile_from_a_popup_with_nothing_loaded_from_elsewhere() => RunAsync(async session =>
    {
        var page = await session.NewPersonAsync("visitor");
        var outside = new ConcurrentQueue<string>();
        await page.Context.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            if (host is "127.0.0.1" or "localhost")
            {
                await route.ContinueAsync();
            }
            else
            {
                outside.Enqueue(route.Request.Url);
                await route.AbortAsync();
            }
        });

        var map = await MapPage.OpenAsync(page, "/vd/carte?q=traiteur");
        await Expect(map.Map).ToBeVisibleAsync();
        await Expect(map.Map).ToHaveAttributeAsync("data-markers", new System.Text.RegularExpressions.Regex("^[1-9]"));
        await Expect(map.Pins.First).ToBeVisibleAsync();
        (await map.Pins.CountAsync() + await map.Clusters.CountAsync()).ShouldBeGreaterThan(0);

        // The list stays for screen readers and keyboard users: the pin's organisation is in it.
        var listed = await map.ListedOrganisations.AllTextContentsAsync();
        var name = await map.Pins.First.GetAttributeAsync("title");
        listed.ShouldContain(name);

        await map.Pins.First.ClickAsync();
        await Expect(map.Popup).ToContainTextAsync(name!);
        var profile = map.Popup.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        (await profile.GetAttributeAsync("href")).ShouldStartWith("/vd/membres/");
        await profile.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(name!);

        outside.ShouldBeEmpty();
        session.Requests.ShouldAllBe(u => u.Host == App.RootUri.Host);
        session.ConsoleErrors.ShouldBeEmpty();
    });
}

[Collection(BrowserTestGroup.Name)]
public sealed class MapBrowserTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : MapBrowserTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class MapBrowserTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : MapBrowserTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
