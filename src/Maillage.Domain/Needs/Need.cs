using Maillage.Domain.Common;
using Maillage.Domain.Offers;

namespace Maillage.Domain.Needs;

public enum NeedState
{
    Open = 1,
    Closed = 2,
}

/// <summary>How a need ended: these outcomes feed the statistics of exchange inside the network.</summary>
public enum NeedOutcome
{
    FoundInNetwork = 1,
    FoundOutside = 2,
    Abandoned = 3,
}

/// <summary>What a member is looking for, as it describes it: the editable part of a need.</summary>
public sealed class NeedDetails
{
    public const int TitleMax = 120;
    public const int DescriptionMax = 4000;
    public const int TownMax = 80;
    public const long MaxBudgetMinor = 100_000_000_00; // CHF 100 million: anything above is a typing error.

    /// <summary>Needs are posted for at most two years ahead: a longer span is a typing error.</summary>
    public const int MaxSpanDays = 731;

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>A code of <see cref="OfferCatalogue"/>, so that needs meet offers filed under the same category.</summary>
    public string Category { get; set; } = string.Empty;

    public DateOnly? DateFrom { get; set; }

    /// <summary>Null for a need on a single date (<see cref="DateFrom"/>).</summary>
    public DateOnly? DateUntil { get; set; }

    public string Town { get; set; } = string.Empty;

    /// <summary>A Swiss canton ("GE") or a neighbouring French département ("F-74").</summary>
    public string Canton { get; set; } = string.Empty;

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>Budget in centimes; null when the member gives none.</summary>
    public long? BudgetMinor { get; set; }

    /// <summary>Whether the member could pay (part of) it in the chamber's complementary currency.</summary>
    public bool CurrencyPossible { get; set; }

    /// <summary>How much could be paid in the complementary currency, in centimes; null when not said.</summary>
    public long? CurrencyAmountMinor { get; set; }

    /// <summary>The last day the need covers (the single date when there is no end).</summary>
    public DateOnly? LastDay => DateUntil ?? DateFrom;

    public NeedDetails Copy() => (NeedDetails)MemberwiseClone();

    /// <summary>Every problem of the input at once; <paramref name="today"/> refuses needs entirely in the past.</summary>
    public IReadOnlyList<ValidationError> Validate(DateOnly today)
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(Title), Title, 5, TitleMax);
        errors.Length(nameof(Description), Description, 0, DescriptionMax, required: false);
        if (OfferCatalogue.Find(Category) is null)
        {
            errors.Add(nameof(Category), string.IsNullOrEmpty(Category) ? ValidationCodes.Required : ValidationCodes.InvalidChoice);
        }

        if (DateFrom is not { } from)
        {
            errors.Add(nameof(DateFrom), ValidationCodes.Required);
        }
        else if (DateUntil is { } until && until < from)
        {
            errors.Add(nameof(DateUntil), NeedCodes.EndBeforeStart);
        }
        else if (DateUntil is { } end && end.DayNumber - from.DayNumber > MaxSpanDays)
        {
            errors.Add(nameof(DateUntil), NeedCodes.SpanTooLong);
        }
        else if (LastDay < today)
        {
            errors.Add(DateUntil is null ? nameof(DateFrom) : nameof(DateUntil), NeedCodes.InThePast);
        }

        errors.Length(nameof(Town), Town, 2, TownMax);
        if (!Cantons.IsValid(Canton) && !OfferDetails.IsFrenchDepartement(Canton))
        {
            errors.Add(nameof(Canton), string.IsNullOrEmpty(Canton) ? ValidationCodes.Required : ValidationCodes.InvalidCanton);
        }

        if (Latitude.HasValue != Longitude.HasValue || Latitude is < -90 or > 90 || Longitude is < -180 or > 180)
        {
            errors.Add(nameof(Latitude), ValidationCodes.InvalidCoordinates);
        }

        if (BudgetMinor is <= 0)
        {
            errors.Add(nameof(BudgetMinor), NeedCodes.BudgetNotPositive);
        }
        else if (BudgetMinor > MaxBudgetMinor)
        {
            errors.Add(nameof(BudgetMinor), NeedCodes.BudgetTooLarge);
        }

        if (CurrencyPossible && CurrencyAmountMinor is { } share)
        {
            if (share <= 0)
            {
                errors.Add(nameof(CurrencyAmountMinor), NeedCodes.BudgetNotPositive);
            }
            else if (BudgetMinor is > 0 && share > BudgetMinor)
            {
                errors.Add(nameof(CurrencyAmountMinor), NeedCodes.CurrencyAboveBudget);
            }
            else if (share > MaxBudgetMinor)
            {
                errors.Add(nameof(CurrencyAmountMinor), NeedCodes.BudgetTooLarge);
            }
        }

        return errors.Items;
    }
}

/// <summary>Codes of the rules particular to needs (the web layer translates them).</summary>
public static class NeedCodes
{
    public const string EndBeforeStart = "Needs.EndBeforeStart";
    public const string SpanTooLong = "Needs.SpanTooLong";
    public const string InThePast = "Needs.InThePast";
    public const string BudgetNotPositive = "Needs.BudgetNotPositive";
    public const string BudgetTooLarge = "Needs.BudgetTooLarge";
    public const string CurrencyAboveBudget = "Needs.CurrencyAboveBudget";
    public const string AlreadyClosed = "Needs.AlreadyClosed";
    public const string OwnOrganisation = "Needs.OwnOrganisation";
    public const string OrganisationOnlyInside = "Needs.OrganisationOnlyInside";
}

/// <summary>
/// A need a member organisation posted for the network to answer. It is open until its poster closes it with an
/// outcome; a closed need no longer changes.
/// </summary>
public sealed class Need
{
    private Need()
    {
    }

    public Need(Guid chamberId, Guid organisationId, Guid postedByUserId, NeedDetails details, DateOnly today, DateTime now)
    {
        Id = Guid.NewGuid();
        ChamberId = chamberId;
        OrganisationId = organisationId;
        PostedByUserId = postedByUserId;
        CreatedAt = now;
        State = NeedState.Open;
        Edit(details, today, now);
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public Guid PostedByUserId { get; private set; }

    public NeedDetails Details { get; private set; } = new();

    public NeedState State { get; private set; }

    public NeedOutcome? Outcome { get; private set; }

    /// <summary>The member that answered it, when the need was met inside the network and the poster said who.</summary>
    public Guid? FoundOrganisationId { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>Set when the poster said it would group this need with similar ones (group purchase, shared logistics).</summary>
    public DateTime? GroupingInterestAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public bool IsOpen => State == NeedState.Open;

    public void Edit(NeedDetails details, DateOnly today, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureOpen();
        var copy = Normalized(details);
        var errors = copy.Validate(today);
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code, errors[0].Field);
        }

        Details = copy;
        UpdatedAt = now;
    }

    /// <summary>Closes the need; only a need met inside the network may name the member that met it (never itself).</summary>
    public void Close(NeedOutcome outcome, Guid? foundOrganisationId, DateTime now)
    {
        EnsureOpen();
        if (!Enum.IsDefined(outcome))
        {
            throw new DomainException(ValidationCodes.InvalidChoice, nameof(Outcome));
        }

        if (foundOrganisationId is not null && outcome != NeedOutcome.FoundInNetwork)
        {
            throw new DomainException(NeedCodes.OrganisationOnlyInside, nameof(FoundOrganisationId));
        }

        if (foundOrganisationId == OrganisationId)
        {
            throw new DomainException(NeedCodes.OwnOrganisation, nameof(FoundOrganisationId));
        }

        State = NeedState.Closed;
        Outcome = outcome;
        FoundOrganisationId = foundOrganisationId;
        ClosedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The poster says it is (or is no longer) interested in grouping this need with similar ones.</summary>
    public void SetGroupingInterest(bool interested, DateTime now)
    {
        EnsureOpen();
        GroupingInterestAt = interested ? GroupingInterestAt ?? now : null;
        UpdatedAt = now;
    }

    /// <summary>Trims the texts and drops what the choices make meaningless, before validation.</summary>
    public static NeedDetails Normalized(NeedDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var copy = details.Copy();
        copy.Title = (copy.Title ?? string.Empty).Trim();
        copy.Description = (copy.Description ?? string.Empty).Trim();
        copy.Town = (copy.Town ?? string.Empty).Trim();
        copy.Canton = (copy.Canton ?? string.Empty).Trim().ToUpperInvariant();
        if (copy.DateUntil == copy.DateFrom)
        {
            copy.DateUntil = null;
        }

        if (!copy.CurrencyPossible)
        {
            copy.CurrencyAmountMinor = null;
        }

        return copy;
    }

    private void EnsureOpen()
    {
        if (State == NeedState.Closed)
        {
            throw new DomainException(NeedCodes.AlreadyClosed);
        }
    }
}

/// <summary>The small statistic of intra-network exchange the staff page shows.</summary>
public sealed record NeedStatistics(int Open, int FoundInNetwork, int FoundOutside, int Abandoned)
{
    /// <summary>Needs met inside the network among the needs that were met at all; null before any was met.</summary>
    public double? ShareMetInside => FoundInNetwork + FoundOutside == 0 ? null : (double)FoundInNetwork / (FoundInNetwork + FoundOutside);

    public static NeedStatistics Of(IEnumerable<(NeedState State, NeedOutcome? Outcome)> needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        int open = 0, inside = 0, outside = 0, abandoned = 0;
        foreach (var (state, outcome) in needs)
        {
            if (state == NeedState.Open)
            {
                open++;
            }
            else
            {
                switch (outcome)
                {
                    case NeedOutcome.FoundInNetwork: inside++; break;
                    case NeedOutcome.FoundOutside: outside++; break;
                    case NeedOutcome.Abandoned: abandoned++; break;
                }
            }
        }

        return new NeedStatistics(open, inside, outside, abandoned);
    }
}
