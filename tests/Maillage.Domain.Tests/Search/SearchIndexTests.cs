using Maillage.Domain.Search;

namespace Maillage.Domain.Tests.Search;

public sealed class SearchIndexTests : IDisposable
{
    private static readonly GeoPoint Geneva = new(46.2044, 6.1432);
    private static readonly GeoPoint Lausanne = new(46.5197, 6.6323);
    private readonly SearchIndex _index = new();

    public SearchIndexTests()
    {
        Add("velo", "Réparation de vélos", "Atelier d'insertion qui remet en état les vélos d'occasion et forme des jeunes.", "recyclage", "GE", Geneva);
        Add("traiteur", "Traiteur libanais pour événements", "Buffets et repas de fête préparés par des cuisinières réfugiées.", "traiteur", "GE", Geneva);
        Add("traiteur-vege", "Traiteur végétarien", "Cuisine de saison pour vos réunions, 100 % végétarienne.", "traiteur", "VD", Lausanne);
        Add("boulangerie", "Boulangerie coopérative", "Pain au levain et viennoiseries, livraison aux entreprises.", "alimentation", "VD", Lausanne);
        Add("nettoyage", "Nettoyage de bureaux", "Entretien écologique des locaux par une équipe en insertion.", "nettoyage", "GE", Geneva);
        Add("journaux", "Distribution de journaux", "Tournées de distribution à vélo dans le quartier.", "logistique", "GE", Geneva);
        Add("cours-velo", "Cours de mécanique", "Apprenez à réparer votre vélo vous-même.", "formation", "VD", Lausanne);
    }

    public void Dispose() => _index.Dispose();

    private void Add(string key, string title, string body, string category, string canton, GeoPoint? where = null, double boost = 1) =>
        _index.Upsert(new SearchDocument(key, title, body, new Dictionary<string, IReadOnlyList<string>> { ["category"] = [category], ["canton"] = [canton] }, where, boost));

    private List<string> Keys(string query, int take = 20) => _index.Search(new SearchRequest(query, Take: take)).Hits.Select(h => h.Key).ToList();

    [Theory]
    [InlineData("vélos", "velo")]
    [InlineData("traiteurs", "traiteur")]
    [InlineData("réparation", "repar")]
    [InlineData("réparer", "repar")]
    [InlineData("réparé", "repar")]
    [InlineData("journaux", "journal")]
    [InlineData("boulangeries", "boulangeri")]
    [InlineData("cuisinières", "cuisin")]
    public void The_stemmer_brings_plurals_and_inflections_together(string word, string stem) =>
        FrenchAnalyzer.Terms(word).ShouldBe([stem]);

    [Fact]
    public void Stop_words_are_dropped_but_a_query_of_only_stop_words_still_searches()
    {
        FrenchAnalyzer.Terms("le vélo de la coopérative").ShouldBe(["velo", "cooperativ"]);
        Should.NotThrow(() => _index.Search(new SearchRequest("de la")));
    }

    [Theory]
    [InlineData("velo", "velo")]
    [InlineData("VÉLO", "velo")]
    [InlineData("traiteurs", "traiteur")]
    [InlineData("réparer", "velo")]
    [InlineData("boulengerie", "boulangerie")]
    [InlineData("boulangrie", "boulangerie")]
    [InlineData("netoyage", "nettoyage")]
    [InlineData("boul", "boulangerie")]
    [InlineData("vegetarien", "traiteur-vege")]
    public void People_find_what_they_typed_with_accents_plurals_typos_and_prefixes(string query, string expected) =>
        Keys(query, take: 5).ShouldContain(expected);

    [Fact]
    public void A_document_with_every_word_ranks_above_one_with_some_of_them()
    {
        var hits = _index.Search(new SearchRequest("traiteur végétarien")).Hits;
        hits[0].Key.ShouldBe("traiteur-vege");
        hits[0].MatchedWords.ShouldBe(2);
        hits.Select(h => h.Key).ShouldContain("traiteur");
        hits.Single(h => h.Key == "traiteur").MatchedWords.ShouldBe(1);
    }

    [Fact]
    public void A_match_in_the_title_outranks_a_match_in_the_body()
    {
        var keys = Keys("vélo");
        keys.IndexOf("velo").ShouldBeLessThan(keys.IndexOf("journaux"));
    }

    [Fact]
    public void Exact_words_outrank_typo_matches()
    {
        Add("pain", "Pain complet", "Une boulangerie de quartier.", "alimentation", "GE");
        Add("pin", "Bois de pin", "Menuiserie en bois local.", "construction", "GE");
        Keys("pain")[0].ShouldBe("pain");
    }

    [Fact]
    public void A_boost_lifts_a_document_among_equals()
    {
        Add("a", "Épicerie vrac", "Produits locaux.", "alimentation", "GE");
        Add("b", "Épicerie vrac", "Produits locaux.", "alimentation", "GE", boost: 1.5);
        Keys("épicerie")[0].ShouldBe("b");
    }

    [Fact]
    public void Facet_filters_narrow_results_and_each_facet_counts_ignore_its_own_filter()
    {
        var results = _index.Search(new SearchRequest(
            "traiteur",
            Filters: new Dictionary<string, IReadOnlyCollection<string>> { ["canton"] = ["VD"] },
            FacetNames: ["canton", "category"]));
        results.Hits.Select(h => h.Key).ShouldBe(["traiteur-vege"]);
        results.Total.ShouldBe(1);
        results.Facets["canton"].ShouldBe([new FacetCount("GE", 1), new FacetCount("VD", 1)], ignoreOrder: true);
        results.Facets["category"].ShouldBe([new FacetCount("traiteur", 1)]);
    }

    [Fact]
    public void An_unknown_facet_value_matches_nothing_rather_than_everything()
    {
        var results = _index.Search(new SearchRequest(null, Filters: new Dictionary<string, IReadOnlyCollection<string>> { ["canton"] = ["ZZ"] }));
        results.Total.ShouldBe(0);
    }

    [Fact]
    public void The_geographic_filter_keeps_what_is_within_the_radius_and_reports_the_distance()
    {
        var results = _index.Search(new SearchRequest(null, Near: new GeoFilter(Lausanne, 10)));
        results.Hits.Select(h => h.Key).ShouldBe(["boulangerie", "cours-velo", "traiteur-vege"], ignoreOrder: true);
        results.Hits.ShouldAllBe(h => h.DistanceKm < 10);
        new GeoPoint(46.2044, 6.1432).KilometresTo(Lausanne).ShouldBeInRange(50, 53);
    }

    [Fact]
    public void An_updated_document_is_found_by_its_new_words_only_and_a_removed_one_not_at_all()
    {
        Add("velo", "Location de vélos cargo", "Pour les livraisons en ville.", "logistique", "GE");
        Keys("cargo").ShouldContain("velo");
        Keys("réparation").ShouldNotContain("velo");
        _index.Search(new SearchRequest(null, Filters: new Dictionary<string, IReadOnlyCollection<string>> { ["category"] = ["recyclage"] })).Total.ShouldBe(0);

        _index.Remove("velo").ShouldBeTrue();
        Keys("cargo").ShouldBeEmpty();
        _index.Remove("velo").ShouldBeFalse();
        _index.Count.ShouldBe(6);
        _index.Suggest("carg").ShouldBeEmpty();
    }

    [Fact]
    public void Suggestions_complete_what_is_being_typed_most_common_first()
    {
        _index.Suggest("vé").ShouldContain("velo");
        _index.Suggest("v").ShouldBeEmpty();
        _index.Suggest("boul").ShouldBe(["boulangerie"]);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("NEAR(")]
    [InlineData("'; DROP TABLE offers; --")]
    [InlineData("vélo\" OR \"1\"=\"1")]
    [InlineData("🚲 vélo 🥖")]
    [InlineData("دراجة هوائية")]
    [InlineData("((((((")]
    [InlineData("")]
    [InlineData("   ")]
    public void Hostile_or_odd_queries_return_results_or_nothing_never_an_error(string query)
    {
        var results = _index.Search(new SearchRequest(query, FacetNames: ["category"]));
        results.Total.ShouldBeGreaterThanOrEqualTo(0);
        if (query.Contains("vélo", StringComparison.Ordinal))
        {
            results.Hits.Select(h => h.Key).ShouldContain("velo");
        }
    }

    [Fact]
    public void A_ten_kilobyte_query_is_cut_not_fatal()
    {
        var huge = string.Concat(Enumerable.Repeat("vélo réparation ", 700));
        huge.Length.ShouldBeGreaterThan(10_000);
        _index.Search(new SearchRequest(huge)).Hits.Select(h => h.Key).ShouldContain("velo");
    }
}
