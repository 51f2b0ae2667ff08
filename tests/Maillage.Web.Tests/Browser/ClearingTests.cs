using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>Clearing in a real browser: members declare a cycle, confirm it, staff run a round, members read their notices.</summary>
public abstract class ClearingTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task Three_members_declare_a_cycle_confirm_it_staff_clear_it_and_each_downloads_its_notice() => RunAsync(async session =>
    {
        var members = new[] { await App.NewMemberAsync(), await App.NewMemberAsync(), await App.NewMemberAsync() };
        var browsers = new List<Microsoft.Playwright.IPage>();
        foreach (var member in members)
        {
            var person = await session.NewPersonAsync(member.Slug);
            await LoginPage.SignInAsync(person, member.Email);
            browsers.Add(person);
        }

        // Each member invoices the next one: 0 is owed by 1, 1 by 2, 2 by 0 — a cycle.
        for (var i = 0; i < 3; i++)
        {
            var invoices = await InvoicesPage.OpenAsync(browsers[i], members[i].Slug);
            await invoices.DeclareOwedToUsAsync(members[(i + 1) % 3].Name, $"CYC-{i}", "1'250.00", "2026-10-01", "2026-10-31");
            await Expect(invoices.Row($"CYC-{i}")).ToContainTextAsync("À confirmer");
        }

        // Each confirms the invoice the previous member sent it.
        for (var i = 0; i < 3; i++)
        {
            var invoices = await InvoicesPage.OpenAsync(browsers[i], members[i].Slug);
            await invoices.ConfirmAsync($"CYC-{(i + 2) % 3}");
        }

        var staff = await session.NewPersonAsync("staff");
        await LoginPage.SignInAsync(staff, DemoAccounts.GenevaStaff);
        var rounds = await ClearingRoundsPage.OpenAsync(staff);
        await rounds.RunNowAsync();
        await Expect(rounds.Pictures).ToHaveCountAsync(2);

        for (var i = 0; i < 3; i++)
        {
            var invoices = await InvoicesPage.OpenAsync(browsers[i], members[i].Slug);
            await Expect(invoices.OwedToUs.Locator($"tr[data-invoice='CYC-{i}'] .remaining")).ToHaveTextAsync("0.00");
            await Expect(invoices.OwedToUs.Locator($"tr[data-invoice='CYC-{i}'] .state")).ToHaveTextAsync("Compensée");
            await Expect(invoices.OwedByUs.Locator($"tr[data-invoice='CYC-{(i + 2) % 3}'] .state")).ToHaveTextAsync("Compensée");
            var notice = await invoices.OpenNoticeAsync();
            await Expect(notice.Lines).ToHaveCountAsync(2);
            await Expect(notice.PayablesReduced).ToHaveTextAsync("1’250.00");
            await Expect(notice.ReceivablesReduced).ToHaveTextAsync("1’250.00");
            var csv = await notice.DownloadCsvAsync();
            csv.ShouldContain($";CYC-{i};creance;{members[(i + 1) % 3].Name};1250.00;1250.00;0.00");
            csv.ShouldContain($";CYC-{(i + 2) % 3};dette;{members[(i + 2) % 3].Name};1250.00;1250.00;0.00");
        }

        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
    });
}

[Collection(BrowserTestGroup.Name)]
public sealed class ClearingTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : ClearingTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class ClearingTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : ClearingTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
