using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Currency;
using Maillage.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>The complementary currency in a real browser: a payment seen by both sides, and a payment request accepted.</summary>
public abstract class CurrencyTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task A_member_pays_another_and_both_see_the_new_balances() => RunAsync(async session =>
    {
        var chamber = await App.NewCurrencyChamberAsync(feeBasisPoints: 100);
        var payer = await App.NewCurrencyMemberAsync(chamber, "Atelier Vélo Solidaire");
        var payee = await App.NewCurrencyMemberAsync(chamber, "Traiteur du Quartier");
        var payerBrowser = await session.NewPersonAsync("payer");
        await LoginPage.SignInAsync(payerBrowser, payer.Email);
        var account = await CurrencyAccountPage.OpenAsync(payerBrowser, chamber.Slug, payer.Slug);

        await account.PayAsync("Traiteur du Quartier", "750.00", "Buffet de l'assemblée");

        await Expect(account.Flash).ToContainTextAsync("Traiteur du Quartier");
        await Expect(account.Balance).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^-757,50\\sT$"));
        var payeeBrowser = await session.NewPersonAsync("payee");
        await LoginPage.SignInAsync(payeeBrowser, payee.Email);
        var received = await CurrencyAccountPage.OpenAsync(payeeBrowser, chamber.Slug, payee.Slug);
        await Expect(received.Balance).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^750,00\\sT$"));
        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
    });

    [Fact]
    public Task A_payment_request_is_accepted_by_the_payer() => RunAsync(async session =>
    {
        var chamber = await App.NewCurrencyChamberAsync(feeBasisPoints: 0);
        var shop = await App.NewCurrencyMemberAsync(chamber, "Épicerie Coopérative");
        var customer = await App.NewCurrencyMemberAsync(chamber, "Crèche des Pâquis");
        var shopBrowser = await session.NewPersonAsync("shop");
        await LoginPage.SignInAsync(shopBrowser, shop.Email);
        var shopAccount = await CurrencyAccountPage.OpenAsync(shopBrowser, chamber.Slug, shop.Slug);
        await shopAccount.RequestAsync("Crèche des Pâquis", "84,20", "Fruits de la semaine");
        await Expect(shopAccount.Flash).ToContainTextAsync("Crèche des Pâquis");

        var customerBrowser = await session.NewPersonAsync("customer");
        await LoginPage.SignInAsync(customerBrowser, customer.Email);
        var customerAccount = await CurrencyAccountPage.OpenAsync(customerBrowser, chamber.Slug, customer.Slug);
        await Expect(customerAccount.IncomingRequests).ToContainTextAsync("Fruits de la semaine");
        await customerAccount.AcceptFirstRequestAsync();

        await Expect(customerAccount.Flash).ToHaveTextAsync("Demande payée.");
        await Expect(customerAccount.Balance).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^-84,20\\sT$"));
        shopAccount = await CurrencyAccountPage.OpenAsync(shopBrowser, chamber.Slug, shop.Slug);
        await Expect(shopAccount.Balance).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^84,20\\sT$"));
        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
    });
}

[Collection(BrowserTestGroup.Name)]
public sealed class CurrencyTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : CurrencyTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class CurrencyTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : CurrencyTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
