using System.Globalization;

namespace Maillage.Domain.Invoices;

/// <summary>
/// Francs written the way people write them (1234.50, 1'234,50, 1 234.5, 1234) to centimes and back, with integer
/// arithmetic only: a decimal amount never passes through floating point.
/// </summary>
public static class MoneyText
{
    public enum Outcome
    {
        Ok,
        Empty,
        Malformed,
        TooLarge,
    }

    /// <summary>Parses francs into centimes; a leading minus is read (the invoice rules then refuse it, with their own message).</summary>
    public static Outcome TryParse(string? text, out long centimes)
    {
        centimes = 0;
        var cleaned = new System.Text.StringBuilder();
        foreach (var c in (text ?? string.Empty).Trim())
        {
            // Thousands separators: apostrophes (straight and typographic) and spaces of every width.
            if (c is '\'' or '’' or ' ' or '\u00A0' or '\u202F')
            {
                continue;
            }

            cleaned.Append(c);
        }

        var value = cleaned.ToString();
        if (value.StartsWith("CHF", StringComparison.OrdinalIgnoreCase))
        {
            value = value[3..];
        }

        if (value.Length == 0)
        {
            return Outcome.Empty;
        }

        var negative = value[0] == '-';
        if (negative)
        {
            value = value[1..];
        }

        var separator = value.LastIndexOfAny(['.', ',']);
        var whole = separator < 0 ? value : value[..separator];
        var fraction = separator < 0 ? string.Empty : value[(separator + 1)..];
        if (whole.Length == 0 || fraction.Length > 2 || (separator >= 0 && fraction.Length == 0)
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return Outcome.Malformed;
        }

        if (whole.TrimStart('0').Length > 15)
        {
            return Outcome.TooLarge;
        }

        var francs = long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture);
        var cents = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        centimes = (francs * 100 + cents) * (negative ? -1 : 1);
        return Outcome.Ok;
    }

    /// <summary>Swiss notation: 1’234.50.</summary>
    public static string Format(long centimes)
    {
        var sign = centimes < 0 ? "-" : string.Empty;
        var magnitude = Math.Abs(centimes);
        var francs = (magnitude / 100).ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '’');
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{francs}.{magnitude % 100:00}");
    }

    /// <summary>Machine-readable notation for CSV files: 1234.50.</summary>
    public static string Plain(long centimes) =>
        string.Create(CultureInfo.InvariantCulture, $"{(centimes < 0 ? "-" : string.Empty)}{Math.Abs(centimes) / 100}.{Math.Abs(centimes) % 100:00}");
}
