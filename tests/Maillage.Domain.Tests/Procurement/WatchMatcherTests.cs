using Maillage.Domain.Procurement;

namespace Maillage.Domain.Tests.Procurement;

public class WatchMatcherTests
{
    private static readonly NoticeFacts Cleaning = new(Guid.NewGuid(), "Nettoyage des écoles primaires et entretien des vitres", ["90911200", "90911300"], ["GE"], 250_000m, false, false);
    private static readonly NoticeFacts Meals = new(Guid.NewGuid(), "Livraison de repas pour les crèches municipales", ["55524000"], ["VD"], null, true, false);

    private static WatchProfileSpec Profile(string[]? keywords = null, string[]? cpv = null, string[]? regions = null, decimal? min = null, decimal? max = null, bool reserved = false) =>
        new(Guid.NewGuid(), keywords ?? [], cpv ?? [], regions ?? [], min, max, reserved);

    [Theory]
    [InlineData("école")]
    [InlineData("ECOLES")]
    [InlineData("écoles primaires")]
    [InlineData("vitre")]
    [InlineData("nettoyages")]
    public void Keywords_ignore_accents_case_and_plurals(string keyword)
    {
        var reasons = WatchMatcher.Explain(Profile([keyword]), Cleaning);

        reasons.ShouldNotBeNull();
        reasons.ShouldContain(new MatchReason(MatchReasonKind.Keyword, keyword));
    }

    [Fact]
    public void Every_word_of_a_keyword_phrase_must_be_there() =>
        WatchMatcher.Explain(Profile(["écoles secondaires"]), Cleaning).ShouldBeNull();

    [Fact]
    public void CPV_prefixes_match_the_codes_below_them()
    {
        WatchMatcher.Explain(Profile(cpv: ["909"]), Cleaning)!.ShouldContain(new MatchReason(MatchReasonKind.Cpv, "90911200 (909…)"));
        WatchMatcher.Explain(Profile(cpv: ["5552"]), Cleaning).ShouldBeNull();
        WatchMatcher.Explain(Profile(cpv: ["55-52"]), Meals).ShouldNotBeNull();
    }

    [Fact]
    public void Regions_values_and_reserved_notices_filter()
    {
        WatchMatcher.Explain(Profile(["nettoyage"], regions: ["GE", "VD"]), Cleaning)!.ShouldContain(new MatchReason(MatchReasonKind.Region, "GE"));
        WatchMatcher.Explain(Profile(["nettoyage"], regions: ["VD"]), Cleaning).ShouldBeNull();
        WatchMatcher.Explain(Profile(["nettoyage"], min: 100_000m, max: 300_000m), Cleaning)!.ShouldContain(new MatchReason(MatchReasonKind.Value, "250000"));
        WatchMatcher.Explain(Profile(["nettoyage"], max: 200_000m), Cleaning).ShouldBeNull();
        WatchMatcher.Explain(Profile(["repas"], min: 1_000_000m), Meals).ShouldNotBeNull(); // no value stated: kept
        WatchMatcher.Explain(Profile(["nettoyage"], reserved: true), Cleaning).ShouldBeNull();
        WatchMatcher.Explain(Profile(["repas"], reserved: true), Meals)!.ShouldContain(new MatchReason(MatchReasonKind.ReservedOrSocial, "reserved"));
    }

    [Fact]
    public void Keywords_and_CPV_must_both_hold_when_both_are_given()
    {
        WatchMatcher.Explain(Profile(["repas"], ["909"]), Meals).ShouldBeNull();
        WatchMatcher.Explain(Profile(["repas"], ["555"]), Meals).ShouldNotBeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2026)]
    public void The_index_finds_exactly_what_trying_every_pair_finds(int seed)
    {
        var random = new Random(seed);
        string[] words = ["nettoyage", "écoles", "repas", "crèche", "vélos", "réparation", "informatique", "jardins", "déménagement", "formation", "traiteur", "vitres"];
        string[] cpvs = ["90911200", "55524000", "50100000", "72000000", "77310000", "80500000", "45233130"];
        string[] cantons = ["GE", "VD", "VS", "NE"];
        var notices = Enumerable.Range(0, 300).Select(_ => new NoticeFacts(
            Guid.NewGuid(),
            string.Join(' ', Enumerable.Range(0, random.Next(2, 8)).Select(_ => words[random.Next(words.Length)])),
            Enumerable.Range(0, random.Next(0, 3)).Select(_ => cpvs[random.Next(cpvs.Length)]).Distinct().ToList(),
            random.Next(4) == 0 ? [] : [cantons[random.Next(cantons.Length)]],
            random.Next(3) == 0 ? null : random.Next(10, 1000) * 1000m,
            random.Next(5) == 0,
            random.Next(7) == 0)).ToList();
        var profiles = Enumerable.Range(0, 400).Select(_ => Profile(
            Enumerable.Range(0, random.Next(0, 3)).Select(_ => random.Next(3) == 0 ? $"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]}" : words[random.Next(words.Length)]).ToArray(),
            Enumerable.Range(0, random.Next(0, 2)).Select(_ => cpvs[random.Next(cpvs.Length)][..random.Next(2, 6)]).ToArray(),
            random.Next(2) == 0 ? [] : [cantons[random.Next(cantons.Length)]],
            random.Next(4) == 0 ? 100_000m : null,
            random.Next(4) == 0 ? 600_000m : null,
            random.Next(6) == 0)).ToList();

        var indexed = new WatchMatcher(profiles).Match(notices);
        var naive = WatchMatcher.MatchNaively(profiles, notices);

        indexed.Count.ShouldBeGreaterThan(0);
        Key(indexed).ShouldBe(Key(naive));

        static List<string> Key(List<WatchMatch> matches) => matches
            .Select(m => $"{m.ProfileId}/{m.NoticeId}/{string.Join(',', m.Reasons.Select(r => $"{r.Kind}:{r.Detail}"))}")
            .Order(StringComparer.Ordinal).ToList();
    }
}
