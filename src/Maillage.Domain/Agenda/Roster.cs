using Maillage.Domain.Common;

namespace Maillage.Domain.Agenda;

/// <summary>
/// An event with all its registrations in memory: the rules a registration follows, in one place. The web layer
/// applies the same steps to database rows under the event's lock; the seeded-random tests drive this class.
/// Invariants (<see cref="Check"/>): seats taken never exceed the capacity; the counter equals the registrations
/// holding a seat; nobody waits while a seat is free; the waiting list is served in arrival order; an email has at
/// most one active registration.
/// </summary>
public sealed class Roster(AgendaEvent agendaEvent)
{
    private readonly List<Registration> _registrations = [];

    public AgendaEvent Event { get; } = agendaEvent;

    public IReadOnlyList<Registration> Registrations => _registrations;

    public Registration Register(string email, string firstName, string lastName, EventPrice price, DateTime now)
    {
        if (Event.RegistrationRefusal(now) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        var normalised = Registration.NormaliseEmail(email);
        if (_registrations.Any(r => r.IsActive && r.Email == normalised))
        {
            throw new DomainException(AgendaCodes.AlreadyRegistered, "Email");
        }

        var registration = Registration.Start(Event, email, firstName, lastName, null, null, null, price, now);
        _registrations.Add(registration);
        return registration;
    }

    public void ConfirmEmail(Registration registration, DateTime now) => Event.Admit(registration, now);

    /// <summary>Cancels and hands the freed seat to the waiting list; returns whoever was promoted.</summary>
    public IReadOnlyList<Registration> Cancel(Registration registration, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.Cancel(now))
        {
            Event.ReleaseSeat();
        }

        return FillFreeSeats(now);
    }

    public IReadOnlyList<Registration> ChangeCapacity(int? capacity, DateTime now)
    {
        var details = Event.Details();
        details.Capacity = capacity;
        Event.Update(details, now);
        return FillFreeSeats(now);
    }

    public IReadOnlyList<Registration> FillFreeSeats(DateTime now)
    {
        var promoted = new List<Registration>();
        while (Event.FreeSeats is null or > 0 && NextWaiting(_registrations) is { } next)
        {
            Event.Promote(next, now);
            promoted.Add(next);
        }

        return promoted;
    }

    public static Registration? NextWaiting(IEnumerable<Registration> registrations) =>
        registrations.Where(r => r.State == RegistrationState.Waitlisted).MinBy(r => r.ArrivalNumber);

    /// <summary>Every broken invariant, described; empty when all hold.</summary>
    public static IReadOnlyList<string> Check(AgendaEvent agendaEvent, IReadOnlyCollection<Registration> registrations)
    {
        ArgumentNullException.ThrowIfNull(agendaEvent);
        ArgumentNullException.ThrowIfNull(registrations);
        var problems = new List<string>();
        var seated = registrations.Count(r => r.HoldsSeat);
        if (seated != agendaEvent.ConfirmedCount)
        {
            problems.Add($"counter {agendaEvent.ConfirmedCount} but {seated} registrations hold a seat");
        }

        if (agendaEvent.Capacity is { } capacity && seated > capacity)
        {
            problems.Add($"{seated} seats taken for a capacity of {capacity}");
        }

        var waiting = registrations.Where(r => r.State == RegistrationState.Waitlisted).ToList();
        if (waiting.Count > 0 && (agendaEvent.Capacity is null || seated < agendaEvent.Capacity))
        {
            problems.Add($"{waiting.Count} waiting while a seat is free");
        }

        var promoted = registrations.Where(r => r.PromotedAt is not null && r.HoldsSeat).ToList();
        if (waiting.Count > 0 && promoted.Count > 0 && promoted.Max(r => r.ArrivalNumber) > waiting.Min(r => r.ArrivalNumber))
        {
            problems.Add("someone was promoted ahead of an earlier arrival");
        }

        foreach (var twice in registrations.Where(r => r.IsActive).GroupBy(r => r.Email).Where(g => g.Count() > 1))
        {
            problems.Add($"{twice.Key} registered {twice.Count()} times");
        }

        var numbers = registrations.Where(r => r.ArrivalNumber is not null).Select(r => r.ArrivalNumber!.Value).ToList();
        if (numbers.Distinct().Count() != numbers.Count)
        {
            problems.Add("two arrivals share a number");
        }

        return problems;
    }
}
