using Maillage.Domain.Common;
using Maillage.Domain.Surveys;

namespace Maillage.Domain.Tests.Surveys;

public sealed class SurveyRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    internal static Survey NewSurvey(bool anonymous = false, DateTime? opens = null, DateTime? closes = null) =>
        Survey.Create(Guid.NewGuid(), new SurveySettings { Title = "Besoins des membres", Anonymous = anonymous, OpensAt = opens, ClosesAt = closes }, Now);

    internal static QuestionDraft Choice(QuestionKind kind = QuestionKind.SingleChoice, bool required = false, params string[] options) =>
        new() { Kind = kind, Prompt = "Quels besoins ?", Required = required, Options = options.Length == 0 ? ["Locaux", "Financement", "Formation"] : options };

    internal static QuestionDraft Scale(int min = 1, int max = 5, bool required = false) =>
        new() { Kind = QuestionKind.Scale, Prompt = "Votre satisfaction ?", ScaleMin = min, ScaleMax = max, Required = required, ScaleMinLabel = "Pas du tout", ScaleMaxLabel = "Tout à fait" };

    internal static QuestionDraft Text(QuestionKind kind = QuestionKind.ShortText, int? max = null, bool required = false) =>
        new() { Kind = kind, Prompt = "Une idée ?", MaxLength = max, Required = required };

    [Fact]
    public void A_choice_question_needs_two_distinct_options_and_a_sensible_selection_range()
    {
        Choice(options: ["", "  "]).Validate().Select(e => (e.Field, e.Code)).ShouldBe([("Options", SurveyCodes.NoOptions)]);
        Choice(options: ["Seule option"]).Validate().Select(e => e.Code).ShouldBe([SurveyCodes.NoOptions]);
        Choice(options: ["Locaux", "locaux "]).Validate().Select(e => e.Code).ShouldBe([SurveyCodes.DuplicateOption]);
        Choice(options: [.. Enumerable.Range(1, 31).Select(i => $"Option {i}")]).Validate().Select(e => e.Code).ShouldBe([SurveyCodes.TooManyOptions]);

        var multiple = Choice(QuestionKind.MultipleChoice);
        multiple.MinSelections = 3;
        multiple.MaxSelections = 2;
        multiple.Validate().Select(e => e.Code).ShouldBe([SurveyCodes.SelectionRange]);
        multiple.MinSelections = null;
        multiple.MaxSelections = 4;
        multiple.Validate().Select(e => e.Code).ShouldBe([SurveyCodes.SelectionRange], "more than the three options");
        multiple.MaxSelections = 2;
        multiple.Validate().ShouldBeEmpty();
        new QuestionDraft { Kind = QuestionKind.SingleChoice, Prompt = "", Options = ["a", "b"] }.Validate().Select(e => (e.Field, e.Code)).ShouldBe([("Prompt", ValidationCodes.Required)]);
    }

    [Fact]
    public void A_scale_goes_up_inside_zero_to_ten_and_a_text_limit_stays_inside_its_kind()
    {
        Scale(5, 5).Validate().Select(e => (e.Field, e.Code)).ShouldBe([("ScaleMax", SurveyCodes.ScaleRange)]);
        Scale(5, 1).Validate().Select(e => e.Code).ShouldBe([SurveyCodes.ScaleRange]);
        Scale(0, 11).Validate().Select(e => e.Code).ShouldBe([SurveyCodes.ScaleBounds]);
        Scale(-1, 5).Validate().Select(e => e.Code).ShouldBe([SurveyCodes.ScaleBounds]);
        Scale(0, 10).Validate().ShouldBeEmpty();
        Text(max: 0).Validate().Select(e => e.Code).ShouldBe([SurveyCodes.TextLength]);
        Text(max: QuestionDraft.ShortTextMax + 1).Validate().Select(e => e.Code).ShouldBe([SurveyCodes.TextLength]);
        Text(QuestionKind.LongText, QuestionDraft.LongTextMax).Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Settings_refuse_a_closing_before_the_opening_and_a_short_title()
    {
        var settings = new SurveySettings { Title = "Ok", OpensAt = Now.AddDays(2), ClosesAt = Now.AddDays(1) };
        settings.Validate().Select(e => (e.Field, e.Code)).ShouldBe([("Title", ValidationCodes.TooShort), ("ClosesAt", SurveyCodes.ClosesBeforeOpens)]);
        settings.ClosesAt = settings.OpensAt;
        settings.Title = "Enquête";
        settings.Validate().Select(e => e.Code).ShouldBe([SurveyCodes.ClosesBeforeOpens]);
        Should.Throw<DomainException>(() => Survey.Create(Guid.NewGuid(), settings, Now)).Code.ShouldBe(SurveyCodes.ClosesBeforeOpens);
    }

    [Fact]
    public void A_survey_goes_draft_open_closed_and_takes_answers_only_inside_its_window()
    {
        var survey = NewSurvey(opens: Now.AddDays(1), closes: Now.AddDays(10));
        Should.Throw<DomainException>(() => survey.Open(Now)).Code.ShouldBe(SurveyCodes.NoQuestions);
        Should.Throw<DomainException>(() => survey.Close(Now)).Code.ShouldBe(SurveyCodes.InvalidTransition);
        survey.AddQuestion(Choice(), hasAnswers: false).ShouldBeEmpty();
        survey.Open(Now);
        survey.State.ShouldBe(SurveyState.Open);
        survey.AcceptsAnswers(Now).ShouldBeFalse("not open before its opening date");
        survey.AcceptsAnswers(Now.AddDays(1)).ShouldBeTrue();
        survey.StateAt(Now.AddDays(10)).ShouldBe(SurveyState.Closed, "past its closing date it is closed without anyone acting");
        survey.AcceptsAnswers(Now.AddDays(10)).ShouldBeFalse();
        Should.Throw<DomainException>(() => survey.Open(Now)).Code.ShouldBe(SurveyCodes.InvalidTransition);

        survey.Close(Now.AddDays(2));
        survey.AcceptsAnswers(Now.AddDays(3)).ShouldBeFalse();
        Should.Throw<DomainException>(() => survey.Open(Now.AddDays(11))).Code.ShouldBe(SurveyCodes.ClosesInPast);
        survey.Update(new SurveySettings { Title = survey.Title, OpensAt = survey.OpensAt, ClosesAt = Now.AddDays(20) }, hasAnswers: true, Now.AddDays(11)).ShouldBeEmpty();
        survey.Open(Now.AddDays(11));
        survey.AcceptsAnswers(Now.AddDays(12)).ShouldBeTrue("reopened with a later closing date");
    }

    [Fact]
    public void Once_answered_a_question_may_be_reworded_and_extended_but_not_changed_in_ways_that_break_answers()
    {
        var survey = NewSurvey();
        survey.AddQuestion(Choice(QuestionKind.MultipleChoice), false).ShouldBeEmpty();
        survey.AddQuestion(Scale(), false).ShouldBeEmpty();
        survey.AddQuestion(Text(max: 250), false).ShouldBeEmpty();
        var (choice, scale, text) = (survey.Questions[0], survey.Questions[1], survey.Questions[2]);

        var reworded = choice.ToDraft();
        reworded.Prompt = "Quels sont vos besoins principaux ?";
        reworded.Options = ["Locaux partagés", "Financement", "Formation", "Visibilité"];
        survey.ReviseQuestion(choice.Id, reworded, hasAnswers: true).ShouldBeEmpty();
        choice.Options.ShouldBe(["Locaux partagés", "Financement", "Formation", "Visibilité"]);

        var fewer = choice.ToDraft();
        fewer.Options = ["Locaux partagés", "Financement"];
        survey.ReviseQuestion(choice.Id, fewer, true).Select(e => e.Code).ShouldBe([SurveyCodes.OptionsRemoved]);
        var otherKind = choice.ToDraft();
        otherKind.Kind = QuestionKind.SingleChoice;
        survey.ReviseQuestion(choice.Id, otherKind, true).Select(e => e.Code).ShouldBe([SurveyCodes.KindLocked]);
        survey.ReviseQuestion(scale.Id, Scale(0, 10), true).Select(e => e.Code).ShouldBe([SurveyCodes.ScaleLocked]);
        survey.ReviseQuestion(text.Id, Text(max: 100), true).Select(e => e.Code).ShouldBe([SurveyCodes.MaxLengthLocked]);
        survey.ReviseQuestion(text.Id, Text(max: 100), false).ShouldBeEmpty("nobody answered yet: anything goes");

        Should.Throw<DomainException>(() => survey.RemoveQuestion(scale.Id, hasAnswers: true)).Code.ShouldBe(SurveyCodes.RemoveLocked);
        survey.AddQuestion(Text(required: true), hasAnswers: true).Select(e => e.Code).ShouldBe([SurveyCodes.NewRequiredLocked]);
        survey.AddQuestion(Text(), hasAnswers: true).ShouldBeEmpty();
        survey.Update(new SurveySettings { Title = survey.Title, Anonymous = true }, hasAnswers: true, Now).Select(e => e.Code).ShouldBe([SurveyCodes.AnonymityLocked]);
        survey.Questions.Count.ShouldBe(4);
    }

    [Fact]
    public void Moves_additions_and_removals_in_any_order_keep_positions_one_to_n()
    {
        foreach (var seed in Enumerable.Range(1, 40))
        {
            var random = new Random(seed);
            var survey = NewSurvey();
            for (var step = 0; step < 60; step++)
            {
                var roll = random.Next(10);
                if (roll < 4 || survey.Questions.Count == 0)
                {
                    survey.AddQuestion(Text(), false).ShouldBeEmpty();
                }
                else if (roll < 8)
                {
                    var q = survey.Questions[random.Next(survey.Questions.Count)];
                    var before = survey.Ordered().Select(x => x.Id).ToList();
                    var index = before.IndexOf(q.Id);
                    var direction = random.Next(2) == 0 ? -1 : 1;
                    survey.Move(q.Id, direction);
                    var after = survey.Ordered().Select(x => x.Id).ToList();
                    var target = Math.Clamp(index + direction, 0, before.Count - 1);
                    after[target].ShouldBe(q.Id, $"seed {seed}");
                }
                else
                {
                    survey.RemoveQuestion(survey.Questions[random.Next(survey.Questions.Count)].Id, false);
                }

                survey.Questions.Select(q => q.Position).Order().ShouldBe(Enumerable.Range(1, survey.Questions.Count), $"seed {seed} step {step}");
            }
        }
    }

    [Fact]
    public void Unknown_questions_are_refused()
    {
        var survey = NewSurvey();
        Should.Throw<DomainException>(() => survey.Move(Guid.NewGuid(), 1)).Code.ShouldBe(SurveyCodes.UnknownQuestion);
        Should.Throw<DomainException>(() => survey.ReviseQuestion(Guid.NewGuid(), Text(), false)).Code.ShouldBe(SurveyCodes.UnknownQuestion);
    }
}
