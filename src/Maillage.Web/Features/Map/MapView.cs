using Maillage.Web.Data;
using Maillage.Web.Features.Offers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Web.Features.Map;

/// <summary>What the map pages show: the network's (/carte) and a chamber's (/{chamber}/carte) alike.</summary>
public sealed class MapView
{
    public const int ListPageSize = 100;

    // Query parameters a bad value is dropped from, by the name PortalQueryBinder reports the problem under.
    private static readonly Dictionary<string, string[]> ParametersOf = new(StringComparer.Ordinal)
    {
        ["near"] = ["lat", "lon"],
        ["pres"] = ["pres"],
        ["km"] = ["km"],
        ["page"] = ["page"],
        ["pageSize"] = ["pageSize"],
    };

    private List<KeyValuePair<string, string?>> _kept = [];

    public required string BasePath { get; init; }

    public required string ApiPath { get; init; }

    /// <summary>The chamber whose map this is, or null for the network's.</summary>
    public string? ChamberSlug { get; init; }

    public PortalQuery Query { get; private set; } = null!;

    public MapResults Results { get; private set; } = null!;

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IReadOnlyDictionary<string, string> ChamberNames { get; private set; } = new Dictionary<string, string>();

    public MapOptions Options { get; private set; } = new();

    public int ListPage { get; private set; } = 1;

    public int ListPageCount => Math.Max(1, (int)Math.Ceiling(Results.Organisations.Count / (double)ListPageSize));

    public IEnumerable<MapOrganisation> ListedOrganisations => Results.Organisations.Skip((ListPage - 1) * ListPageSize).Take(ListPageSize);

    /// <summary>The filters other than the words, to carry along when the words change.</summary>
    public IEnumerable<KeyValuePair<string, string?>> KeptFilters => _kept.Where(kv => kv.Key != "q");

    public bool HasFilters => _kept.Count > 0;

    public string ApiUrl => QueryHelpers.AddQueryString(ApiPath, _kept);

    /// <summary>The same search as a list of results in the portal.</summary>
    public string PortalUrl => QueryHelpers.AddQueryString(
        "/recherche", ChamberSlug is null || _kept.Any(kv => kv.Key == "chambre") ? _kept : [.. _kept, new("chambre", ChamberSlug)]);

    public string ListPageUrl(int page) => QueryHelpers.AddQueryString(
        BasePath, [.. _kept, new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    public async Task LoadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        var (query, problems) = PortalQueryBinder.Bind(context.Request.Query);
        var errors = query.Validate();

        // A broken shared link still shows a map: the bad parts are dropped and named.
        Problems = [.. problems.Where(p => p != "page"), .. errors.Where(e => e.Field is not ("page" or "pageSize")).Select(e => e.Field)];
        if (errors.Any(e => e.Field == "near"))
        {
            query = query with { Near = null };
        }

        var dropped = Problems.SelectMany(p => ParametersOf.GetValueOrDefault(p) ?? []).Concat(["page", "pageSize"]).ToHashSet(StringComparer.Ordinal);
        if (errors.Any(e => e.Field == "near"))
        {
            dropped.UnionWith(["pres", "lat", "lon", "km"]);
        }

        _kept = context.Request.Query
            .Where(kv => !dropped.Contains(kv.Key) && (ChamberSlug is null || kv.Key != "chambre"))
            .SelectMany(kv => kv.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .ToList();
        if (ChamberSlug is not null)
        {
            query = query with { Chambers = [ChamberSlug] };
        }

        Query = query;
        Results = await services.GetRequiredService<MapSearch>().SearchAsync(query, context.RequestAborted);
        ListPage = Math.Clamp(query.Page, 1, ListPageCount);
        Options = services.GetRequiredService<IOptions<MapOptions>>().Value;
        ChamberNames = await services.GetRequiredService<MaillageDbContext>().Chambers.AsNoTracking()
            .ToDictionaryAsync(c => c.Slug, c => c.ShortName, context.RequestAborted);
    }
}
