using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Maillage.Web.Tests.Procurement;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>
/// The procurement watch in a real browser: a member saves a watch profile, staff enter a notice afterwards, the
/// member sees it among the profile's matches, looks for partners, and another member of the chamber joins.
/// </summary>
public abstract class ProcurementBrowserTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task A_member_watches_sees_a_new_notice_starts_a_consortium_and_another_member_joins_it() => RunAsync(async session =>
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var lead = await App.NewMemberAsync(name: $"Cuisine Solidaire {tag}");
        var partner = await App.NewMemberAsync(name: $"Net'Insertion {tag}");
        await App.OfferAsync(lead, "Repas scolaires et de crèche", "traiteur/repas");
        await App.OfferAsync(partner, "Nettoyage de locaux scolaires", "nettoyage/locaux");
        var title = $"Repas scolaires et nettoyage des écoles de Meyrin {tag}";

        var a = await session.NewPersonAsync("lead");
        await LoginPage.SignInAsync(a, lead.Email);
        var notices = await TenderNoticesPage.OpenFromNavigationAsync(a);
        var watch = await notices.OpenWatchAsync(lead.Name);
        await watch.SubmitInvalidAsync("Restauration scolaire", "repas scolaire", "55X");
        (await watch.CpvPrefixes.ErrorMessageAsync()).ShouldBe("Un préfixe CPV a de 2 à 8 chiffres.");
        var profile = await watch.SaveAsync("Restauration scolaire", "repas scolaire", "GE");
        await Expect(profile.Match(title)).ToHaveCountAsync(0);

        // The notice arrives after the profile: staff type it from simap.ch.
        var staff = await session.NewPersonAsync("staff");
        await LoginPage.SignInAsync(staff, DemoAccounts.GenevaStaff);
        var form = await ManualNoticePage.OpenAsync(staff);
        var entered = await form.SaveAsync($"simap-{tag}", title, "Commune de Meyrin", "GE", "55524000 90911200", "420'000", DateTime.Now.AddDays(20), "Repas scolaires de midi", "Nettoyage des locaux scolaires");
        await Expect(entered.Lots).ToHaveCountAsync(2);

        await a.ReloadAsync();
        await Expect(profile.Match(title)).ToContainTextAsync("mot-clé « repas scolaire »");
        var notice = await profile.OpenNoticeAsync(title);
        var workspace = await notice.LookForPartnersAsync();
        await Expect(workspace.Member(lead.Name)).ToContainTextAsync("Mandataire");
        await Expect(workspace.Suggestion(partner.Name)).ToContainTextAsync("Nettoyage des locaux scolaires");
        await workspace.InviteAsync(partner.Name, "Partenaire");
        await Expect(workspace.Member(partner.Name)).ToContainTextAsync("Invité");

        var b = await session.NewPersonAsync("partner");
        await LoginPage.SignInAsync(b, partner.Email);
        var mine = await MyConsortiaPage.OpenAsync(b, partner.Slug);
        var invited = await mine.OpenAsync(mine.Invitations, title);
        await invited.AcceptAsync();

        foreach (var page in new[] { invited, workspace })
        {
            await page.Page.ReloadAsync();
            await Expect(page.Members.Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(page.Member(lead.Name)).ToContainTextAsync("Mandataire");
            await Expect(page.Member(lead.Name)).ToContainTextAsync("Membre");
            await Expect(page.Member(partner.Name)).ToContainTextAsync("Partenaire");
            await Expect(page.Member(partner.Name)).ToContainTextAsync("Membre");
            await Expect(page.Coverage).ToHaveTextAsync("Lots couverts : 2 sur 2");
        }

        mine = await MyConsortiaPage.OpenAsync(b, partner.Slug);
        await Expect(mine.Joined).ToContainTextAsync(title);
        await Expect(mine.Invitations.GetByRole(Microsoft.Playwright.AriaRole.Link)).ToHaveCountAsync(0);
        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
    });
}

[Collection(BrowserTestGroup.Name)]
public sealed class ProcurementBrowserTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : ProcurementBrowserTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class ProcurementBrowserTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : ProcurementBrowserTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
