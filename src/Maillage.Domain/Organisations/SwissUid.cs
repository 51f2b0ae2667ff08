using System.Globalization;

namespace Maillage.Domain.Organisations;

/// <summary>
/// The Swiss enterprise identification number (UID/IDE), "CHE-123.456.789": eight digits and a modulo-11 check
/// digit with the weights 5,4,3,2,7,6,5,4 (Federal Statistical Office specification).
/// </summary>
public static class SwissUid
{
    private static readonly int[] Weights = [5, 4, 3, 2, 7, 6, 5, 4];

    /// <summary>Returns the canonical form "CHE-123.456.789", or null when the text is not a valid UID.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var prefix = new string(text.Where(char.IsAsciiLetter).ToArray()).ToUpperInvariant();
        if (digits.Length != 9 || (prefix.Length > 0 && prefix is not ("CHE" or "CHEMWST" or "CHETVA" or "CHEIVA")))
        {
            return null;
        }

        var check = CheckDigit(digits[..8]);
        if (check is null || check.Value != digits[8] - '0')
        {
            return null;
        }

        return $"CHE-{digits[..3]}.{digits[3..6]}.{digits[6..]}";
    }

    public static bool IsValid(string? text) => Normalize(text) is not null;

    /// <summary>The check digit of eight digits, or null when the remainder gives 10 (such numbers are never issued).</summary>
    public static int? CheckDigit(string eightDigits)
    {
        ArgumentNullException.ThrowIfNull(eightDigits);
        if (eightDigits.Length != 8 || !eightDigits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Eight digits expected.", nameof(eightDigits));
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (eightDigits[i] - '0') * Weights[i];
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    /// <summary>Builds a valid UID from a seed number (demo data and tests).</summary>
    public static string FromSeed(int seed)
    {
        for (var n = Math.Abs(seed % 90_000_000) + 10_000_000; ; n++)
        {
            var body = n.ToString(CultureInfo.InvariantCulture);
            if (CheckDigit(body) is { } check)
            {
                return Normalize(body + check.ToString(CultureInfo.InvariantCulture))!;
            }
        }
    }
}
