using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>An organisation's currency account and its forms (pay, request), as a member sees them.</summary>
public sealed class CurrencyAccountPage(IPage page)
{
    public ILocator Balance => page.Locator("#balance");

    public ILocator Available => page.Locator("#available");

    public ILocator Flash => page.Locator(".flash");

    public ILocator IncomingRequests => page.Locator("#incoming-requests");

    public static async Task<CurrencyAccountPage> OpenAsync(IPage page, string chamber, string organisationSlug)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/espace/{organisationSlug}/monnaie");
        return new CurrencyAccountPage(page);
    }

    public async Task PayAsync(string payee, string amount, string description)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Payer un membre" }).First.ClickAsync();
        var form = page.Locator("#pay-form");
        await form.GetByLabel(Fields.Label("Bénéficiaire")).FillAsync(payee);
        await form.GetByLabel(Fields.Label("Montant (T)")).FillAsync(amount);
        await form.GetByLabel(Fields.Label("Description")).FillAsync(description);
        await form.GetByRole(AriaRole.Button, new() { Name = "Payer" }).ClickAsync();
    }

    public async Task RequestAsync(string payer, string amount, string description)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Demander un paiement" }).First.ClickAsync();
        var form = page.Locator("#request-form");
        await form.GetByLabel(Fields.Label("Membre qui paie")).FillAsync(payer);
        await form.GetByLabel(Fields.Label("Montant (T)")).FillAsync(amount);
        await form.GetByLabel(Fields.Label("Description")).FillAsync(description);
        await form.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
    }

    public Task AcceptFirstRequestAsync() => IncomingRequests.GetByRole(AriaRole.Button, new() { Name = "Payer" }).First.ClickAsync();
}
