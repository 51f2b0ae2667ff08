using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Domain.Search;
using Maillage.Web.Data;
using Maillage.Web.Features.Offers;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Map;

/// <summary>One of an organisation's best-matching offers, as its map popup lists them.</summary>
public sealed record MapOffer(Guid Id, string Title);

/// <summary>
/// An organisation on the map: how many of its offers match the search, whether it matched itself (by name or
/// description), and its best-matching offers. Organisations without coordinates are listed but not placed.
/// </summary>
public sealed record MapOrganisation(
    Guid Id, string ChamberSlug, string Slug, string Name, string Town, string Canton, double? Latitude, double? Longitude,
    int MatchingOffers, bool MatchedItself, IReadOnlyList<MapOffer> FirstOffers)
{
    public bool IsPlaced => Latitude is not null && Longitude is not null;
}

public sealed record MapResults(IReadOnlyList<MapOrganisation> Organisations, int MatchingOffers)
{
    public int Placed => Organisations.Count(o => o.IsPlaced);
}

/// <summary>
/// The portal's search seen as a map: the same query and facets as <see cref="PortalSearch"/>, answered per
/// organisation. Counts come from the index's per-seller facet, so they cover every match, not only a first page.
/// </summary>
public sealed class MapSearch(OfferSearch search, MaillageDbContext db)
{
    public const int FirstOffersShown = 3;

    // The best-ranked offers read to fill the popups; organisations whose matches all rank lower show their count only.
    private const int RankedOffersRead = 400;

    public async Task<MapResults> SearchAsync(PortalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await search.Loaded.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var results = search.Index.Search(new SearchRequest(
            query.Q, query.Filters(), query.Near, [OfferSearch.SellerFacet, OfferSearch.OrganisationFacet], 0, RankedOffersRead));

        var offerCounts = results.Facets[OfferSearch.SellerFacet].ToDictionary(c => Guid.Parse(c.Value), c => c.Count);
        var matchedThemselves = results.Facets[OfferSearch.OrganisationFacet].Select(c => Guid.Parse(c.Value)).ToHashSet();
        var ids = offerCounts.Keys.Union(matchedThemselves).ToList();
        if (ids.Count == 0)
        {
            return new MapResults([], 0);
        }

        var chambers = await db.Chambers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, cancellationToken);
        var organisations = new List<(Guid Id, Guid ChamberId, string Slug, string Name, string Town, string Canton, double? Latitude, double? Longitude)>();
        foreach (var chunk in ids.Chunk(5000))
        {
            // The index may lag a second behind a deactivation: the database has the last word on who is shown.
            var rows = await db.Organisations.AsNoTracking()
                .Where(o => chunk.Contains(o.Id) && o.State == OrganisationState.Active)
                .Select(o => new { o.Id, o.ChamberId, o.Slug, o.Profile.Name, o.Profile.Town, o.Profile.Canton, o.Profile.Latitude, o.Profile.Longitude })
                .ToListAsync(cancellationToken);
            organisations.AddRange(rows.Select(r => (r.Id, r.ChamberId, r.Slug, r.Name, r.Town, r.Canton, r.Latitude, r.Longitude)));
        }

        var rankedOfferIds = results.Hits.Where(h => !h.Key.StartsWith(OfferSearch.OrganisationPrefix, StringComparison.Ordinal) && !h.Key.StartsWith(OfferSearch.PracticePrefix, StringComparison.Ordinal)).Select(h => Guid.Parse(h.Key)).ToList();
        var rankedOffers = await db.Set<Offer>().AsNoTracking()
            .Where(o => rankedOfferIds.Contains(o.Id))
            .Select(o => new { o.Id, o.OrganisationId, o.Details.Title })
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        var firstOffers = rankedOfferIds.Where(rankedOffers.ContainsKey).Select(id => rankedOffers[id])
            .GroupBy(o => o.OrganisationId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<MapOffer>)g.Take(FirstOffersShown).Select(o => new MapOffer(o.Id, o.Title)).ToList());

        var list = organisations
            .Select(o => new MapOrganisation(
                o.Id, chambers[o.ChamberId], o.Slug, o.Name, o.Town, o.Canton, o.Latitude, o.Longitude,
                offerCounts.GetValueOrDefault(o.Id), matchedThemselves.Contains(o.Id), firstOffers.GetValueOrDefault(o.Id) ?? []))
            .OrderByDescending(o => o.MatchingOffers)
            .ThenBy(o => o.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-CH"), ignoreCase: true))
            .ThenBy(o => o.Id)
            .ToList();
        return new MapResults(list, list.Sum(o => o.MatchingOffers));
    }
}

/// <summary>Where map tiles come from, if anywhere. Without a tile server the map shows a served outline of Switzerland.</summary>
public sealed class MapOptions
{
    /// <summary>A Leaflet URL template such as <c>https://tiles.example.ch/{z}/{x}/{y}.png</c>; empty: no tiles.</summary>
    public string? TileUrlTemplate { get; set; }

    /// <summary>Credit shown in the map's corner for the tiles (plain text).</summary>
    public string? Attribution { get; set; }

    public int MaxZoom { get; set; } = 18;

    /// <summary>The origin to allow in the Content-Security-Policy's img-src, or null when there are no tiles.</summary>
    public string? TileOrigin()
    {
        if (string.IsNullOrWhiteSpace(TileUrlTemplate))
        {
            return null;
        }

        // "{s}.tile.example.org" names several hosts: a CSP wildcard covers them.
        var probe = TileUrlTemplate.Replace("{s}", "a", StringComparison.Ordinal);
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var host = TileUrlTemplate.Contains("{s}.", StringComparison.Ordinal) ? "*." + uri.Host[2..] : uri.Host;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }
}

public static class MapRegistration
{
    public static IServiceCollection AddMap(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MapOptions>(configuration.GetSection("Map"));
        services.AddScoped<MapSearch>();
        return services;
    }
}
