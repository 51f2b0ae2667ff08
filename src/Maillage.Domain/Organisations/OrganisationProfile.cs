using System.Net.Mail;
using Maillage.Domain.Common;
using Maillage.Domain.Sectors;

namespace Maillage.Domain.Organisations;

/// <summary>
/// What an organisation says about itself. The same profile is carried by an application and, once admitted,
/// by the member organisation; one <see cref="Validate"/> serves forms, the API and CSV imports.
/// </summary>
public sealed class OrganisationProfile
{
    public const int NameMax = 120;
    public const int ShortDescriptionMax = 200;
    public const int DescriptionMax = 4000;

    public string Name { get; set; } = string.Empty;

    public LegalForm LegalForm { get; set; } = LegalForm.Association;

    public OrganisationStatus Status { get; set; } = OrganisationStatus.NonProfit;

    /// <summary>Swiss UID (IDE) in canonical form, when the organisation has one.</summary>
    public string? Uid { get; set; }

    /// <summary>NOGA 2008 section letter of the main activity.</summary>
    public string NogaSection { get; set; } = "S";

    /// <summary>ESS sector groupings, stored as ",code,code," so that a LIKE finds one on every database.</summary>
    public string EssSectorCodes { get; set; } = ",";

    public string Street { get; set; } = string.Empty;

    public string PostalCode { get; set; } = string.Empty;

    public string Town { get; set; } = string.Empty;

    public string Canton { get; set; } = string.Empty;

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string ShortDescription { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string? Website { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public int? FoundedYear { get; set; }

    public int? Employees { get; set; }

    public IReadOnlyList<string> EssSectors
    {
        get => EssSectorCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);
        set => EssSectorCodes = "," + string.Join(',', (value ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)) + ",";
    }

    public OrganisationProfile Copy() => (OrganisationProfile)MemberwiseClone();

    /// <summary>Trims and canonicalises what was typed (UID format, URL scheme, canton case).</summary>
    public void Normalize()
    {
        Name = Name?.Trim() ?? string.Empty;
        Street = Street?.Trim() ?? string.Empty;
        PostalCode = PostalCode?.Trim() ?? string.Empty;
        Town = Town?.Trim() ?? string.Empty;
        Canton = (Canton?.Trim() ?? string.Empty).ToUpperInvariant();
        NogaSection = (NogaSection?.Trim() ?? string.Empty).ToUpperInvariant();
        ShortDescription = ShortDescription?.Trim() ?? string.Empty;
        Description = Description?.Trim() ?? string.Empty;
        Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        Phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim();
        Uid = string.IsNullOrWhiteSpace(Uid) ? null : (SwissUid.Normalize(Uid) ?? Uid.Trim());
        if (string.IsNullOrWhiteSpace(Website))
        {
            Website = null;
        }
        else
        {
            var site = Website.Trim();
            Website = site.Contains("://", StringComparison.Ordinal) ? site : "https://" + site;
        }
    }

    public IReadOnlyList<ValidationError> Validate(int currentYear)
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(Name), Name, 2, NameMax);
        if (!Enum.IsDefined(LegalForm))
        {
            errors.Add(nameof(LegalForm), ValidationCodes.InvalidChoice);
        }

        if (!Enum.IsDefined(Status))
        {
            errors.Add(nameof(Status), ValidationCodes.InvalidChoice);
        }

        if (Uid is not null && !SwissUid.IsValid(Uid))
        {
            errors.Add(nameof(Uid), ValidationCodes.InvalidUid);
        }

        if (SectorCatalogue.FindNoga(NogaSection) is null)
        {
            errors.Add(nameof(NogaSection), ValidationCodes.InvalidSector);
        }

        var sectors = EssSectors;
        if (sectors.Count == 0)
        {
            errors.Add(nameof(EssSectors), ValidationCodes.Required);
        }
        else if (sectors.Any(s => SectorCatalogue.FindEss(s) is null))
        {
            errors.Add(nameof(EssSectors), ValidationCodes.InvalidSector);
        }
        else if (sectors.Count > 5)
        {
            errors.Add(nameof(EssSectors), ValidationCodes.OutOfRange, 1, 5);
        }

        errors.Length(nameof(Street), Street, 2, 120);
        if (string.IsNullOrWhiteSpace(PostalCode))
        {
            errors.Add(nameof(PostalCode), ValidationCodes.Required);
        }
        else if (PostalCode.Length is < 4 or > 5 || !PostalCode.All(char.IsAsciiDigit))
        {
            errors.Add(nameof(PostalCode), ValidationCodes.InvalidPostalCode);
        }

        errors.Length(nameof(Town), Town, 2, 80);
        if (string.IsNullOrWhiteSpace(Canton))
        {
            errors.Add(nameof(Canton), ValidationCodes.Required);
        }
        else if (!Cantons.IsValid(Canton))
        {
            errors.Add(nameof(Canton), ValidationCodes.InvalidCanton);
        }

        if (Latitude.HasValue != Longitude.HasValue
            || Latitude is < -90 or > 90
            || Longitude is < -180 or > 180)
        {
            errors.Add(nameof(Latitude), ValidationCodes.InvalidCoordinates);
        }

        errors.Length(nameof(ShortDescription), ShortDescription, 10, ShortDescriptionMax);
        errors.Length(nameof(Description), Description, 0, DescriptionMax, required: false);
        if (Website is not null && !IsHttpUrl(Website))
        {
            errors.Add(nameof(Website), ValidationCodes.InvalidUrl);
        }

        if (Email is not null && !IsEmail(Email))
        {
            errors.Add(nameof(Email), ValidationCodes.InvalidEmail);
        }

        if (Phone is not null && !IsPhone(Phone))
        {
            errors.Add(nameof(Phone), ValidationCodes.InvalidPhone);
        }

        if (FoundedYear is { } year && (year < 1800 || year > currentYear))
        {
            errors.Add(nameof(FoundedYear), ValidationCodes.OutOfRange, 1800, currentYear);
        }

        if (Employees is < 0 or > 100_000)
        {
            errors.Add(nameof(Employees), ValidationCodes.OutOfRange, 0, 100_000);
        }

        return errors.Items;
    }

    public static bool IsEmail(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 254 || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        return MailAddress.TryCreate(text, out var address)
            && address.Address == text
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.EndsWith('.');
    }

    public static bool IsHttpUrl(string? text) =>
        text is not null
        && text.Length <= 300
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Contains('.', StringComparison.Ordinal);

    public static bool IsPhone(string? text)
    {
        if (text is null || text.Length > 30)
        {
            return false;
        }

        var digits = text.Count(char.IsAsciiDigit);
        return digits is >= 9 and <= 15 && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-' or '.' or '/');
    }
}
