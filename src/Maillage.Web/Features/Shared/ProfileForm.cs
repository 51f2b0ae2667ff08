using System.Globalization;
using Maillage.Domain.Common;
using Maillage.Domain.Organisations;

namespace Maillage.Web.Features.Shared;

/// <summary>The organisation profile as a form posts it: text kept as typed so that nothing is lost on error.</summary>
public sealed class ProfileForm
{
    public string? Name { get; set; }

    public LegalForm LegalForm { get; set; } = LegalForm.Association;

    public OrganisationStatus Status { get; set; } = OrganisationStatus.NonProfit;

    public string? Uid { get; set; }

    public string? NogaSection { get; set; }

    public List<string> EssSectors { get; set; } = [];

    public string? Street { get; set; }

    public string? PostalCode { get; set; }

    public string? Town { get; set; }

    public string? Canton { get; set; }

    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public string? ShortDescription { get; set; }

    public string? Description { get; set; }

    public string? Website { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public int? FoundedYear { get; set; }

    public int? Employees { get; set; }

    public static ProfileForm From(OrganisationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new ProfileForm
        {
            Name = profile.Name,
            LegalForm = profile.LegalForm,
            Status = profile.Status,
            Uid = profile.Uid,
            NogaSection = profile.NogaSection,
            EssSectors = [.. profile.EssSectors],
            Street = profile.Street,
            PostalCode = profile.PostalCode,
            Town = profile.Town,
            Canton = profile.Canton,
            Latitude = profile.Latitude?.ToString(CultureInfo.InvariantCulture),
            Longitude = profile.Longitude?.ToString(CultureInfo.InvariantCulture),
            ShortDescription = profile.ShortDescription,
            Description = profile.Description,
            Website = profile.Website,
            Email = profile.Email,
            Phone = profile.Phone,
            FoundedYear = profile.FoundedYear,
            Employees = profile.Employees,
        };
    }

    /// <summary>Builds the domain profile, normalised and validated; errors name this form's fields.</summary>
    public (OrganisationProfile Profile, IReadOnlyList<ValidationError> Errors) ToProfile(int currentYear)
    {
        var errors = new ValidationErrors();
        var latitude = ParseCoordinate(Latitude, nameof(Latitude), errors);
        var longitude = ParseCoordinate(Longitude, nameof(Longitude), errors);
        var profile = new OrganisationProfile
        {
            Name = Name ?? string.Empty,
            LegalForm = LegalForm,
            Status = Status,
            Uid = Uid,
            NogaSection = NogaSection ?? string.Empty,
            EssSectors = EssSectors,
            Street = Street ?? string.Empty,
            PostalCode = PostalCode ?? string.Empty,
            Town = Town ?? string.Empty,
            Canton = Canton ?? string.Empty,
            Latitude = latitude,
            Longitude = longitude,
            ShortDescription = ShortDescription ?? string.Empty,
            Description = Description ?? string.Empty,
            Website = Website,
            Email = Email,
            Phone = Phone,
            FoundedYear = FoundedYear,
            Employees = Employees,
        };
        profile.Normalize();
        errors.AddRange(profile.Validate(currentYear));
        return (profile, errors.Items);
    }

    /// <summary>Accepts "46.2044" and the French "46,2044".</summary>
    public static double? ParseCoordinate(string? text, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add(field, ValidationCodes.InvalidCoordinates);
        return null;
    }
}
