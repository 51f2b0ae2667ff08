using Maillage.Domain.Common;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Domain.Search;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Offers;

public sealed record SearchHitDto(
    string Kind, Guid Id, string Chamber, string Title, string Summary, string Organisation, string Town, string? Category,
    string? Price, int CurrencySharePercent, double? DistanceKm, string Url, bool Labelled, string? LabelUrl, string? Image);

public sealed record SearchResponseDto(IReadOnlyList<SearchHitDto> Items, int Total, int Page, int PageSize, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

public sealed record OfferDto(
    Guid Id, string Chamber, string Organisation, string OrganisationSlug, string Kind, string Title, string Description, string Category,
    IReadOnlyList<string> Audience, string PriceKind, long? PriceMinor, string? PriceUnit, int CurrencySharePercent, int? DeliveryRadiusKm,
    IReadOnlyList<string> DeliveryAreas, DateOnly? ValidFrom, DateOnly? ValidUntil, string Url);

/// <summary>The portal's search API: the same search as the page, with the facet counts, and suggestions while typing.</summary>
public static class OffersApi
{
    public static IEndpointRouteBuilder MapOffersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Portal");
        api.MapGet("/search", SearchAsync).WithName("Search")
            .WithSummary("Goods, services, organisations and good practices by keyword (French-aware: accents, plurals, typos, prefixes), with facet counts. Parameters: q, type, categorie, chambre, canton, public, monnaie=oui, label=oui, statut, pres (town) or lat+lon, km, page, pageSize.");
        api.MapGet("/suggest", Suggest).WithName("Suggest").WithSummary("Words completing what is being typed (from two letters).");
        api.MapGet("/chambers/{chamber}/offers/{id:guid}", GetOfferAsync).WithName("GetOffer").WithSummary("One published offer.");
        return app;
    }

    private static async Task<Results<Ok<SearchResponseDto>, ValidationProblem>> SearchAsync(HttpContext context, PortalSearch portal, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (query, problems) = PortalQueryBinder.Bind(context.Request.Query);
        var errors = query.Validate().ToList();
        errors.AddRange(problems.Select(p => new ValidationError(p, "ValueInvalid", p)));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(
                errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => l.Message(e)).ToArray()),
                title: l["Api.ValidationTitle"]);
        }

        var results = await portal.SearchAsync(query, ct);
        var root = $"{context.Request.Scheme}://{context.Request.Host}";
        var items = results.Hits.Select(h => new SearchHitDto(
            h.Kind, h.Id, h.ChamberSlug, h.Title, h.Summary, h.OrganisationName, h.Town, h.Category,
            h.PriceKind is null ? null : PriceText.Format(h.PriceKind.Value, h.PriceMinor, h.PriceUnit, l),
            h.CurrencySharePercent, h.DistanceKm,
            h.Kind switch
            {
                "organisation" => $"{root}/{h.ChamberSlug}/membres/{h.OrganisationSlug}",
                "practice" => $"{root}/{h.ChamberSlug}/bonnes-pratiques/{h.Id}",
                _ => $"{root}/{h.ChamberSlug}/offres/{h.Id}",
            },
            h.LabelCode is not null,
            h.LabelCode is { } code ? $"{root}/{h.ChamberSlug}/label/{code}" : null,
            h.ImageId is { } image ? $"{root}/{h.ChamberSlug}/offres/{h.Id}/images/{image}" : null)).ToList();
        return TypedResults.Ok(new SearchResponseDto(items, results.Total, results.Page, results.PageSize, results.Facets));
    }

    private static Ok<IReadOnlyList<string>> Suggest(string? q, OfferSearch search) => TypedResults.Ok(search.Index.Suggest(q));

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> GetOfferAsync(
        string chamber, Guid id, HttpContext context, ChamberResolver chambers, MaillageDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        var offer = found is null ? null : await db.Set<Offer>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.ChamberId == found.Id, ct);
        var owner = offer is null ? null : await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offer.OrganisationId && o.State == OrganisationState.Active, ct);
        if (offer is null || owner is null || !offer.IsVisible(Maillage.Domain.ChamberDays.Of(clock.GetUtcNow().UtcDateTime)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.OfferNotFound"]);
        }

        var d = offer.Details;
        return TypedResults.Ok(new OfferDto(
            offer.Id, found!.Slug, owner.Profile.Name, owner.Slug, d.Kind.ToString(), d.Title, d.Description, d.Category,
            Enum.GetValues<OfferAudience>().Where(a => a != OfferAudience.None && d.Audience.HasFlag(a)).Select(a => a.ToString()).ToList(),
            d.PriceKind.ToString(), d.PriceMinor, d.PriceUnit, d.CurrencySharePercent, d.DeliveryRadiusKm, d.DeliveryAreas, d.ValidFrom, d.ValidUntil,
            $"{context.Request.Scheme}://{context.Request.Host}/{found.Slug}/offres/{offer.Id}"));
    }
}

/// <summary>Prices the Swiss way: "CHF 1’250.00 l'heure", or "sur devis".</summary>
public static class PriceText
{
    public static string Format(PriceKind kind, long? minor, string? unit, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (kind == PriceKind.OnQuote || minor is null)
        {
            return l["Offer.OnQuote"];
        }

        var amount = (minor.Value / 100m).ToString("#,##0.00", System.Globalization.CultureInfo.GetCultureInfo("de-CH"));
        return string.IsNullOrEmpty(unit) ? $"CHF {amount}" : $"CHF {amount} {unit}";
    }

    /// <summary>Reads "1250", "1'250.50", "1 250,50" or "12.5" into centimes; null when it is not an amount of money.</summary>
    public static long? ParseMinor(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = text.Trim().Replace("CHF", string.Empty, StringComparison.OrdinalIgnoreCase).Replace("'", string.Empty, StringComparison.Ordinal)
            .Replace("’", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Replace('\u00A0'.ToString(), string.Empty, StringComparison.Ordinal)
            .Replace(',', '.');
        if (!decimal.TryParse(cleaned, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || decimal.Round(value, 2) != value || value > OfferDetails.MaxAmountMinor / 100m)
        {
            return null;
        }

        return (long)(value * 100);
    }
}
