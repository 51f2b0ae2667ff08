using Maillage.Domain.Search;

namespace Maillage.Domain.Procurement;

/// <summary>A member's watch profile: every stated criterion must hold; an empty criterion does not filter.</summary>
/// <param name="Keywords">Words or phrases; a notice matches one when it holds all of its words (accents, case and plurals ignored).</param>
/// <param name="CpvPrefixes">Leading digits of CPV codes ("909" = cleaning services).</param>
/// <param name="Regions">Canton codes; a notice must name one of them.</param>
public sealed record WatchProfileSpec(
    Guid Id, IReadOnlyList<string> Keywords, IReadOnlyList<string> CpvPrefixes, IReadOnlyList<string> Regions,
    decimal? MinValue, decimal? MaxValue, bool ReservedOrSocialOnly);

/// <summary>What the matcher needs to know of a notice.</summary>
public sealed record NoticeFacts(Guid Id, string Text, IReadOnlyList<string> CpvCodes, IReadOnlyList<string> Regions, decimal? Value, bool Reserved, bool Social)
{
    public static NoticeFacts From(Guid id, Notice notice, bool reserved, bool social)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var text = string.Join(' ', new[] { notice.Title, notice.Description }
            .Concat(notice.Lots.Select(l => $"{l.Title} {l.Description}"))
            .Concat(notice.Items.Select(i => $"{i.Description} {i.Classification?.Description}")));
        return new NoticeFacts(id, text, notice.CpvCodes, notice.Regions, notice.Value, reserved, social);
    }
}

public enum MatchReasonKind
{
    Keyword,
    Cpv,
    Region,
    Value,
    ReservedOrSocial,
}

/// <summary>One reason a profile matched: the keyword found, the CPV code under the prefix, the region, the value.</summary>
public sealed record MatchReason(MatchReasonKind Kind, string Detail);

public sealed record WatchMatch(Guid ProfileId, Guid NoticeId, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// Matches many watch profiles against many notices without trying every pair: profiles are indexed by the first
/// term of each keyword and by each CPV prefix, so a notice only meets the profiles that share a term or a code
/// prefix with it (plus the few profiles with neither), which are then checked on every criterion.
/// </summary>
public sealed class WatchMatcher
{
    private readonly List<CompiledProfile> _profiles;
    private readonly Dictionary<string, List<int>> _byTerm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byCpvPrefix = new(StringComparer.Ordinal);
    private readonly List<int> _unindexed = [];

    public WatchMatcher(IEnumerable<WatchProfileSpec> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        _profiles = profiles.Select(Compile).ToList();
        for (var i = 0; i < _profiles.Count; i++)
        {
            var profile = _profiles[i];
            foreach (var keyword in profile.Keywords)
            {
                Add(_byTerm, keyword.Terms[0], i);
            }

            foreach (var prefix in profile.CpvPrefixes)
            {
                Add(_byCpvPrefix, prefix, i);
            }

            if (profile.Keywords.Count == 0 && profile.CpvPrefixes.Count == 0)
            {
                _unindexed.Add(i);
            }
        }
    }

    public int ProfileCount => _profiles.Count;

    /// <summary>The folded, stemmed terms of a notice's text, computed once per notice.</summary>
    public static HashSet<string> TermsOf(string text) => new(FrenchAnalyzer.Terms(text), StringComparer.Ordinal);

    /// <summary>Every (profile, notice) pair that matches, with its reasons.</summary>
    public List<WatchMatch> Match(IEnumerable<NoticeFacts> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var matches = new List<WatchMatch>();
        var seen = new int[_profiles.Count];
        var stamp = 0;
        var candidates = new List<int>();
        foreach (var notice in notices)
        {
            stamp++;
            candidates.Clear();
            var terms = TermsOf(notice.Text);
            foreach (var term in terms)
            {
                Collect(_byTerm, term, seen, stamp, candidates);
            }

            foreach (var code in notice.CpvCodes)
            {
                for (var length = 2; length <= code.Length; length++)
                {
                    Collect(_byCpvPrefix, code[..length], seen, stamp, candidates);
                }
            }

            foreach (var i in _unindexed)
            {
                if (seen[i] != stamp)
                {
                    seen[i] = stamp;
                    candidates.Add(i);
                }
            }

            foreach (var i in candidates)
            {
                if (Check(_profiles[i], notice, terms) is { } reasons)
                {
                    matches.Add(new WatchMatch(_profiles[i].Spec.Id, notice.Id, reasons));
                }
            }
        }

        return matches;
    }

    /// <summary>The reference every pair is checked against (no index): same answers, for tests and the benchmark.</summary>
    public static List<WatchMatch> MatchNaively(IReadOnlyList<WatchProfileSpec> profiles, IEnumerable<NoticeFacts> notices)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(notices);
        var compiled = profiles.Select(Compile).ToList();
        var matches = new List<WatchMatch>();
        foreach (var notice in notices)
        {
            var terms = TermsOf(notice.Text);
            foreach (var profile in compiled)
            {
                if (Check(profile, notice, terms) is { } reasons)
                {
                    matches.Add(new WatchMatch(profile.Spec.Id, notice.Id, reasons));
                }
            }
        }

        return matches;
    }

    /// <summary>Checks one profile against one notice; null when it does not match.</summary>
    public static IReadOnlyList<MatchReason>? Explain(WatchProfileSpec profile, NoticeFacts notice) =>
        Check(Compile(profile), notice, TermsOf(notice.Text));

    private static List<MatchReason>? Check(CompiledProfile profile, NoticeFacts notice, HashSet<string> terms)
    {
        var reasons = new List<MatchReason>();
        if (profile.Keywords.Count > 0)
        {
            foreach (var keyword in profile.Keywords)
            {
                if (keyword.Terms.All(terms.Contains))
                {
                    reasons.Add(new MatchReason(MatchReasonKind.Keyword, keyword.Text));
                }
            }

            if (reasons.Count == 0)
            {
                return null;
            }
        }

        if (profile.CpvPrefixes.Count > 0)
        {
            var found = false;
            foreach (var code in notice.CpvCodes)
            {
                foreach (var prefix in profile.CpvPrefixes)
                {
                    if (code.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        reasons.Add(new MatchReason(MatchReasonKind.Cpv, $"{code} ({prefix}…)"));
                        found = true;
                        break;
                    }
                }
            }

            if (!found)
            {
                return null;
            }
        }

        if (profile.Spec.Regions.Count > 0)
        {
            var region = notice.Regions.FirstOrDefault(r => profile.Spec.Regions.Contains(r, StringComparer.Ordinal));
            if (region is null)
            {
                return null;
            }

            reasons.Add(new MatchReason(MatchReasonKind.Region, region));
        }

        if (profile.Spec.MinValue is not null || profile.Spec.MaxValue is not null)
        {
            // A notice that states no value is kept: many buyers publish none, and dropping them would hide most notices.
            if (notice.Value is { } value)
            {
                if (value < profile.Spec.MinValue || value > profile.Spec.MaxValue)
                {
                    return null;
                }

                reasons.Add(new MatchReason(MatchReasonKind.Value, value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        if (profile.Spec.ReservedOrSocialOnly)
        {
            if (!notice.Reserved && !notice.Social)
            {
                return null;
            }

            reasons.Add(new MatchReason(MatchReasonKind.ReservedOrSocial, notice.Reserved ? "reserved" : "social"));
        }

        return reasons;
    }

    private static CompiledProfile Compile(WatchProfileSpec spec)
    {
        var keywords = spec.Keywords
            .Select(k => new CompiledKeyword(k.Trim(), FrenchAnalyzer.Terms(k).Distinct(StringComparer.Ordinal).ToArray()))
            .Where(k => k.Terms.Length > 0)
            .ToList();
        var prefixes = spec.CpvPrefixes.Select(p => new string(p.Where(char.IsAsciiDigit).ToArray())).Where(p => p.Length is >= 2 and <= 8).Distinct(StringComparer.Ordinal).ToList();
        return new CompiledProfile(spec, keywords, prefixes);
    }

    private static void Add(Dictionary<string, List<int>> index, string key, int profile)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (list.Count == 0 || list[^1] != profile)
        {
            list.Add(profile);
        }
    }

    private static void Collect(Dictionary<string, List<int>> index, string key, int[] seen, int stamp, List<int> candidates)
    {
        if (!index.TryGetValue(key, out var list))
        {
            return;
        }

        foreach (var i in list)
        {
            if (seen[i] != stamp)
            {
                seen[i] = stamp;
                candidates.Add(i);
            }
        }
    }

    private sealed record CompiledKeyword(string Text, string[] Terms);

    private sealed record CompiledProfile(WatchProfileSpec Spec, List<CompiledKeyword> Keywords, List<string> CpvPrefixes);
}
