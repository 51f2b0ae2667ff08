using Maillage.Domain.Common;
using Maillage.Domain.Offers;
using Maillage.Domain.Search;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Offers;

/// <summary>A portal search as the page and the API receive it. Facet values are the index's facet codes.</summary>
public sealed record PortalQuery(
    string? Q,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Chambers,
    IReadOnlyList<string> Cantons,
    IReadOnlyList<string> Audiences,
    bool CurrencyOnly,
    IReadOnlyList<string> Statuses,
    GeoFilter? Near,
    int Page = 1,
    int PageSize = 20,
    bool LabelOnly = false)
{
    public static readonly string[] FacetNames = ["type", "category", "chamber", "canton", "audience", "currency", "label", "status"];

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new ValidationErrors();
        if (Page is < 1 or > 500)
        {
            errors.Add("page", ValidationCodes.OutOfRange, 1, 500);
        }

        if (PageSize is < 1 or > 100)
        {
            errors.Add("pageSize", ValidationCodes.OutOfRange, 1, 100);
        }

        if (Near is { } near && (near.RadiusKm is <= 0 or > 500 || near.Centre.Latitude is < -90 or > 90 || near.Centre.Longitude is < -180 or > 180))
        {
            errors.Add("near", ValidationCodes.InvalidCoordinates);
        }

        return errors.Items;
    }

    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Filters()
    {
        var filters = new Dictionary<string, IReadOnlyCollection<string>>();
        void Add(string facet, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                filters[facet] = values.ToList();
            }
        }

        Add("type", Types);
        Add("category", Categories);
        Add("chamber", Chambers);
        Add("canton", Cantons);
        Add("audience", Audiences);
        Add("status", Statuses);
        if (CurrencyOnly)
        {
            filters["currency"] = ["yes"];
        }

        if (LabelOnly)
        {
            filters["label"] = ["yes"];
        }

        return filters;
    }
}

/// <summary>One result as people see it: an offer with its seller, or an organisation.</summary>
public sealed record PortalHit(
    string Kind, Guid Id, string ChamberSlug, string Title, string Summary, string OrganisationName, string OrganisationSlug,
    string Town, string? Category, PriceKind? PriceKind, long? PriceMinor, string? PriceUnit, int CurrencySharePercent, double? DistanceKm,
    string? LabelCode = null, Guid? ImageId = null, string? ImageAlt = null);

public sealed record PortalResults(IReadOnlyList<PortalHit> Hits, int Total, int Page, int PageSize, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets)
{
    public int PageCount => Total == 0 ? 1 : (int)Math.Ceiling(Total / (double)PageSize);
}

/// <summary>Runs a portal search on the in-memory index, then reads what it shows from the database.</summary>
public sealed class PortalSearch(OfferSearch search, MaillageDbContext db, Labels.LabelBook labels)
{
    public async Task<PortalResults> SearchAsync(PortalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            await search.Loaded.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new Infrastructure.ServiceWarmingUpException("The search index is still loading.", e);
        }

        var results = search.Index.Search(new SearchRequest(query.Q, query.Filters(), query.Near, PortalQuery.FacetNames, (query.Page - 1) * query.PageSize, query.PageSize));

        var offerIds = results.Hits.Where(h => !h.Key.StartsWith(OfferSearch.OrganisationPrefix, StringComparison.Ordinal) && !h.Key.StartsWith(OfferSearch.PracticePrefix, StringComparison.Ordinal)).Select(h => Guid.Parse(h.Key)).ToList();
        var practiceIds = results.Hits.Where(h => h.Key.StartsWith(OfferSearch.PracticePrefix, StringComparison.Ordinal)).Select(h => Guid.Parse(h.Key[OfferSearch.PracticePrefix.Length..])).ToList();
        var practices = practiceIds.Count == 0 ? [] : await db.Set<Domain.Publications.PracticeSheet>().AsNoTracking()
            .Where(p => practiceIds.Contains(p.Id) && p.State == Domain.Publications.ModerationState.Published)
            .Join(db.Chambers, p => p.ChamberId, c => c.Id, (p, c) => new { Sheet = p, ChamberSlug = c.Slug })
            .ToDictionaryAsync(p => p.Sheet.Id, cancellationToken);
        var organisationIds = results.Hits.Where(h => h.Key.StartsWith(OfferSearch.OrganisationPrefix, StringComparison.Ordinal)).Select(h => Guid.Parse(h.Key[OfferSearch.OrganisationPrefix.Length..])).ToList();
        var offers = await db.Set<Offer>().AsNoTracking().Where(o => offerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var ownerIds = offers.Values.Select(o => o.OrganisationId).Concat(organisationIds).Distinct().ToList();
        // An offer belongs to its owner's chamber, so the owners' rows bring the chamber slugs too (one query, not two).
        var owners = await db.Organisations.AsNoTracking().Where(o => ownerIds.Contains(o.Id))
            .Join(db.Chambers, o => o.ChamberId, c => c.Id, (o, c) => new { Organisation = o, ChamberSlug = c.Slug })
            .ToListAsync(cancellationToken);
        var organisations = owners.ToDictionary(o => o.Organisation.Id, o => o.Organisation);
        var chambers = owners.GroupBy(o => o.Organisation.ChamberId).ToDictionary(g => g.Key, g => g.First().ChamberSlug);

        // Badges are read at query time from the labels themselves, so a badge is never shown a moment too long.
        var badges = await labels.ValidBadgesAsync(ownerIds, cancellationToken);
        var thumbnails = await db.Set<OfferImage>().AsNoTracking().Where(i => offerIds.Contains(i.OfferId) && i.Position == 0)
            .Select(i => new { i.OfferId, i.Id, i.AltText }).ToListAsync(cancellationToken);
        var thumbnailOf = thumbnails.GroupBy(t => t.OfferId).ToDictionary(g => g.Key, g => g.First());

        var hits = new List<PortalHit>();
        foreach (var hit in results.Hits)
        {
            if (hit.Key.StartsWith(OfferSearch.PracticePrefix, StringComparison.Ordinal))
            {
                if (practices.GetValueOrDefault(Guid.Parse(hit.Key[OfferSearch.PracticePrefix.Length..])) is { } practice)
                {
                    var text = string.Join(' ', Publications.PublicationText.Paragraphs(practice.Sheet.Problem));
                    hits.Add(new PortalHit("practice", practice.Sheet.Id, practice.ChamberSlug, practice.Sheet.Title, Summary(text), string.Empty, string.Empty, string.Empty, null, null, null, null, 0, null));
                }
            }
            else if (hit.Key.StartsWith(OfferSearch.OrganisationPrefix, StringComparison.Ordinal))
            {
                // Between the index read and this one the row may have gone: such hits are skipped, not shown broken.
                if (organisations.GetValueOrDefault(Guid.Parse(hit.Key[OfferSearch.OrganisationPrefix.Length..])) is { } org)
                {
                    hits.Add(new PortalHit("organisation", org.Id, chambers[org.ChamberId], org.Profile.Name, org.Profile.ShortDescription, org.Profile.Name, org.Slug, org.Profile.Town, null, null, null, null, 0, hit.DistanceKm,
                        badges.GetValueOrDefault(org.Id)?.Code));
                }
            }
            else if (offers.GetValueOrDefault(Guid.Parse(hit.Key)) is { } offer && organisations.GetValueOrDefault(offer.OrganisationId) is { } owner)
            {
                var d = offer.Details;
                var thumbnail = thumbnailOf.GetValueOrDefault(offer.Id);
                hits.Add(new PortalHit(d.Kind == OfferKind.Good ? "good" : "service", offer.Id, chambers[owner.ChamberId], d.Title, Summary(d.Description), owner.Profile.Name, owner.Slug, owner.Profile.Town, d.Category, d.PriceKind, d.PriceMinor, d.PriceUnit, d.CurrencySharePercent, hit.DistanceKm,
                    badges.GetValueOrDefault(owner.Id)?.Code, thumbnail?.Id, thumbnail?.AltText));
            }
        }

        return new PortalResults(hits, results.Total, query.Page, query.PageSize, results.Facets);
    }

    private static string Summary(string text) => text.Length > 220 ? text[..220].TrimEnd() + "…" : text;
}
