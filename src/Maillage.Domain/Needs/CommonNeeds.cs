using Maillage.Domain.Offers;
using Maillage.Domain.Search;

namespace Maillage.Domain.Needs;

/// <summary>A need as the grouping rule reads it.</summary>
public sealed record NeedForGrouping(Guid NeedId, Guid OrganisationId, string Category, DateOnly From, DateOnly Until, string Canton, GeoPoint? Place);

/// <summary>Similar needs of several members that could be met together (a group purchase, shared logistics).</summary>
public sealed record CommonNeedGroup(string Category, IReadOnlyList<NeedForGrouping> Needs)
{
    /// <summary>Stable while the group has the same needs: its smallest need id.</summary>
    public Guid Key => Needs.Min(n => n.NeedId);

    /// <summary>Whether a group is about moving things (shared logistics) rather than buying together.</summary>
    public bool IsLogistics => OfferCatalogue.TopOf(Category) == "logistique";
}

/// <summary>
/// Finds open needs of different members that look alike: the same category (or one need filed under the other's
/// family), dates that overlap, and places within a distance (the same canton when a place has no coordinates).
/// Similarity is linked transitively, so A~B and B~C make one group of three.
/// </summary>
public static class CommonNeeds
{
    public const double DefaultMaxKm = 30;

    public static bool AreSimilar(NeedForGrouping a, NeedForGrouping b, double maxKm = DefaultMaxKm)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.OrganisationId == b.OrganisationId || a.NeedId == b.NeedId)
        {
            return false;
        }

        var sameCategory = a.Category == b.Category || a.Category == OfferCatalogue.TopOf(b.Category) || b.Category == OfferCatalogue.TopOf(a.Category);
        if (!sameCategory || a.From > b.Until || b.From > a.Until)
        {
            return false;
        }

        return a.Place is { } p && b.Place is { } q
            ? NeedMatcher.HaversineKm(p, q) <= maxKm
            : string.Equals(a.Canton, b.Canton, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The groups of two or more similar needs, largest first; each need is in at most one group.</summary>
    public static IReadOnlyList<CommonNeedGroup> Find(IEnumerable<NeedForGrouping> needs, double maxKm = DefaultMaxKm)
    {
        ArgumentNullException.ThrowIfNull(needs);
        var list = needs.OrderBy(n => n.NeedId).ToList();
        var parent = Enumerable.Range(0, list.Count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        for (var i = 0; i < list.Count; i++)
        {
            for (var j = i + 1; j < list.Count; j++)
            {
                if (AreSimilar(list[i], list[j], maxKm))
                {
                    parent[Root(j)] = Root(i);
                }
            }
        }

        return list.Select((need, i) => (need, root: Root(i)))
            .GroupBy(x => x.root)
            .Where(g => g.Count() > 1)
            .Select(g =>
            {
                var members = g.Select(x => x.need).OrderBy(n => n.From).ThenBy(n => n.NeedId).ToList();

                // The group is named after the most specific category its needs share.
                var category = members.Select(n => n.Category).Distinct().Count() == 1 ? members[0].Category : OfferCatalogue.TopOf(members[0].Category);
                return new CommonNeedGroup(category, members);
            })
            .OrderByDescending(g => g.Needs.Count)
            .ThenBy(g => g.Key)
            .ToList();
    }
}
