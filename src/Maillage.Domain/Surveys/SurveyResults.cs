namespace Maillage.Domain.Surveys;

/// <summary>How many chose one option (or one point of a scale), and the share of those who answered the question.</summary>
public sealed record OptionCount(string Label, int Count, decimal Percent);

/// <summary>The tally of one question over the submitted responses.</summary>
public sealed record QuestionResult(
    SurveyQuestion Question,
    int Answered,
    IReadOnlyList<OptionCount> Counts,
    decimal? Mean,
    IReadOnlyList<string> Texts);

/// <summary>
/// Counts submitted responses question by question. Percentages are of the people who answered that question
/// (rounded half away from zero to one decimal), so the shares of a multiple-choice question can add up to more than
/// 100 %. Drafts never count.
/// </summary>
public static class SurveyResults
{
    public static IReadOnlyList<QuestionResult> Tally(IEnumerable<SurveyQuestion> questions, IReadOnlyCollection<SurveyAnswers> responses)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(responses);
        return questions.OrderBy(q => q.Position).Select(q => TallyOne(q, responses)).ToList();
    }

    public static decimal Percent(int count, int total) =>
        total == 0 ? 0m : Math.Round(count * 100m / total, 1, MidpointRounding.AwayFromZero);

    private static QuestionResult TallyOne(SurveyQuestion question, IReadOnlyCollection<SurveyAnswers> responses)
    {
        var answers = responses.Select(r => r.For(question.Id)).OfType<Answer>().Where(a => !a.IsEmpty).ToList();
        var answered = answers.Count;
        if (question.IsChoice)
        {
            var counts = new int[question.Options.Count];
            foreach (var choice in answers.SelectMany(a => a.Choices ?? []).Where(c => c >= 0 && c < counts.Length))
            {
                counts[choice]++;
            }

            return new QuestionResult(question, answered, question.Options.Select((o, i) => new OptionCount(o, counts[i], Percent(counts[i], answered))).ToList(), null, []);
        }

        if (question.Kind == QuestionKind.Scale)
        {
            var points = answers.Select(a => a.Scale).OfType<int>().Where(p => p >= question.ScaleMin && p <= question.ScaleMax).ToList();
            var counts = Enumerable.Range(question.ScaleMin, question.ScaleMax - question.ScaleMin + 1)
                .Select(p => new OptionCount(p.ToString(System.Globalization.CultureInfo.InvariantCulture), points.Count(x => x == p), Percent(points.Count(x => x == p), points.Count)))
                .ToList();
            decimal? mean = points.Count == 0 ? null : Math.Round((decimal)points.Sum() / points.Count, 2, MidpointRounding.AwayFromZero);
            return new QuestionResult(question, points.Count, counts, mean, []);
        }

        return new QuestionResult(question, answered, [], null, answers.Select(a => a.Text!).ToList());
    }
}
