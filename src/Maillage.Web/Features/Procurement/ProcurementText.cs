using System.Globalization;

namespace Maillage.Web.Features.Procurement;

/// <summary>Money and countdowns as the pages show them (Swiss formats).</summary>
public static class ProcurementText
{
    private static readonly NumberFormatInfo Swiss = new() { NumberGroupSeparator = "\u2019", NumberDecimalSeparator = "." };

    /// <summary>"CHF 1’250’000" (no centimes under a thousand francs' precision matters on a tender).</summary>
    public static string Money(decimal amount, string? currency) =>
        $"{currency ?? "CHF"} {amount.ToString(amount == decimal.Truncate(amount) ? "#,0" : "#,0.00", Swiss)}";

    public static string MoneyMinor(long minor, string currency = "CHF") => Money(minor / 100m, currency);

    /// <summary>Whole days left until a deadline (negative when passed).</summary>
    public static int DaysLeft(DateTime deadline, DateTime now) => (int)Math.Floor((deadline - now).TotalDays);

    /// <summary>"12000.50" or "12'000" typed by a person → centimes.</summary>
    public static bool TryParseMinor(string? text, out long? minor)
    {
        minor = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var clean = text.Replace("'", string.Empty, StringComparison.Ordinal).Replace("\u2019", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Replace(',', '.');
        if (decimal.TryParse(clean, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0 && value < 10_000_000_000m)
        {
            minor = (long)Math.Round(value * 100m);
            return true;
        }

        return false;
    }
}
