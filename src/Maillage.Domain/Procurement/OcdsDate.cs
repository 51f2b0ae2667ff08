using System.Globalization;
using System.Text.RegularExpressions;

namespace Maillage.Domain.Procurement;

/// <summary>
/// Reads the dates publishers actually write: ISO 8601 with or without a time zone, Swiss "15.04.2014 14:00", and
/// free text such as "2014-04-15 14:00 Eastern Daylight Time (EDT)". A date without a time zone is taken as UTC
/// (OCDS requires one; guessing the publisher's zone would be worse than a stated rule).
/// </summary>
public static partial class OcdsDate
{
    private static readonly Dictionary<string, int> ZoneOffsetsInMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = 0,
        ["GMT"] = 0,
        ["Z"] = 0,
        ["WET"] = 0,
        ["BST"] = 60,
        ["WEST"] = 60,
        ["CET"] = 60,
        ["MEZ"] = 60,
        ["CEST"] = 120,
        ["MESZ"] = 120,
        ["EET"] = 120,
        ["EEST"] = 180,
        ["EST"] = -300,
        ["EDT"] = -240,
        ["CST"] = -360,
        ["CDT"] = -300,
        ["MST"] = -420,
        ["MDT"] = -360,
        ["PST"] = -480,
        ["PDT"] = -420,
    };

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>The instant in UTC, or null when the text holds no recognisable date.</summary>
    public static DateTime? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (DateTimeOffset.TryParseExact(trimmed, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso))
        {
            return iso.UtcDateTime;
        }

        var match = FreeText().Match(trimmed);
        if (!match.Success)
        {
            return null;
        }

        int year, month, day;
        if (match.Groups["y"].Success)
        {
            year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
            month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        }
        else
        {
            year = int.Parse(match.Groups["y2"].Value, CultureInfo.InvariantCulture);
            month = int.Parse(match.Groups["m2"].Value, CultureInfo.InvariantCulture);
            day = int.Parse(match.Groups["d2"].Value, CultureInfo.InvariantCulture);
        }

        var hour = match.Groups["h"].Success ? int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minute = match.Groups["min"].Success ? int.Parse(match.Groups["min"].Value, CultureInfo.InvariantCulture) : 0;
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 59 || year is < 1900 or > 2200)
        {
            return null;
        }

        var offset = ZoneOffset(trimmed[match.Length..]);
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return DateTime.SpecifyKind(local.AddMinutes(-offset), DateTimeKind.Utc);
    }

    /// <summary>The zone written after the date: "+02:00", "(EDT)", "CEST"; 0 (UTC) when none is recognised.</summary>
    private static int ZoneOffset(string rest)
    {
        var numeric = NumericZone().Match(rest);
        if (numeric.Success)
        {
            var minutes = (int.Parse(numeric.Groups["h"].Value, CultureInfo.InvariantCulture) * 60) + (numeric.Groups["m"].Success ? int.Parse(numeric.Groups["m"].Value, CultureInfo.InvariantCulture) : 0);
            return numeric.Groups["sign"].Value == "-" ? -minutes : minutes;
        }

        foreach (Match word in ZoneWord().Matches(rest))
        {
            if (ZoneOffsetsInMinutes.TryGetValue(word.Value, out var minutes))
            {
                return minutes;
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^\s*(?:(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})|(?<d2>\d{1,2})[./](?<m2>\d{1,2})[./](?<y2>\d{4}))(?:[T\s,]+(?<h>\d{1,2})[:h](?<min>\d{2})(?::(?<s>\d{2}))?(?:\.\d+)?)?", RegexOptions.CultureInvariant)]
    private static partial Regex FreeText();

    [GeneratedRegex(@"(?:^|\s|UTC|GMT)(?<sign>[+-])(?<h>\d{1,2}):?(?<m>\d{2})?\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumericZone();

    [GeneratedRegex(@"\b[A-Za-z]{1,4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneWord();
}
