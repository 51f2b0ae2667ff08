using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>What every page carries: header navigation, language switch, flash message, main heading.</summary>
public class SiteChrome(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Flash => Page.Locator(".flash");

    public ILocator EnglishButton => Page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true });

    public ILocator FrenchButton => Page.GetByRole(AriaRole.Button, new() { Name = "Français", Exact = true });

    public ILocator MyAccountLink => Navigation.GetByRole(AriaRole.Link, new() { Name = "Mon compte", Exact = true });

    public ILocator SignOutButton => Navigation.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter", Exact = true });

    /// <summary>The header's navigation (its accessible name changes with the language).</summary>
    public ILocator Navigation => Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Navigation);

    public Task<string?> LanguageAsync() => Page.Locator("html").GetAttributeAsync("lang");
}
