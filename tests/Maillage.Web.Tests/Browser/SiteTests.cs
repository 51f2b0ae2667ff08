using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>The site as a whole in a real browser: language switch, accessibility basics, nothing from elsewhere.</summary>
public abstract class SiteTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    /// <summary>
    /// Returns what a screen-reader or keyboard user would trip over on the current page: unlabelled fields, not
    /// exactly one h1, a wrong document language, images without alt, no skip link to #main.
    /// </summary>
    private const string AccessibilityProblems = """
        () => {
          const problems = [];
          const describe = el => el.outerHTML.slice(0, 160);
          const lang = document.documentElement.getAttribute('lang');
          if (lang !== 'fr') problems.push(`<html lang="${lang}"> instead of "fr"`);
          const h1 = document.querySelectorAll('h1').length;
          if (h1 !== 1) problems.push(`${h1} h1 elements instead of exactly one`);
          for (const img of document.querySelectorAll('img')) {
            if (!img.hasAttribute('alt')) problems.push(`image without alt: ${describe(img)}`);
          }
          for (const field of document.querySelectorAll('input, select, textarea')) {
            if (field.type === 'hidden') continue;
            const hasText = el => !!el && el.textContent.trim().length > 0;
            const labelled = [...(field.labels || [])].some(hasText)
              || (field.getAttribute('aria-label') || '').trim().length > 0
              || (field.getAttribute('aria-labelledby') || '').split(/\s+/).some(id => id && hasText(document.getElementById(id)));
            if (!labelled) problems.push(`field without a label: ${describe(field)}`);
          }
          const first = document.querySelector('body a[href]');
          if (!first || first.getAttribute('href') !== '#main') problems.push(`the first link is not a skip link to #main: ${first ? describe(first) : 'no link'}`);
          if (!document.getElementById('main')) problems.push('no element with id "main"');
          return problems;
        }
        """;

    [Fact]
    public Task The_English_button_switches_the_directory_to_English_and_back() => RunAsync(async session =>
    {
        var page = await session.NewPersonAsync("visitor");
        var directory = await DirectoryPage.OpenAsync(page);
        await directory.SearchAsync("vélo");
        await Expect(directory.Heading).ToHaveTextAsync("Annuaire des membres de APRÈS-GE");
        (await directory.LanguageAsync()).ShouldBe("fr");

        await directory.EnglishButton.ClickAsync();
        await Expect(directory.Heading).ToHaveTextAsync("APRÈS-GE member directory");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" })).ToHaveValueAsync("vélo");
        await Expect(directory.Navigation).ToContainTextAsync("Directory");
        await Expect(directory.EnglishButton).ToHaveCountAsync(0);

        // The choice sticks from page to page.
        await page.GotoAsync("/ge/adhesion");
        await Expect(directory.Heading).ToHaveTextAsync("Join APRÈS-GE");
        await page.GoBackAsync();

        await directory.FrenchButton.ClickAsync();
        await Expect(directory.Heading).ToHaveTextAsync("Annuaire des membres de APRÈS-GE");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(directory.SearchBox).ToHaveValueAsync("vélo");
        await Expect(directory.Navigation).ToContainTextAsync("Annuaire");
    });

    [Fact]
    public Task The_main_pages_have_labelled_fields_one_h1_a_language_alt_texts_and_a_skip_link() => RunAsync(async session =>
    {
        var page = await session.NewPersonAsync("visitor");
        var directory = await DirectoryPage.OpenAsync(page);
        var profile = await directory.ResultLinks.First.GetAttributeAsync("href") ?? throw new InvalidOperationException("no member in the directory");
        string[] paths = ["/", "/ge", "/ge/membres", profile, "/ge/adhesion", "/compte/connexion"];
        var problems = new List<string>();
        var fields = 0;
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            response.ShouldNotBeNull().Status.ShouldBe(200, path);
            problems.AddRange((await page.EvaluateAsync<string[]>(AccessibilityProblems)).Select(p => $"{path}: {p}"));
            fields += await page.Locator("input:not([type=hidden]), select, textarea").CountAsync();

            // The keyboard reaches the skip link first, and it leads into the main content.
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('href')") != "#main")
            {
                problems.Add($"{path}: the first Tab does not land on the skip link");
            }
        }

        problems.ShouldBeEmpty();
        fields.ShouldBeGreaterThan(40, "the check looked at the forms");

        // The check itself sees a field without a label.
        await page.EvaluateAsync("() => document.querySelector('main').append(document.createElement('textarea'))");
        (await page.EvaluateAsync<string[]>(AccessibilityProblems)).ShouldHaveSingleItem().ShouldStartWith("field without a label");

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();
    });

    [Fact]
    public Task No_page_loads_anything_from_outside_the_app() => RunAsync(async session =>
    {
        App.RootUri.IsLoopback.ShouldBeTrue();
        var page = await session.NewPersonAsync("staff");
        foreach (var path in new[] { "/", "/ge", "/ge/adhesion" })
        {
            await page.GotoAsync(path);
        }

        var directory = await DirectoryPage.OpenAsync(page);
        var first = await directory.ResultLinks.First.TextContentAsync() ?? string.Empty;
        await directory.OpenAsync(first.Trim());
        await LoginPage.SignInAsync(page, DemoAccounts.GenevaStaff);
        var applications = await ApplicationsPage.OpenAsync(page);
        await applications.Table.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.Locator("#application-state")).ToBeVisibleAsync();
        await AccountPage.OpenFromMenuAsync(page);

        var requests = session.Requests.ToList();
        requests.ShouldContain(u => u.AbsolutePath == "/css/site.css");
        requests.ShouldContain(u => u.AbsolutePath == "/js/site.js");
        requests.Where(u => u.Authority != App.RootUri.Authority || u.Scheme != App.RootUri.Scheme)
            .Select(u => u.ToString()).ShouldBeEmpty("requests that left the app");
        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
    });
}

[Collection(BrowserTestGroup.Name)]
public sealed class SiteTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : SiteTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class SiteTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : SiteTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
