namespace Maillage.Domain.Labels;

/// <summary>
/// Public verification codes of labels: twelve characters of Crockford's base 32 (60 random bits, so a code
/// cannot be guessed by trying), written "K7M3-Q9TZ-4HWX". What people type is read leniently: case, spaces and
/// dashes do not matter, and O, I and L are read as 0, 1 and 1.
/// </summary>
public static class LabelCode
{
    public const int Length = 12;
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new code from <paramref name="randomBytes"/> (at least <see cref="Length"/> bytes of a cryptographic generator).</summary>
    public static string Create(ReadOnlySpan<byte> randomBytes)
    {
        if (randomBytes.Length < Length)
        {
            throw new ArgumentException("Not enough random bytes.", nameof(randomBytes));
        }

        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            // 256 is a multiple of 32: taking the low five bits keeps every character equally likely.
            chars[i] = Alphabet[randomBytes[i] & 31];
        }

        return Format(chars);
    }

    /// <summary>The canonical form of a typed code, or null when it cannot be one.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        Span<char> chars = stackalloc char[Length];
        var count = 0;
        foreach (var raw in typed)
        {
            if (raw is ' ' or '-' or '\u2010' or '\u2011' or '\u2013' or '\t')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(c, StringComparison.Ordinal) || count == Length)
            {
                return null;
            }

            chars[count++] = c;
        }

        return count == Length ? Format(chars) : null;
    }

    private static string Format(ReadOnlySpan<char> chars) => $"{chars[..4]}-{chars[4..8]}-{chars[8..]}";
}
