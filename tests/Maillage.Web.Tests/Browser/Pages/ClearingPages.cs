using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/espace/{org}/factures: the organisation's invoices, declared, confirmed and reduced.</summary>
public sealed class InvoicesPage(IPage page) : SiteChrome(page)
{
    public ILocator OwedToUs => Page.Locator("#owed-to-us");

    public ILocator OwedByUs => Page.Locator("#owed-by-us");

    public ILocator NoticeLinks => Page.Locator("#notices").GetByRole(AriaRole.Link);

    public ILocator Row(string number) => Page.Locator($"tr[data-invoice='{number}']");

    public static async Task<InvoicesPage> OpenAsync(IPage page, string organisationSlug, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/espace/{organisationSlug}/factures");
        return new InvoicesPage(page);
    }

    /// <summary>Declares an invoice the other member owes us.</summary>
    public async Task DeclareOwedToUsAsync(string counterparty, string number, string amount, string issued, string due)
    {
        var form = Page.Locator("#declare-form");
        await form.GetByLabel(Fields.Label("Sens")).SelectOptionAsync(new SelectOptionValue { Label = "Nous avons facturé ce membre (il nous doit)" });
        await form.GetByLabel(Fields.Label("Membre concerné")).SelectOptionAsync(new SelectOptionValue { Label = counterparty });
        await form.GetByLabel(Fields.Label("N° de facture")).FillAsync(number);
        await form.GetByLabel(Fields.Label("Montant en CHF")).FillAsync(amount);
        await form.GetByLabel(Fields.Label("Date d'émission")).FillAsync(issued);
        await form.GetByLabel(Fields.Label("Échéance")).FillAsync(due);
        await form.GetByRole(AriaRole.Button, new() { Name = "Déclarer la facture" }).ClickAsync();
        await Assertions.Expect(Flash).ToHaveTextAsync($"Facture {number} déclarée : l'autre membre doit maintenant la confirmer.");
    }

    public async Task ConfirmAsync(string number)
    {
        await Row(number).GetByRole(AriaRole.Button, new() { Name = "Confirmer", Exact = true }).ClickAsync();
        await Assertions.Expect(Flash).ToHaveTextAsync("Facture confirmée : elle participera au prochain tour de compensation.");
    }

    public async Task<NoticePage> OpenNoticeAsync()
    {
        await NoticeLinks.First.ClickAsync();
        var notice = new NoticePage(Page);
        await Assertions.Expect(notice.Heading).ToHaveTextAsync("Avis de compensation");
        return notice;
    }
}

/// <summary>/{chamber}/espace/{org}/factures/compensation/{round}: the printable set-off notice.</summary>
public sealed class NoticePage(IPage page) : SiteChrome(page)
{
    public ILocator Lines => Page.Locator("#notice-lines tbody tr");

    public ILocator PayablesReduced => Page.Locator("#total-payables");

    public ILocator ReceivablesReduced => Page.Locator("#total-receivables");

    /// <summary>Downloads the CSV version and returns its text.</summary>
    public async Task<string> DownloadCsvAsync()
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Télécharger en CSV" }).ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllTextAsync(path);
    }
}

/// <summary>/{chamber}/gestion/compensation: staff run a round and land on its result.</summary>
public sealed class ClearingRoundsPage(IPage page) : SiteChrome(page)
{
    public ILocator TotalCleared => Page.Locator("#total-cleared");

    public ILocator MembersHelped => Page.Locator("#members-helped");

    public ILocator Pictures => Page.Locator("svg.network");

    public static async Task<ClearingRoundsPage> OpenAsync(IPage page, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/gestion/compensation");
        return new ClearingRoundsPage(page);
    }

    public async Task RunNowAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lancer un tour maintenant" }).ClickAsync();
        await Assertions.Expect(Flash).ToContainTextAsync("Tour terminé");
    }
}
