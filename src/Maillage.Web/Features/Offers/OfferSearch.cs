using Maillage.Domain.Labels;
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

    /// <summary>Keys of published good-practice sheets and position papers (the library is searchable from the portal).</summary>
    public const string PracticePrefix = "practice:";

    /// <summary>Facet of an offer: its seller's id (the map counts matching offers per organisation with it).</summary>
    public const string SellerFacet = "seller";

    /// <summary>Facet of an organisation's own document: its id (the map learns which organisations matched themselves).</summary>
    public const string OrganisationFacet = "organisation";

    // Rows committed just before the last read may carry an older timestamp than rows already seen: read with overlap.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTime _watermark = DateTime.MinValue;

    // Label periods of every labelled member, as last read, and who was labelled at the last refresh. Only touched
    // under _refreshing.
    private readonly Dictionary<Guid, (DateOnly From, DateOnly Until, bool Revoked)> _labels = [];
    private HashSet<Guid> _labelled = [];

    /// <summary>How much a valid label lifts an offer or an organisation in the ranking.</summary>
    public const double LabelBoost = 1.3;

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
            var today = Maillage.Domain.ChamberDays.Of(startedAt);

            var chambers = await db.Chambers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, cancellationToken);

            // A label stops counting when its period ends, without any write: nothing in the database changes on that
            // day, so the UpdatedAt watermark cannot tell. Each refresh therefore re-evaluates the periods it holds
            // (one small entry per labelled member) against today's Swiss date and re-indexes the members whose
            // label status flipped since the last refresh, whatever the cause (grant, renewal, revocation read from
            // the changed rows, or a period starting or ending). Searching then needs no per-query label check, and
            // facet counts and boosts stay exact within a refresh (a second) of midnight.
            var changedLabels = await db.Set<EssLabel>().AsNoTracking().Where(l => l.UpdatedAt >= since)
                .Select(l => new { l.OrganisationId, l.ValidFrom, l.ValidUntil, Revoked = l.RevokedAt != null }).ToListAsync(cancellationToken);
            foreach (var label in changedLabels)
            {
                _labels[label.OrganisationId] = (label.ValidFrom, label.ValidUntil, label.Revoked);
            }

            var labelled = _labels.Where(l => !l.Value.Revoked && l.Value.From <= today && today <= l.Value.Until).Select(l => l.Key).ToHashSet();
            var flipped = labelled.Where(id => !_labelled.Contains(id)).Concat(_labelled.Where(id => !labelled.Contains(id))).ToList();
            var changedOrganisations = await db.Organisations.AsNoTracking().Where(o => o.UpdatedAt >= since || flipped.Contains(o.Id)).ToListAsync(cancellationToken);
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
                    Index.Upsert(ToDocument(organisation, chambers[organisation.ChamberId], labelled.Contains(organisation.Id)));
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
                    Index.Upsert(ToDocument(offer, owner, chambers[offer.ChamberId], labelled.Contains(owner.Id)));
                }
                else
                {
                    Index.Remove(offer.Id.ToString());
                }
            }

            var practices = await db.Set<Domain.Publications.PracticeSheet>().AsNoTracking().Where(p => p.UpdatedAt >= since).ToListAsync(cancellationToken);
            foreach (var sheet in practices)
            {
                if (sheet.IsPublic && chambers.TryGetValue(sheet.ChamberId, out var slug))
                {
                    Index.Upsert(ToDocument(sheet, slug));
                }
                else
                {
                    Index.Remove(PracticePrefix + sheet.Id);
                }
            }

            _watermark = startedAt;
            _labelled = labelled;
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

    public static SearchDocument ToDocument(Offer offer, Organisation owner, string chamberSlug, bool labelled = false)
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
                ["label"] = [labelled ? "yes" : "no"],
            },
            owner.Profile.Latitude is { } lat && owner.Profile.Longitude is { } lon ? new GeoPoint(lat, lon) : null,
            Boost: labelled ? LabelBoost : 1.0);
    }

    /// <summary>Organisations are findable too, a little below goods and services (the portal is products first).</summary>
    public static SearchDocument ToDocument(Organisation organisation, string chamberSlug, bool labelled = false)
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
                ["label"] = [labelled ? "yes" : "no"],
            },
            p.Latitude is { } lat && p.Longitude is { } lon ? new GeoPoint(lat, lon) : null,
            Boost: labelled ? 0.8 * LabelBoost : 0.8);
    }

    /// <summary>
    /// A published practice sheet, found by the same words as in the library; below goods, services and organisations
    /// (the portal is products first), with no place on the map.
    /// </summary>
    public static SearchDocument ToDocument(Domain.Publications.PracticeSheet sheet, string chamberSlug)
    {
        var library = Publications.PublicationDesk.ToDocument(sheet);
        return new SearchDocument(
            PracticePrefix + sheet.Id,
            library.Title,
            library.Body,
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["type"] = ["practice"],
                ["chamber"] = [chamberSlug],
                ["label"] = ["no"],
            },
            null,
            Boost: 0.7);
    }
}
