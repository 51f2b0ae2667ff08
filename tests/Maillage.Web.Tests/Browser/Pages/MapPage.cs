using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>The map of organisations and offers at /carte and /{chamber}/carte.</summary>
public sealed class MapPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Map => Page.Locator("#map");

    /// <summary>Single organisations' pins (clusters have their own class).</summary>
    public ILocator Pins => Page.Locator("#map .map-pin");

    public ILocator Clusters => Page.Locator("#map .marker-cluster");

    public ILocator Popup => Page.Locator("#map .leaflet-popup-content");

    public ILocator ListedOrganisations => Page.Locator(".map-list .org-card h3 a");

    public static async Task<MapPage> OpenAsync(IPage page, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(url);
        return new MapPage(page);
    }
}
