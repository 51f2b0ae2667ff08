namespace Maillage.Domain.Search;

/// <summary>Something findable: an offer, an organisation, a practice sheet… The index knows only this shape.</summary>
/// <param name="Key">The caller's identifier ("offer:3f2a…"); upserting the same key replaces the document.</param>
/// <param name="Title">Matches here outrank matches in the body.</param>
/// <param name="Facets">Facet name → the document's values ("category" → ["traiteur"], "canton" → ["GE", "VD"]).</param>
/// <param name="Boost">Multiplies the relevance (e.g. labelled offers); 1 by default.</param>
public sealed record SearchDocument(
    string Key,
    string Title,
    string Body,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Facets,
    GeoPoint? Location = null,
    double Boost = 1.0);

public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>Distance in kilometres (equirectangular: exact enough at the scale of a region, and cheap).</summary>
    public double KilometresTo(GeoPoint other)
    {
        const double EarthRadiusKm = 6371.0;
        var meanLatitude = (Latitude + other.Latitude) / 2 * Math.PI / 180;
        var x = (other.Longitude - Longitude) * Math.PI / 180 * Math.Cos(meanLatitude);
        var y = (other.Latitude - Latitude) * Math.PI / 180;
        return Math.Sqrt((x * x) + (y * y)) * EarthRadiusKm;
    }
}

public sealed record GeoFilter(GeoPoint Centre, double RadiusKm);

/// <param name="Query">What the person typed; anything goes (it is analysed, never interpreted as syntax).</param>
/// <param name="Filters">Facet name → accepted values (any of them); facets not named are not filtered.</param>
/// <param name="Near">Only documents within the radius; nearer ones rank a little higher.</param>
/// <param name="FacetNames">Facets to count; counts of a facet ignore that facet's own filter, so choices stay visible.</param>
public sealed record SearchRequest(
    string? Query,
    IReadOnlyDictionary<string, IReadOnlyCollection<string>>? Filters = null,
    GeoFilter? Near = null,
    IReadOnlyCollection<string>? FacetNames = null,
    int Skip = 0,
    int Take = 20);

/// <param name="MatchedWords">How many of the query's words the document matched (all words rank first).</param>
public sealed record SearchHit(string Key, double Score, int MatchedWords, double? DistanceKm);

public sealed record FacetCount(string Value, int Count);

/// <param name="QueryWords">The words the query was understood as, after folding and stop words.</param>
public sealed record SearchResults(
    IReadOnlyList<SearchHit> Hits,
    int Total,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    IReadOnlyList<string> QueryWords);
