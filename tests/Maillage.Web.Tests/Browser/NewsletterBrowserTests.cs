using Maillage.Web.Features.Newsletter;
using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>A visitor subscribes with double opt-in, then a mail program unsubscribes them in one click (RFC 8058).</summary>
public abstract class NewsletterBrowserTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task A_visitor_subscribes_confirms_by_the_button_and_leaves_in_one_click() => RunAsync(async session =>
    {
        var email = $"visiteuse-{Guid.NewGuid():N}@exemple.ch";
        var visitor = await session.NewPersonAsync("visitor");
        var signup = await NewsletterPage.OpenAsync(visitor, "ge");

        await signup.SubscribeAsync("visiteuse@yopmail.fr", events: true);
        await Expect(signup.Errors).ToContainTextAsync("adresses jetables");
        await signup.SubscribeAsync(email, events: true);
        await Expect(signup.Sent).ToBeVisibleAsync();

        // The link of the confirmation email: opening it confirms nothing, the button does.
        var body = await App.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.ToAddress == email).Select(m => m.TextBody).SingleAsync());
        var link = body.Split('\n').Single(l => l.Contains("/lettre/confirmer/", StringComparison.Ordinal)).Trim();
        await visitor.GotoAsync(new Uri(link).PathAndQuery);
        (await StateAsync(email)).ShouldBe(SubscriberState.Pending);
        await signup.ConfirmAsync();
        await Expect(signup.Confirmed).ToBeVisibleAsync();
        await Expect(signup.Preference("les annonces d'événements et de formations")).ToBeCheckedAsync();
        (await StateAsync(email)).ShouldBe(SubscriberState.Confirmed);

        // A mail program posts the one-click body to the List-Unsubscribe address: no cookie, no form token.
        var token = await App.WithDbAsync(db => db.Set<Subscriber>().Where(s => s.Email == email).Select(s => s.Token).SingleAsync());
        using var mailProgram = new HttpClient { BaseAddress = App.RootUri };
        using var oneClick = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        var response = await mailProgram.PostAsync(new Uri($"/ge/lettre/desabonnement/{token}", UriKind.Relative), oneClick);
        ((int)response.StatusCode).ShouldBe(200);
        (await StateAsync(email)).ShouldBe(SubscriberState.Unsubscribed);

        // The person opens the link later: the page says it is done and offers to come back.
        await visitor.GotoAsync($"/ge/lettre/desabonnement/{token}");
        await Expect(signup.Unsubscribed).ToBeVisibleAsync();
        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
    });

    private Task<SubscriberState> StateAsync(string email) =>
        App.WithDbAsync(db => db.Set<Subscriber>().Where(s => s.Email == email).Select(s => s.State).SingleAsync());
}

[Collection(BrowserTestGroup.Name)]
public sealed class NewsletterBrowserTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : NewsletterBrowserTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class NewsletterBrowserTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : NewsletterBrowserTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
