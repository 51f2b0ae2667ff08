using Maillage.Domain.Needs;
using Maillage.Domain.Search;

namespace Maillage.Domain.Tests.Needs;

public class CommonNeedsTests
{
    private static readonly GeoPoint Geneva = new(46.2044, 6.1432);
    private static readonly GeoPoint Meyrin = new(46.2342, 6.0802);
    private static readonly GeoPoint Lausanne = new(46.5197, 6.6323);

    private static NeedForGrouping N(string category, int fromDay, int untilDay, GeoPoint? at, Guid? org = null, string canton = "GE") =>
        new(Guid.NewGuid(), org ?? Guid.NewGuid(), category, new DateOnly(2027, 3, 1).AddDays(fromDay), new DateOnly(2027, 3, 1).AddDays(untilDay), canton, at);

    [Fact]
    public void Similar_needs_share_category_dates_and_place()
    {
        var a = N("logistique/livraison", 0, 30, Geneva);
        CommonNeeds.AreSimilar(a, N("logistique/livraison", 10, 40, Meyrin)).ShouldBeTrue();
        CommonNeeds.AreSimilar(a, N("logistique", 10, 40, Meyrin)).ShouldBeTrue("a need filed under the family meets its sub-categories");
        CommonNeeds.AreSimilar(a, N("logistique/stockage", 10, 40, Meyrin)).ShouldBeFalse("two different sub-categories");
        CommonNeeds.AreSimilar(a, N("logistique/livraison", 31, 40, Meyrin)).ShouldBeFalse("dates do not overlap");
        CommonNeeds.AreSimilar(a, N("logistique/livraison", 0, 30, Lausanne)).ShouldBeFalse("51 km apart");
        CommonNeeds.AreSimilar(a, N("logistique/livraison", 0, 30, Lausanne), maxKm: 60).ShouldBeTrue();
        CommonNeeds.AreSimilar(a, N("logistique/livraison", 0, 30, Meyrin, a.OrganisationId)).ShouldBeFalse("the same member's needs are not a group");
        CommonNeeds.AreSimilar(N("traiteur", 0, 0, null), N("traiteur", 0, 0, null)).ShouldBeTrue("without coordinates the canton decides");
        CommonNeeds.AreSimilar(N("traiteur", 0, 0, null), N("traiteur", 0, 0, null, canton: "VD")).ShouldBeFalse();
    }

    [Fact]
    public void Groups_link_transitively_and_leave_lone_needs_out()
    {
        var a = N("logistique/livraison", 0, 10, Geneva);
        var b = N("logistique/livraison", 8, 20, Geneva);
        var c = N("logistique/livraison", 18, 30, Geneva);
        var lone = N("logistique/livraison", 0, 30, Lausanne);
        var pair1 = N("traiteur/buffets", 5, 5, Meyrin);
        var pair2 = N("traiteur/buffets", 5, 5, Geneva);

        var groups = CommonNeeds.Find([lone, pair1, c, a, pair2, b]);

        groups.Count.ShouldBe(2);
        groups[0].Needs.Select(n => n.NeedId).ShouldBe([a.NeedId, b.NeedId, c.NeedId]);
        groups[0].IsLogistics.ShouldBeTrue();
        groups[1].Needs.Select(n => n.NeedId).ShouldBe(new[] { pair1.NeedId, pair2.NeedId }, ignoreOrder: true);
        groups[1].Category.ShouldBe("traiteur/buffets");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(77)]
    public void On_random_needs_every_group_is_connected_and_no_similar_needs_are_split(int seed)
    {
        var random = new Random(seed);
        string[] categories = ["logistique", "logistique/livraison", "logistique/stockage", "traiteur/buffets"];
        GeoPoint[] places = [Geneva, Meyrin, Lausanne];
        var orgs = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        var needs = Enumerable.Range(0, 60).Select(_ =>
        {
            var from = random.Next(60);
            return N(categories[random.Next(categories.Length)], from, from + random.Next(15), places[random.Next(places.Length)], orgs[random.Next(orgs.Length)]);
        }).ToList();

        var groups = CommonNeeds.Find(needs);

        var groupOf = groups.SelectMany((g, i) => g.Needs.Select(n => (n.NeedId, i))).ToDictionary(x => x.NeedId, x => x.i);
        groupOf.Count.ShouldBe(groups.Sum(g => g.Needs.Count), "a need is in one group at most");
        foreach (var x in needs)
        {
            foreach (var y in needs.Where(y => CommonNeeds.AreSimilar(x, y)))
            {
                groupOf.ShouldContainKey(x.NeedId);
                groupOf[y.NeedId].ShouldBe(groupOf[x.NeedId]);
            }
        }

        groups.ShouldAllBe(g => g.Needs.All(n => g.Needs.Any(o => CommonNeeds.AreSimilar(n, o))));
    }
}
