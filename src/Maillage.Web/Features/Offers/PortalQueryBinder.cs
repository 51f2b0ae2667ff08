using System.Globalization;
using Maillage.Domain.Search;
using Microsoft.Extensions.Primitives;

namespace Maillage.Web.Features.Offers;

/// <summary>Reads a portal query from the URL (the page and the API share the same parameters, in French).</summary>
public static class PortalQueryBinder
{
    /// <summary>Towns people pick as "near" without knowing coordinates.</summary>
    public static readonly IReadOnlyDictionary<string, GeoPoint> Places = new Dictionary<string, GeoPoint>(StringComparer.Ordinal)
    {
        ["Genève"] = new(46.2044, 6.1432),
        ["Lausanne"] = new(46.5197, 6.6323),
        ["Fribourg"] = new(46.8065, 7.1619),
        ["Neuchâtel"] = new(46.9900, 6.9293),
        ["Sion"] = new(46.2331, 7.3606),
        ["Yverdon-les-Bains"] = new(46.7785, 6.6411),
        ["Vevey"] = new(46.4628, 6.8419),
        ["Nyon"] = new(46.3833, 6.2398),
    };

    public static (PortalQuery Query, List<string> Problems) Bind(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<string>();
        static List<string> Many(StringValues values) => values.SelectMany(v => (v ?? string.Empty).Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Take(20).ToList();

        GeoFilter? near = null;
        var km = 25.0;
        if (!string.IsNullOrWhiteSpace(query["km"]) && !double.TryParse(query["km"], NumberStyles.Float, CultureInfo.InvariantCulture, out km))
        {
            problems.Add("km");
        }

        if (!string.IsNullOrWhiteSpace(query["pres"]))
        {
            if (Places.TryGetValue(query["pres"]!, out var place))
            {
                near = new GeoFilter(place, km);
            }
            else
            {
                problems.Add("pres");
            }
        }
        else if (!string.IsNullOrWhiteSpace(query["lat"]) || !string.IsNullOrWhiteSpace(query["lon"]))
        {
            if (double.TryParse(query["lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                && double.TryParse(query["lon"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                near = new GeoFilter(new GeoPoint(lat, lon), km);
            }
            else
            {
                problems.Add("near");
            }
        }

        var page = 1;
        if (!string.IsNullOrWhiteSpace(query["page"]) && !int.TryParse(query["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out page))
        {
            problems.Add("page");
            page = 1;
        }

        var size = 20;
        if (!string.IsNullOrWhiteSpace(query["pageSize"]) && !int.TryParse(query["pageSize"], NumberStyles.Integer, CultureInfo.InvariantCulture, out size))
        {
            problems.Add("pageSize");
            size = 20;
        }

        var portal = new PortalQuery(
            query["q"].ToString(),
            Many(query["type"]),
            Many(query["categorie"]),
            Many(query["chambre"]),
            Many(query["canton"]),
            Many(query["public"]),
            query["monnaie"] == "oui",
            Many(query["statut"]),
            near,
            page,
            size,
            LabelOnly: query["label"] == "oui");
        return (portal, problems);
    }
}
