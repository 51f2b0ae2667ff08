using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/espace/{org}/besoins: the organisation's needs and the form to post one.</summary>
public sealed class MemberNeedsPage(IPage page) : SiteChrome(page)
{
    public static async Task<MemberNeedsPage> OpenFromSpaceAsync(IPage page, string organisationSlug, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/espace/{organisationSlug}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections de l'espace membre" }).GetByRole(AriaRole.Link, new() { Name = "Besoins", Exact = true }).ClickAsync();
        return new MemberNeedsPage(page);
    }

    public async Task<NeedPage> PostAsync(string title, string category, DateOnly from, DateOnly? until, string budget)
    {
        var form = Page.Locator("#need-form");
        await form.GetByLabel(Fields.Label("Titre")).FillAsync(title);
        await form.GetByLabel(Fields.Label("Description")).FillAsync("Départ le mardi matin depuis la Jonction.");
        await form.GetByLabel(Fields.Label("Catégorie")).SelectOptionAsync(category);
        await form.GetByLabel(Fields.Label("Date (ou début)")).FillAsync(from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (until is { } end)
        {
            await form.GetByLabel(Fields.Label("Fin")).FillAsync(end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        await form.GetByLabel(Fields.Label("Budget (CHF)")).FillAsync(budget);
        await form.GetByRole(AriaRole.Button, new() { Name = "Publier le besoin" }).ClickAsync();
        var need = new NeedPage(Page);
        await Assertions.Expect(need.Heading).ToHaveTextAsync(title);
        return need;
    }
}

/// <summary>/{chamber}/besoins/{id}: a need, its proposed members, its threads.</summary>
public sealed class NeedPage(IPage page) : SiteChrome(page)
{
    public ILocator Matches => Page.Locator("#matches");

    public ILocator Thread(Guid responderId) => Page.Locator($"#fil-{responderId}");

    public async Task AnswerAsync(string text)
    {
        var form = Page.Locator("#threads .message-form").First;
        await form.GetByLabel("Message").FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await Assertions.Expect(Flash).ToHaveTextAsync("Message envoyé.");
    }
}

/// <summary>/notifications, reached from the bell of the header.</summary>
public sealed class NotificationsPage(IPage page) : SiteChrome(page)
{
    public static ILocator Bell(IPage page) => (page ?? throw new ArgumentNullException(nameof(page))).Locator("header .bell");

    public static async Task<NotificationsPage> OpenFromBellAsync(IPage page)
    {
        await Bell(page).ClickAsync();
        var notifications = new NotificationsPage(page);
        await Assertions.Expect(notifications.Heading).ToHaveTextAsync("Notifications");
        return notifications;
    }

    public async Task<NeedPage> OpenAsync(string text)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = text }).ClickAsync();
        return new NeedPage(Page);
    }
}
