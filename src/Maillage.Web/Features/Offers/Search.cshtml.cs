using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Offers;

/// <summary>The portal: one search box for goods, services and organisations, facets with counts, filters in the URL.</summary>
public sealed class SearchModel(PortalSearch portal, Maillage.Web.Data.MaillageDbContext db) : PlatformPageModel
{
    public PortalQuery Query { get; private set; } = null!;

    public PortalResults Results { get; private set; } = null!;

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Chamber slugs as people know them ("ge" → "APRÈS-GE").</summary>
    public IReadOnlyDictionary<string, string> ChamberNames { get; private set; } = new Dictionary<string, string>();

    [FromQuery(Name = "pres")]
    public string? Near { get; set; }

    [FromQuery(Name = "km")]
    public string? Km { get; set; }

    public async Task OnGetAsync()
    {
        var (query, problems) = PortalQueryBinder.Bind(Request.Query);
        var errors = query.Validate();
        if (errors.Count > 0 || problems.Count > 0)
        {
            // A broken shared link still shows results: the bad parts are dropped and named.
            Problems = [.. problems, .. errors.Select(e => e.Field)];
            query = query with { Page = Math.Clamp(query.Page, 1, 500), PageSize = 20, Near = errors.Any(e => e.Field == "near") ? null : query.Near };
        }

        Query = query;
        Results = await portal.SearchAsync(query, HttpContext.RequestAborted);
        ChamberNames = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(db.Chambers, c => c.Slug, c => c.ShortName, HttpContext.RequestAborted);
    }

    public bool IsChosen(string facet, string value) => facet switch
    {
        "type" => Query.Types.Contains(value),
        "category" => Query.Categories.Contains(value),
        "chamber" => Query.Chambers.Contains(value),
        "canton" => Query.Cantons.Contains(value),
        "audience" => Query.Audiences.Contains(value),
        "status" => Query.Statuses.Contains(value),
        "currency" => Query.CurrencyOnly && value == "yes",
        "label" => Query.LabelOnly && value == "yes",
        _ => false,
    };

    /// <summary>The URL parameter of each facet (the page speaks French in its links).</summary>
    public static string Parameter(string facet) => facet switch
    {
        "category" => "categorie",
        "chamber" => "chambre",
        "audience" => "public",
        "status" => "statut",
        "currency" => "monnaie",
        _ => facet,
    };

    public string PageUrl(int page)
    {
        var values = Request.Query.Where(kv => kv.Key != "page").SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v))).ToList();
        values.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/recherche", values);
    }
}
