using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Infrastructure;
using Maillage.Web.Tests.Needs;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>A member posts a need, a matching member hears of it through the bell and answers, the poster reads the answer.</summary>
public abstract class NeedsBrowserTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task A_member_posts_a_need_a_matching_member_sees_the_notification_and_answers_and_the_poster_reads_it() => RunAsync(async session =>
    {
        var tag = "b" + Guid.NewGuid().ToString("N")[..7];
        var poster = await App.PlacedMemberAsync("ge", NeedsFixtures.Geneva);
        var courier = await App.PlacedMemberAsync("ge", (46.21, 6.15));
        await App.PublishedOfferAsync(courier, $"Transport de palettes {tag}", "logistique/livraison");
        var today = Maillage.Domain.ChamberDays.Of(DateTime.UtcNow);

        var posterPage = await session.NewPersonAsync("poster");
        await LoginPage.SignInAsync(posterPage, poster.Email);
        var needs = await MemberNeedsPage.OpenFromSpaceAsync(posterPage, poster.Slug);
        var need = await needs.PostAsync($"Transport de palettes {tag} Genève–Lausanne", "logistique/livraison", today.AddDays(7), today.AddDays(90), "350");
        await Expect(need.Flash).ToContainTextAsync("publié");
        await Expect(need.Matches.Locator($"li[data-organisation='{courier.Id}']")).ToContainTextAsync("même catégorie (Livraison et coursiers)");

        var courierPage = await session.NewPersonAsync("courier");
        await LoginPage.SignInAsync(courierPage, courier.Email);
        await Expect(NotificationsPage.Bell(courierPage)).ToHaveAttributeAsync("aria-label", "Notifications (1 non lues)");
        var notifications = await NotificationsPage.OpenFromBellAsync(courierPage);
        var seen = await notifications.OpenAsync($"{poster.Name} cherche : Transport de palettes {tag} Genève–Lausanne");
        await Expect(seen.Heading).ToHaveTextAsync($"Transport de palettes {tag} Genève–Lausanne");
        await Expect(NotificationsPage.Bell(courierPage)).ToHaveAttributeAsync("aria-label", "Notifications (aucune non lue)");
        await seen.AnswerAsync("Nous faisons Genève–Lausanne le mardi : 160 francs le trajet.");

        await posterPage.ReloadAsync();
        await Expect(NotificationsPage.Bell(posterPage)).ToHaveAttributeAsync("aria-label", "Notifications (1 non lues)");
        await Expect(need.Thread(courier.Id)).ToContainTextAsync("160 francs le trajet");
        await Expect(need.Thread(courier.Id)).ToContainTextAsync($"Échange avec {courier.Name}");

        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
    });
}

[Collection(BrowserTestGroup.Name)]
public sealed class NeedsBrowserTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : NeedsBrowserTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class NeedsBrowserTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : NeedsBrowserTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
