namespace Maillage.Domain.Criteria;

/// <summary>A criterion's expectation as the scoring needs it.</summary>
public sealed record CriterionRule(Guid CriterionId, string Code, CriterionLevel ExpectedLevel, int Weight, bool IsMandatory);

/// <summary>The outcome of one criterion: the level given, the gap to what is expected.</summary>
public sealed record CriterionOutcome(CriterionRule Rule, CriterionLevel? Level)
{
    public bool Answered => Level is not null;

    public bool Meets => Level is { } level && level >= Rule.ExpectedLevel;

    /// <summary>How many levels are missing to reach the expectation (0 when met).</summary>
    public int Gap => Math.Max(0, (int)Rule.ExpectedLevel - (int)(Level ?? CriterionLevel.NotYet));
}

/// <summary>A self-assessment scored against a chamber's criteria.</summary>
/// <param name="ScorePercent">Weighted share of the expectations reached, 0–100, rounded down.</param>
public sealed record AssessmentResult(IReadOnlyList<CriterionOutcome> Outcomes, int ScorePercent)
{
    public bool MeetsAllMandatory => Outcomes.Where(o => o.Rule.IsMandatory).All(o => o.Meets);

    public bool IsComplete => Outcomes.All(o => o.Answered);

    public IReadOnlyList<CriterionOutcome> UnmetMandatory => Outcomes.Where(o => o.Rule.IsMandatory && !o.Meets).ToList();
}

/// <summary>
/// Scores a self-assessment. Each criterion contributes its weight times the share of its expected level reached
/// (going beyond the expectation earns nothing more); integer arithmetic, so the score is exact and reproducible.
/// </summary>
public static class CriteriaAssessment
{
    public static AssessmentResult Evaluate(IReadOnlyList<CriterionRule> rules, IReadOnlyDictionary<Guid, CriterionLevel> answers)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(answers);
        var outcomes = rules
            .Select(rule => new CriterionOutcome(rule, answers.TryGetValue(rule.CriterionId, out var level) ? level : null))
            .ToList();

        // Common denominator: every expected level divides 6 (levels 1, 2, 3).
        const long Scale = 6;
        long reached = 0;
        long possible = 0;
        foreach (var outcome in outcomes)
        {
            var expected = (long)outcome.Rule.ExpectedLevel;
            if (expected <= 0 || outcome.Rule.Weight <= 0)
            {
                continue;
            }

            var level = Math.Min((long)(outcome.Level ?? CriterionLevel.NotYet), expected);
            reached += outcome.Rule.Weight * level * (Scale / expected);
            possible += outcome.Rule.Weight * Scale;
        }

        var score = possible == 0 ? 100 : (int)(reached * 100 / possible);
        return new AssessmentResult(outcomes, score);
    }
}
