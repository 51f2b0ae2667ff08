using Maillage.Domain.Labels;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Labels;

/// <param name="Status">Valid, NotYetValid, Expired or Revoked, on today's Swiss date.</param>
/// <param name="EndedOn">For an expired label the day after its period, for a revoked one the day of the revocation.</param>
public sealed record LabelVerificationDto(
    string Code, string Status, DateOnly ValidFrom, DateOnly ValidUntil, DateOnly? EndedOn, string? RevokedReason,
    string Organisation, string OrganisationUrl, string Chamber, string ChamberName, string VerificationUrl, DateOnly CheckedOn);

/// <summary>Public label verification for machines (a buyer's system, a shop's website): the same answer as the page.</summary>
public static class LabelsApi
{
    public static IEndpointRouteBuilder MapLabelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Labels")
            .MapGet("/labels/{code}", VerifyAsync).WithName("VerifyLabel")
            .WithSummary("Whether an \"ESS made\" label is valid (until when), expired (since when) or revoked (when and why). Case, spaces and dashes in the code do not matter.");
        return app;
    }

    private static async Task<Results<Ok<LabelVerificationDto>, ProblemHttpResult>> VerifyAsync(
        string code, HttpContext context, LabelBook labels, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await labels.VerifyAsync(code, null, ct);
        if (found is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: l["Label.NotFoundTitle"],
                extensions: new Dictionary<string, object?> { ["code"] = LabelCode.Normalize(code) is null ? "LabelCodeMalformed" : "LabelNotFound" });
        }

        var root = $"{context.Request.Scheme}://{context.Request.Host}";
        var label = found.Label;
        return TypedResults.Ok(new LabelVerificationDto(
            label.Code, found.Status.ToString(), label.ValidFrom, label.ValidUntil, found.EndedOn,
            found.Status == LabelStatus.Revoked ? label.RevokedReason : null,
            found.Organisation.Profile.Name, $"{root}/{found.Chamber.Slug}/membres/{found.Organisation.Slug}",
            found.Chamber.Slug, found.Chamber.ShortName, $"{root}/{found.Chamber.Slug}/label/{label.Code}", labels.Today));
    }
}

public static class LabelRegistration
{
    public static IServiceCollection AddLabels(this IServiceCollection services) => services.AddScoped<LabelBook>();
}
