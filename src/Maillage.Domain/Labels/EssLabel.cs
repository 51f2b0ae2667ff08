using Maillage.Domain.Common;
using Maillage.Domain.Membership;

namespace Maillage.Domain.Labels;

/// <summary>What a label says on a given day, as a consumer or a public buyer must read it.</summary>
public enum LabelStatus
{
    Valid = 1,

    /// <summary>Granted for a period that starts later.</summary>
    NotYetValid = 2,
    Expired = 3,
    Revoked = 4,
}

public enum LabelEventKind
{
    Granted = 1,
    Renewed = 2,
    Revoked = 3,

    /// <summary>Granted again after a revocation (same code: the organisation is the same).</summary>
    Regranted = 4,
}

/// <summary>One decision about a label, kept for ever: the label's history.</summary>
public sealed class LabelEvent
{
    private LabelEvent()
    {
    }

    internal LabelEvent(Guid labelId, LabelEventKind kind, DateOnly? from, DateOnly? until, string? text, Actor actor, DateTime at)
    {
        Id = Guid.NewGuid();
        LabelId = labelId;
        Kind = kind;
        ValidFrom = from;
        ValidUntil = until;
        Text = text;
        ActorUserId = actor.UserId;
        ActorName = actor.Name.Length > EssLabel.ActorNameMax ? actor.Name[..EssLabel.ActorNameMax] : actor.Name;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid LabelId { get; private set; }

    public LabelEventKind Kind { get; private set; }

    public DateOnly? ValidFrom { get; private set; }

    public DateOnly? ValidUntil { get; private set; }

    /// <summary>The reason of a revocation, or the staff's note on a grant.</summary>
    public string? Text { get; private set; }

    public Guid? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = string.Empty;

    public DateTime At { get; private set; }
}

/// <summary>
/// The "ESS made" label a chamber grants to one of its members for a period: renewable (a new period, the old ones
/// stay in the history), revocable with a reason, and verifiable by anyone through its public code.
/// Rules: a period runs from a day to a later or equal day, at most <see cref="MaxYears"/> years, and does not end in
/// the past when it is decided; a renewal ends later than the current period; a revoked label is not renewed, it is
/// granted again; every decision records who and when.
/// </summary>
public sealed class EssLabel
{
    public const int MaxYears = 5;
    public const int ReasonMax = 500;
    public const int ActorNameMax = 170;

    private readonly List<LabelEvent> _events = [];

    private EssLabel()
    {
    }

    private EssLabel(Guid chamberId, Guid organisationId, string code, DateTime now)
    {
        Id = Guid.NewGuid();
        ChamberId = chamberId;
        OrganisationId = organisationId;
        Code = LabelCode.Normalize(code) ?? throw new DomainException("InvalidLabelCode", nameof(Code));
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>The public verification code, "XXXX-XXXX-XXXX".</summary>
    public string Code { get; private set; } = string.Empty;

    /// <summary>First day of the current period.</summary>
    public DateOnly ValidFrom { get; private set; }

    /// <summary>Last day of the current period (the label is valid all that day, Swiss time).</summary>
    public DateOnly ValidUntil { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public string? RevokedReason { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Every decision moves it: search indexes pick label changes up from here.</summary>
    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<LabelEvent> Events => _events;

    public static EssLabel Grant(Guid chamberId, Guid organisationId, string code, DateOnly from, DateOnly until, string? note, Actor actor, DateTime now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(actor);
        CheckPeriod(from, until, today);
        var label = new EssLabel(chamberId, organisationId, code, now);
        label.Start(LabelEventKind.Granted, from, until, note, actor, now);
        return label;
    }

    public LabelStatus StatusOn(DateOnly today) =>
        RevokedAt is not null ? LabelStatus.Revoked
        : today < ValidFrom ? LabelStatus.NotYetValid
        : today > ValidUntil ? LabelStatus.Expired
        : LabelStatus.Valid;

    public bool IsValidOn(DateOnly today) => StatusOn(today) == LabelStatus.Valid;

    public static bool CanRenew(LabelStatus status) => status != LabelStatus.Revoked;

    /// <summary>A new period that ends after the current one (it may follow on, or start again after a lapse).</summary>
    public void Renew(DateOnly from, DateOnly until, string? note, Actor actor, DateTime now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (RevokedAt is not null)
        {
            throw new DomainException("LabelRevoked");
        }

        CheckPeriod(from, until, today);
        if (until <= ValidUntil)
        {
            throw new DomainException("RenewalMustEndLater", nameof(ValidUntil));
        }

        Start(LabelEventKind.Renewed, from, until, note, actor, now);
    }

    public void Revoke(string reason, Actor actor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(ValidationCodes.Required, "Reason");
        }

        if (reason.Trim().Length > ReasonMax)
        {
            throw new DomainException(ValidationCodes.TooLong, "Reason");
        }

        if (RevokedAt is not null)
        {
            throw new DomainException("LabelRevoked");
        }

        RevokedAt = now;
        RevokedReason = reason.Trim();
        UpdatedAt = now;
        _events.Add(new LabelEvent(Id, LabelEventKind.Revoked, null, null, RevokedReason, actor, now));
    }

    /// <summary>Grants a revoked label again, with a new period; the revocation stays in the history.</summary>
    public void Regrant(DateOnly from, DateOnly until, string? note, Actor actor, DateTime now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (RevokedAt is null)
        {
            throw new DomainException("LabelNotRevoked");
        }

        CheckPeriod(from, until, today);
        RevokedAt = null;
        RevokedReason = null;
        Start(LabelEventKind.Regranted, from, until, note, actor, now);
    }

    /// <summary>The day the label stopped being valid: the revocation day, or the day after its period.</summary>
    public DateOnly? EndedOn(DateOnly today, TimeZoneInfo zone) => StatusOn(today) switch
    {
        LabelStatus.Revoked => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(RevokedAt!.Value, zone)),
        LabelStatus.Expired => ValidUntil.AddDays(1),
        _ => null,
    };

    public static IReadOnlyList<ValidationError> ValidatePeriod(DateOnly? from, DateOnly? until, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (from is null)
        {
            errors.Add(nameof(ValidFrom), ValidationCodes.Required);
        }

        if (until is null)
        {
            errors.Add(nameof(ValidUntil), ValidationCodes.Required);
        }

        if (from is { } f && until is { } u)
        {
            if (u < f)
            {
                errors.Add(nameof(ValidUntil), "EndBeforeStart");
            }
            else if (u > f.AddYears(MaxYears))
            {
                errors.Add(nameof(ValidUntil), "PeriodTooLong", MaxYears);
            }
            else if (u < today)
            {
                errors.Add(nameof(ValidUntil), "PeriodInPast");
            }
        }

        return errors.Items;
    }

    private static void CheckPeriod(DateOnly from, DateOnly until, DateOnly today)
    {
        var errors = ValidatePeriod(from, until, today);
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code, errors[0].Field);
        }
    }

    private void Start(LabelEventKind kind, DateOnly from, DateOnly until, string? note, Actor actor, DateTime now)
    {
        ValidFrom = from;
        ValidUntil = until;
        UpdatedAt = now;
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > ReasonMax })
        {
            throw new DomainException(ValidationCodes.TooLong, "Note");
        }

        _events.Add(new LabelEvent(Id, kind, from, until, text, actor, now));
    }
}
