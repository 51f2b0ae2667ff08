using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Maillage.Domain.Organisations;
using Maillage.Domain.Surveys;
using Maillage.Web.Features.Surveys;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Tests.Surveys;

/// <summary>A fresh open survey per test, straight in the database: single choice (required), multiple choice, scale 1–5 (required), long text.</summary>
public static partial class SurveyFixtures
{
    public static async Task<Survey> NewSurveyAsync(this MaillageApp app, bool anonymous = false, bool publicLink = true, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(app);
        var chamberId = await app.ChamberIdAsync(chamber);
        var now = DateTime.UtcNow;
        var survey = Survey.Create(chamberId, new SurveySettings { Title = "Enquête test " + Guid.NewGuid().ToString("N")[..6], Anonymous = anonymous, ClosesAt = now.AddDays(20) }, now.AddDays(-2));
        survey.AddQuestion(new QuestionDraft { Kind = QuestionKind.SingleChoice, Prompt = "Taille de l'organisation ?", Required = true, Options = ["Moins de 5", "5 à 20", "Plus de 20"] }, false).ShouldBeEmpty();
        survey.AddQuestion(new QuestionDraft { Kind = QuestionKind.MultipleChoice, Prompt = "Besoins ?", Options = ["Locaux", "Financement", "Formation"], MaxSelections = 2 }, false).ShouldBeEmpty();
        survey.AddQuestion(new QuestionDraft { Kind = QuestionKind.Scale, Prompt = "Satisfaction ?", Required = true, ScaleMin = 1, ScaleMax = 5, ScaleMinLabel = "Faible", ScaleMaxLabel = "Forte" }, false).ShouldBeEmpty();
        survey.AddQuestion(new QuestionDraft { Kind = QuestionKind.LongText, Prompt = "Une idée ?", MaxLength = 500 }, false).ShouldBeEmpty();
        survey.Open(now.AddDays(-1));
        if (publicLink)
        {
            survey.PublishLink(SurveyServices.NewToken());
        }

        await app.WithDbAsync(async db =>
        {
            db.Add(survey);
            await db.SaveChangesAsync();
        });
        return survey;
    }

    public static IReadOnlyList<SurveyQuestion> InOrder(this Survey survey) => [.. survey.Questions.OrderBy(q => q.Position)];

    public static string Field(this SurveyQuestion question) => SurveyDisplay.Field(question.Id);

    /// <summary>A personal link for a new contact of the first active Geneva member (as "send to members" would make).</summary>
    public static async Task<(SurveyInvitation Invitation, Maillage.Web.Identity.AppUser User)> InviteAsync(this MaillageApp app, Survey survey)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(survey);
        var organisation = await app.WithDbAsync(db => db.Organisations.FirstAsync(o => o.ChamberId == survey.ChamberId && o.State == OrganisationState.Active));
        var user = await app.CreateUserAsync(organisation.Id);
        var invitation = new SurveyInvitation { SurveyId = survey.Id, OrganisationId = organisation.Id, UserId = user.Id, Email = user.Email!, Token = SurveyServices.NewToken(), SentAt = DateTime.UtcNow };
        await app.WithDbAsync(async db =>
        {
            db.Add(invitation);
            await db.SaveChangesAsync();
        });
        return (invitation, user);
    }

    /// <summary>Answers as the form posts them, plus the button pressed ("draft" or "submit").</summary>
    public static List<KeyValuePair<string, string>> Answers(string action, params (SurveyQuestion Question, string Value)[] values) =>
        [.. values.Select(v => new KeyValuePair<string, string>(v.Question.Field(), v.Value)), new("action", action)];

    public static string TokenIn(string text) => TokenPattern().Match(text) is { Success: true } m && m.Groups[1].Value is var t ? t : throw new InvalidOperationException("no survey link in " + text);

    public static string? ErrorOf(this IHtmlDocument page, SurveyQuestion question) => page.QuerySelector($"#{question.Field()}-error")?.TextContent.Trim();

    [GeneratedRegex(@"/ge/enquete/([A-Za-z0-9_\-]+)")]
    private static partial Regex TokenPattern();
}
