using Maillage.Domain.Surveys;

namespace Maillage.Domain.Tests.Surveys;

public sealed class SurveyAnswerTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 30, 0, DateTimeKind.Utc);

    private static (Survey Survey, SurveyQuestion Single, SurveyQuestion Multiple, SurveyQuestion Scale, SurveyQuestion Text) World(bool anonymous = false)
    {
        var survey = SurveyRulesTests.NewSurvey(anonymous);
        survey.AddQuestion(SurveyRulesTests.Choice(required: true), false).ShouldBeEmpty();
        var multiple = SurveyRulesTests.Choice(QuestionKind.MultipleChoice, options: ["Salles", "Véhicules", "Compétences", "Stockage"]);
        multiple.MinSelections = 2;
        multiple.MaxSelections = 3;
        survey.AddQuestion(multiple, false).ShouldBeEmpty();
        survey.AddQuestion(SurveyRulesTests.Scale(0, 10, required: true), false).ShouldBeEmpty();
        survey.AddQuestion(SurveyRulesTests.Text(QuestionKind.LongText, 20), false).ShouldBeEmpty();
        survey.Open(Now.AddDays(-1));
        var q = survey.Ordered().ToList();
        return (survey, q[0], q[1], q[2], q[3]);
    }

    [Fact]
    public void Only_what_a_question_can_hold_is_kept_and_a_too_long_text_is_kept_for_the_draft()
    {
        var (_, single, multiple, scale, text) = World();
        var answers = new SurveyAnswers();
        answers.Set(single, ["7", "1", "x"]);
        answers.Set(multiple, ["3", "0", "3", "-1"]);
        answers.Set(scale, ["11"]);
        answers.Set(text, ["Une idée bien plus longue que vingt caractères"]);
        answers.For(single.Id)!.Choices.ShouldBe([1]);
        answers.For(multiple.Id)!.Choices.ShouldBe([0, 3]);
        answers.For(scale.Id).ShouldBeNull("11 is off a 0–10 scale");
        answers.For(text.Id)!.Text.ShouldBe("Une idée bien plus longue que vingt caractères");

        var back = SurveyAnswers.FromJson(answers.ToJson());
        back.Items.Keys.ShouldBe(answers.Items.Keys, ignoreOrder: true);
        back.For(multiple.Id)!.Choices.ShouldBe([0, 3]);
        SurveyAnswers.FromJson("{pas du json").Items.ShouldBeEmpty();
    }

    [Fact]
    public void A_submission_reports_each_missing_or_wrong_answer_against_its_question()
    {
        var (survey, single, multiple, scale, text) = World();
        var answers = new SurveyAnswers();
        answers.Set(multiple, ["1"]);
        answers.Set(text, [new string('a', 21)]);
        answers.CheckForSubmission(survey.Questions).Select(e => (e.Field, e.Code)).ShouldBe([
            (single.Id.ToString(), SurveyCodes.AnswerRequired),
            (multiple.Id.ToString(), SurveyCodes.TooFewSelections),
            (scale.Id.ToString(), SurveyCodes.AnswerRequired),
            (text.Id.ToString(), SurveyCodes.AnswerTooLong),
        ]);
        answers.Set(single, ["0"]);
        answers.Set(multiple, ["0", "1", "2", "3"]);
        answers.Set(scale, ["0"]);
        answers.Set(text, ["Court"]);
        answers.CheckForSubmission(survey.Questions).Select(e => e.Code).ShouldBe([SurveyCodes.TooManySelections]);
        answers.Set(multiple, ["0", "2"]);
        answers.CheckForSubmission(survey.Questions).ShouldBeEmpty("zero is a real point of a 0–10 scale");
    }

    [Fact]
    public void Submitting_an_anonymous_response_cuts_every_thread_back_to_the_person()
    {
        var (survey, single, _, scale, _) = World(anonymous: true);
        var answers = new SurveyAnswers();
        answers.Set(single, ["0"]);
        answers.Set(scale, ["4"]);
        var response = new SurveyResponse { SurveyId = survey.Id, InvitationId = Guid.NewGuid(), ResumeToken = "secret", RespondentName = "Léa", UpdatedAt = Now };
        response.Submit(survey, answers, Now);
        response.State.ShouldBe(ResponseState.Submitted);
        response.InvitationId.ShouldBeNull();
        response.ResumeToken.ShouldBeNull();
        response.RespondentName.ShouldBeNull();
        response.SubmittedAt.ShouldBe(Now.Date, "the day only, so the time cannot match an invitation");

        var (named, namedSingle, _, namedScale, _) = World();
        var kept = new SurveyResponse { SurveyId = named.Id, ResumeToken = "secret", RespondentName = "Léa" };
        var namedAnswers = new SurveyAnswers();
        namedAnswers.Set(namedSingle, ["1"]);
        namedAnswers.Set(namedScale, ["2"]);
        kept.Submit(named, namedAnswers, Now);
        (kept.ResumeToken, kept.RespondentName, kept.SubmittedAt).ShouldBe(("secret", "Léa", Now));
        named.Close(Now);
        Should.Throw<Common.DomainException>(() => kept.Submit(named, namedAnswers, Now.AddMinutes(1))).Code.ShouldBe(SurveyCodes.NotAccepting);
    }

    [Fact]
    public void Tallies_count_each_option_and_give_shares_of_those_who_answered()
    {
        var (survey, single, multiple, scale, text) = World();
        List<SurveyAnswers> responses = [];
        foreach (var (s, m, p, t) in new[] { ("0", new[] { "0", "1" }, "10", "Oui"), ("0", ["1", "2"], "5", null), ("2", [], "5", "Non") })
        {
            var a = new SurveyAnswers();
            a.Set(single, [s]);
            a.Set(multiple, m);
            a.Set(scale, [p]);
            a.Set(text, t is null ? [] : [t]);
            responses.Add(a);
        }

        var results = SurveyResults.Tally(survey.Questions, responses);
        results[0].Counts.Select(c => (c.Label, c.Count, c.Percent)).ShouldBe([("Locaux", 2, 66.7m), ("Financement", 0, 0m), ("Formation", 1, 33.3m)]);
        results[1].Answered.ShouldBe(2);
        results[1].Counts.Select(c => c.Percent).ShouldBe([50m, 100m, 50m, 0m], "shares of the two who answered; they add up beyond 100 %");
        results[2].Counts.Count.ShouldBe(11);
        results[2].Counts.Single(c => c.Label == "5").Count.ShouldBe(2);
        results[2].Mean.ShouldBe(6.67m);
        results[3].Texts.ShouldBe(["Oui", "Non"]);
    }

    [Fact]
    public void Over_random_answers_each_option_count_equals_the_ticks_and_no_share_exceeds_one_hundred()
    {
        var (survey, single, multiple, scale, _) = World();
        foreach (var seed in Enumerable.Range(1, 30))
        {
            var random = new Random(seed);
            var responses = Enumerable.Range(0, random.Next(0, 60)).Select(_ =>
            {
                var a = new SurveyAnswers();
                if (random.Next(4) > 0)
                {
                    a.Set(single, [random.Next(-1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                }

                a.Set(multiple, Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(0, 5).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                a.Set(scale, [random.Next(-2, 13).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                return a;
            }).ToList();
            var results = SurveyResults.Tally(survey.Questions, responses);
            var ticks = responses.Sum(r => r.For(multiple.Id)?.Choices?.Count ?? 0);
            results[1].Counts.Sum(c => c.Count).ShouldBe(ticks, $"seed {seed}");
            results[0].Counts.Sum(c => c.Count).ShouldBe(results[0].Answered, $"seed {seed}: one choice per single-choice answer");
            results[2].Counts.Sum(c => c.Count).ShouldBe(results[2].Answered);
            results.SelectMany(r => r.Counts).ShouldAllBe(c => c.Percent >= 0m && c.Percent <= 100m);
        }
    }

    [Theory]
    [InlineData("=SOMME(A1:A9)", "'=SOMME(A1:A9)")]
    [InlineData("+41 22 000 00 00", "'+41 22 000 00 00")]
    [InlineData("-5", "'-5")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("Locaux", "Locaux")]
    [InlineData("", "")]
    public void Spreadsheet_cells_starting_like_a_formula_get_a_quote(string value, string expected) =>
        SpreadsheetText.Neutralise(value).ShouldBe(expected);
}
