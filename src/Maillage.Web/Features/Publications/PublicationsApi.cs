using Maillage.Domain.Communication;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Publications;

/// <summary>A published news item; <c>Html</c> is the sanitised body, <c>Text</c> its plain text.</summary>
public sealed record NewsDto(Guid Id, string Title, string Html, string Text, string Organisation, string? Link, string? Image, DateTime PublishedAt, DateTime UpdatedAt, string Url);

public sealed record NewsListDto(IReadOnlyList<NewsDto> Items, int Total, int Page, int PageSize);

public sealed record PracticeDto(
    Guid Id, string Kind, string Title, string Problem, string Actions, string Results, string Contact, IReadOnlyList<string> Themes, IReadOnlyList<string> Sectors,
    string? Organisation, Guid? EventId, string? Image, string? Document, DateTime PublishedAt, string Url);

public sealed record PracticeListDto(IReadOnlyList<PracticeDto> Items, int Total, int Page, int PageSize);

/// <summary>Read-only lists of a chamber's published news and good-practice sheets.</summary>
public static class PublicationsApi
{
    public static IEndpointRouteBuilder MapPublicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/chambers/{chamber}").WithTags("Maillage");
        api.MapGet("/news", NewsAsync).WithName("ListNews").WithSummary("Published member news of the chamber, newest first (?page=, 20 a page).");
        api.MapGet("/practices", PracticesAsync).WithName("ListPractices")
            .WithSummary("Published good-practice sheets and position papers of the chamber (?q= words, theme=, sector=, kind=Practice|PositionPaper, page=; 20 a page).");
        return app;
    }

    private static async Task<Results<Ok<NewsListDto>, ProblemHttpResult>> NewsAsync(
        string chamber, int? page, ChamberResolver chambers, PublicationDesk desk, MaillageDbContext db, EmailOutbox links, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return ChamberNotFound(l, chamber);
        }

        var current = Math.Clamp(page ?? 1, 1, 1000);
        var (items, total) = await desk.PublishedNewsAsync(found.Id, current, 20, ct);
        var ids = items.Select(i => i.OrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Profile.Name, ct);
        return TypedResults.Ok(new NewsListDto(
            items.Select(i => new NewsDto(
                i.Id, i.Title, HtmlSanitizer.Sanitize(i.BodyHtml), HtmlSanitizer.PlainText(HtmlSanitizer.Sanitize(i.BodyHtml)), names.GetValueOrDefault(i.OrganisationId, string.Empty), i.Link,
                i.ImageId is null ? null : links.Link($"/{found.Slug}/actualites/{i.Id}/image"), i.PublishedAt ?? i.UpdatedAt, i.UpdatedAt, links.Link($"/{found.Slug}/actualites/{i.Id}"))).ToList(),
            total,
            current,
            20));
    }

    private static async Task<Results<Ok<PracticeListDto>, ProblemHttpResult>> PracticesAsync(
        string chamber, string? q, string? theme, string? sector, PracticeKind? kind, int? page, ChamberResolver chambers, PublicationDesk desk, MaillageDbContext db, EmailOutbox links, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return ChamberNotFound(l, chamber);
        }

        var result = await desk.PracticesAsync(found.Id, new PracticeFilter(q, NullIfEmpty(theme), NullIfEmpty(sector), kind, page ?? 1, 20), ct);
        var ids = result.Sheets.Select(s => s.AuthorOrganisationId).OfType<Guid>().Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Profile.Name, ct);
        return TypedResults.Ok(new PracticeListDto(
            result.Sheets.Select(s => new PracticeDto(
                s.Id, s.Kind.ToString(), s.Title, s.Problem, s.Actions, s.Results, s.Contact, s.ThemeList, s.SectorList,
                s.AuthorOrganisationId is { } org ? names.GetValueOrDefault(org) : found.Name, s.EventId,
                s.ImageId is null ? null : links.Link($"/{found.Slug}/bonnes-pratiques/{s.Id}/image"),
                s.DocumentId is null ? null : links.Link($"/{found.Slug}/bonnes-pratiques/{s.Id}/document.pdf"),
                s.PublishedAt ?? s.UpdatedAt, links.Link($"/{found.Slug}/bonnes-pratiques/{s.Id}"))).ToList(),
            result.Total,
            result.Page,
            result.PageSize));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ProblemHttpResult ChamberNotFound(IStringLocalizer<SharedResource> l, string chamber) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.ChamberNotFound"], detail: chamber, extensions: new Dictionary<string, object?> { ["code"] = "ChamberNotFound" });
}
