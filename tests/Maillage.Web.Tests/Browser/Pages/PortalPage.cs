using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>The goods-and-services portal at /recherche.</summary>
public sealed class PortalPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator SearchBox => Page.GetByLabel("Que cherchez-vous ?", new() { Exact = true });

    public ILocator ResultCount => Page.Locator("#result-count");

    public ILocator ResultLinks => Page.Locator(".offer-card h2 a");

    public ILocator Facet(string facet, string value) => Page.Locator($"#f-{facet}-{value}");

    public static async Task<PortalPage> OpenAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/recherche");
        return new PortalPage(page);
    }

    public async Task SearchAsync(string text)
    {
        await SearchBox.FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true }).ClickAsync();
        await Assertions.Expect(SearchBox).ToHaveValueAsync(text);
    }

    public async Task ApplyFiltersAsync() => await Page.GetByRole(AriaRole.Button, new() { Name = "Appliquer les filtres" }).ClickAsync();
}
