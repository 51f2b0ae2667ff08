using System.Globalization;
using System.Text;

namespace Maillage.Domain.Currency;

/// <summary>What sign an amount may have where it is typed.</summary>
public enum AmountRule
{
    /// <summary>Payments, requests, rewards: strictly more than zero.</summary>
    Positive = 1,

    /// <summary>Limits: zero allowed, never negative.</summary>
    ZeroOrPositive = 2,
}

/// <summary>
/// Amounts are whole numbers of minor units (centimes) in a <see cref="long"/>, never floating point. Parsing accepts
/// what Swiss people type — "1'234.50", "1’234.50", "1 234,50", "1234.5" — and refuses anything ambiguous with a
/// stable code, so an amount is never guessed.
/// </summary>
public static class Amounts
{
    /// <summary>One billion major units: far above any real payment, far below overflow when balances are summed.</summary>
    public const long MaxMajorUnits = 1_000_000_000;

    public static long MaxMinorUnits(int minorDigits) => MaxMajorUnits * Pow10(minorDigits);

    public static long Pow10(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, CurrencyDefinition.MaxMinorDigits);
        long result = 1;
        for (var i = 0; i < digits; i++)
        {
            result *= 10;
        }

        return result;
    }

    /// <summary>Parses typed text to minor units, or throws a <see cref="LedgerException"/> on field "Amount".</summary>
    public static long Parse(string? text, int minorDigits, AmountRule rule = AmountRule.Positive, string field = "Amount")
    {
        if (TryParse(text, minorDigits, rule, out var minorUnits, out var error))
        {
            return minorUnits;
        }

        throw new LedgerException(error!, field);
    }

    public static bool TryParse(string? text, int minorDigits, AmountRule rule, out long minorUnits, out string? errorCode)
    {
        minorUnits = 0;
        errorCode = Read(text, minorDigits, out var negative, out var value);
        if (errorCode is not null)
        {
            return false;
        }

        if (negative && value != 0)
        {
            errorCode = LedgerErrors.AmountNotPositive;
            return false;
        }

        if (value == 0 && rule == AmountRule.Positive)
        {
            errorCode = LedgerErrors.AmountNotPositive;
            return false;
        }

        minorUnits = value;
        return true;
    }

    /// <summary>Checks an amount already in minor units (API input, commands) against the same rules as typed text.</summary>
    public static void Validate(long minorUnits, int minorDigits, AmountRule rule = AmountRule.Positive, string field = "Amount")
    {
        if (minorUnits < 0 || (minorUnits == 0 && rule == AmountRule.Positive))
        {
            throw new LedgerException(LedgerErrors.AmountNotPositive, field);
        }

        if (minorUnits > MaxMinorUnits(minorDigits))
        {
            throw new LedgerException(LedgerErrors.AmountTooLarge, field, MaxMajorUnits);
        }
    }

    /// <summary>For people: "1 234,50" in fr-CH, "1’234.50" in en-CH (exact: decimal, not double).</summary>
    public static string Format(long minorUnits, int minorDigits, IFormatProvider culture) =>
        ((decimal)minorUnits / Pow10(minorDigits)).ToString("N" + minorDigits.ToString(CultureInfo.InvariantCulture), culture);

    /// <summary>For files and the API: "-1234.50", no grouping, a dot.</summary>
    public static string FormatInvariant(long minorUnits, int minorDigits) =>
        ((decimal)minorUnits / Pow10(minorDigits)).ToString("F" + minorDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string? Read(string? text, int minorDigits, out bool negative, out long value)
    {
        negative = false;
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return LedgerErrors.AmountRequired;
        }

        var s = text.Trim();
        if (s[0] is '-' or '−' or '+')
        {
            negative = s[0] != '+';
            s = s[1..].TrimStart();
        }

        // One decimal mark, '.' or ','; both present ("1,234.50", "1.234,50") is ambiguous and refused.
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var comma = s.IndexOf(',', StringComparison.Ordinal);
        if ((dot >= 0 && comma >= 0) || s.Count(c => c is '.' or ',') > 1)
        {
            return LedgerErrors.AmountNotNumeric;
        }

        var mark = Math.Max(dot, comma);
        var integerPart = mark >= 0 ? s[..mark] : s;
        var fraction = mark >= 0 ? s[(mark + 1)..] : string.Empty;
        if (!TryUngroup(integerPart, out var digits) || (digits.Length == 0 && fraction.Length == 0) || !fraction.All(char.IsAsciiDigit))
        {
            return LedgerErrors.AmountNotNumeric;
        }

        fraction = fraction.TrimEnd('0');
        if (fraction.Length > minorDigits)
        {
            return LedgerErrors.AmountTooPrecise;
        }

        digits = digits.TrimStart('0');
        if (digits.Length > 18)
        {
            return LedgerErrors.AmountTooLarge;
        }

        var major = digits.Length == 0 ? 0 : long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (major > MaxMajorUnits)
        {
            return LedgerErrors.AmountTooLarge;
        }

        var minor = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(minorDigits, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        value = (major * Pow10(minorDigits)) + minor;
        return value > MaxMinorUnits(minorDigits) ? LedgerErrors.AmountTooLarge : null;
    }

    /// <summary>
    /// Removes thousands separators (apostrophes, spaces of any width) where they really group digits by three:
    /// "1'234" yes, "12'34" or "1 2" no, so that two typed numbers are never read as one.
    /// </summary>
    private static bool TryUngroup(string integerPart, out string digits)
    {
        digits = string.Empty;
        var groups = integerPart.Split(['\'', '’', ' ', '\u00A0', '\u202F', '\u2009'], StringSplitOptions.None);
        var builder = new StringBuilder(integerPart.Length);
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (!group.All(char.IsAsciiDigit))
            {
                return false;
            }

            if (groups.Length > 1 && (i == 0 ? group.Length is < 1 or > 3 : group.Length != 3))
            {
                return false;
            }

            builder.Append(group);
        }

        digits = builder.ToString();
        return true;
    }
}
