using Maillage.Domain.Needs;
using Maillage.Domain.Search;

namespace Maillage.Domain.Tests.Needs;

public class NeedMatcherTests
{
    private static readonly GeoPoint Geneva = new(46.2044, 6.1432);
    private static readonly GeoPoint Carouge = new(46.1839, 6.1395);
    private static readonly GeoPoint Lausanne = new(46.5197, 6.6323);
    private static readonly GeoPoint Zurich = new(47.3769, 8.5417);

    private static readonly Guid Poster = Guid.NewGuid();

    private static MatchNeed Catering(GeoPoint? place = null, bool currency = false) =>
        new(Poster, "Traiteur pour 80 personnes", "Buffet végétarien et boissons pour notre assemblée", "traiteur/buffets", new DateOnly(2027, 3, 12), new DateOnly(2027, 3, 12), "GE", place ?? Geneva, currency);

    private static MemberCandidate Member(Guid id, string name, string text = "", GeoPoint? at = null, string canton = "GE", bool labelled = false) =>
        new(id, name, text, canton, at ?? Geneva, labelled);

    private static OfferCandidate Offer(Guid org, string title, string category, string description = "", bool published = true, DateOnly? from = null, DateOnly? until = null, int? radius = null, string[]? areas = null, int currency = 0) =>
        new(Guid.NewGuid(), org, title, description, category, published, from, until, radius, areas ?? [], currency);

    [Fact]
    public void Haversine_gives_the_known_distance_between_geneva_and_lausanne()
    {
        NeedMatcher.HaversineKm(Geneva, Lausanne).ShouldBe(51.6, 0.5);
        NeedMatcher.HaversineKm(Geneva, Geneva).ShouldBe(0);
    }

    [Fact]
    public void The_same_category_outranks_the_same_family_which_outranks_words_alone()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var members = new[] { Member(a, "Cuisine A"), Member(b, "Cuisine B"), Member(c, "Atelier C") };
        var leaf = Offer(a, "Buffets froids", "traiteur/buffets");
        var family = Offer(b, "Plateaux repas", "traiteur/repas");
        var wordsOnly = Offer(c, "Location de vaisselle", "hebergement/salles", "Vaisselle pour buffet de 80 personnes");

        var result = NeedMatcher.Rank(Catering(), members, [wordsOnly, family, leaf]);

        result.Offers.Select(o => o.OfferId).ShouldBe([leaf.OfferId, family.OfferId, wordsOnly.OfferId]);
        result.Offers[0].Reasons.ShouldContain(new MatchReason(MatchReasonKind.SameCategory, "traiteur/buffets"));
        result.Offers[1].Reasons.ShouldContain(new MatchReason(MatchReasonKind.SameFamily, "traiteur/repas"));
        result.Offers[2].Reasons.ShouldContain(r => r.Kind == MatchReasonKind.Words && r.Detail!.Contains("buffet", StringComparison.Ordinal));
    }

    [Fact]
    public void Words_meet_across_plurals_and_accents_and_title_words_count_more()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var inTitle = Offer(a, "Traiteurs végétariens", "conseil/gestion");
        var inBody = Offer(b, "Cuisine du monde", "conseil/gestion", "Nous sommes traiteur, cuisine vegetarienne");

        var result = NeedMatcher.Rank(Catering(), [Member(a, "A"), Member(b, "B")], [inBody, inTitle]);

        result.Offers.Select(o => o.OfferId).ShouldBe([inTitle.OfferId, inBody.OfferId]);
        result.Offers[0].Reasons.Single(r => r.Kind == MatchReasonKind.Words).Detail!.ShouldContain("traiteur");
    }

    [Fact]
    public void Nearer_members_rank_higher_all_else_equal_and_the_distance_is_given()
    {
        var (near, far) = (Guid.NewGuid(), Guid.NewGuid());
        var members = new[] { Member(far, "Loin", at: Lausanne, canton: "VD"), Member(near, "Près", at: Carouge) };
        var result = NeedMatcher.Rank(Catering(), members, [Offer(far, "Buffets", "traiteur/buffets"), Offer(near, "Buffets", "traiteur/buffets")]);

        result.Offers.Select(o => o.OrganisationId).ShouldBe([near, far]);
        var distance = result.Offers[0].Reasons.Single(r => r.Kind == MatchReasonKind.Distance).Detail!;
        double.Parse(distance, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(2.3, 0.2);
    }

    [Fact]
    public void Offers_not_published_not_valid_at_the_dates_or_not_delivering_there_are_left_out()
    {
        var org = Guid.NewGuid();
        var members = new[] { Member(org, "Cuisine", at: Lausanne, canton: "VD") };
        var draft = Offer(org, "Buffets", "traiteur/buffets", published: false);
        var expired = Offer(org, "Buffets", "traiteur/buffets", until: new DateOnly(2027, 3, 11));
        var later = Offer(org, "Buffets", "traiteur/buffets", from: new DateOnly(2027, 3, 13));
        var tooFar = Offer(org, "Buffets", "traiteur/buffets", radius: 20);
        var otherCantons = Offer(org, "Buffets", "traiteur/buffets", areas: ["VD", "FR"]);
        var delivers = Offer(org, "Buffets", "traiteur/buffets", areas: ["VD", "GE"], from: new DateOnly(2027, 1, 1), until: new DateOnly(2027, 3, 12));

        var result = NeedMatcher.Rank(Catering(), members, [draft, expired, later, tooFar, otherCantons, delivers]);

        result.Offers.Select(o => o.OfferId).ShouldBe([delivers.OfferId]);
        result.Offers[0].Reasons.ShouldContain(new MatchReason(MatchReasonKind.DeliversThere));
        result.Offers[0].Reasons.ShouldContain(new MatchReason(MatchReasonKind.AvailableAtDates));
    }

    [Fact]
    public void The_posters_own_offers_and_profile_are_never_proposed_and_unrelated_members_are_not_either()
    {
        var other = Guid.NewGuid();
        var unrelated = Guid.NewGuid();
        var members = new[]
        {
            Member(Poster, "Traiteur de l'auteur", "traiteur buffets"),
            Member(other, "Cuisine solidaire", "Traiteur pour vos événements"),
            Member(unrelated, "Garage à vélos", "Réparation de cycles"),
        };
        var result = NeedMatcher.Rank(Catering(), members, [Offer(Poster, "Buffets traiteur", "traiteur/buffets"), Offer(unrelated, "Révision de vélo", "recyclage/reparation")]);

        result.Offers.ShouldBeEmpty();
        result.Members.Select(m => m.OrganisationId).ShouldBe([other]);
        result.Members[0].OfferId.ShouldBeNull("it matched through its profile");
    }

    [Fact]
    public void A_member_appears_once_with_its_best_match()
    {
        var org = Guid.NewGuid();
        var best = Offer(org, "Buffets traiteur", "traiteur/buffets");
        var weaker = Offer(org, "Plateaux", "traiteur/repas");
        var result = NeedMatcher.Rank(Catering(), [Member(org, "Cuisine", "traiteur")], [weaker, best]);

        result.Offers.Count.ShouldBe(2);
        result.Members.Count.ShouldBe(1);
        result.Members[0].OfferId.ShouldBe(best.OfferId);
    }

    [Fact]
    public void The_label_hook_and_complementary_currency_add_a_little_and_say_so()
    {
        var (plain, labelled) = (Guid.NewGuid(), Guid.NewGuid());
        var members = new[] { Member(plain, "A"), Member(labelled, "B", labelled: true) };
        var a = Offer(plain, "Buffets", "traiteur/buffets", currency: 50);
        var b = Offer(labelled, "Buffets", "traiteur/buffets");

        var withoutCurrency = NeedMatcher.Rank(Catering(currency: false), members, [a, b]);
        withoutCurrency.Offers[0].OrganisationId.ShouldBe(labelled);
        withoutCurrency.Offers[0].Reasons.ShouldContain(new MatchReason(MatchReasonKind.Labelled));

        var withCurrency = NeedMatcher.Rank(Catering(currency: true), members, [a, b]);
        withCurrency.Offers.Single(o => o.OrganisationId == plain).Reasons.ShouldContain(new MatchReason(MatchReasonKind.AcceptsCurrency, "50"));
        withCurrency.Offers.Single(o => o.OrganisationId == plain).Score.ShouldBeGreaterThan(withoutCurrency.Offers.Single(o => o.OrganisationId == plain).Score);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2026)]
    public void On_random_catalogues_results_are_ordered_unique_per_member_never_the_poster_and_always_available(int seed)
    {
        var random = new Random(seed);
        string[] categories = ["traiteur/buffets", "traiteur/repas", "logistique/livraison", "nettoyage/locaux", "formation/cours"];
        string[] words = ["traiteur", "buffet", "transport", "palette", "nettoyage", "bureau", "cours", "végétarien", "livraison", "vélo"];
        GeoPoint[] places = [Geneva, Carouge, Lausanne, Zurich];
        var members = Enumerable.Range(0, 30).Select(i => Member(i == 0 ? Poster : Guid.NewGuid(), $"Org {i}", string.Join(' ', Enumerable.Range(0, 3).Select(_ => words[random.Next(words.Length)])), places[random.Next(places.Length)])).ToList();
        var offers = Enumerable.Range(0, 120).Select(_ =>
        {
            var org = members[random.Next(members.Count)].OrganisationId;
            var from = random.Next(3) == 0 ? new DateOnly(2027, 1, 1).AddDays(random.Next(200)) : (DateOnly?)null;
            return Offer(org, string.Join(' ', Enumerable.Range(0, 2).Select(_ => words[random.Next(words.Length)])), categories[random.Next(categories.Length)], published: random.Next(5) > 0, from: from, radius: random.Next(3) == 0 ? random.Next(5, 80) : null);
        }).ToList();
        var need = new MatchNeed(Poster, "Traiteur buffet végétarien", "livraison", categories[random.Next(categories.Length)], new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 31), "GE", places[random.Next(places.Length)], random.Next(2) == 0);

        var result = NeedMatcher.Rank(need, members, offers, take: 500);

        result.Offers.Select(o => o.Score).ShouldBe(result.Offers.Select(o => o.Score).OrderByDescending(s => s));
        result.Members.Select(o => o.Score).ShouldBe(result.Members.Select(o => o.Score).OrderByDescending(s => s));
        result.Members.Select(m => m.OrganisationId).ShouldBeUnique();
        result.Offers.Concat(result.Members).ShouldAllBe(m => m.OrganisationId != Poster);
        var byId = offers.ToDictionary(o => o.OfferId);
        result.Offers.ShouldAllBe(m => NeedMatcher.AvailableAt(byId[m.OfferId!.Value], need.From, need.Until));
        result.Offers.Concat(result.Members).ShouldAllBe(m => m.Score > 0 && m.Reasons.Count > 0);

        // Each member's line is its best: no offer of that member scores more than the line shown.
        foreach (var member in result.Members)
        {
            result.Offers.Where(o => o.OrganisationId == member.OrganisationId).ShouldAllBe(o => o.Score <= member.Score);
        }

        NeedMatcher.Rank(need, members.AsEnumerable().Reverse(), offers.AsEnumerable().Reverse(), take: 500).ShouldBeEquivalentTo(result, "the order of the input does not matter");
    }
}
