using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/lettre: sign-up and archive; then the confirmation, preferences and unsubscribe pages.</summary>
public sealed class NewsletterPage(IPage page) : SiteChrome(page)
{
    public ILocator Email => Page.GetByLabel(Fields.Label("Courriel"));

    public ILocator Errors => Page.Locator(".error-summary");

    public ILocator Sent => Page.Locator("#signup-sent");

    public static async Task<NewsletterPage> OpenAsync(IPage page, string chamber)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/lettre");
        return new NewsletterPage(page);
    }

    public async Task SubscribeAsync(string email, bool events)
    {
        await Email.FillAsync(email);
        if (events)
        {
            await Page.GetByLabel("les annonces d'événements et de formations").CheckAsync();
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "S'inscrire", Exact = true }).ClickAsync();
    }

    public Task ConfirmAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Je confirme mon inscription" }).ClickAsync();

    public ILocator Confirmed => Page.Locator("#confirmed");

    public ILocator Preference(string label) => Page.GetByLabel(label, new() { Exact = true });

    public Task UnsubscribeAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Me désinscrire", Exact = true }).ClickAsync();

    public ILocator Unsubscribed => Page.Locator("#unsubscribed");
}
