using Maillage.Domain.Agenda;
using Maillage.Web.Features.Agenda;
using Maillage.Web.Tests.Agenda;
using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>The agenda in a real browser: a full event, its waiting list and the automatic promotion.</summary>
public abstract class AgendaTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task A_visitor_registers_for_a_full_event_waits_and_is_promoted_when_someone_cancels() => RunAsync(async session =>
    {
        // One seat, already taken by someone who will cancel.
        var agendaEvent = await App.NewEventAsync(capacity: 1);
        var first = $"premiere-{Guid.NewGuid():N}@exemple.ch";
        var firstToken = await SeatAsync(agendaEvent.Id, first);

        var visitor = await session.NewPersonAsync("visitor");
        var eventPage = await EventPage.OpenAsync(visitor, agendaEvent.Id);
        await Expect(eventPage.FullNotice).ToBeVisibleAsync();
        var email = $"visiteuse-{Guid.NewGuid():N}@exemple.ch";
        await eventPage.RegisterAsync("Grace", "Hopper", email, "M'inscrire en liste d'attente");
        await Expect(eventPage.Flash).ToContainTextAsync(email);

        // The confirmation email leads to a page; the button there (not the link) registers her: on the waiting list.
        var body = await App.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.ToAddress == email && m.Kind == AgendaEmailKinds.ConfirmRegistration).Select(m => m.TextBody).SingleAsync());
        var link = new Uri(body.Split('\n').Single(l => l.Contains("/agenda/inscription/", StringComparison.Ordinal)).Trim()).PathAndQuery;
        var mine = await MyRegistrationPage.OpenAsync(visitor, link);
        await Expect(mine.State).ToHaveTextAsync("En attente de confirmation");
        await mine.ConfirmAsync();
        await Expect(mine.State).ToHaveTextAsync("Liste d'attente");
        await Expect(mine.WaitlistPosition).ToContainTextAsync("position 1");

        // The seated person cancels from their own page; the seat goes to the visitor, who is told.
        var other = await session.NewPersonAsync("first");
        var theirs = await MyRegistrationPage.OpenAsync(other, $"/ge/agenda/inscription/{firstToken}");
        await theirs.CancelAsync();
        await Expect(theirs.State).ToHaveTextAsync("Annulée");

        await visitor.ReloadAsync();
        await Expect(mine.State).ToHaveTextAsync("Inscription confirmée");
        (await App.MailsAsync(email, AgendaEmailKinds.Promoted)).ShouldBe(1);
        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
    });

    private async Task<string> SeatAsync(Guid eventId, string email)
    {
        var chamberId = await App.ChamberIdAsync("ge");
        using var scope = App.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<AgendaRegistrations>();
        var outcome = await service.RegisterAsync(chamberId, eventId, new RegistrationRequest(email, "Ada", "Lovelace", null), new Registrant(null, email), CancellationToken.None);
        outcome.Registration!.State.ShouldBe(RegistrationState.Confirmed);
        return outcome.Registration.Token;
    }
}

[Collection(BrowserTestGroup.Name)]
public sealed class AgendaTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : AgendaTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class AgendaTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : AgendaTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
