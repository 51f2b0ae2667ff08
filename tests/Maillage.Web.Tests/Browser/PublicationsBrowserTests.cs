using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>A member proposes news, staff publish it, the public reads it and the author hears of it through the bell.</summary>
public abstract class PublicationsBrowserTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task A_member_proposes_news_staff_publish_it_and_the_public_reads_it() => RunAsync(async session =>
    {
        var title = "Épicerie ouverte le dimanche " + Guid.NewGuid().ToString("N")[..5];
        var member = await App.NewMemberAsync("ge");

        var authorPage = await session.NewPersonAsync("author");
        await LoginPage.SignInAsync(authorPage, member.Email);
        var mine = await MemberNewsPage.OpenFromSpaceAsync(authorPage, member.Slug);
        await mine.ProposeAsync(title, "<p>Dès décembre, nous ouvrons <strong>aussi le dimanche</strong> matin.</p><script>alert(1)</script>");
        await Expect(mine.Row(title)).ToContainTextAsync("En attente de la chambre");

        var staffPage = await session.NewPersonAsync("staff");
        await LoginPage.SignInAsync(staffPage, DemoAccounts.GenevaStaff);
        var queue = await StaffNewsPage.OpenFromBackOfficeAsync(staffPage);
        await queue.PublishAsync(title);

        var visitorPage = await session.NewPersonAsync("visitor");
        var news = await PublicNewsPage.OpenFromMenuAsync(visitorPage);
        await Expect(news.List).ToContainTextAsync(title);
        await news.OpenAsync(title);
        await Expect(news.Text.Locator("strong")).ToHaveTextAsync("aussi le dimanche");
        await Expect(news.Text.Locator("script")).ToHaveCountAsync(0);

        await authorPage.ReloadAsync();
        await Expect(NotificationsPage.Bell(authorPage)).ToHaveAttributeAsync("aria-label", "Notifications (1 non lues)");
        await Expect(mine.Row(title)).ToContainTextAsync("Publiée");
        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
    });
}

[Collection(BrowserTestGroup.Name)]
public sealed class PublicationsBrowserTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : PublicationsBrowserTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class PublicationsBrowserTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : PublicationsBrowserTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
