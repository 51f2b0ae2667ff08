using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Domain.Search;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Offers;

/// <summary>
/// The portal's search index of visible offers and active organisations, kept in this process's memory and fed from
/// the database: fully at start-up, then every second with whatever changed since (rows carry UpdatedAt), so every
/// app instance sees the others' writes within seconds; a local write asks for an immediate refresh.
/// </summary>
public sealed class OfferSearch(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OfferSearch> logger) : BackgroundService
{
    public const string OrganisationPrefix = "org:";

    /// <summary>Facet of an offer: its seller's id (the map counts matching offers per organisation with it).</summary>
    public const string SellerFacet = "seller";

    /// <summary>Facet of an organisation's own document: its id (the map learns which organisations matched themselves).</summary>
    public const string OrganisationFacet = "organisation";

    // Rows committed just before the last read may carry an older timestamp than rows already seen: read with overlap.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTime _watermark = DateTime.MinValue;

    public SearchIndex Index { get; } = new();

    /// <summary>Completes once the first full load is done (pages wait for it rather than show an empty portal).</summary>
    public Task Loaded => _loaded.Task;

    public override void Dispose()
    {
        Index.Dispose();
        _refreshing.Dispose();
        base.Dispose();
    }

    /// <summary>Reads what changed since the last refresh and updates the index.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var startedAt = clock.GetUtcNow().UtcDateTime;
            var since = _watermark == DateTime.MinValue ? DateTime.MinValue : _watermark - Overlap;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
            var today = DateOnly.FromDateTime(startedAt);

            var chambers = await db.Chambers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, cancellationToken);
            var changedOrganisations = await db.Organisations.AsNoTracking().Where(o => o.UpdatedAt >= since).ToListAsync(cancellationToken);
            var changedOrganisationIds = changedOrganisations.Select(o => o.Id).ToList();
            var offers = await db.Set<Offer>().AsNoTracking()
                .Where(o => o.UpdatedAt >= since || changedOrganisationIds.Contains(o.OrganisationId))
                .ToListAsync(cancellationToken);
            var ownerIds = offers.Select(o => o.OrganisationId).Distinct().ToList();
            var owners = await db.Organisations.AsNoTracking().Where(o => ownerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);

            foreach (var organisation in changedOrganisations)
            {
                var key = OrganisationPrefix + organisation.Id;
                if (organisation.State == OrganisationState.Active)
                {
                    Index.Upsert(ToDocument(organisation, chambers[organisation.ChamberId]));
                }
                else
                {
                    Index.Remove(key);
                }
            }

            foreach (var offer in offers)
            {
                var owner = owners.GetValueOrDefault(offer.OrganisationId);
                if (owner is { State: OrganisationState.Active } && offer.IsVisible(today))
                {
                    Index.Upsert(ToDocument(offer, owner, chambers[offer.ChamberId]));
                }
                else
                {
                    Index.Remove(offer.Id.ToString());
                }
            }

            _watermark = startedAt;
            _loaded.TrySetResult();
        }
        finally
        {
            _refreshing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be migrating or briefly away: keep the index as it is and try again.
                logger.LogWarning(ex, "Search index refresh failed");
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public static SearchDocument ToDocument(Offer offer, Organisation owner, string chamberSlug)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(owner);
        var d = offer.Details;
        var category = OfferCatalogue.Find(d.Category);
        var top = OfferCatalogue.Find(OfferCatalogue.TopOf(d.Category));
        var body = string.Join(' ', d.Description, owner.Profile.Name, owner.Profile.Town, top?.Label, category?.Label);
        return new SearchDocument(
            offer.Id.ToString(),
            d.Title,
            body,
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["type"] = [d.Kind == OfferKind.Good ? "good" : "service"],
                ["category"] = [OfferCatalogue.TopOf(d.Category)],
                ["subcategory"] = [d.Category],
                ["chamber"] = [chamberSlug],
                ["canton"] = [owner.Profile.Canton, .. d.DeliveryAreas],
                ["audience"] = Enum.GetValues<OfferAudience>().Where(a => a != OfferAudience.None && d.Audience.HasFlag(a)).Select(a => a.ToString()).ToList(),
                ["currency"] = [d.CurrencySharePercent > 0 ? "yes" : "no"],
                ["status"] = [owner.Profile.Status.ToString()],
                [SellerFacet] = [owner.Id.ToString()],
            },
            owner.Profile.Latitude is { } lat && owner.Profile.Longitude is { } lon ? new GeoPoint(lat, lon) : null);
    }

    /// <summary>Organisations are findable too, a little below goods and services (the portal is products first).</summary>
    public static SearchDocument ToDocument(Organisation organisation, string chamberSlug)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var p = organisation.Profile;
        return new SearchDocument(
            OrganisationPrefix + organisation.Id,
            p.Name,
            string.Join(' ', p.ShortDescription, p.Description, p.Town, string.Join(' ', p.EssSectors.Select(s => Domain.Sectors.SectorCatalogue.FindEss(s)?.Label))),
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["type"] = ["organisation"],
                ["chamber"] = [chamberSlug],
                ["canton"] = [p.Canton],
                ["status"] = [p.Status.ToString()],
                [OrganisationFacet] = [organisation.Id.ToString()],
            },
            p.Latitude is { } lat && p.Longitude is { } lon ? new GeoPoint(lat, lon) : null,
            Boost: 0.8);
    }
}
