using Maillage.Domain.Surveys;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Surveys;

public sealed record SurveyOptionCountDto(string Label, int Count, decimal Percent);

/// <summary>One question's tally: counts per option or scale point (percent of those who answered it), the mean of a scale, free texts.</summary>
public sealed record SurveyQuestionResultDto(Guid Id, int Position, string Kind, string Prompt, bool Required, int Answered, IReadOnlyList<SurveyOptionCountDto> Counts, decimal? Mean, IReadOnlyList<string> Texts);

/// <summary>A survey's live results. ResponseRate is the share of invited organisations that answered (null when none was invited).</summary>
public sealed record SurveyResultsDto(
    Guid Id, string Title, string State, bool Anonymous, DateTime? OpensAt, DateTime? ClosesAt, int Submitted, int Drafts,
    int InvitedPeople, int AnsweredPeople, int InvitedOrganisations, int AnsweredOrganisations, decimal? ResponseRate,
    IReadOnlyList<SurveyQuestionResultDto> Questions);

/// <summary>Surveys' results for chamber staff (/api/v1/chambers/{chamber}/surveys/{id}/results).</summary>
public static class SurveysApi
{
    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/chambers/{chamber}/surveys").WithTags("Maillage").RequireAuthorization(Policies.ChamberStaff)
            .MapGet("/{id:guid}/results", ResultsAsync).WithName("GetSurveyResults")
            .WithSummary("Live results of a survey: submitted responses, drafts, response rate, counts and percentages per question, free-text answers (chamber staff). Never says who answered what.");
        return app;
    }

    private static async Task<Results<Ok<SurveyResultsDto>, ProblemHttpResult>> ResultsAsync(
        string chamber, Guid id, ChamberResolver chambers, SurveyDesk desk, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.ChamberNotFound"], detail: chamber, extensions: new Dictionary<string, object?> { ["code"] = "ChamberNotFound" });
        }

        var survey = await desk.FindAsync(found.Id, id, ct);
        if (survey is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Surveys.NotFound"], detail: id.ToString(), extensions: new Dictionary<string, object?> { ["code"] = "SurveyNotFound" });
        }

        var r = await desk.ReportAsync(survey, ct);
        return TypedResults.Ok(new SurveyResultsDto(
            survey.Id, survey.Title, survey.StateAt(clock.GetUtcNow().UtcDateTime).ToString(), survey.Anonymous, survey.OpensAt, survey.ClosesAt, r.Submitted, r.Drafts,
            r.InvitedPeople, r.AnsweredPeople, r.InvitedOrganisations, r.AnsweredOrganisations, r.ResponseRate,
            r.Results.Select(q => new SurveyQuestionResultDto(
                q.Question.Id, q.Question.Position, q.Question.Kind.ToString(), q.Question.Prompt, q.Question.Required, q.Answered,
                q.Counts.Select(c => new SurveyOptionCountDto(c.Label, c.Count, c.Percent)).ToList(), q.Mean, q.Texts)).ToList()));
    }
}
