using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/agenda/{id}: an event and its registration form.</summary>
public sealed class EventPage(IPage page) : SiteChrome(page)
{
    public ILocator FullNotice => Page.Locator("#full-notice");

    public static async Task<EventPage> OpenAsync(IPage page, Guid id, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/agenda/{id}");
        return new EventPage(page);
    }

    public async Task RegisterAsync(string firstName, string lastName, string email, string button)
    {
        var form = Page.Locator("#register-form");
        await form.GetByLabel(Fields.Label("Prénom")).FillAsync(firstName);
        await form.GetByLabel(Fields.Label("Nom")).FillAsync(lastName);
        await form.GetByLabel(Fields.Label("Courriel")).FillAsync(email);
        await form.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
    }
}

/// <summary>/{chamber}/agenda/inscription/{token}: one's registration, reached from the emails.</summary>
public sealed class MyRegistrationPage(IPage page) : SiteChrome(page)
{
    public ILocator State => Page.Locator("#registration-state strong");

    public ILocator WaitlistPosition => Page.Locator("#waitlist-position");

    public static async Task<MyRegistrationPage> OpenAsync(IPage page, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(pathAndQuery);
        return new MyRegistrationPage(page);
    }

    public Task ConfirmAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon inscription" }).ClickAsync();

    public Task CancelAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Annuler l'inscription" }).ClickAsync();
}
