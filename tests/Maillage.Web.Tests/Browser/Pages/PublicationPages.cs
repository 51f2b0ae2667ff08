using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/espace/{org}/actualites: the organisation's news and the form to propose one.</summary>
public sealed class MemberNewsPage(IPage page) : SiteChrome(page)
{
    public static async Task<MemberNewsPage> OpenFromSpaceAsync(IPage page, string organisationSlug, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/espace/{organisationSlug}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections de l'espace membre" }).GetByRole(AriaRole.Link, new() { Name = "Actualités", Exact = true }).ClickAsync();
        return new MemberNewsPage(page);
    }

    public ILocator Row(string title) => Page.Locator("#my-news tr", new() { HasText = title });

    public async Task ProposeAsync(string title, string body)
    {
        var form = Page.Locator("#news-form");
        await form.GetByLabel(Fields.Label("Titre")).FillAsync(title);
        await form.GetByLabel(Fields.Label("Texte")).FillAsync(body);
        await form.GetByRole(AriaRole.Button, new() { Name = "Envoyer à la chambre" }).ClickAsync();
        await Assertions.Expect(Flash).ToContainTextAsync("est envoyée à la chambre");
    }
}

/// <summary>/{chamber}/gestion/actualites: staff's queue, and one item to moderate.</summary>
public sealed class StaffNewsPage(IPage page) : SiteChrome(page)
{
    public static async Task<StaffNewsPage> OpenFromBackOfficeAsync(IPage page, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/gestion");
        await page.GetByRole(AriaRole.Link, new() { Name = "Actualités des membres", Exact = true }).ClickAsync();
        return new StaffNewsPage(page);
    }

    public async Task PublishAsync(string title)
    {
        await Page.Locator("#news-queue").GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync(title);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).ClickAsync();
        await Assertions.Expect(Flash).ToContainTextAsync("est publiée");
    }
}

/// <summary>/{chamber}/actualites and a news item's page.</summary>
public sealed class PublicNewsPage(IPage page) : SiteChrome(page)
{
    public static async Task<PublicNewsPage> OpenFromMenuAsync(IPage page, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Actualités", Exact = true }).ClickAsync();
        return new PublicNewsPage(page);
    }

    public ILocator List => Page.Locator("#news-list");

    public async Task OpenAsync(string title)
    {
        await List.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync(title);
    }

    public ILocator Text => Page.Locator("#news-text");
}
