using Maillage.Domain.Search;

namespace Maillage.Domain.Tests.Search;

/// <summary>Facet counts, filters and totals against a brute-force count over seeded random catalogues.</summary>
public class SearchIndexPropertyTests
{
    private static readonly string[] Words = ["velo", "pain", "traiteur", "jardin", "atelier", "cuisine", "menuiserie", "livraison", "conseil", "textile"];
    private static readonly string[] Categories = ["alimentation", "logistique", "formation", "culture", "nettoyage"];
    private static readonly string[] CantonCodes = ["GE", "VD", "FR", "VS"];

    private sealed record Item(string Key, HashSet<string> Words, string Category, string[] Cantons);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Counts_and_totals_match_a_brute_force_count(int seed)
    {
        var random = new Random(seed);
        using var index = new SearchIndex();
        var items = new Dictionary<string, Item>();
        for (var i = 0; i < 800; i++)
        {
            var key = $"doc-{random.Next(600)}";
            var words = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Words[random.Next(Words.Length)]).ToHashSet();
            var item = new Item(key, words, Categories[random.Next(Categories.Length)], CantonCodes.Where(_ => random.Next(3) == 0).DefaultIfEmpty("GE").ToArray());
            items[key] = item;
            index.Upsert(new SearchDocument(key, string.Join(' ', words), string.Empty, new Dictionary<string, IReadOnlyList<string>> { ["category"] = [item.Category], ["canton"] = item.Cantons }));
            if (random.Next(10) == 0)
            {
                var gone = items.Keys.ElementAt(random.Next(items.Count));
                index.Remove(gone).ShouldBeTrue();
                items.Remove(gone);
            }
        }

        index.Count.ShouldBe(items.Count);
        for (var q = 0; q < 40; q++)
        {
            var word = Words[random.Next(Words.Length)];
            var canton = CantonCodes[random.Next(CantonCodes.Length)];
            var results = index.Search(new SearchRequest(word, new Dictionary<string, IReadOnlyCollection<string>> { ["canton"] = [canton] }, FacetNames: ["category", "canton"], Take: 1000));

            var matching = items.Values.Where(i => i.Words.Contains(word)).ToList();
            var expected = matching.Where(i => i.Cantons.Contains(canton)).ToList();
            results.Total.ShouldBe(expected.Count, $"seed {seed}, query {word} in {canton}");
            results.Hits.Select(h => h.Key).Order().ShouldBe(expected.Select(i => i.Key).Order());
            foreach (var count in results.Facets["category"])
            {
                count.Count.ShouldBe(expected.Count(i => i.Category == count.Value));
            }

            // The canton facet ignores the canton filter so other cantons stay choosable.
            foreach (var count in results.Facets["canton"])
            {
                count.Count.ShouldBe(matching.Count(i => i.Cantons.Contains(count.Value)));
            }
        }
    }

    [Fact]
    public void Compaction_after_many_removals_keeps_every_living_document_findable()
    {
        using var index = new SearchIndex();
        for (var i = 0; i < 12_000; i++)
        {
            index.Upsert(new SearchDocument($"d{i}", i % 2 == 0 ? "jardin partagé" : "atelier vélo", $"numéro {i}", new Dictionary<string, IReadOnlyList<string>> { ["parity"] = [(i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)] }));
        }

        for (var i = 0; i < 12_000; i += 2)
        {
            index.Remove($"d{i}");
        }

        index.Remove("d1");
        index.Count.ShouldBe(5_999);
        index.Search(new SearchRequest("jardin")).Total.ShouldBe(0);
        var velo = index.Search(new SearchRequest("vélo", FacetNames: ["parity"], Take: 10_000));
        velo.Total.ShouldBe(5_999);
        velo.Facets["parity"].ShouldBe([new FacetCount("1", 5_999)]);
        index.Upsert(new SearchDocument("d3", "jardin", string.Empty, new Dictionary<string, IReadOnlyList<string>>()));
        index.Search(new SearchRequest("jardin")).Hits.ShouldHaveSingleItem().Key.ShouldBe("d3");
    }

    [Fact]
    public void Concurrent_searches_and_updates_never_fail()
    {
        using var index = new SearchIndex();
        var searches = 0;
        Should.NotThrow(() => Parallel.For(0, 4_000, i =>
        {
            if (i % 3 == 0)
            {
                index.Upsert(new SearchDocument($"k{i % 500}", $"{Words[i % Words.Length]} {Words[(i / 3) % Words.Length]}", string.Empty, new Dictionary<string, IReadOnlyList<string>> { ["c"] = [Categories[i % Categories.Length]] }));
            }
            else if (index.Search(new SearchRequest(Words[i % Words.Length], FacetNames: ["c"])).Total >= 0)
            {
                Interlocked.Increment(ref searches);
            }
        }));
        searches.ShouldBe(4_000 - 1_334);
        index.Count.ShouldBeLessThanOrEqualTo(500);
    }
}
