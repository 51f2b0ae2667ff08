using Maillage.Domain.Procurement;

namespace Maillage.Domain.Tests.Procurement;

public class ConsortiumPlannerTests
{
    private static readonly Notice SchoolServices = new()
    {
        Ocid = "ocds-ge-2026-001",
        Title = "Services aux écoles de Carouge",
        Regions = ["GE"],
        Lots =
        [
            new NoticeLot("1", "Repas de midi", null, 300_000m, "CHF"),
            new NoticeLot("2", "Nettoyage des locaux", null, 200_000m, "CHF"),
            new NoticeLot("3", "Maintenance informatique", null, 80_000m, "CHF"),
            new NoticeLot("4", "Transport d'élèves en autocar", null, 90_000m, "CHF"),
        ],
        Items =
        [
            new NoticeItem("a", "Repas livrés", new Classification("CPV", "55524000", null), [], "1", null, null),
            new NoticeItem("b", "Nettoyage", new Classification("CPV", "90911200", null), [], "2", null, null),
            new NoticeItem("c", "Maintenance du parc", new Classification("CPV", "72500000", null), [], "3", null, null),
            new NoticeItem("d", "Autocars", new Classification("CPV", "60130000", null), [], "4", null, null),
        ],
    };

    private static CandidateMember Member(string name, string canton, string[] sectors, params (string Title, string Category, string[] Cantons)[] offers) =>
        new(Guid.NewGuid(), name, canton, sectors, offers.Select(o => new CandidateOffer(Guid.NewGuid(), o.Title, o.Category, o.Title, o.Cantons)).ToList());

    [Fact]
    public void The_lots_are_the_parts_and_each_keeps_its_CPV_codes()
    {
        var parts = ConsortiumPlanner.PartsOf(SchoolServices);

        parts.Select(p => p.Key).ShouldBe(["1", "2", "3", "4"]);
        parts[1].CpvCodes.ShouldBe(["90911200"]);
    }

    [Fact]
    public void The_team_covers_the_lots_it_can_and_names_what_stays_uncovered()
    {
        var kitchen = Member("Cuisine Solidaire", "GE", ["traiteur"], ("Repas pour collectivités", "traiteur/repas", []), ("Nettoyage de cuisines", "nettoyage/locaux", []));
        var cleaner = Member("Net'Insertion", "GE", [], ("Nettoyage de bureaux", "nettoyage/locaux", []));
        var it = Member("Reboot", "VD", [], ("Maintenance de parcs informatiques", "informatique/maintenance-it", ["GE", "VD"]));
        var farAway = Member("Informatique du Jura", "JU", [], ("Maintenance informatique", "informatique/maintenance-it", ["JU"]));
        var bySector = Member("Atelier Vert", "GE", ["informatique"]);

        var plan = ConsortiumPlanner.Plan(ConsortiumPlanner.PartsOf(SchoolServices), SchoolServices.Regions, [cleaner, farAway, kitchen, it, bySector]);

        plan.Team.Select(s => s.Member.Name).ShouldBe(["Cuisine Solidaire", "Reboot"], ignoreOrder: true);
        plan.Uncovered.Select(p => p.Key).ShouldBe(["4"]);
        plan.Suggestions.ShouldNotContain(s => s.Member.Name == "Informatique du Jura");
        var kitchenCovers = plan.Suggestions.Single(s => s.Member.Name == "Cuisine Solidaire").Covers;
        kitchenCovers.Select(c => c.PartKey).ShouldBe(["1", "2"]);
        kitchenCovers[0].Because.ShouldContain("55524000");
        plan.Suggestions.Single(s => s.Member.Name == "Atelier Vert").Covers.Single().OfferId.ShouldBeNull();
        plan.Suggestions.Single(s => s.Member.Name == "Net'Insertion").InTeam.ShouldBeFalse();
    }

    [Fact]
    public void A_notice_without_lots_is_one_part_covered_by_shared_words()
    {
        var notice = new Notice { Ocid = "x", Title = "Réparation de vélos de service", Description = "Entretien et réparation de la flotte de vélos" };
        var repair = Member("Vélo-Cité", "VD", [], ("Réparation et entretien de vélos", "recyclage/reparation", []));

        var plan = ConsortiumPlanner.Plan(ConsortiumPlanner.PartsOf(notice), [], [repair]);

        plan.Uncovered.ShouldBeEmpty();
        plan.Team.Single().Covers.Single().PartKey.ShouldBe("notice");
    }
}
