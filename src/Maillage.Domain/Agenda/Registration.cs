using System.Security.Cryptography;
using Maillage.Domain.Common;
using Maillage.Domain.Organisations;

namespace Maillage.Domain.Agenda;

public enum RegistrationState
{
    /// <summary>Waiting for the person to confirm their email address by a button; holds no seat yet.</summary>
    PendingEmail,
    Confirmed,
    Waitlisted,
    Cancelled,
    Attended,
}

public enum PriceCategory
{
    Free,
    Member,
    NonMember,
}

/// <summary>
/// One person's registration. States: PendingEmail → Confirmed or Waitlisted (arrival order) → Waitlisted is
/// promoted to Confirmed when a seat frees; Confirmed → Attended (and back, to correct a mistake); anything but
/// Attended → Cancelled. The price is fixed by the server when the registration is made.
/// </summary>
public sealed class Registration
{
    public const int NameMax = 80;
    public const int OrganisationMax = 160;
    public const int CommentMax = 2000;

    private Registration()
    {
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public Guid ChamberId { get; private set; }

    /// <summary>Trimmed and lower-cased: one person, one registration per event.</summary>
    public string Email { get; private set; } = string.Empty;

    public string FirstName { get; private set; } = string.Empty;

    public string LastName { get; private set; } = string.Empty;

    public string? OrganisationName { get; private set; }

    public Guid? UserId { get; private set; }

    public Guid? MemberOrganisationId { get; private set; }

    public PriceCategory Rate { get; private set; }

    /// <summary>Centimes of CHF.</summary>
    public long Price { get; private set; }

    public RegistrationState State { get; private set; }

    /// <summary>The order of arrival among the event's confirmed emails; the waiting list is served in this order.</summary>
    public long? ArrivalNumber { get; private set; }

    /// <summary>The secret of the person's links (manage, confirm, cancel); never shown to anyone else.</summary>
    public string Token { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime? EmailConfirmedAt { get; private set; }

    public DateTime? PromotedAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public DateTime? AttendedAt { get; private set; }

    public DateTime? ReminderSentAt { get; private set; }

    public int? FeedbackRating { get; private set; }

    public string? FeedbackComment { get; private set; }

    public DateTime? FeedbackAt { get; private set; }

    public bool IsActive => State is not RegistrationState.Cancelled;

    public bool HoldsSeat => State is RegistrationState.Confirmed or RegistrationState.Attended;

    public string FullName => $"{FirstName} {LastName}".Trim();

    public static string NormaliseEmail(string email) => (email ?? string.Empty).Trim().ToLowerInvariant();

    /// <summary>Checks a person's input; the email must be a plain address.</summary>
    public static IReadOnlyList<ValidationError> ValidatePerson(string? email, string? firstName, string? lastName, string? organisation)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add("Email", ValidationCodes.Required);
        }
        else if (!OrganisationProfile.IsEmail(email.Trim()))
        {
            errors.Add("Email", ValidationCodes.InvalidEmail);
        }

        errors.Length("FirstName", firstName, 1, NameMax);
        errors.Length("LastName", lastName, 1, NameMax);
        errors.MaxLength("OrganisationName", organisation?.Trim(), OrganisationMax);
        return errors.Items;
    }

    public static Registration Start(AgendaEvent agendaEvent, string email, string firstName, string lastName, string? organisation, Guid? userId, Guid? memberOrganisationId, EventPrice price, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(agendaEvent);
        ArgumentNullException.ThrowIfNull(price);
        var errors = ValidatePerson(email, firstName, lastName, organisation);
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code, errors[0].Field);
        }

        return new Registration
        {
            Id = Guid.NewGuid(),
            EventId = agendaEvent.Id,
            ChamberId = agendaEvent.ChamberId,
            Email = NormaliseEmail(email),
            FirstName = firstName.Trim(),
            LastName = lastName.Trim(),
            OrganisationName = string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim(),
            UserId = userId,
            MemberOrganisationId = memberOrganisationId,
            Rate = price.Category,
            Price = price.Amount,
            State = RegistrationState.PendingEmail,
            Token = NewToken(),
            CreatedAt = now,
        };
    }

    /// <summary>A URL-safe random secret of 128 bits.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    internal void Seat(long arrival, DateTime now)
    {
        RequireState(RegistrationState.PendingEmail);
        ArrivalNumber = arrival;
        EmailConfirmedAt = now;
        State = RegistrationState.Confirmed;
    }

    internal void Waitlist(long arrival, DateTime now)
    {
        RequireState(RegistrationState.PendingEmail);
        ArrivalNumber = arrival;
        EmailConfirmedAt = now;
        State = RegistrationState.Waitlisted;
    }

    internal void Promote(DateTime now)
    {
        RequireState(RegistrationState.Waitlisted);
        State = RegistrationState.Confirmed;
        PromotedAt = now;
    }

    /// <summary>Cancels; returns true when a seat was freed (the event must then release it and serve the waiting list).</summary>
    public bool Cancel(DateTime now)
    {
        if (State is RegistrationState.Cancelled or RegistrationState.Attended)
        {
            throw new DomainException(AgendaCodes.InvalidTransition);
        }

        var freed = State == RegistrationState.Confirmed;
        State = RegistrationState.Cancelled;
        CancelledAt = now;
        return freed;
    }

    /// <summary>An unconfirmed registration whose confirmation came too late: it no longer counts, its address is free again.</summary>
    public bool IsExpired(DateTime now, TimeSpan lifetime) => State == RegistrationState.PendingEmail && now >= CreatedAt + lifetime;

    /// <summary>Ends an unconfirmed registration; it never held a seat, so nothing is released.</summary>
    public void Expire(DateTime now)
    {
        RequireState(RegistrationState.PendingEmail);
        State = RegistrationState.Cancelled;
        CancelledAt = now;
    }

    public void MarkAttended(bool attended, DateTime now)
    {
        if (attended && State == RegistrationState.Confirmed)
        {
            State = RegistrationState.Attended;
            AttendedAt = now;
        }
        else if (!attended && State == RegistrationState.Attended)
        {
            State = RegistrationState.Confirmed;
            AttendedAt = null;
        }
        else if (State is not (RegistrationState.Confirmed or RegistrationState.Attended))
        {
            throw new DomainException(AgendaCodes.InvalidTransition);
        }
    }

    public void MarkReminded(DateTime now) => ReminderSentAt = now;

    /// <summary>Feedback from someone who held a seat, once the event has begun; a second answer replaces the first.</summary>
    public void GiveFeedback(int rating, string? comment, DateTime eventStartUtc, DateTime now)
    {
        if (!HoldsSeat)
        {
            throw new DomainException(AgendaCodes.InvalidTransition);
        }

        if (now < eventStartUtc)
        {
            throw new DomainException(AgendaCodes.FeedbackTooEarly);
        }

        if (rating is < 1 or > 5)
        {
            throw new DomainException(ValidationCodes.OutOfRange, "Rating");
        }

        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text is not null && text.Length > CommentMax)
        {
            throw new DomainException(ValidationCodes.TooLong, "Comment");
        }

        FeedbackRating = rating;
        FeedbackComment = text;
        FeedbackAt = now;
    }

    private void RequireState(RegistrationState expected)
    {
        if (State != expected)
        {
            throw new DomainException(AgendaCodes.InvalidTransition);
        }
    }
}

/// <summary>The price the server charges a person, from their membership; never from what a form claims.</summary>
public sealed record EventPrice(PriceCategory Category, long Amount)
{
    public static EventPrice For(AgendaEvent agendaEvent, bool isMember)
    {
        ArgumentNullException.ThrowIfNull(agendaEvent);
        if (agendaEvent.IsFree)
        {
            return new EventPrice(PriceCategory.Free, 0);
        }

        return isMember ? new EventPrice(PriceCategory.Member, agendaEvent.MemberPrice) : new EventPrice(PriceCategory.NonMember, agendaEvent.NonMemberPrice);
    }

    /// <summary>
    /// Compares what the registrant's form claimed with what the server charges: a non-member claiming the member
    /// rate, or any amount other than the server's, is refused rather than silently corrected.
    /// </summary>
    public static string? Refusal(EventPrice charged, PriceCategory? claimedCategory, long? claimedAmount)
    {
        ArgumentNullException.ThrowIfNull(charged);
        if (claimedCategory == PriceCategory.Member && charged.Category != PriceCategory.Member && charged.Category != PriceCategory.Free)
        {
            return AgendaCodes.MemberPriceRefused;
        }

        if (claimedCategory is { } category && category != charged.Category)
        {
            return AgendaCodes.PriceMismatch;
        }

        if (claimedAmount is { } amount && amount != charged.Amount)
        {
            return charged.Category == PriceCategory.NonMember && amount < charged.Amount ? AgendaCodes.MemberPriceRefused : AgendaCodes.PriceMismatch;
        }

        return null;
    }
}
