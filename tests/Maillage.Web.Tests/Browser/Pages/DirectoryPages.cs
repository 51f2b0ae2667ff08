using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/membres: the public directory.</summary>
public sealed class DirectoryPage(IPage page) : SiteChrome(page)
{
    public ILocator SearchBox => Page.GetByRole(AriaRole.Searchbox, new() { Name = "Rechercher" });

    public ILocator SearchButton => Page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true });

    public ILocator ResultCount => Page.Locator("#result-count");

    public ILocator ResultLinks => Page.Locator("ul.org-list").GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link);

    public ILocator Result(string name) => ResultLinks.Filter(new() { HasTextString = name });

    public static async Task<DirectoryPage> OpenAsync(IPage page, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/membres");
        return new DirectoryPage(page);
    }

    public async Task SearchAsync(string text)
    {
        await SearchBox.FillAsync(text);

        await SearchButton.ClickAsync();

        // The click already waited for the navigation; only the address is checked, by polling it. WaitForURLAsync
        // waits for a load state as well once the address matches, and timed out on a busy machine (seen in CI with
        // the "networkidle" event already fired).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (System.Web.HttpUtility.ParseQueryString(new Uri(Page.Url).Query)["q"] != text)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The address never held the search \"{text}\": {Page.Url}");
            }

            await Task.Delay(50);
        }

        await Assertions.Expect(SearchBox).ToHaveValueAsync(text);
    }

    public async Task<ProfilePage> OpenAsync(string name)
    {
        await Result(name).ClickAsync();
        var profile = new ProfilePage(Page);
        await Assertions.Expect(profile.Heading).ToHaveTextAsync(name);
        return profile;
    }
}

/// <summary>/{chamber}/membres/{slug}: an organisation's public profile.</summary>
public sealed class ProfilePage(IPage page) : SiteChrome(page)
{
    public ILocator ShortDescription => Page.Locator("article.profile header .lead");

    public ILocator Address => Page.Locator("article.profile address");

    public ILocator Sectors => Page.Locator("article.profile .description .tags");

    public ILocator JsonLd => Page.Locator("script[type='application/ld+json']");
}
