using Maillage.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Procurement;

/// <summary>The form of a watch profile, with its checks.</summary>
public sealed class WatchInput
{
    public string? Name { get; set; }

    public string? Keywords { get; set; }

    public string? CpvPrefixes { get; set; }

    public List<string> Regions { get; set; } = [];

    public string? MinValue { get; set; }

    public string? MaxValue { get; set; }

    public bool ReservedOrSocialOnly { get; set; }

    public DigestFrequency Frequency { get; set; } = DigestFrequency.Weekly;

    public static WatchInput From(WatchProfile p) => new()
    {
        Name = p.Name,
        Keywords = p.Keywords,
        CpvPrefixes = p.CpvPrefixes,
        Regions = p.Regions.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
        MinValue = p.MinValueMinor is { } min ? (min / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : null,
        MaxValue = p.MaxValueMinor is { } max ? (max / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : null,
        ReservedOrSocialOnly = p.ReservedOrSocialOnly,
        Frequency = p.Frequency,
    };

    /// <returns>True when valid; the profile then holds the values.</returns>
    public bool ApplyTo(WatchProfile profile, ModelStateDictionary errors, IStringLocalizer l, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(l);
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 120)
        {
            errors.AddModelError("Input.Name", l["Procurement.ProfileNameRequired"]);
        }

        var keywords = (Keywords ?? string.Empty).Replace("\r", string.Empty, StringComparison.Ordinal).Trim();
        var prefixes = (CpvPrefixes ?? string.Empty).Split([' ', ',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (keywords.Length > 2000)
        {
            errors.AddModelError("Input.Keywords", l["Procurement.KeywordsTooLong"]);
        }

        if (prefixes.Any(p => p.Length is < 2 or > 8 || !p.All(char.IsAsciiDigit)))
        {
            errors.AddModelError("Input.CpvPrefixes", l["Procurement.CpvPrefixInvalid"]);
        }

        if (keywords.Length == 0 && prefixes.Length == 0)
        {
            errors.AddModelError("Input.Keywords", l["Procurement.KeywordsOrCpv"]);
        }

        if (!ProcurementText.TryParseMinor(MinValue, out var min))
        {
            errors.AddModelError("Input.MinValue", l["Procurement.ValueInvalid"]);
        }

        if (!ProcurementText.TryParseMinor(MaxValue, out var max))
        {
            errors.AddModelError("Input.MaxValue", l["Procurement.ValueInvalid"]);
        }
        else if (min is not null && max is not null && max < min)
        {
            errors.AddModelError("Input.MaxValue", l["Procurement.ValueRange"]);
        }

        if (!errors.IsValid)
        {
            return false;
        }

        profile.Name = Name!.Trim();
        profile.Keywords = keywords;
        profile.CpvPrefixes = string.Join(' ', prefixes);
        profile.Regions = TenderImporter.List(Regions.Where(Cantons.IsValid).Distinct(StringComparer.Ordinal));
        profile.MinValueMinor = min;
        profile.MaxValueMinor = max;
        profile.ReservedOrSocialOnly = ReservedOrSocialOnly;
        if (profile.Frequency != Frequency || profile.NextDigestAt is null)
        {
            profile.Frequency = Frequency;
            profile.NextDigestAt = TenderDigests.NextRun(Frequency, now);
        }

        return true;
    }
}
