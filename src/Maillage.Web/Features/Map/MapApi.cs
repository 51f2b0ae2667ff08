using Maillage.Domain.Common;
using Maillage.Web.Features.Offers;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Map;

public sealed record MapOfferDto(Guid Id, string Title, string Url);

/// <param name="Offers">How many of its offers match the search.</param>
/// <param name="Matched">Whether the organisation itself matched (its name, description, sectors).</param>
public sealed record MapOrganisationDto(
    Guid Id, string Chamber, string Name, string Town, string Canton, double? Latitude, double? Longitude, int Offers, bool Matched,
    string Url, IReadOnlyList<MapOfferDto> FirstOffers);

/// <param name="Total">Organisations answering the search.</param>
/// <param name="Placed">Those of them with coordinates (the others cannot be shown on the map).</param>
/// <param name="Offers">Matching offers in all.</param>
public sealed record MapResponseDto(int Total, int Placed, int Offers, IReadOnlyList<MapOrganisationDto> Organisations);

/// <summary>The map's data: the portal's search (same parameters) answered per organisation, network-wide or for one chamber.</summary>
public static class MapApi
{
    private const string Parameters = "Same parameters as /api/v1/search: q, type, categorie, chambre, canton, public, monnaie=oui, statut, pres (town) or lat+lon, km.";

    public static IEndpointRouteBuilder MapMapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Map");
        api.MapGet("/map", NetworkAsync).WithName("Map")
            .WithSummary("Organisations of the network answering a portal search, with their coordinates and matching offers. " + Parameters);
        api.MapGet("/chambers/{chamber}/map", ChamberAsync).WithName("ChamberMap")
            .WithSummary("Organisations of one chamber answering a portal search (the chambre parameter is ignored). " + Parameters);
        return app;
    }

    private static Task<Results<Ok<MapResponseDto>, ValidationProblem, ProblemHttpResult>> NetworkAsync(
        HttpContext context, MapSearch map, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        AnswerAsync(context, null, map, l, ct);

    private static async Task<Results<Ok<MapResponseDto>, ValidationProblem, ProblemHttpResult>> ChamberAsync(
        string chamber, HttpContext context, ChamberResolver chambers, MapSearch map, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: l["Api.ChamberNotFound"], detail: chamber,
                extensions: new Dictionary<string, object?> { ["code"] = "ChamberNotFound" });
        }

        return await AnswerAsync(context, found.Slug, map, l, ct);
    }

    private static async Task<Results<Ok<MapResponseDto>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        HttpContext context, string? chamber, MapSearch map, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (query, problems) = PortalQueryBinder.Bind(context.Request.Query);
        var errors = query.Validate().Where(e => e.Field is not ("page" or "pageSize")).ToList();
        errors.AddRange(problems.Where(p => p is not ("page" or "pageSize")).Select(p => new ValidationError(p, "ValueInvalid", p)));
        if (errors.Count > 0)
        {
            var codes = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => (object?)g.Select(e => e.Code).ToArray());
            return TypedResults.ValidationProblem(
                errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => l.Message(e)).ToArray()),
                title: l["Api.ValidationTitle"], extensions: new Dictionary<string, object?> { ["codes"] = codes });
        }

        if (chamber is not null)
        {
            query = query with { Chambers = [chamber] };
        }

        var results = await map.SearchAsync(query, ct);
        return TypedResults.Ok(ToDto(results));
    }

    public static MapResponseDto ToDto(MapResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new MapResponseDto(
            results.Organisations.Count,
            results.Placed,
            results.MatchingOffers,
            results.Organisations.Select(o => new MapOrganisationDto(
                o.Id, o.ChamberSlug, o.Name, o.Town, o.Canton, o.Latitude, o.Longitude, o.MatchingOffers, o.MatchedItself,
                $"/{o.ChamberSlug}/membres/{o.Slug}",
                o.FirstOffers.Select(f => new MapOfferDto(f.Id, f.Title, $"/{o.ChamberSlug}/offres/{f.Id}")).ToList())).ToList());
    }
}
