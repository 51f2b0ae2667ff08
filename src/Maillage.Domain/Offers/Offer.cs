using Maillage.Domain.Common;

namespace Maillage.Domain.Offers;

public enum OfferKind
{
    Good = 1,
    Service = 2,
}

public enum OfferState
{
    Draft = 1,
    Published = 2,
    Archived = 3,
}

/// <summary>Who an offer is for (several at once).</summary>
[Flags]
public enum OfferAudience
{
    None = 0,
    Public = 1,
    Companies = 2,
    PublicBodies = 4,
}

public enum PriceKind
{
    Amount = 1,
    OnQuote = 2,
}

/// <summary>What a member sells or does, as it describes it: the editable part of an offer.</summary>
public sealed class OfferDetails
{
    public const int TitleMax = 120;
    public const int DescriptionMax = 4000;
    public const long MaxAmountMinor = 100_000_000_00; // CHF 100 million: anything above is a typing error.

    public OfferKind Kind { get; set; } = OfferKind.Service;

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>A code of <see cref="OfferCatalogue"/>, top level or sub-category.</summary>
    public string Category { get; set; } = string.Empty;

    public OfferAudience Audience { get; set; } = OfferAudience.Public;

    public PriceKind PriceKind { get; set; } = PriceKind.OnQuote;

    /// <summary>Price in centimes when <see cref="PriceKind"/> is Amount.</summary>
    public long? PriceMinor { get; set; }

    /// <summary>What the price is for: "l'heure", "le panier", "par personne"…</summary>
    public string? PriceUnit { get; set; }

    /// <summary>Share of the price payable in the chamber's complementary currency, 0 to 100.</summary>
    public int CurrencySharePercent { get; set; }

    /// <summary>Delivery around the organisation, in kilometres; null when <see cref="DeliveryCantons"/> says where.</summary>
    public int? DeliveryRadiusKm { get; set; }

    /// <summary>Cantons (or French départements as "F-74") served, stored as ",GE,VD,".</summary>
    public string DeliveryCantons { get; set; } = ",";

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidUntil { get; set; }

    public IReadOnlyList<string> DeliveryAreas
    {
        get => DeliveryCantons.Split(',', StringSplitOptions.RemoveEmptyEntries);
        set => DeliveryCantons = "," + string.Join(',', (value ?? []).Select(v => v.Trim().ToUpperInvariant()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)) + ",";
    }

    public OfferDetails Copy() => (OfferDetails)MemberwiseClone();

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(Title), Title, 5, TitleMax);
        errors.Length(nameof(Description), Description, 20, DescriptionMax);
        if (!Enum.IsDefined(Kind))
        {
            errors.Add(nameof(Kind), ValidationCodes.InvalidChoice);
        }

        if (OfferCatalogue.Find(Category) is null)
        {
            errors.Add(nameof(Category), string.IsNullOrEmpty(Category) ? ValidationCodes.Required : ValidationCodes.InvalidChoice);
        }

        if (Audience == OfferAudience.None || (Audience & ~(OfferAudience.Public | OfferAudience.Companies | OfferAudience.PublicBodies)) != 0)
        {
            errors.Add(nameof(Audience), ValidationCodes.Required);
        }

        if (PriceKind == PriceKind.Amount)
        {
            if (PriceMinor is null)
            {
                errors.Add(nameof(PriceMinor), ValidationCodes.Required);
            }
            else if (PriceMinor is <= 0 or > MaxAmountMinor)
            {
                errors.Add(nameof(PriceMinor), ValidationCodes.OutOfRange, "0.05", "100'000'000");
            }

            errors.Length(nameof(PriceUnit), PriceUnit, 1, 40, required: false);
        }
        else if (!Enum.IsDefined(PriceKind))
        {
            errors.Add(nameof(PriceKind), ValidationCodes.InvalidChoice);
        }

        if (CurrencySharePercent is < 0 or > 100)
        {
            errors.Add(nameof(CurrencySharePercent), ValidationCodes.OutOfRange, 0, 100);
        }

        if (DeliveryRadiusKm is < 1 or > 500)
        {
            errors.Add(nameof(DeliveryRadiusKm), ValidationCodes.OutOfRange, 1, 500);
        }

        if (DeliveryAreas.Any(a => !Cantons.IsValid(a) && !IsFrenchDepartement(a)))
        {
            errors.Add(nameof(DeliveryCantons), ValidationCodes.InvalidCanton);
        }

        if (ValidFrom is { } from && ValidUntil is { } until && until < from)
        {
            errors.Add(nameof(ValidUntil), "EndBeforeStart");
        }

        return errors.Items;
    }

    /// <summary>Neighbouring France: "F-01", "F-74"… (two digits, or 2A/2B).</summary>
    public static bool IsFrenchDepartement(string code) =>
        code is { Length: 4 } && code.StartsWith("F-", StringComparison.Ordinal) && (code[2..].All(char.IsAsciiDigit) || code[2..] is "2A" or "2B");
}

/// <summary>A good or service a member organisation offers, published on the portal once it is ready.</summary>
public sealed class Offer
{
    private Offer()
    {
    }

    public Offer(Guid chamberId, Guid organisationId, OfferDetails details, DateTime now)
    {
        Id = Guid.NewGuid();
        ChamberId = chamberId;
        OrganisationId = organisationId;
        CreatedAt = now;
        State = OfferState.Draft;
        Edit(details, now);
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public OfferDetails Details { get; private set; } = new();

    public OfferState State { get; private set; }

    /// <summary>Set when chamber staff hide the offer (its owner sees why); hidden offers are not shown publicly.</summary>
    public string? HiddenReason { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>Every change moves it: search indexes of every app instance pick changes up from here.</summary>
    public DateTime UpdatedAt { get; private set; }

    public bool IsVisible(DateOnly today) =>
        State == OfferState.Published && HiddenReason is null
        && (Details.ValidFrom is null || Details.ValidFrom <= today)
        && (Details.ValidUntil is null || Details.ValidUntil >= today);

    public void Edit(OfferDetails details, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var copy = details.Copy();
        copy.Title = copy.Title.Trim();
        copy.Description = copy.Description.Trim();
        copy.PriceUnit = string.IsNullOrWhiteSpace(copy.PriceUnit) ? null : copy.PriceUnit.Trim();
        if (copy.PriceKind == PriceKind.OnQuote)
        {
            copy.PriceMinor = null;
            copy.PriceUnit = null;
        }

        var errors = copy.Validate();
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code, errors[0].Field);
        }

        Details = copy;
        UpdatedAt = now;
    }

    public void Publish(DateTime now) => Move(OfferState.Published, now);

    public void Unpublish(DateTime now) => Move(OfferState.Draft, now);

    public void Archive(DateTime now) => Move(OfferState.Archived, now);

    public void Hide(string reason, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(ValidationCodes.Required, "Reason");
        }

        HiddenReason = reason.Trim().Length > 500 ? reason.Trim()[..500] : reason.Trim();
        UpdatedAt = now;
    }

    public void Unhide(DateTime now)
    {
        HiddenReason = null;
        UpdatedAt = now;
    }

    private void Move(OfferState to, DateTime now)
    {
        State = to;
        UpdatedAt = now;
    }
}
