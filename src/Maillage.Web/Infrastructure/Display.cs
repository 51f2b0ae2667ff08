using System.Globalization;
using Maillage.Domain.Sectors;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Infrastructure;

/// <summary>Labels and formats in the person's language (Swiss conventions: 22.11.2026, 1 234,50).</summary>
public static class Display
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Enum(this IStringLocalizer localizer, Enum value)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(value);
        return localizer[$"{value.GetType().Name}.{value}"];
    }

    public static string SectorLabel(string code)
    {
        var sector = SectorCatalogue.FindEss(code) ?? SectorCatalogue.FindNoga(code);
        if (sector is null)
        {
            return code;
        }

        return IsEnglish ? sector.LabelEn : sector.Label;
    }

    public static string Date(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, SwissTime).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string DateTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, SwissTime).ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>The chambers work on Swiss time whatever the server's zone.</summary>
    public static readonly TimeZoneInfo SwissTime = Maillage.Domain.ChamberDays.Zone;
}
