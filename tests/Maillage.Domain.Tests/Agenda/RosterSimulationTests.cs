using Maillage.Domain.Agenda;
using Maillage.Domain.Common;

namespace Maillage.Domain.Tests.Agenda;

/// <summary>Seeded random sequences of registrations, confirmations, cancellations and capacity changes; the invariants hold after every step.</summary>
public sealed class RosterSimulationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2026)]
    [InlineData(31337)]
    public void Invariants_hold_after_every_step_of_a_random_sequence(int seed)
    {
        var random = new Random(seed);
        var roster = new Roster(AgendaWorld.Event(capacity: random.Next(1, 8)));
        var now = AgendaWorld.Now;
        var emails = Enumerable.Range(0, 25).Select(i => $"personne{i}@exemple.ch").ToList();
        var promotions = 0;
        for (var step = 0; step < 400; step++)
        {
            now = now.AddSeconds(1);
            var active = roster.Registrations.Where(r => r.IsActive).ToList();
            switch (random.Next(10))
            {
                case < 4:
                    var email = emails[random.Next(emails.Count)];
                    var duplicate = active.Any(r => r.Email == email);
                    var attempt = Record.Exception(() => roster.Register(random.Next(2) == 0 ? email : email.ToUpperInvariant(), "Ada", "Lovelace", new EventPrice(PriceCategory.Free, 0), now));
                    if (duplicate)
                    {
                        attempt.ShouldBeOfType<DomainException>().Code.ShouldBe(AgendaCodes.AlreadyRegistered, $"seed {seed} step {step}");
                    }
                    else
                    {
                        attempt.ShouldBeNull();
                    }

                    break;
                case < 7:
                    if (active.FirstOrDefault(r => r.State == RegistrationState.PendingEmail) is { } pending)
                    {
                        var waitingBefore = roster.Registrations.Count(r => r.State == RegistrationState.Waitlisted);
                        var free = roster.Event.FreeSeats;
                        roster.ConfirmEmail(pending, now);
                        pending.State.ShouldBe(free is > 0 ? RegistrationState.Confirmed : RegistrationState.Waitlisted, $"seed {seed} step {step}");
                        pending.ArrivalNumber.ShouldBe(roster.Event.ArrivalCount);
                        if (pending.State == RegistrationState.Waitlisted)
                        {
                            roster.Registrations.Count(r => r.State == RegistrationState.Waitlisted).ShouldBe(waitingBefore + 1);
                        }
                    }

                    break;
                case < 9:
                    var cancellable = active.Where(r => r.State != RegistrationState.Attended).ToList();
                    if (cancellable.Count > 0)
                    {
                        var cancelled = cancellable[random.Next(cancellable.Count)];
                        var head = Roster.NextWaiting(roster.Registrations);
                        var promoted = roster.Cancel(cancelled, now);
                        promotions += promoted.Count;
                        if (promoted.Count > 0)
                        {
                            promoted[0].ShouldBeSameAs(head, "the head of the waiting list is promoted first");
                        }
                    }

                    break;
                default:
                    var capacity = roster.Event.ConfirmedCount + random.Next(0, 3);
                    if (capacity > 0)
                    {
                        promotions += roster.ChangeCapacity(capacity, now).Count;
                    }

                    break;
            }

            Roster.Check(roster.Event, roster.Registrations).ShouldBeEmpty($"seed {seed} step {step}");
        }

        roster.Registrations.Count.ShouldBeGreaterThan(10);
        promotions.ShouldBeGreaterThan(0, $"seed {seed}: the sequence should exercise the waiting list");
    }

    [Fact]
    public void The_waiting_list_is_served_in_arrival_order_and_a_capacity_increase_promotes_the_first_ones()
    {
        var roster = new Roster(AgendaWorld.Event(capacity: 2));
        var now = AgendaWorld.Now;
        var people = Enumerable.Range(1, 5).Select(i => roster.Register($"p{i}@exemple.ch", "P", $"{i}", new EventPrice(PriceCategory.Free, 0), now)).ToList();
        foreach (var person in people)
        {
            roster.ConfirmEmail(person, now);
        }

        people.Select(p => p.State).ShouldBe([RegistrationState.Confirmed, RegistrationState.Confirmed, RegistrationState.Waitlisted, RegistrationState.Waitlisted, RegistrationState.Waitlisted]);
        roster.Cancel(people[0], now).ShouldBe([people[2]]);
        roster.ChangeCapacity(3, now).ShouldBe([people[3]]);
        people[4].State.ShouldBe(RegistrationState.Waitlisted);
        Should.Throw<DomainException>(() => roster.ChangeCapacity(2, now)).Code.ShouldBe(AgendaCodes.CapacityBelowConfirmed);
        roster.Event.Capacity.ShouldBe(3, "a refused change leaves the event as it was");
    }

    [Fact]
    public void A_cancelled_event_or_a_passed_deadline_takes_no_registration()
    {
        var details = AgendaWorld.Details();
        details.RegistrationDeadlineLocal = new DateTime(2026, 12, 1, 18, 0, 0);
        var withDeadline = AgendaEvent.Create(Guid.NewGuid(), details, EventStatus.Published, null, AgendaWorld.Now);
        new Roster(withDeadline).Register("a@exemple.ch", "A", "B", new EventPrice(PriceCategory.Free, 0), new DateTime(2026, 12, 1, 16, 59, 0, DateTimeKind.Utc)).ShouldNotBeNull();
        Should.Throw<DomainException>(() => new Roster(withDeadline).Register("a@exemple.ch", "A", "B", new EventPrice(PriceCategory.Free, 0), new DateTime(2026, 12, 1, 17, 1, 0, DateTimeKind.Utc)))
            .Code.ShouldBe(AgendaCodes.DeadlinePassed, "18:00 in Zurich is 17:00 UTC in winter");

        var cancelled = AgendaWorld.Event();
        cancelled.Cancel("Intervenant malade", AgendaWorld.Now);
        Should.Throw<DomainException>(() => new Roster(cancelled).Register("a@exemple.ch", "A", "B", new EventPrice(PriceCategory.Free, 0), AgendaWorld.Now)).Code.ShouldBe(AgendaCodes.EventCancelled);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pas-une-adresse")]
    [InlineData("a b@exemple.ch")]
    [InlineData("a@exemple")]
    public void A_malformed_email_is_refused(string email)
    {
        Registration.ValidatePerson(email, "Ada", "Lovelace", null).Select(e => e.Field).ShouldBe(["Email"]);
    }
}
