using System.Globalization;
using System.Text;

namespace Maillage.Domain.Common;

/// <summary>
/// Folds text the way people type it: lower case, no accents, ligatures opened, punctuation as spaces.
/// Both databases compare folded text with plain LIKE, so search behaves the same on SQLite and PostgreSQL.
/// </summary>
public static class TextNormalizer
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            switch (c)
            {
                case 'œ' or 'Œ':
                    builder.Append("oe");
                    lastWasSpace = false;
                    continue;
                case 'æ' or 'Æ':
                    builder.Append("ae");
                    lastWasSpace = false;
                    continue;
                case 'ß':
                    builder.Append("ss");
                    lastWasSpace = false;
                    continue;
                default:
                    break;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>The folded words of a query, without duplicates, at most <paramref name="maxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? query, int maxTerms = 8) =>
        Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Take(maxTerms).ToList();

    /// <summary>A URL segment from a name: "Coopérative L'Éclat" → "cooperative-l-eclat".</summary>
    public static string Slug(string? text, int maxLength = 80)
    {
        var folded = Fold(text).Replace(' ', '-');
        if (folded.Length > maxLength)
        {
            folded = folded[..maxLength].TrimEnd('-');
        }

        return folded.Length == 0 ? "organisation" : folded;
    }
}
