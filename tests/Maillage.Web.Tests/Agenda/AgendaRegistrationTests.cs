using System.Net.Http.Json;
using Maillage.Domain.Agenda;
using Maillage.Web.Features.Agenda;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HttpStatusCode = System.Net.HttpStatusCode;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Agenda;

/// <summary>Registrations through the real pipeline, on each engine: the rush, the waiting list, prices, bad input.</summary>
public abstract class AgendaRegistrationTests(MaillageApp app)
{
    private static object Body(string email, PriceCategory? rate = null, long? price = null) =>
        new { email, firstName = "Ada", lastName = "Lovelace", organisation = (string?)null, rate, price };

    [Fact]
    public async Task A_rush_of_confirmations_seats_exactly_the_capacity_and_cancellations_promote_the_waiting_list_in_arrival_order()
    {
        var agendaEvent = await app.NewEventAsync(capacity: 10);
        var emails = Enumerable.Range(0, 40).Select(i => $"rush{i}-{Guid.NewGuid():N}@exemple.ch").ToList();

        // Forty visitors register at once through the API, then all confirm at once through the page's button.
        using var api = app.CreateClient();
        var posted = await Task.WhenAll(emails.Select(e => api.PostAsJsonAsync($"/api/v1/chambers/ge/events/{agendaEvent.Id}/registrations", Body(e))));
        posted.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created);
        var pending = await app.RegistrationsAsync(agendaEvent.Id);
        pending.ShouldAllBe(r => r.State == RegistrationState.PendingEmail);
        (await app.MailsAsync(emails[0], AgendaEmailKinds.ConfirmRegistration)).ShouldBe(1);

        var clients = pending.Select(_ => new WebClient(app)).ToList();
        var pages = await Task.WhenAll(pending.Select((r, i) => clients[i].GetPageAsync($"/ge/agenda/inscription/{r.Token}")));
        pages.ShouldAllBe(p => p.QuerySelector("#confirm-form") != null);
        (await app.RegistrationsAsync(agendaEvent.Id)).ShouldAllBe(r => r.State == RegistrationState.PendingEmail, "opening the link confirms nothing");
        await Task.WhenAll(pages.Select((p, i) => clients[i].SubmitAsync(p, "#confirm-form", [])));

        var after = await app.RegistrationsAsync(agendaEvent.Id);
        after.Count(r => r.State == RegistrationState.Confirmed).ShouldBe(10);
        after.Count(r => r.State == RegistrationState.Waitlisted).ShouldBe(30);
        after.Select(r => r.ArrivalNumber).OrderBy(n => n).ShouldBe(Enumerable.Range(1, 40).Select(n => (long?)n), "one arrival number each, no gap");
        after.Where(r => r.State == RegistrationState.Confirmed).Max(r => r.ArrivalNumber).ShouldBe(10);
        (await app.EventAsync(agendaEvent.Id)).ConfirmedCount.ShouldBe(10);

        // Three seated people cancel at the same time: the three first of the waiting list get their seats, and are told.
        var leaving = after.Where(r => r.State == RegistrationState.Confirmed).Take(3).ToList();
        var cancelPages = await Task.WhenAll(leaving.Select((r, i) => clients[i].GetPageAsync($"/ge/agenda/inscription/{r.Token}")));
        await Task.WhenAll(cancelPages.Select((p, i) => clients[i].SubmitAsync(p, "#cancel-form", [])));
        var final = await app.RegistrationsAsync(agendaEvent.Id);
        var promoted = final.Where(r => r.PromotedAt is not null).OrderBy(r => r.ArrivalNumber).ToList();
        promoted.Select(r => r.ArrivalNumber).ShouldBe([11L, 12L, 13L]);
        final.Count(r => r.HoldsSeat).ShouldBe(10);
        foreach (var p in promoted)
        {
            (await app.MailsAsync(p.Email, AgendaEmailKinds.Promoted)).ShouldBe(1);
        }

        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task The_same_email_sent_twenty_times_at_once_is_registered_once()
    {
        var agendaEvent = await app.NewEventAsync(capacity: 5);
        using var api = app.CreateClient();
        var email = $"twice-{Guid.NewGuid():N}@exemple.ch";
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.PostAsJsonAsync($"/api/v1/chambers/ge/events/{agendaEvent.Id}/registrations", Body(email))));
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(19);
        (await app.RegistrationsAsync(agendaEvent.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_visitor_registers_on_the_page_confirms_by_the_button_of_the_emailed_page_and_can_cancel()
    {
        var agendaEvent = await app.NewEventAsync(capacity: 1);
        var email = $"visiteur-{Guid.NewGuid():N}@exemple.ch";
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync(agendaEvent.Url());
        page.QuerySelector("#your-price")!.TextContent.ShouldBe("Gratuit");
        var registered = await visitor.SubmitAsync(page, "#register-form", [new("Input.FirstName", "Rosa"), new("Input.LastName", "Parks"), new("Input.Email", email.ToUpperInvariant())]);
        registered.QuerySelector(".flash")!.TextContent.ShouldContain(email);

        var mail = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.ToAddress == email && m.Kind == AgendaEmailKinds.ConfirmRegistration));
        var link = mail.TextBody.Split('\n').Single(l => l.Contains("/agenda/inscription/", StringComparison.Ordinal)).Trim();
        var manage = await visitor.GetPageAsync(new Uri(link).PathAndQuery);
        manage.QuerySelector("#registration-state")!.GetAttribute("data-state").ShouldBe("PendingEmail");
        var confirmed = await visitor.SubmitAsync(manage, "#confirm-form", []);
        confirmed.QuerySelector("#registration-state")!.GetAttribute("data-state").ShouldBe("Confirmed");
        (await app.MailsAsync(email, AgendaEmailKinds.Confirmed)).ShouldBe(1);

        // The event is now full: the next visitor lands on the waiting list, then takes the seat the first one frees.
        var second = $"second-{Guid.NewGuid():N}@exemple.ch";
        using var other = new WebClient(app);
        var full = await other.GetPageAsync(agendaEvent.Url());
        full.QuerySelector("#full-notice").ShouldNotBeNull();
        await other.SubmitAsync(full, "#register-form", [new("Input.FirstName", "Ada"), new("Input.LastName", "Byron"), new("Input.Email", second)]);
        var secondToken = (await app.RegistrationsAsync(agendaEvent.Id)).Single(r => r.Email == second).Token;
        var secondPage = await other.GetPageAsync($"/ge/agenda/inscription/{secondToken}");
        var waiting = await other.SubmitAsync(secondPage, "#confirm-form", []);
        waiting.QuerySelector("#waitlist-position")!.TextContent.ShouldContain("position 1");

        await visitor.SubmitAsync(confirmed, "#cancel-form", []);
        var registrations = await app.RegistrationsAsync(agendaEvent.Id);
        registrations.Single(r => r.Email == email).State.ShouldBe(RegistrationState.Cancelled);
        registrations.Single(r => r.Email == second).State.ShouldBe(RegistrationState.Confirmed);
        (await app.MailsAsync(second, AgendaEmailKinds.Promoted)).ShouldBe(1);
    }

    [Fact]
    public async Task A_member_gets_the_member_price_a_visitor_the_other_and_a_forged_member_price_is_refused_writing_nothing()
    {
        var training = await app.NewEventAsync(capacity: 20, member: 120_00, nonMember: 180_00, kind: EventKind.Training);

        using var member = new WebClient(app);
        await member.SignInAsync(DemoAccounts.GenevaMember);
        var memberPage = await member.GetPageAsync(training.Url());
        memberPage.QuerySelector("#your-price")!.TextContent.ShouldContain("120.00");
        await member.SubmitAsync(memberPage, "#register-form", memberPage.FormFields("#register-form"));
        var mine = (await app.RegistrationsAsync(training.Id)).Single();
        (mine.Rate, mine.Price, mine.State, mine.Email).ShouldBe((PriceCategory.Member, 120_00L, RegistrationState.Confirmed, DemoAccounts.GenevaMember), "a signed-in member with a confirmed address is seated at once");

        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync(training.Url());
        page.QuerySelector("#your-price")!.TextContent.ShouldContain("180.00");
        var forged = await visitor.SubmitAsync(page, "#register-form", [new("Input.FirstName", "Eve"), new("Input.LastName", "Forger"), new("Input.Email", "eve@exemple.ch"), new("Input.Rate", "Member")]);
        forged.QuerySelector(".error-summary")!.TextContent.ShouldContain("Le tarif membre est réservé aux membres connectés");
        using var api = app.CreateClient();
        var forgedApi = await api.PostAsJsonAsync($"/api/v1/chambers/ge/events/{training.Id}/registrations", Body("eve@exemple.ch", price: 120_00));
        forgedApi.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forgedApi.Content.ReadAsStringAsync()).ShouldContain("MemberPriceRefused");
        (await app.RegistrationsAsync(training.Id)).Count.ShouldBe(1, "the forged attempts wrote nothing");
        (await app.MailsAsync("eve@exemple.ch", AgendaEmailKinds.ConfirmRegistration)).ShouldBe(0);

        var honest = await visitor.SubmitAsync(page, "#register-form", [new("Input.FirstName", "Eve"), new("Input.LastName", "Honest"), new("Input.Email", "eve@exemple.ch")]);
        honest.QuerySelector(".error-summary").ShouldBeNull();
        var eve = (await app.RegistrationsAsync(training.Id)).Single(r => r.Email == "eve@exemple.ch");
        (eve.Rate, eve.Price).ShouldBe((PriceCategory.NonMember, 180_00L));
    }

    [Fact]
    public async Task Each_bad_registration_gets_its_message_and_writes_nothing()
    {
        var open = await app.NewEventAsync();
        var past = EventTime.ToLocal(DateTime.UtcNow, EventTime.DefaultZone).AddHours(-1);
        var closed = await app.NewEventAsync(deadline: new DateTime(past.Year, past.Month, past.Day, past.Hour, past.Minute, 0));
        var cancelled = await app.NewEventAsync();
        await app.WithDbAsync(async db =>
        {
            var e = await db.Set<AgendaEvent>().SingleAsync(x => x.Id == cancelled.Id);
            e.Cancel("Salle indisponible", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        using var api = app.CreateClient();
        var taken = $"deja-{Guid.NewGuid():N}@exemple.ch";
        (await api.PostAsJsonAsync($"/api/v1/chambers/ge/events/{open.Id}/registrations", Body(taken))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var outboxBefore = await app.CountAsync<Maillage.Web.Data.OutboxMessage>();

        async Task<string> RefusedAsync(Guid eventId, string email, HttpStatusCode status)
        {
            var answer = await api.PostAsJsonAsync($"/api/v1/chambers/ge/events/{eventId}/registrations", Body(email));
            answer.StatusCode.ShouldBe(status, email);
            return await answer.Content.ReadAsStringAsync();
        }

        (await RefusedAsync(closed.Id, "a@exemple.ch", HttpStatusCode.Conflict)).ShouldContain("DeadlinePassed");
        (await RefusedAsync(cancelled.Id, "a@exemple.ch", HttpStatusCode.Conflict)).ShouldContain("EventCancelled");
        (await RefusedAsync(open.Id, taken.ToUpperInvariant(), HttpStatusCode.Conflict)).ShouldContain("AlreadyRegistered");
        (await RefusedAsync(open.Id, "pas-une-adresse", HttpStatusCode.BadRequest)).ShouldContain("InvalidEmail");

        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync(open.Url());
        var malformed = await visitor.SubmitAsync(page, "#register-form", [new("Input.FirstName", "A"), new("Input.LastName", "B"), new("Input.Email", "a@b")]);
        malformed.FieldError("Input.Email").ShouldBe("Adresse de courriel invalide (p. ex. nom@exemple.ch).");
        (await visitor.GetPageAsync(closed.Url())).QuerySelector("#registration-closed")!.TextContent.ShouldBe("Les inscriptions sont closes.");
        (await visitor.GetPageAsync(cancelled.Url())).QuerySelector("#event-cancelled").ShouldNotBeNull();

        (await app.RegistrationsAsync(open.Id)).Count.ShouldBe(1);
        (await app.RegistrationsAsync(closed.Id)).ShouldBeEmpty();
        (await app.RegistrationsAsync(cancelled.Id)).ShouldBeEmpty();
        (await app.CountAsync<Maillage.Web.Data.OutboxMessage>()).ShouldBe(outboxBefore);
    }

    [Fact]
    public async Task Staff_edits_are_refused_for_end_before_start_and_capacity_below_the_seats_taken_and_a_larger_capacity_promotes()
    {
        var agendaEvent = await app.NewEventAsync(capacity: 2);
        using var api = app.CreateClient();
        using var member = new WebClient(app);
        foreach (var i in Enumerable.Range(0, 3))
        {
            await SeatAsync(agendaEvent.Id, $"seat{i}-{Guid.NewGuid():N}@exemple.ch");
        }

        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var edit = await staff.GetPageAsync($"/ge/gestion/agenda/modifier/{agendaEvent.Id}");
        var start = edit.FieldValue("Input.Start")!;
        var backwards = await staff.SubmitAsync(edit, "#event-form", edit.FormFields("#event-form", ("Input.End", start.Replace("T10:00", "T09:00", StringComparison.Ordinal))));
        backwards.FieldError("Input.End").ShouldBe("La fin doit être après le début.");
        var tooSmall = await staff.SubmitAsync(edit, "#event-form", edit.FormFields("#event-form", ("Input.Capacity", "1")));
        tooSmall.FieldError("Input.Capacity").ShouldBe("Impossible : 2 places sont déjà occupées.");
        var unchanged = await app.EventAsync(agendaEvent.Id);
        (unchanged.Capacity, unchanged.Sequence, unchanged.LocalEnd).ShouldBe((2, agendaEvent.Sequence, agendaEvent.LocalEnd), "refused edits write nothing");

        await staff.SubmitAsync(edit, "#event-form", edit.FormFields("#event-form", ("Input.Capacity", "3")));
        var registrations = await app.RegistrationsAsync(agendaEvent.Id);
        registrations.Count(r => r.State == RegistrationState.Confirmed).ShouldBe(3, "the waiting list is served when the capacity grows");
        (await app.EventAsync(agendaEvent.Id)).Sequence.ShouldBeGreaterThan(agendaEvent.Sequence);
    }

    [Fact]
    public async Task Staff_cancel_an_event_registrants_are_told_and_another_chambers_staff_and_ids_get_404()
    {
        var agendaEvent = await app.NewEventAsync(capacity: 5);
        var seated = $"annule-{Guid.NewGuid():N}@exemple.ch";
        await SeatAsync(agendaEvent.Id, seated);

        using var vaud = new WebClient(app);
        await vaud.SignInAsync(DemoAccounts.VaudStaff);
        await vaud.GetPageAsync($"/vd/agenda/{agendaEvent.Id}", HttpStatusCode.NotFound);
        await vaud.GetPageAsync($"/vd/gestion/agenda/{agendaEvent.Id}", HttpStatusCode.NotFound);
        (await vaud.Http.GetAsync(new Uri($"/vd/agenda/{agendaEvent.Id}/calendrier.ics", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await vaud.Http.GetAsync(new Uri($"/ge/gestion/agenda/{agendaEvent.Id}", UriKind.Relative))).RequestMessage!.RequestUri!.AbsolutePath.ShouldStartWith("/compte/acces-refuse");

        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var edit = await staff.GetPageAsync($"/ge/gestion/agenda/modifier/{agendaEvent.Id}");
        await staff.SubmitAsync(edit, "#cancel-event-form", [new("CancellationReason", "Intervenante malade")]);
        (await app.EventAsync(agendaEvent.Id)).Status.ShouldBe(EventStatus.Cancelled);
        var mail = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.ToAddress == seated && m.Kind == AgendaEmailKinds.EventCancelled));
        mail.TextBody.ShouldContain("Intervenante malade");
    }

    [Fact]
    public async Task The_reminder_of_the_day_before_is_written_once_even_when_two_instances_look_at_the_same_time()
    {
        var soon = EventTime.ToLocal(DateTime.UtcNow.AddHours(20), EventTime.DefaultZone);
        var agendaEvent = await app.NewEventAsync(localStart: new DateTime(soon.Year, soon.Month, soon.Day, soon.Hour, 0, 0));
        var emails = Enumerable.Range(0, 4).Select(i => $"rappel{i}-{Guid.NewGuid():N}@exemple.ch").ToList();
        foreach (var email in emails)
        {
            await SeatAsync(agendaEvent.Id, email);
        }

        async Task<int> PassAsync()
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<AgendaReminders>().SendDueAsync(CancellationToken.None);
        }

        await Task.WhenAll(PassAsync(), PassAsync(), PassAsync());
        await PassAsync();
        foreach (var email in emails)
        {
            (await app.MailsAsync(email, AgendaEmailKinds.Reminder)).ShouldBe(1, email);
        }
    }

    [Fact]
    public async Task An_unconfirmed_registration_expires_after_a_day_once_even_with_two_instances_and_its_address_may_register_again()
    {
        var agendaEvent = await app.NewEventAsync(capacity: 1);
        var chamberId = await app.ChamberIdAsync("ge");
        var (early, late, silent) = ($"tot-{Guid.NewGuid():N}@exemple.ch", $"tard-{Guid.NewGuid():N}@exemple.ch", $"muet-{Guid.NewGuid():N}@exemple.ch");
        using var api = app.CreateClient();
        foreach (var email in new[] { early, late, silent })
        {
            (await api.PostAsJsonAsync($"/api/v1/chambers/ge/events/{agendaEvent.Id}/registrations", Body(email))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var tokens = (await app.RegistrationsAsync(agendaEvent.Id)).ToDictionary(r => r.Email, r => r.Token);

        // 23 hours later the button still works; 25 hours later it no longer does, and the registration ends.
        (await LaterAsync(TimeSpan.FromHours(23), r => r.ConfirmEmailAsync(chamberId, tokens[early], CancellationToken.None))).Registration!.State.ShouldBe(RegistrationState.Confirmed);
        var refused = await LaterAsync(TimeSpan.FromHours(25), r => r.ConfirmEmailAsync(chamberId, tokens[late], CancellationToken.None));
        refused.Errors.Select(e => e.Code).ShouldBe([AgendaCodes.Expired]);
        (await app.RegistrationsAsync(agendaEvent.Id)).Single(r => r.Email == late).State.ShouldBe(RegistrationState.Cancelled);

        // The background pass, run by two instances at the same time, expires each pending registration exactly once
        // (this database's other tests left theirs too: a day later, all of them are due).
        var due = await app.WithDbAsync(db => db.Set<Registration>().CountAsync(r => r.State == RegistrationState.PendingEmail));
        var passes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => LaterAsync(TimeSpan.FromHours(25), r => r.ExpirePendingAsync(CancellationToken.None))));
        passes.Sum().ShouldBe(due);
        (await LaterAsync(TimeSpan.FromHours(25), r => r.ExpirePendingAsync(CancellationToken.None))).ShouldBe(0);
        var registrations = await app.RegistrationsAsync(agendaEvent.Id);
        registrations.Single(r => r.Email == silent).State.ShouldBe(RegistrationState.Cancelled);
        registrations.Single(r => r.Email == early).State.ShouldBe(RegistrationState.Confirmed, "a confirmed registration never expires");
        (await app.EventAsync(agendaEvent.Id)).ConfirmedCount.ShouldBe(1, "a pending registration held no seat, so its expiry frees none");
        (await app.MailsAsync(silent, AgendaEmailKinds.Confirmed)).ShouldBe(0);

        // The addresses are free again: both people can register anew (the event is full, so they will wait).
        foreach (var email in new[] { late, silent })
        {
            (await api.PostAsJsonAsync($"/api/v1/chambers/ge/events/{agendaEvent.Id}/registrations", Body(email))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // A pending registration past its lifetime that the pass has not reached yet does not block its address either.
        var stale = $"perime-{Guid.NewGuid():N}@exemple.ch";
        (await api.PostAsJsonAsync($"/api/v1/chambers/ge/events/{agendaEvent.Id}/registrations", Body(stale))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await LaterAsync(TimeSpan.FromHours(25), r => r.RegisterAsync(chamberId, agendaEvent.Id, new RegistrationRequest(stale, "Ada", "Lovelace", null), Registrant.Visitor, CancellationToken.None));
        again.Succeeded.ShouldBeTrue();
        (await app.RegistrationsAsync(agendaEvent.Id)).Where(r => r.Email == stale).Select(r => r.State).OrderBy(s => s).ShouldBe([RegistrationState.PendingEmail, RegistrationState.Cancelled]);
    }

    [Fact]
    public async Task A_pending_registration_cannot_be_confirmed_after_the_deadline_or_once_the_event_is_cancelled_and_nothing_is_seated()
    {
        var start = EventTime.ToLocal(DateTime.UtcNow, EventTime.DefaultZone).Date.AddDays(10).AddHours(10);
        var agendaEvent = await app.NewEventAsync(capacity: 5, localStart: start, deadline: start.AddDays(-2));
        var chamberId = await app.ChamberIdAsync("ge");
        var (slow, cancelled) = ($"lent-{Guid.NewGuid():N}@exemple.ch", $"annule-{Guid.NewGuid():N}@exemple.ch");
        using var api = app.CreateClient();
        foreach (var email in new[] { slow, cancelled })
        {
            (await api.PostAsJsonAsync($"/api/v1/chambers/ge/events/{agendaEvent.Id}/registrations", Body(email))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var tokens = (await app.RegistrationsAsync(agendaEvent.Id)).ToDictionary(r => r.Email, r => r.Token);

        // Nine days on, registration has closed: the button refuses, and the refusal is worded for the person.
        var afterDeadline = await LaterAsync(TimeSpan.FromDays(9), r => r.ConfirmEmailAsync(chamberId, tokens[slow], CancellationToken.None), TimeSpan.FromDays(30));
        afterDeadline.Errors.Select(e => e.Code).ShouldBe([AgendaCodes.DeadlinePassed]);

        using (var scope = app.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AgendaRegistrations>().CancelEventAsync(chamberId, agendaEvent.Id, "Salle inondée", CancellationToken.None)).ShouldBeTrue();
        }

        using var person = new WebClient(app);
        var page = await person.GetPageAsync($"/ge/agenda/inscription/{tokens[cancelled]}");
        var answer = await person.SubmitAsync(page, "#confirm-form", []);
        answer.QuerySelector(".error-summary")!.TextContent.ShouldContain("Cet événement est annulé.");

        using (var scope = app.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AgendaRegistrations>().ConfirmEmailAsync(chamberId, tokens[cancelled], CancellationToken.None))
                .Errors.Select(e => e.Code).ShouldBe([AgendaCodes.EventCancelled]);
        }

        var registrations = await app.RegistrationsAsync(agendaEvent.Id);
        registrations.ShouldAllBe(r => r.State == RegistrationState.PendingEmail && r.ArrivalNumber == null, "nothing was seated nor numbered");
        (await app.EventAsync(agendaEvent.Id)).ConfirmedCount.ShouldBe(0);
        (await app.MailsAsync(slow, AgendaEmailKinds.Confirmed)).ShouldBe(0);
        (await app.MailsAsync(slow, AgendaEmailKinds.Waitlisted)).ShouldBe(0);
    }

    [Fact]
    public async Task A_registration_that_cannot_get_its_turn_in_time_is_told_to_try_again_and_writes_nothing()
    {
        var agendaEvent = await app.NewEventAsync(capacity: 5);
        var chamberId = await app.ChamberIdAsync("ge");
        using var gate = new AgendaAdmissionGate();
        var held = await gate.EnterAsync(agendaEvent.Id, TimeSpan.Zero, CancellationToken.None);
        held.ShouldNotBeNull("another request of this instance holds the event's turn");

        using var scope = app.Services.CreateScope();
        var options = Microsoft.Extensions.Options.Options.Create(new AgendaOptions { AdmissionWait = TimeSpan.FromMilliseconds(50) });
        var service = ActivatorUtilities.CreateInstance<AgendaRegistrations>(scope.ServiceProvider, gate, options);
        var email = $"presse-{Guid.NewGuid():N}@exemple.ch";
        var request = new RegistrationRequest(email, "Ada", "Lovelace", null);
        var refused = await service.RegisterAsync(chamberId, agendaEvent.Id, request, new Registrant(null, email), CancellationToken.None);
        refused.Errors.Select(e => e.Code).ShouldBe([AgendaCodes.Busy]);
        (await app.RegistrationsAsync(agendaEvent.Id)).ShouldBeEmpty();
        (await app.MailsAsync(email, AgendaEmailKinds.Confirmed)).ShouldBe(0);

        held.Dispose();
        (await service.RegisterAsync(chamberId, agendaEvent.Id, request, new Registrant(null, email), CancellationToken.None)).Registration!.State.ShouldBe(RegistrationState.Confirmed);
    }

    /// <summary>Runs the registrations service of an instance whose clock is <paramref name="later"/> ahead.</summary>
    private async Task<T> LaterAsync<T>(TimeSpan later, Func<AgendaRegistrations, Task<T>> work, TimeSpan? lifetime = null)
    {
        using var scope = app.Services.CreateScope();
        var options = Microsoft.Extensions.Options.Options.Create(new AgendaOptions { PendingEmailLifetime = lifetime ?? TimeSpan.FromHours(24) });
        var service = ActivatorUtilities.CreateInstance<AgendaRegistrations>(scope.ServiceProvider, new ShiftedClock(later), options);
        return await work(service);
    }

    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }

    [Fact]
    public async Task Feedback_after_the_event_is_shown_to_staff_and_attendance_is_marked_on_the_check_in_list()
    {
        var agendaEvent = await app.NewEventAsync(capacity: 5);
        var email = $"avis-{Guid.NewGuid():N}@exemple.ch";
        var token = await SeatAsync(agendaEvent.Id, email);

        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var checkIn = await staff.GetPageAsync($"/ge/gestion/agenda/{agendaEvent.Id}");
        var row = checkIn.QuerySelector($"li[data-registration='{email}']")!;
        row.ShouldNotBeNull();
        var marked = await staff.SubmitAsync(checkIn, $"li[data-registration='{email}'] form[action*='handler=Attendance']", [new("attended", "true")]);
        marked.QuerySelector($"li[data-registration='{email}']")!.ClassName.ShouldBe("present");

        // Before the event the page offers no feedback form; once it has begun, it does.
        using var person = new WebClient(app);
        (await person.GetPageAsync($"/ge/agenda/inscription/{token}")).QuerySelector("#feedback-form").ShouldBeNull();
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"AgendaEvents\" SET \"StartsAtUtc\" = {DateTime.UtcNow.AddHours(-3)}, \"EndsAtUtc\" = {DateTime.UtcNow.AddHours(-1)} WHERE \"Id\" = {agendaEvent.Id}"));
        var page = await person.GetPageAsync($"/ge/agenda/inscription/{token}");
        var noRating = await person.SubmitAsync(page, "#feedback-form", [new("Comment", "Super")]);
        noRating.QuerySelector("#Rating-error")!.TextContent.ShouldBe("Choisissez une note de 1 à 5.");
        await person.SubmitAsync(page, "#feedback-form", [new("Rating", "4"), new("Comment", "Très utile, merci")]);

        var results = await staff.GetPageAsync($"/ge/gestion/agenda/{agendaEvent.Id}");
        results.QuerySelector("#feedback-average")!.TextContent.ShouldContain("4,0 / 5 (1 avis)");
        results.QuerySelector(".feedback-comments")!.TextContent.ShouldContain("Très utile, merci");
    }

    /// <summary>Registers through the API and confirms through the service; returns the registration's token.</summary>
    private async Task<string> SeatAsync(Guid eventId, string email)
    {
        using var api = app.CreateClient();
        (await api.PostAsJsonAsync($"/api/v1/chambers/ge/events/{eventId}/registrations", Body(email))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = (await app.RegistrationsAsync(eventId)).Single(r => r.Email == email).Token;
        using var scope = app.Services.CreateScope();
        var chamberId = await app.ChamberIdAsync("ge");
        (await scope.ServiceProvider.GetRequiredService<AgendaRegistrations>().ConfirmEmailAsync(chamberId, token, CancellationToken.None)).Succeeded.ShouldBeTrue();
        return token;
    }
}

public sealed class AgendaRegistrationTestsOnSqlite(SqliteApp app) : AgendaRegistrationTests(app), IClassFixture<SqliteApp>;

public sealed class AgendaRegistrationTestsOnPostgreSQL(PostgresApp app) : AgendaRegistrationTests(app), IClassFixture<PostgresApp>;
