using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Procurement;

public sealed record TenderDto(
    Guid Id, string Ocid, string Title, string? Buyer, string? Status, string? Procedure, decimal? Value, string? Currency,
    DateTime? TenderDeadline, DateTime? EnquiryDeadline, IReadOnlyList<string> Cantons, IReadOnlyList<string> Cpv, string? Reserved,
    IReadOnlyList<string> SocialObjectives, string Source, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record TenderListDto(IReadOnlyList<TenderDto> Items, int Total, int Page, int PageSize);

public sealed record TenderImportDto(
    Guid Id, string Kind, string Source, string State, int Percent, long BytesDone, long BytesTotal, int Read, int Created, int Updated,
    int Unchanged, int Skipped, DateTime CreatedAt, DateTime? FinishedAt, string? Failure);

/// <summary>Tender notices of a chamber (/api/v1/chambers/{chamber}/tenders) for its members and staff, and import status for staff.</summary>
public static class ProcurementApi
{
    public static IEndpointRouteBuilder MapProcurementApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/v1/chambers/{chamber}/tenders").WithTags("Maillage").RequireAuthorization();
        app.MapGet("/api/v1/chambers/{chamber}/tenders", ListAsync).WithTags("Maillage").RequireAuthorization().WithName("ListTenders").WithSummary("The chamber's tender notices, newest first (members and staff of the chamber); q, canton, open=true, reserved=true, page.");
        members.MapGet("/{id:guid}", GetAsync).WithName("GetTender").WithSummary("One tender notice (members and staff of the chamber).");
        var staff = app.MapGroup("/api/v1/chambers/{chamber}/tender-imports").WithTags("Maillage").RequireAuthorization(Policies.ChamberStaff);
        app.MapGet("/api/v1/chambers/{chamber}/tender-imports", ImportsAsync).WithTags("Maillage").RequireAuthorization(Policies.ChamberStaff).WithName("ListTenderImports").WithSummary("The chamber's OCDS imports, newest first (chamber staff).");
        staff.MapGet("/{id:guid}", ImportAsync).WithName("GetTenderImport").WithSummary("Progress and counts of one OCDS import (chamber staff).");
        return app;
    }

    private static async Task<Results<Ok<TenderListDto>, ProblemHttpResult>> ListAsync(
        string chamber, string? q, string? canton, bool? open, bool? reserved, int? page, ChamberResolver chambers, Access access, TenderQueries queries, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null || !await BelongsAsync(access, found.Id, ct))
        {
            return NotFound(l, chamber);
        }

        var result = await queries.ListAsync(found.Id, q, canton, open ?? false, reserved ?? false, page ?? 1, ct);
        return TypedResults.Ok(new TenderListDto(result.Notices.Select(Dto).ToList(), result.Total, result.Page, result.PageSize));
    }

    private static async Task<Results<Ok<TenderDto>, ProblemHttpResult>> GetAsync(
        string chamber, Guid id, ChamberResolver chambers, Access access, TenderQueries queries, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null || !await BelongsAsync(access, found.Id, ct))
        {
            return NotFound(l, chamber);
        }

        var notice = await queries.FindAsync(found.Id, id, ct);
        return notice is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Procurement.NoticeNotFound"], detail: id.ToString(), extensions: new Dictionary<string, object?> { ["code"] = "TenderNotFound" })
            : TypedResults.Ok(Dto(notice));
    }

    private static async Task<Results<Ok<List<TenderImportDto>>, ProblemHttpResult>> ImportsAsync(
        string chamber, ChamberResolver chambers, Data.MaillageDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return NotFound(l, chamber);
        }

        var imports = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<TenderImport>().Where(i => i.ChamberId == found.Id).OrderByDescending(i => i.CreatedAt).Take(100), ct);
        return TypedResults.Ok(imports.Select(ImportDto).ToList());
    }

    private static async Task<Results<Ok<TenderImportDto>, ProblemHttpResult>> ImportAsync(
        string chamber, Guid id, ChamberResolver chambers, Data.MaillageDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return NotFound(l, chamber);
        }

        var import = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Set<TenderImport>(), i => i.ChamberId == found.Id && i.Id == id, ct);
        return import is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Procurement.ImportNotFound"], detail: id.ToString(), extensions: new Dictionary<string, object?> { ["code"] = "TenderImportNotFound" })
            : TypedResults.Ok(ImportDto(import));
    }

    public static TenderImportDto ImportDto(TenderImport i) => new(
        i.Id, i.Kind.ToString(), i.Source, i.State.ToString(), i.PercentDone, i.BytesDone, i.BytesTotal, i.Read, i.Created, i.Updated, i.Unchanged, i.Skipped, i.CreatedAt, i.FinishedAt, i.Failure);

    private static TenderDto Dto(TenderNotice n) => new(
        n.Id, n.Ocid, n.Title, n.Buyer, n.Status, n.Procedure, n.Value, n.Currency, n.TenderDeadline, n.EnquiryDeadline, n.RegionList, n.CpvList, n.Reserved, n.SocialList, n.Source, n.CreatedAt, n.UpdatedAt);

    /// <summary>Staff of the chamber or people of one of its member organisations.</summary>
    private static async Task<bool> BelongsAsync(Access access, Guid chamberId, CancellationToken ct)
    {
        var me = await access.GetAsync(ct);
        return me.IsStaff(chamberId) || me.Organisations.Values.Any(o => o.ChamberId == chamberId);
    }

    private static ProblemHttpResult NotFound(IStringLocalizer<SharedResource> l, string chamber) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.ChamberNotFound"], detail: chamber, extensions: new Dictionary<string, object?> { ["code"] = "ChamberNotFound" });
}
