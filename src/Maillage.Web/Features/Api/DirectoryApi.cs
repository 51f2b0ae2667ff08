using System.Globalization;
using Maillage.Domain.Common;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Domain.Sectors;
using Maillage.Web.Data;
using Maillage.Web.Features.Directory;
using Maillage.Web.Features.Membership;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Api;

public sealed record ChamberDto(string Slug, string Name, string ShortName, string Canton, string? Website, int Members);

public sealed record SectorDto(string Code, string Label, string LabelEn, string Kind);

public sealed record OrganisationSummaryDto(
    Guid Id, string Chamber, string Slug, string Name, string LegalForm, string Status, string MembershipType, string NogaSection,
    IReadOnlyList<string> Sectors, string Town, string Canton, string ShortDescription, string? Website, double? Latitude, double? Longitude, string Url);

public sealed record OrganisationPageDto(IReadOnlyList<OrganisationSummaryDto> Items, int Total, int Page, int PageSize);

public sealed record OrganisationDto(
    Guid Id, string Slug, string Name, string LegalForm, string Status, string MembershipType, string? Uid, string NogaSection,
    IReadOnlyList<string> Sectors, string Street, string PostalCode, string Town, string Canton, double? Latitude, double? Longitude,
    string ShortDescription, string Description, string? Website, string? Email, string? Phone, int? FoundedYear, int? Employees,
    DateOnly MemberSince, string Url);

public sealed record CriterionDto(Guid Id, string Code, string Title, string Guidance, string ExpectedLevel, int Weight, bool Mandatory, Guid? BaseCriterionId);

public sealed record ApplicationSummaryDto(Guid Id, string Organisation, string Town, string State, DateTime SubmittedAt, int Score);

public sealed record NewOrganisationRequest(
    string? Name, string? LegalForm, string? Status, string? MembershipType, string? Uid, string? NogaSection, IReadOnlyList<string>? Sectors,
    string? Street, string? PostalCode, string? Town, string? Canton, double? Latitude, double? Longitude, string? ShortDescription,
    string? Description, string? Website, string? Email, string? Phone, int? FoundedYear, int? Employees, DateOnly? MemberSince);

/// <summary>
/// The JSON API (/api/v1). Public: chambers, sectors, directory, criteria. Chamber staff: applications and member
/// creation, limited to their own chamber. Every error is a problem details document naming the invalid fields.
/// </summary>
public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapMaillageApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Maillage");
        api.MapGet("/chambers", ListChambersAsync).WithName("ListChambers").WithSummary("All chambers of the network.");
        api.MapGet("/sectors", ListSectors).WithName("ListSectors").WithSummary("NOGA 2008 sections and ESS sector groupings.");
        api.MapGet("/organisations", ListNetworkOrganisationsAsync).WithName("ListNetworkOrganisations")
            .WithSummary("The network's public directory (every chamber, or one with ?chamber=), filtered and paged.");
        api.MapGet("/chambers/{chamber}/organisations", ListOrganisationsAsync).WithName("ListOrganisations")
            .WithSummary("The chamber's public directory, filtered and paged.");
        api.MapGet("/chambers/{chamber}/organisations/{slug}", GetOrganisationAsync).WithName("GetOrganisation")
            .WithSummary("One member organisation's public profile.");
        api.MapGet("/chambers/{chamber}/criteria", ListCriteriaAsync).WithName("ListCriteria").WithSummary("The chamber's active ESS criteria.");

        var staff = api.MapGroup("/chambers/{chamber}").RequireAuthorization(Policies.ChamberStaff);
        staff.MapGet("/applications", ListApplicationsAsync).WithName("ListApplications").WithSummary("Membership applications (chamber staff).");
        staff.MapPost("/organisations", CreateOrganisationAsync).WithName("CreateOrganisation").WithSummary("Create a member organisation (chamber staff).");
        return app;
    }

    private static async Task<Ok<List<ChamberDto>>> ListChambersAsync(MaillageDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Chambers.AsNoTracking().OrderBy(c => c.Slug)
            .Select(c => new ChamberDto(c.Slug, c.Name, c.ShortName, c.Canton, c.Website, db.Organisations.Count(o => o.ChamberId == c.Id && o.State == OrganisationState.Active)))
            .ToListAsync(ct));

    private static Ok<List<SectorDto>> ListSectors() =>
        TypedResults.Ok(SectorCatalogue.Noga.Select(s => new SectorDto(s.Code, s.Label, s.LabelEn, "noga"))
            .Concat(SectorCatalogue.Ess.Select(s => new SectorDto(s.Code, s.Label, s.LabelEn, "ess"))).ToList());

    private static async Task<Results<Ok<OrganisationPageDto>, ValidationProblem, ProblemHttpResult>> ListOrganisationsAsync(
        string chamber, string? q, string? sector, string? status, string? canton, string? town, string? page, string? pageSize,
        HttpContext context, ChamberResolver chambers, DirectoryQuery directory, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return NotFound(l, chamber);
        }

        return await SearchAsync(found.Id, new ValidationErrors(), q, sector, status, canton, town, page, pageSize, context, directory, l, ct);
    }

    private static async Task<Results<Ok<OrganisationPageDto>, ValidationProblem, ProblemHttpResult>> ListNetworkOrganisationsAsync(
        string? chamber, string? q, string? sector, string? status, string? canton, string? town, string? page, string? pageSize,
        HttpContext context, ChamberResolver chambers, DirectoryQuery directory, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        Guid? chamberId = null;
        if (!string.IsNullOrWhiteSpace(chamber))
        {
            var found = await chambers.FindAsync(chamber.Trim(), ct);
            if (found is null)
            {
                errors.Add("chamber", ValidationCodes.InvalidChoice);
            }

            chamberId = found?.Id;
        }

        return await SearchAsync(chamberId, errors, q, sector, status, canton, town, page, pageSize, context, directory, l, ct);
    }

    private static async Task<Results<Ok<OrganisationPageDto>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        Guid? chamberId, ValidationErrors errors, string? q, string? sector, string? status, string? canton, string? town, string? page, string? pageSize,
        HttpContext context, DirectoryQuery directory, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var pageNumber = ParseInt(page, "page", 1, errors);
        var size = ParseInt(pageSize, "pageSize", 20, errors);
        OrganisationStatus? parsedStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<OrganisationStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _))
            {
                parsedStatus = s;
            }
            else
            {
                errors.Add("status", ValidationCodes.InvalidChoice);
            }
        }

        var filter = new DirectoryFilter(q, Blank(sector), parsedStatus, Blank(canton)?.ToUpperInvariant(), Blank(town), pageNumber, size);
        errors.AddRange(filter.Validate());
        if (!errors.IsValid)
        {
            return Invalid(errors.Items, l);
        }

        var result = await directory.SearchAsync(chamberId, filter, ct);
        var root = $"{context.Request.Scheme}://{context.Request.Host}/";
        var items = result.Items.Select(o => new OrganisationSummaryDto(
            o.Id, o.ChamberSlug, o.Slug, o.Name, o.LegalForm.ToString(), o.Status.ToString(), o.MembershipType.ToString(), o.NogaSection, o.Sectors,
            o.Town, o.Canton, o.ShortDescription, o.Website, o.Latitude, o.Longitude, $"{root}{o.ChamberSlug}/membres/{o.Slug}")).ToList();
        return TypedResults.Ok(new OrganisationPageDto(items, result.Total, result.Page, result.PageSize));
    }

    private static async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> GetOrganisationAsync(
        string chamber, string slug, HttpContext context, ChamberResolver chambers, DirectoryQuery directory, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return NotFound(l, chamber);
        }

        var organisation = await directory.FindAsync(found.Id, slug, ct);
        if (organisation is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.OrganisationNotFound"], detail: slug);
        }

        return TypedResults.Ok(ToDto(organisation, $"{context.Request.Scheme}://{context.Request.Host}/{found.Slug}/membres/{organisation.Slug}"));
    }

    private static async Task<Results<Ok<List<CriterionDto>>, ProblemHttpResult>> ListCriteriaAsync(
        string chamber, ChamberResolver chambers, MaillageDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return NotFound(l, chamber);
        }

        var criteria = await db.ActiveAsync(found.Id, ct);
        return TypedResults.Ok(criteria.Select(c => new CriterionDto(c.Id, c.Code, c.Title, c.Guidance, c.ExpectedLevel.ToString(), c.Weight, c.IsMandatory, c.BaseCriterionId)).ToList());
    }

    private static async Task<Results<Ok<List<ApplicationSummaryDto>>, ProblemHttpResult>> ListApplicationsAsync(
        string chamber, ChamberResolver chambers, MaillageDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return NotFound(l, chamber);
        }

        var criteria = await db.Criteria.AsNoTracking().Where(c => c.ChamberId == found.Id).ToListAsync(ct);
        var applications = await db.Applications.AsNoTracking().Include(a => a.Answers).Where(a => a.ChamberId == found.Id).OrderByDescending(a => a.SubmittedAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(applications.Select(a => new ApplicationSummaryDto(a.Id, a.Organisation.Name, a.Organisation.Town, a.State.ToString(), a.SubmittedAt, a.AssessAgainst(criteria).ScorePercent)).ToList());
    }

    private static async Task<Results<Created<OrganisationDto>, ValidationProblem, ProblemHttpResult>> CreateOrganisationAsync(
        string chamber, NewOrganisationRequest request, HttpContext context, ChamberResolver chambers, MaillageDbContext db, AuditLog audit,
        TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return NotFound(l, chamber);
        }

        var errors = new ValidationErrors();
        var now = clock.GetUtcNow().UtcDateTime;
        var legalForm = ParseEnum<LegalForm>(request.LegalForm, "legalForm", errors, required: true);
        var status = ParseEnum<OrganisationStatus>(request.Status, "status", errors, required: true);
        var membership = ParseEnum<MembershipType>(request.MembershipType, "membershipType", errors, required: false) ?? MembershipType.Collective;
        var profile = new OrganisationProfile
        {
            Name = request.Name ?? string.Empty,
            LegalForm = legalForm ?? LegalForm.Association,
            Status = status ?? OrganisationStatus.NonProfit,
            Uid = request.Uid,
            NogaSection = request.NogaSection ?? string.Empty,
            EssSectors = request.Sectors ?? [],
            Street = request.Street ?? string.Empty,
            PostalCode = request.PostalCode ?? string.Empty,
            Town = request.Town ?? string.Empty,
            Canton = request.Canton ?? string.Empty,
            Latitude = request.Latitude,
            Longitude = request.Longitude,
            ShortDescription = request.ShortDescription ?? string.Empty,
            Description = request.Description ?? string.Empty,
            Website = request.Website,
            Email = request.Email,
            Phone = request.Phone,
            FoundedYear = request.FoundedYear,
            Employees = request.Employees,
        };
        profile.Normalize();
        errors.AddRange(profile.Validate(now.Year).Select(e => e with { Field = ApiField(e.Field) }));
        if (!errors.IsValid)
        {
            return Invalid(errors.Items, l);
        }

        if (await db.FindDuplicateAsync(found.Id, profile, null, ct) is { } duplicate)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: l["Api.Duplicate"],
                detail: l["Validation.DuplicateOrganisationNamed", duplicate.Profile.Name, duplicate.Profile.Town],
                extensions: new Dictionary<string, object?> { ["code"] = ValidationCodes.DuplicateOrganisation, ["existing"] = duplicate.Slug });
        }

        var organisation = new Organisation(found.Id, await db.UniqueSlugAsync(found.Id, profile.Name, ct), profile, membership, request.MemberSince ?? Maillage.Domain.ChamberDays.Of(now), now);
        db.Organisations.Add(organisation);
        audit.Record(found.Id, "member.created", nameof(Organisation), organisation.Id, profile.Name);
        await db.SaveChangesAsync(ct);
        var url = $"{context.Request.Scheme}://{context.Request.Host}/{found.Slug}/membres/{organisation.Slug}";
        return TypedResults.Created($"/api/v1/chambers/{found.Slug}/organisations/{organisation.Slug}", ToDto(organisation, url));
    }

    private static OrganisationDto ToDto(Organisation o, string url)
    {
        var p = o.Profile;
        return new OrganisationDto(
            o.Id, o.Slug, p.Name, p.LegalForm.ToString(), p.Status.ToString(), o.MembershipType.ToString(), p.Uid, p.NogaSection, p.EssSectors,
            p.Street, p.PostalCode, p.Town, p.Canton, p.Latitude, p.Longitude, p.ShortDescription, p.Description, p.Website, p.Email, p.Phone,
            p.FoundedYear, p.Employees, o.MemberSince, url);
    }

    private static ProblemHttpResult NotFound(IStringLocalizer<SharedResource> l, string chamber) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.ChamberNotFound"], detail: chamber);

    /// <summary>400 with every invalid field, each with its message and its stable code.</summary>
    private static ValidationProblem Invalid(IEnumerable<ValidationError> errors, IStringLocalizer<SharedResource> l)
    {
        var list = errors.ToList();
        var messages = list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => l.Message(e)).ToArray());
        var codes = list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => (object?)g.Select(e => e.Code).ToArray());
        return TypedResults.ValidationProblem(messages, title: l["Api.ValidationTitle"], extensions: new Dictionary<string, object?> { ["codes"] = codes });
    }

    private static int ParseInt(string? text, string field, int fallback, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, "NotANumber");
        return fallback;
    }

    private static T? ParseEnum<T>(string? text, string field, ValidationErrors errors, bool required)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(field, ValidationCodes.Required);
            }

            return null;
        }

        if (!int.TryParse(text, out _) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        errors.Add(field, ValidationCodes.InvalidChoice);
        return null;
    }

    private static string ApiField(string field) => field switch
    {
        nameof(OrganisationProfile.EssSectors) => "sectors",
        _ => char.ToLowerInvariant(field[0]) + field[1..],
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
