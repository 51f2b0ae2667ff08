using Maillage.Domain.Invoices;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Clearing;

public sealed record ClearingRoundSummaryDto(
    Guid Id, string State, string Trigger, DateTime StartedAt, DateTime? FinishedAt, string StartedBy,
    int Invoices, long TotalSubmitted, long TotalCleared, long PerMilleCleared, int MembersHelped, int Cycles, string Currency);

public sealed record ClearingEntryDto(Guid InvoiceId, string Number, Guid DebtorId, string Debtor, Guid CreditorId, string Creditor, long AmountBefore, long Reduction, long AmountAfter);

public sealed record ClearingCycleDto(IReadOnlyList<Guid> Members, long Amount);

public sealed record ClearingRoundDto(ClearingRoundSummaryDto Round, IReadOnlyList<ClearingEntryDto> Entries, IReadOnlyList<ClearingCycleDto> Cycles, IReadOnlyDictionary<string, int> Exclusions);

/// <summary>Clearing rounds for chamber staff (/api/v1/chambers/{chamber}/clearing/rounds). Amounts are in centimes.</summary>
public static class ClearingApi
{
    public static IEndpointRouteBuilder MapClearingApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/chambers/{chamber}/clearing").WithTags("Maillage").RequireAuthorization(Policies.ChamberStaff);
        staff.MapGet("/rounds", ListAsync).WithName("ListClearingRounds").WithSummary("The chamber's clearing rounds, newest first (chamber staff).");
        staff.MapGet("/rounds/{id}", GetAsync).WithName("GetClearingRound").WithSummary("One clearing round with its per-invoice reductions and cycles (chamber staff).");
        staff.MapPost("/rounds", RunAsync).WithName("RunClearingRound").WithSummary("Run a clearing round now (chamber staff).");
        return app;
    }

    private static async Task<Results<Ok<List<ClearingRoundSummaryDto>>, ProblemHttpResult>> ListAsync(
        string chamber, ChamberResolver chambers, ClearingReports reports, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return ChamberNotFound(l, chamber);
        }

        return TypedResults.Ok((await reports.RoundsAsync(found.Id, ct)).Select(Summary).ToList());
    }

    private static async Task<Results<Ok<ClearingRoundDto>, ProblemHttpResult>> GetAsync(
        string chamber, Guid id, ChamberResolver chambers, ClearingReports reports, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return ChamberNotFound(l, chamber);
        }

        var report = await reports.RoundAsync(found.Id, id, ct);
        if (report is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.RoundNotFound"], detail: id.ToString());
        }

        string Name(Guid organisation) => report.Names.TryGetValue(organisation, out var name) ? name : string.Empty;
        var round = report.Round;
        return TypedResults.Ok(new ClearingRoundDto(
            Summary(round),
            round.Entries.Select(e => new ClearingEntryDto(e.InvoiceId, e.Number, e.DebtorId, Name(e.DebtorId), e.CreditorId, Name(e.CreditorId), e.AmountBefore, e.Reduction, e.AmountAfter)).ToList(),
            round.Cycles.OrderBy(c => c.Position).Select(c => new ClearingCycleDto(c.Members, c.Amount)).ToList(),
            report.Exclusions.ToDictionary(e => e.Key.ToString(), e => e.Value)));
    }

    private static async Task<Results<Created<ClearingRoundSummaryDto>, ProblemHttpResult>> RunAsync(
        string chamber, ChamberResolver chambers, ClearingRounds rounds, Access access, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return ChamberNotFound(l, chamber);
        }

        var me = await access.GetAsync(ct);
        var outcome = await rounds.RunAsync(found.Id, found.Slug, ClearingTrigger.Api, me.UserId, me.DisplayName, ct);
        if (outcome.AlreadyRunning)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: l["Clearing.AlreadyRunning"], extensions: new Dictionary<string, object?> { ["code"] = "RoundAlreadyRunning" });
        }

        var round = outcome.Round!;
        if (round.State == ClearingRoundState.Failed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: l["Clearing.Failed"], extensions: new Dictionary<string, object?> { ["round"] = round.Id });
        }

        return TypedResults.Created($"/api/v1/chambers/{found.Slug}/clearing/rounds/{round.Id}", Summary(round));
    }

    private static ClearingRoundSummaryDto Summary(ClearingRound r) => new(
        r.Id, r.State.ToString(), r.Trigger.ToString(), r.StartedAt, r.FinishedAt, r.StartedByName, r.InvoiceCount,
        r.TotalSubmitted, r.TotalCleared, r.PerMilleCleared, r.MembersHelped, r.CycleCount, InterMemberInvoice.Chf);

    private static ProblemHttpResult ChamberNotFound(IStringLocalizer<SharedResource> l, string chamber) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.ChamberNotFound"], detail: chamber);
}
