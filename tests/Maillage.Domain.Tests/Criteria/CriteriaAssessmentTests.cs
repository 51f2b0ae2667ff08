using Maillage.Domain.Criteria;
using Maillage.Domain.Membership;

namespace Maillage.Domain.Tests.Criteria;

public class CriteriaAssessmentTests
{
    private static CriterionRule Rule(CriterionLevel expected, int weight, bool mandatory = false) =>
        new(Guid.NewGuid(), "c" + Guid.NewGuid().ToString("N")[..6], expected, weight, mandatory);

    [Fact]
    public void Meeting_every_expectation_scores_100_and_going_beyond_earns_nothing_more()
    {
        var a = Rule(CriterionLevel.Partly, 2);
        var b = Rule(CriterionLevel.Fully, 3, mandatory: true);
        var result = CriteriaAssessment.Evaluate([a, b], new Dictionary<Guid, CriterionLevel> { [a.CriterionId] = CriterionLevel.Fully, [b.CriterionId] = CriterionLevel.Fully });
        result.ScorePercent.ShouldBe(100);
        result.MeetsAllMandatory.ShouldBeTrue();
        result.IsComplete.ShouldBeTrue();
    }

    [Fact]
    public void The_score_is_the_weighted_share_of_expectations_reached_rounded_down()
    {
        // a: weight 1, 1 of 2 levels → 0.5; b: weight 3, 2 of 3 levels → 2; total 2.5 of 4 = 62.5 %.
        var a = Rule(CriterionLevel.Partly, 1);
        var b = Rule(CriterionLevel.Fully, 3);
        var result = CriteriaAssessment.Evaluate([a, b], new Dictionary<Guid, CriterionLevel> { [a.CriterionId] = CriterionLevel.Planned, [b.CriterionId] = CriterionLevel.Partly });
        result.ScorePercent.ShouldBe(62);
        result.Outcomes[0].Gap.ShouldBe(1);
        result.Outcomes[1].Gap.ShouldBe(1);
    }

    [Fact]
    public void A_missed_mandatory_criterion_is_named_even_with_a_high_score()
    {
        var mandatory = Rule(CriterionLevel.Fully, 1, mandatory: true);
        var heavy = Rule(CriterionLevel.Partly, 5);
        var result = CriteriaAssessment.Evaluate([mandatory, heavy], new Dictionary<Guid, CriterionLevel> { [mandatory.CriterionId] = CriterionLevel.Partly, [heavy.CriterionId] = CriterionLevel.Fully });
        result.ScorePercent.ShouldBeGreaterThan(80);
        result.MeetsAllMandatory.ShouldBeFalse();
        result.UnmetMandatory.ShouldHaveSingleItem().Rule.ShouldBe(mandatory);
    }

    [Fact]
    public void An_unanswered_criterion_counts_as_not_yet_and_makes_the_assessment_incomplete()
    {
        var a = Rule(CriterionLevel.Partly, 1);
        var result = CriteriaAssessment.Evaluate([a], new Dictionary<Guid, CriterionLevel>());
        result.ScorePercent.ShouldBe(0);
        result.IsComplete.ShouldBeFalse();
        result.Outcomes[0].Answered.ShouldBeFalse();
    }

    [Theory]
    [InlineData(7)]
    [InlineData(99)]
    [InlineData(4242)]
    public void The_score_stays_between_0_and_100_and_grows_with_any_level(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 500; run++)
        {
            var rules = Enumerable.Range(0, random.Next(1, 10)).Select(_ => Rule((CriterionLevel)random.Next(1, 4), random.Next(1, 6), random.Next(3) == 0)).ToList();
            var answers = rules.ToDictionary(r => r.CriterionId, _ => (CriterionLevel)random.Next(0, 4));
            var score = CriteriaAssessment.Evaluate(rules, answers).ScorePercent;
            score.ShouldBeInRange(0, 100);

            var raised = rules[random.Next(rules.Count)];
            if (answers[raised.CriterionId] < CriterionLevel.Fully)
            {
                answers[raised.CriterionId]++;
                CriteriaAssessment.Evaluate(rules, answers).ScorePercent.ShouldBeGreaterThanOrEqualTo(score);
            }
        }
    }

    [Fact]
    public void Answer_validation_names_each_missing_level_and_short_justification()
    {
        var a = new CriterionRule(Guid.NewGuid(), "social-purpose", CriterionLevel.Fully, 3, true);
        var b = new CriterionRule(Guid.NewGuid(), "transparency", CriterionLevel.Partly, 1, false);
        var errors = MembershipApplication.ValidateAnswers([a, b], new Dictionary<Guid, (CriterionLevel?, string?)>
        {
            [a.CriterionId] = (CriterionLevel.Fully, "court"),
            [b.CriterionId] = (null, "Nous publions nos comptes chaque année."),
        });
        errors.Select(e => $"{e.Field}:{e.Code}").ShouldBe(["social-purpose.Justification:TooShort", "transparency.Level:Required"], ignoreOrder: true);
    }
}
