using Maillage.Domain.Common;

namespace Maillage.Domain.Agenda;

public enum EventKind
{
    BestPracticeCafe,
    Breakfast,
    Conference,
    Fair,
    Evening,
    Training,
    Workshop,
    Other,
}

public enum EventVisibility
{
    Public,
    MembersOnly,
}

public enum EventStatus
{
    /// <summary>Proposed by a member, waiting for staff; nobody else sees it.</summary>
    Proposed,
    Published,
    Cancelled,
}

/// <summary>One meeting of an event (a course has several): a wall-clock start and end in the event's zone.</summary>
public sealed class EventSession
{
    public int Position { get; set; }

    public DateTime LocalStart { get; set; }

    public DateTime LocalEnd { get; set; }
}

/// <summary>Stable codes of the agenda's rules; the web layer translates them ("Agenda.Error.{code}").</summary>
public static class AgendaCodes
{
    public const string EndBeforeStart = "EndBeforeStart";
    public const string SkippedTime = "SkippedTime";
    public const string UnknownZone = "UnknownZone";
    public const string CapacityBelowConfirmed = "CapacityBelowConfirmed";
    public const string DeadlineAfterStart = "DeadlineAfterStart";
    public const string SessionsOverlap = "SessionsOverlap";
    public const string NoVenue = "NoVenue";
    public const string PriceOrder = "PriceOrder";
    public const string DeadlinePassed = "DeadlinePassed";
    public const string EventCancelled = "EventCancelled";
    public const string EventStarted = "EventStarted";
    public const string NotOpen = "NotOpen";
    public const string MembersOnly = "MembersOnly";
    public const string AlreadyRegistered = "AlreadyRegistered";
    public const string MemberPriceRefused = "MemberPriceRefused";
    public const string PriceMismatch = "PriceMismatch";
    public const string InvalidTransition = "InvalidTransition";
    public const string NoFreeSeat = "NoFreeSeat";
    public const string FeedbackTooEarly = "FeedbackTooEarly";
    public const string InvalidSessionLine = "InvalidSessionLine";
    public const string InvalidDateTime = "InvalidDateTime";
    public const string Expired = "Expired";
    public const string Busy = "Busy";
}

/// <summary>
/// What staff (or a proposing member) type for an event or a training, validated as a whole so that every problem
/// is reported at once. Prices are in centimes of CHF.
/// </summary>
public sealed class EventDetails
{
    public const int TitleMax = 160;
    public const int DescriptionMax = 8000;
    public const int VenueMax = 200;
    public const int AddressMax = 300;
    public const int TownMax = 80;
    public const int UrlMax = 500;
    public const int PrerequisitesMax = 2000;
    public const int TrainerMax = 160;
    public const int MaxCapacity = 100_000;
    public const long MaxPrice = 100_000_00;
    public const int MaxSessions = 30;

    public EventKind Kind { get; set; } = EventKind.Other;

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string? VenueName { get; set; }

    public string? Address { get; set; }

    public string? Town { get; set; }

    public string? OnlineUrl { get; set; }

    public string TimeZoneId { get; set; } = EventTime.DefaultZone;

    /// <summary>In order; a plain event has one session, a course several.</summary>
    public IReadOnlyList<EventSession> Sessions { get; set; } = [];

    public int? Capacity { get; set; }

    public DateTime? RegistrationDeadlineLocal { get; set; }

    public EventVisibility Visibility { get; set; } = EventVisibility.Public;

    public IReadOnlyList<Guid> CoOrganiserIds { get; set; } = [];

    public long MemberPrice { get; set; }

    public long NonMemberPrice { get; set; }

    /// <summary>Share of the price payable in the chamber's complementary currency, 0 to 100 %.</summary>
    public int CurrencySharePercent { get; set; }

    public Guid? TrainerOrganisationId { get; set; }

    public string? TrainerName { get; set; }

    public string? Prerequisites { get; set; }

    public IReadOnlyList<ValidationError> Validate(int confirmedRegistrations = 0)
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(Title), Title, 3, TitleMax);
        errors.MaxLength(nameof(Description), Description, DescriptionMax);
        errors.MaxLength(nameof(VenueName), VenueName, VenueMax);
        errors.MaxLength(nameof(Address), Address, AddressMax);
        errors.MaxLength(nameof(Town), Town, TownMax);
        errors.MaxLength(nameof(TrainerName), TrainerName, TrainerMax);
        errors.MaxLength(nameof(Prerequisites), Prerequisites, PrerequisitesMax);
        if (!string.IsNullOrWhiteSpace(OnlineUrl) && (OnlineUrl.Length > UrlMax || !Organisations.OrganisationProfile.IsHttpUrl(OnlineUrl.Trim())))
        {
            errors.Add(nameof(OnlineUrl), ValidationCodes.InvalidUrl);
        }

        if (string.IsNullOrWhiteSpace(VenueName) && string.IsNullOrWhiteSpace(OnlineUrl))
        {
            errors.Add(nameof(VenueName), AgendaCodes.NoVenue);
        }

        var zoneKnown = EventTime.IsKnownZone(TimeZoneId);
        if (!zoneKnown)
        {
            errors.Add(nameof(TimeZoneId), AgendaCodes.UnknownZone);
        }

        if (Sessions.Count == 0)
        {
            errors.Add("Start", ValidationCodes.Required);
        }
        else if (Sessions.Count > MaxSessions)
        {
            errors.Add("Sessions", ValidationCodes.OutOfRange, 1, MaxSessions);
        }

        for (var i = 0; i < Sessions.Count && zoneKnown; i++)
        {
            var session = Sessions[i];
            var startField = i == 0 ? "Start" : "Sessions";
            var endField = i == 0 ? "End" : "Sessions";
            if (EventTime.IsSkipped(session.LocalStart, TimeZoneId))
            {
                errors.Add(startField, AgendaCodes.SkippedTime);
            }
            else if (EventTime.IsSkipped(session.LocalEnd, TimeZoneId))
            {
                errors.Add(endField, AgendaCodes.SkippedTime);
            }
            else if (EventTime.ToUtc(session.LocalEnd, TimeZoneId) <= EventTime.ToUtc(session.LocalStart, TimeZoneId))
            {
                errors.Add(endField, AgendaCodes.EndBeforeStart);
            }
            else if (i > 0 && session.LocalStart < Sessions[i - 1].LocalEnd)
            {
                errors.Add("Sessions", AgendaCodes.SessionsOverlap);
            }
        }

        if (Capacity is { } capacity)
        {
            if (capacity < 1 || capacity > MaxCapacity)
            {
                errors.Add(nameof(Capacity), ValidationCodes.OutOfRange, 1, MaxCapacity);
            }
            else if (capacity < confirmedRegistrations)
            {
                errors.Add(nameof(Capacity), AgendaCodes.CapacityBelowConfirmed, confirmedRegistrations);
            }
        }

        if (RegistrationDeadlineLocal is { } deadline && Sessions.Count > 0 && deadline > Sessions[0].LocalStart)
        {
            errors.Add("RegistrationDeadline", AgendaCodes.DeadlineAfterStart);
        }

        if (MemberPrice < 0 || MemberPrice > MaxPrice)
        {
            errors.Add(nameof(MemberPrice), ValidationCodes.OutOfRange, 0, MaxPrice / 100);
        }

        if (NonMemberPrice < 0 || NonMemberPrice > MaxPrice)
        {
            errors.Add(nameof(NonMemberPrice), ValidationCodes.OutOfRange, 0, MaxPrice / 100);
        }
        else if (MemberPrice > NonMemberPrice)
        {
            errors.Add(nameof(MemberPrice), AgendaCodes.PriceOrder);
        }

        if (CurrencySharePercent is < 0 or > 100)
        {
            errors.Add(nameof(CurrencySharePercent), ValidationCodes.OutOfRange, 0, 100);
        }

        return errors.Items;
    }
}

/// <summary>
/// An event or a training of a chamber. It keeps the counters that registrations change (seats taken, arrivals), so
/// that the one row locked during a registration is enough to decide between a seat and the waiting list.
/// </summary>
public sealed class AgendaEvent
{
    private readonly List<EventSession> _sessions = [];

    private AgendaEvent()
    {
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public EventKind Kind { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public string? VenueName { get; private set; }

    public string? Address { get; private set; }

    public string? Town { get; private set; }

    public string? OnlineUrl { get; private set; }

    public string TimeZoneId { get; private set; } = EventTime.DefaultZone;

    public IReadOnlyList<EventSession> Sessions => _sessions;

    /// <summary>Derived from the first session's wall-clock start and the zone, for sorting and filtering.</summary>
    public DateTime StartsAtUtc { get; private set; }

    public DateTime EndsAtUtc { get; private set; }

    /// <summary>Null: no limit.</summary>
    public int? Capacity { get; private set; }

    public DateTime? RegistrationDeadlineLocal { get; private set; }

    public EventVisibility Visibility { get; private set; }

    /// <summary>Co-organising member organisations, space-separated ids.</summary>
    public string CoOrganisers { get; private set; } = string.Empty;

    public long MemberPrice { get; private set; }

    public long NonMemberPrice { get; private set; }

    public int CurrencySharePercent { get; private set; }

    public Guid? TrainerOrganisationId { get; private set; }

    public string? TrainerName { get; private set; }

    public string? Prerequisites { get; private set; }

    public EventStatus Status { get; private set; }

    public Guid? ProposedByOrganisationId { get; private set; }

    public string? CancellationReason { get; private set; }

    /// <summary>iCalendar SEQUENCE: raised by every change calendar apps must pick up.</summary>
    public int Sequence { get; private set; }

    public int ConfirmedCount { get; private set; }

    /// <summary>Arrivals numbered so far: the order of committed registrations, the waiting list's order.</summary>
    public long ArrivalCount { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public bool IsFree => NonMemberPrice == 0 && MemberPrice == 0;

    public bool IsTraining => Kind == EventKind.Training;

    public IReadOnlyList<Guid> CoOrganiserIds =>
        CoOrganisers.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();

    public DateTime LocalStart => _sessions[0].LocalStart;

    public DateTime LocalEnd => _sessions[^1].LocalEnd;

    public int? FreeSeats => Capacity is { } c ? Math.Max(0, c - ConfirmedCount) : null;

    public static AgendaEvent Create(Guid chamberId, EventDetails details, EventStatus status, Guid? proposedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (status == EventStatus.Cancelled)
        {
            throw new ArgumentException("An event starts proposed or published.", nameof(status));
        }

        var created = new AgendaEvent { Id = Guid.NewGuid(), ChamberId = chamberId, Status = status, ProposedByOrganisationId = proposedBy, CreatedAt = now };
        created.Apply(details, now);
        created.Sequence = 0;
        return created;
    }

    /// <summary>Replaces the details; the capacity may not fall below the seats already taken.</summary>
    public void Update(EventDetails details, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (Status == EventStatus.Cancelled)
        {
            throw new DomainException(AgendaCodes.EventCancelled);
        }

        Apply(details, now);
    }

    /// <summary>A copy with the same details, published, nobody registered; staff then change the dates.</summary>
    public AgendaEvent Duplicate(DateTime now)
    {
        var copy = Create(ChamberId, Details(), EventStatus.Published, null, now);
        return copy;
    }

    public EventDetails Details() => new()
    {
        Kind = Kind,
        Title = Title,
        Description = Description,
        VenueName = VenueName,
        Address = Address,
        Town = Town,
        OnlineUrl = OnlineUrl,
        TimeZoneId = TimeZoneId,
        Sessions = _sessions.Select(s => new EventSession { Position = s.Position, LocalStart = s.LocalStart, LocalEnd = s.LocalEnd }).ToList(),
        Capacity = Capacity,
        RegistrationDeadlineLocal = RegistrationDeadlineLocal,
        Visibility = Visibility,
        CoOrganiserIds = CoOrganiserIds,
        MemberPrice = MemberPrice,
        NonMemberPrice = NonMemberPrice,
        CurrencySharePercent = CurrencySharePercent,
        TrainerOrganisationId = TrainerOrganisationId,
        TrainerName = TrainerName,
        Prerequisites = Prerequisites,
    };

    public void Publish(DateTime now)
    {
        if (Status != EventStatus.Proposed)
        {
            throw new DomainException(AgendaCodes.InvalidTransition);
        }

        Status = EventStatus.Published;
        Touch(now);
    }

    public void Cancel(string? reason, DateTime now)
    {
        if (Status == EventStatus.Cancelled)
        {
            throw new DomainException(AgendaCodes.EventCancelled);
        }

        Status = EventStatus.Cancelled;
        CancellationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, 500)];
        Touch(now);
    }

    /// <summary>Why a registration cannot be taken now, or null when it can.</summary>
    public string? RegistrationRefusal(DateTime now)
    {
        if (Status == EventStatus.Cancelled)
        {
            return AgendaCodes.EventCancelled;
        }

        if (Status != EventStatus.Published)
        {
            return AgendaCodes.NotOpen;
        }

        if (now >= StartsAtUtc)
        {
            return AgendaCodes.EventStarted;
        }

        if (RegistrationDeadlineLocal is { } deadline && now > EventTime.ToUtc(deadline, TimeZoneId))
        {
            return AgendaCodes.DeadlinePassed;
        }

        return null;
    }

    /// <summary>
    /// Numbers the arrival of a registration whose email is confirmed and gives it a seat when one is free, else a
    /// place on the waiting list. Callers hold the event's lock so that arrival numbers follow commit order.
    /// </summary>
    public void Admit(Registration registration, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.EventId != Id)
        {
            throw new ArgumentException("Another event's registration.", nameof(registration));
        }

        if (RegistrationRefusal(now) is { } refusal)
        {
            throw new DomainException(refusal);
        }

        ArrivalCount++;
        if (Capacity is null || ConfirmedCount < Capacity)
        {
            ConfirmedCount++;
            registration.Seat(ArrivalCount, now);
        }
        else
        {
            registration.Waitlist(ArrivalCount, now);
        }
    }

    /// <summary>A seat freed by a cancellation (the registration must already be cancelled from a seat).</summary>
    public void ReleaseSeat()
    {
        if (ConfirmedCount == 0)
        {
            throw new DomainException(AgendaCodes.InvalidTransition);
        }

        ConfirmedCount--;
    }

    /// <summary>Gives a free seat to the head of the waiting list (the caller picks the lowest arrival number).</summary>
    public void Promote(Registration waiting, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        if (FreeSeats is 0)
        {
            throw new DomainException(AgendaCodes.NoFreeSeat);
        }

        waiting.Promote(now);
        ConfirmedCount++;
    }

    private void Apply(EventDetails details, DateTime now)
    {
        var errors = details.Validate(ConfirmedCount);
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code, errors[0].Field);
        }

        Kind = details.Kind;
        Title = details.Title.Trim();
        Description = details.Description.Trim();
        VenueName = Clean(details.VenueName);
        Address = Clean(details.Address);
        Town = Clean(details.Town);
        OnlineUrl = Clean(details.OnlineUrl);
        TimeZoneId = details.TimeZoneId;
        _sessions.Clear();
        var position = 0;
        foreach (var session in details.Sessions)
        {
            _sessions.Add(new EventSession { Position = position++, LocalStart = session.LocalStart, LocalEnd = session.LocalEnd });
        }

        StartsAtUtc = EventTime.ToUtc(_sessions[0].LocalStart, TimeZoneId);
        EndsAtUtc = EventTime.ToUtc(_sessions[^1].LocalEnd, TimeZoneId);
        Capacity = details.Capacity;
        RegistrationDeadlineLocal = details.RegistrationDeadlineLocal;
        Visibility = details.Visibility;
        CoOrganisers = string.Join(' ', details.CoOrganiserIds.Distinct());
        MemberPrice = details.MemberPrice;
        NonMemberPrice = details.NonMemberPrice;
        CurrencySharePercent = details.CurrencySharePercent;
        TrainerOrganisationId = details.TrainerOrganisationId;
        TrainerName = Clean(details.TrainerName);
        Prerequisites = Clean(details.Prerequisites);
        Touch(now);
    }

    private void Touch(DateTime now)
    {
        Sequence++;
        UpdatedAt = now;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
