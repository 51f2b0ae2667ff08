using System.Text.Json;
using Maillage.Domain.Common;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Domain.Procurement;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

public sealed record NoticeMatch(TenderNotice Notice, IReadOnlyList<MatchReason> Reasons);

public sealed record TenderPage(IReadOnlyList<TenderNotice> Notices, int Total, int Page, int PageSize);

/// <summary>Reads a chamber's notices for lists, matching, fits and consortium suggestions; always within one chamber.</summary>
public sealed class TenderQueries(MaillageDbContext db, TimeProvider clock)
{
    public const int PageSize = 25;

    public async Task<TenderPage> ListAsync(Guid chamberId, string? q, string? canton, bool openOnly, bool reservedOnly, int page, CancellationToken ct, int pageSize = PageSize)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Set<TenderNotice>().AsNoTracking().Where(n => n.ChamberId == chamberId);
        foreach (var word in TextNormalizer.Fold(q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6))
        {
            var pattern = $"%{word}%";
            query = query.Where(n => EF.Functions.Like(n.MatchText, pattern));
        }

        if (Cantons.IsValid(canton))
        {
            var pattern = $"%,{canton},%";
            query = query.Where(n => EF.Functions.Like(n.Regions, pattern));
        }

        if (openOnly)
        {
            query = query.Where(n => n.TenderDeadline == null || n.TenderDeadline > now);
        }

        if (reservedOnly)
        {
            query = query.Where(n => n.Reserved != null || n.SocialObjectives != ",");
        }

        var total = await query.CountAsync(ct);
        page = Math.Max(1, page);
        var notices = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new TenderPage(notices, total, page, pageSize);
    }

    public Task<TenderNotice?> FindAsync(Guid chamberId, Guid id, CancellationToken ct) =>
        db.Set<TenderNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.ChamberId == chamberId && n.Id == id, ct);

    public static Notice Compiled(TenderNotice notice) => JsonSerializer.Deserialize<Notice>(notice.Data, TenderImporter.Json) ?? new Notice();

    public static NoticeFacts Facts(TenderNotice n) => new(n.Id, n.MatchText, n.CpvList, n.RegionList, n.Value, n.Reserved is not null, n.SocialObjectives.Length > 1);

    /// <summary>The open notices of the chamber (no deadline or a deadline to come) matching a profile, with why.</summary>
    public async Task<List<NoticeMatch>> MatchesAsync(WatchProfile profile, CancellationToken ct, DateTime? createdSince = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Set<TenderNotice>().AsNoTracking().Where(n => n.ChamberId == profile.ChamberId && (n.TenderDeadline == null || n.TenderDeadline > now));
        if (createdSince is { } since)
        {
            query = query.Where(n => n.CreatedAt > since);
        }

        var notices = await query.OrderBy(n => n.TenderDeadline == null).ThenBy(n => n.TenderDeadline).ToListAsync(ct);
        var byId = notices.ToDictionary(n => n.Id);
        var matcher = new WatchMatcher([profile.ToSpec()]);
        return matcher.Match(notices.Select(Facts)).Select(m => new NoticeMatch(byId[m.NoticeId], m.Reasons)).ToList();
    }

    /// <summary>Members of the chamber that could answer a notice: active organisations with their published offers and sectors.</summary>
    public async Task<List<CandidateMember>> CandidatesAsync(Guid chamberId, CancellationToken ct)
    {
        var today = Maillage.Domain.ChamberDays.Of(clock.GetUtcNow().UtcDateTime);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == chamberId && o.State == OrganisationState.Active).ToListAsync(ct);
        var offers = await db.Set<Offer>().AsNoTracking().Where(o => o.ChamberId == chamberId && o.State == OfferState.Published).ToListAsync(ct);
        var byOrganisation = offers.Where(o => o.IsVisible(today)).ToLookup(o => o.OrganisationId);
        return organisations.Select(o => new CandidateMember(
            o.Id,
            o.Profile.Name,
            o.Profile.Canton,
            o.Profile.EssSectors,
            byOrganisation[o.Id].Select(x => new CandidateOffer(x.Id, x.Details.Title, x.Details.Category, $"{x.Details.Title} {x.Details.Description}", x.Details.DeliveryAreas)).ToList()))
            .ToList();
    }

    /// <summary>Who could cover what of a notice (every candidate of the chamber).</summary>
    public async Task<ConsortiumPlan> PlanAsync(TenderNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var compiled = Compiled(notice);
        return ConsortiumPlanner.Plan(ConsortiumPlanner.PartsOf(compiled), notice.RegionList, await CandidatesAsync(notice.ChamberId, ct));
    }
}
