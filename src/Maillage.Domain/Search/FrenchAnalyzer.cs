using Maillage.Domain.Common;

namespace Maillage.Domain.Search;

/// <summary>
/// Turns French text into search terms the way people type and read it: folded (no case, no accents), split into
/// words, stop words dropped, and reduced by a light stemmer so that plurals and common inflections meet
/// ("vélos" → "velo", "traiteurs" → "traiteur", "réparation" and "réparer" → "repar").
/// </summary>
public static class FrenchAnalyzer
{
    /// <summary>Words too common to say anything about an offer.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en", "et", "il", "ils", "j", "l", "la", "le",
        "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "mes", "n", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas",
        "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sur", "t", "ta", "te", "tes", "ton", "tu", "un", "une", "vos",
        "votre", "vous", "y", "est", "sont", "the", "of", "and",
    };

    // Longest first: the first suffix that fits is removed, once.
    private static readonly (string Suffix, string Replacement, int MinStem)[] Suffixes =
    [
        ("issements", "", 4), ("issement", "", 4), ("atrices", "", 4), ("ateurs", "", 4), ("ations", "", 4), ("atrice", "", 4),
        ("ateur", "", 4), ("ation", "", 4), ("ements", "", 4), ("ement", "", 4), ("euses", "eur", 3), ("euse", "eur", 3),
        ("ieres", "", 4), ("iere", "", 4), ("iers", "", 4), ("ier", "", 4), ("ees", "", 4), ("er", "", 4), ("ee", "", 4), ("e", "", 4),
    ];

    /// <summary>The stemmed terms of a text, in order, stop words removed.</summary>
    public static List<string> Terms(string? text, int maxTerms = int.MaxValue)
    {
        var terms = new List<string>();
        foreach (var word in Words(text))
        {
            if (terms.Count >= maxTerms)
            {
                break;
            }

            if (!StopWords.Contains(word))
            {
                terms.Add(Stem(word));
            }
        }

        return terms;
    }

    /// <summary>The folded words of a text (no stemming), for prefixes and typo matching.</summary>
    public static IEnumerable<string> Words(string? text) =>
        TextNormalizer.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A light French stemmer on a folded word: plurals first, then one common derivational suffix.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 3 || !char.IsLetter(word[^1]))
        {
            return word;
        }

        var stem = word;
        if (stem.EndsWith("aux", StringComparison.Ordinal) && stem.Length > 5)
        {
            stem = stem[..^3] + "al";
        }
        else if (stem[^1] is 's' or 'x' && stem.Length > 3 && stem[^2] != 's')
        {
            stem = stem[..^1];
        }

        foreach (var (suffix, replacement, minStem) in Suffixes)
        {
            if (stem.Length - suffix.Length >= minStem && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                return stem[..^suffix.Length] + replacement;
            }
        }

        return stem;
    }
}
