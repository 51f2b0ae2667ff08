using Maillage.Domain.Offers;
using Maillage.Domain.Search;

namespace Maillage.Domain.Needs;

/// <summary>The need as the matcher reads it.</summary>
/// <param name="Place">Where the need is (the organisation's coordinates by default); null when unknown.</param>
public sealed record MatchNeed(
    Guid OrganisationId,
    string Title,
    string Description,
    string Category,
    DateOnly From,
    DateOnly Until,
    string Canton,
    GeoPoint? Place,
    bool CurrencyPossible);

/// <summary>A member organisation that could answer, read from its public profile.</summary>
/// <param name="IsLabelled">
/// Hook for the "ESS made" label: the web layer sets it once the label module exists (until then always false);
/// labelled members then rank a little higher, as the portal's search does.
/// </param>
public sealed record MemberCandidate(
    Guid OrganisationId,
    string Name,
    string ProfileText,
    string Canton,
    GeoPoint? Location,
    bool IsLabelled = false);

/// <summary>An offer that could answer; its organisation's location comes from the matching <see cref="MemberCandidate"/>.</summary>
/// <param name="IsPublished">Published and not hidden by staff.</param>
public sealed record OfferCandidate(
    Guid OfferId,
    Guid OrganisationId,
    string Title,
    string Description,
    string Category,
    bool IsPublished,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    int? DeliveryRadiusKm,
    IReadOnlyList<string> DeliveryAreas,
    int CurrencySharePercent);

public enum MatchReasonKind
{
    /// <summary>Words of the need found in the title or text (detail: the words).</summary>
    Words = 1,
    SameCategory = 2,
    SameFamily = 3,
    /// <summary>Distance between the need's place and the organisation (detail: kilometres).</summary>
    Distance = 4,
    SameCanton = 5,
    DeliversThere = 6,
    AvailableAtDates = 7,
    AcceptsCurrency = 8,
    Labelled = 9,
}

/// <summary>One reason why something matched, shown to the poster ("why it matched").</summary>
public sealed record MatchReason(MatchReasonKind Kind, string? Detail = null);

/// <param name="OfferId">Null when the member matched through its profile rather than one of its offers.</param>
public sealed record NeedMatch(Guid OrganisationId, Guid? OfferId, double Score, IReadOnlyList<MatchReason> Reasons);

/// <param name="Members">One line per organisation, its best offer or its profile, best first.</param>
public sealed record NeedMatches(IReadOnlyList<NeedMatch> Offers, IReadOnlyList<NeedMatch> Members);

/// <summary>
/// How much each signal weighs. Text and category make the relevance (they sum to 1, bonuses aside); distance then
/// scales it, so a near but unrelated member never outranks a relevant one further away.
/// </summary>
/// <param name="Proximity">Share of the score that distance can take away (0: distance ignored).</param>
/// <param name="MinimumScore">Relevance below which nothing is proposed.</param>
/// <param name="NotifyScore">Score from which a member is told of the need.</param>
public sealed record MatchWeights(
    double Text = 0.5,
    double Category = 0.5,
    double Proximity = 0.4,
    double Label = 0.05,
    double Currency = 0.03,
    double MinimumScore = 0.12,
    double NotifyScore = 0.15);

/// <summary>
/// Ranks the members and offers of a chamber that can answer a need: the need's words in their text (the portal's
/// French analyzer, so plurals and accents meet; rare words weigh more), the category (same one, or the same family),
/// the distance from the need's place, the "ESS made" label, and availability (an offer must be published and valid
/// at the need's dates, and deliver where the need is). The poster's own organisation is never proposed.
/// </summary>
public static class NeedMatcher
{
    private const double TitleMatch = 1.0;
    private const double BodyMatch = 0.6;
    private const double PrefixMatch = 0.75;
    private const int MaxNeedTerms = 40;

    public static NeedMatches Rank(MatchNeed need, IEnumerable<MemberCandidate> members, IEnumerable<OfferCandidate> offers, MatchWeights? weights = null, int take = 20)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(offers);
        weights ??= new MatchWeights();
        var memberById = members.Where(m => m.OrganisationId != need.OrganisationId).GroupBy(m => m.OrganisationId).ToDictionary(g => g.Key, g => g.First());
        var usableOffers = offers.Where(o => memberById.ContainsKey(o.OrganisationId)).ToList();

        var offerDocs = usableOffers.Select(o => new Doc(FrenchAnalyzer.Terms(o.Title).ToHashSet(StringComparer.Ordinal), FrenchAnalyzer.Terms(o.Description).ToHashSet(StringComparer.Ordinal))).ToList();
        var memberDocs = memberById.Values.Select(m => new Doc(FrenchAnalyzer.Terms(m.Name).ToHashSet(StringComparer.Ordinal), FrenchAnalyzer.Terms(m.ProfileText).ToHashSet(StringComparer.Ordinal))).ToList();
        var query = NeedTerms(need, offerDocs.Concat(memberDocs).ToList());

        var offerMatches = new List<NeedMatch>();
        for (var i = 0; i < usableOffers.Count; i++)
        {
            if (ScoreOffer(need, usableOffers[i], offerDocs[i], memberById[usableOffers[i].OrganisationId], query, weights) is { } match)
            {
                offerMatches.Add(match);
            }
        }

        var best = new Dictionary<Guid, NeedMatch>();
        foreach (var match in offerMatches)
        {
            if (!best.TryGetValue(match.OrganisationId, out var current) || Better(match, current))
            {
                best[match.OrganisationId] = match;
            }
        }

        var index = 0;
        foreach (var member in memberById.Values)
        {
            var doc = memberDocs[index++];
            if (ScoreMember(need, member, doc, query, weights) is { } match
                && (!best.TryGetValue(member.OrganisationId, out var current) || Better(match, current)))
            {
                best[member.OrganisationId] = match;
            }
        }

        return new NeedMatches(Order(offerMatches).Take(take).ToList(), Order(best.Values).Take(take).ToList());
    }

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public static double HaversineKm(GeoPoint a, GeoPoint b)
    {
        const double EarthRadiusKm = 6371.0088;
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>1 for the same category, 0.6 for the same family (top level), 0 otherwise.</summary>
    public static double CategoryCloseness(string needCategory, string candidateCategory)
    {
        if (string.IsNullOrEmpty(needCategory) || string.IsNullOrEmpty(candidateCategory))
        {
            return 0;
        }

        if (needCategory == candidateCategory)
        {
            return 1;
        }

        return OfferCatalogue.TopOf(needCategory) == OfferCatalogue.TopOf(candidateCategory) ? 0.6 : 0;
    }

    /// <summary>Whether an offer is valid on at least part of the need's dates.</summary>
    public static bool AvailableAt(OfferCandidate offer, DateOnly from, DateOnly until)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.IsPublished && (offer.ValidFrom is null || offer.ValidFrom <= until) && (offer.ValidUntil is null || offer.ValidUntil >= from);
    }

    private static NeedMatch? ScoreOffer(MatchNeed need, OfferCandidate offer, Doc doc, MemberCandidate owner, Query query, MatchWeights weights)
    {
        if (!AvailableAt(offer, need.From, need.Until))
        {
            return null;
        }

        var reasons = new List<MatchReason>();
        var distance = DistanceKm(need, owner);
        var delivers = Delivers(offer, need, distance);
        if (delivers == false)
        {
            return null;
        }

        var (text, words) = TextScore(query, doc);
        var category = CategoryCloseness(need.Category, offer.Category);
        if (text <= 0 && category <= 0)
        {
            return null;
        }

        if (words.Count > 0)
        {
            reasons.Add(new MatchReason(MatchReasonKind.Words, string.Join(", ", words)));
        }

        if (category > 0)
        {
            reasons.Add(new MatchReason(category >= 1 ? MatchReasonKind.SameCategory : MatchReasonKind.SameFamily, offer.Category));
        }

        var proximity = Proximity(need, owner, distance, reasons);
        if (delivers == true)
        {
            reasons.Add(new MatchReason(MatchReasonKind.DeliversThere));
        }

        reasons.Add(new MatchReason(MatchReasonKind.AvailableAtDates));
        var relevance = (weights.Text * text) + (weights.Category * category);
        if (relevance < weights.MinimumScore)
        {
            return null;
        }

        if (need.CurrencyPossible && offer.CurrencySharePercent > 0)
        {
            relevance += weights.Currency;
            reasons.Add(new MatchReason(MatchReasonKind.AcceptsCurrency, offer.CurrencySharePercent.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        relevance += Label(owner, weights, reasons);
        return new NeedMatch(offer.OrganisationId, offer.OfferId, Scaled(relevance, proximity, weights), reasons);
    }

    private static NeedMatch? ScoreMember(MatchNeed need, MemberCandidate member, Doc doc, Query query, MatchWeights weights)
    {
        var (text, words) = TextScore(query, doc);
        if (text <= 0)
        {
            return null;
        }

        // A profile says less than an offer filed under a category: its text counts, but no category bonus.
        var relevance = weights.Text * text;
        if (relevance < weights.MinimumScore)
        {
            return null;
        }

        var reasons = new List<MatchReason> { new(MatchReasonKind.Words, string.Join(", ", words)) };
        var proximity = Proximity(need, member, DistanceKm(need, member), reasons);
        relevance += Label(member, weights, reasons);
        return new NeedMatch(member.OrganisationId, null, Scaled(relevance, proximity, weights), reasons);
    }

    private static double Scaled(double relevance, double proximity, MatchWeights weights) =>
        Math.Round(relevance * (1 - weights.Proximity + (weights.Proximity * proximity)), 6);

    private static double Label(MemberCandidate member, MatchWeights weights, List<MatchReason> reasons)
    {
        if (!member.IsLabelled)
        {
            return 0;
        }

        reasons.Add(new MatchReason(MatchReasonKind.Labelled));
        return weights.Label;
    }

    private static double? DistanceKm(MatchNeed need, MemberCandidate member) =>
        need.Place is { } place && member.Location is { } location ? HaversineKm(place, location) : null;

    /// <summary>1 next door, falling with distance (a half at 15 km); the same canton stands in for unknown places.</summary>
    private static double Proximity(MatchNeed need, MemberCandidate member, double? distance, List<MatchReason> reasons)
    {
        if (distance is { } km)
        {
            reasons.Add(new MatchReason(MatchReasonKind.Distance, Math.Round(km, 1).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)));
            return 1 / (1 + (km / 15));
        }

        if (string.Equals(need.Canton, member.Canton, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add(new MatchReason(MatchReasonKind.SameCanton, need.Canton));
            return 0.5;
        }

        return 0.2;
    }

    /// <summary>True when the offer's delivery area covers the need, false when it excludes it, null when it says nothing.</summary>
    private static bool? Delivers(OfferCandidate offer, MatchNeed need, double? distance)
    {
        var areas = offer.DeliveryAreas ?? [];
        if (areas.Count > 0)
        {
            if (areas.Contains(need.Canton, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }

            // With a radius as well, the radius may still reach across a border.
            return offer.DeliveryRadiusKm is { } r && distance is { } d ? d <= r : false;
        }

        if (offer.DeliveryRadiusKm is { } radius && distance is { } km)
        {
            return km <= radius;
        }

        return null;
    }

    // Ties go to an offer over a profile, then to the smaller offer id, so the input's order never matters.
    private static bool Better(NeedMatch candidate, NeedMatch current) =>
        candidate.Score > current.Score
        || (candidate.Score == current.Score && candidate.OfferId is { } a && (current.OfferId is not { } b || a.CompareTo(b) < 0));

    private static IEnumerable<NeedMatch> Order(IEnumerable<NeedMatch> matches) =>
        matches.OrderByDescending(m => m.Score).ThenBy(m => m.OrganisationId).ThenBy(m => m.OfferId);

    private static Query NeedTerms(MatchNeed need, IReadOnlyList<Doc> docs)
    {
        // Title words say what is needed; the description adds context at a lower weight.
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var display = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string? text, double weight)
        {
            foreach (var word in FrenchAnalyzer.Words(text))
            {
                if (FrenchAnalyzer.StopWords.Contains(word) || word.Length < 2 || word.All(char.IsAsciiDigit))
                {
                    continue;
                }

                var term = FrenchAnalyzer.Stem(word);
                if (!weights.TryGetValue(term, out var current) && weights.Count >= MaxNeedTerms)
                {
                    continue;
                }

                weights[term] = Math.Max(current, weight);
                display.TryAdd(term, word);
            }
        }

        Add(need.Title, 2);
        Add(need.Description, 1);

        // Rare words weigh more (inverse document frequency over the candidates); a word no candidate has weighs as
        // one that a single candidate has, so that a need's unusual words do not drown its common ones.
        var n = Math.Max(1, docs.Count);
        var terms = new List<QueryTerm>();
        foreach (var (term, weight) in weights)
        {
            var df = Math.Max(1, docs.Count(d => d.Title.Contains(term) || d.Body.Contains(term)));
            terms.Add(new QueryTerm(term, display[term], weight * Math.Log(1 + (n / (1.0 + df)))));
        }

        return new Query(terms, terms.Sum(t => t.Weight));
    }

    private static (double Score, List<string> Words) TextScore(Query query, Doc doc)
    {
        if (query.Total <= 0)
        {
            return (0, []);
        }

        double matched = 0;
        var words = new List<string>();
        foreach (var term in query.Terms)
        {
            var factor = doc.Title.Contains(term.Term) ? TitleMatch
                : doc.Body.Contains(term.Term) ? BodyMatch
                : term.Term.Length >= 5 && (doc.Title.Any(t => Prefixes(t, term.Term)) || doc.Body.Any(t => Prefixes(t, term.Term))) ? PrefixMatch * BodyMatch
                : 0;
            if (factor > 0)
            {
                matched += term.Weight * factor;
                words.Add(term.Word);
            }
        }

        // Square root: matching a third of a long need's words is already a good sign.
        return (Math.Sqrt(matched / query.Total), words);
    }

    private static bool Prefixes(string a, string b) =>
        a.Length >= 5 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal));

    private sealed record Doc(HashSet<string> Title, HashSet<string> Body);

    private sealed record QueryTerm(string Term, string Word, double Weight);

    private sealed record Query(List<QueryTerm> Terms, double Total);
}
