using Maillage.Domain.Needs;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Domain.Search;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Labels;
using Maillage.Web.Features.Notifications;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Needs;

public static class NeedEmailKinds
{
    public const string NeedMatch = "need-match";
    public const string NeedMessage = "need-message";
}

/// <summary>
/// Posts needs and carries what follows: ranking the chamber's members and offers that can answer, telling the best
/// of them (in-app and by email), the threads between the poster and each answering member, and common needs.
/// Everything stays inside the need's chamber.
/// </summary>
public sealed class NeedBoard(MaillageDbContext db, NotificationCenter notifications, EmailOutbox outbox, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    /// <summary>How many members are told of a new need at most (the best ranked).</summary>
    public const int MaxNotified = 10;

    /// <summary>How many members are kept on the need's page.</summary>
    public const int MaxProposed = 20;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Saves a new need, ranks who can answer, stores the ranking and tells the best matches, in one transaction.</summary>
    public async Task<IReadOnlyList<NeedMatchRecord>> PostAsync(Need need, string chamberSlug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(need);
        db.Add(need);
        var poster = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == need.OrganisationId, cancellationToken);
        var ranking = await RankAsync(need, poster, cancellationToken);
        var records = Records(need, ranking);
        db.AddRange(records);

        var told = records.Where(r => r.Notified).Select(r => r.OrganisationId).ToList();
        var people = await notifications.PeopleOfAsync(told, cancellationToken);
        var link = $"/{chamberSlug}/besoins/{need.Id}";
        foreach (var organisationId in told)
        {
            var users = people.Where(p => p.OrganisationId == organisationId).ToList();
            notifications.Notify(users.Select(u => u.UserId), need.ChamberId, NeedEmailKinds.NeedMatch, link, "Notifications.NeedMatch", poster.Profile.Name, need.Details.Title);
            foreach (var email in users.Select(u => u.Email).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
            {
                outbox.Queue(need.ChamberId, email, l["Needs.MatchEmailSubject", need.Details.Title], l["Needs.MatchEmailBody", poster.Profile.Name, need.Details.Title, outbox.Link(link)], NeedEmailKinds.NeedMatch);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return records;
    }

    /// <summary>The ranking as kept with the need: the best members, the first ones marked to be told.</summary>
    public static List<NeedMatchRecord> Records(Need need, NeedMatches ranking)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(ranking);
        var notifyFrom = new MatchWeights().NotifyScore;
        return ranking.Members.Take(MaxProposed).Select((m, i) => new NeedMatchRecord
        {
            NeedId = need.Id,
            OrganisationId = m.OrganisationId,
            OfferId = m.OfferId,
            Rank = i + 1,
            Score = m.Score,
            Reasons = WriteReasons(m.Reasons),
            Notified = i < MaxNotified && m.Score >= notifyFrom,
        }).ToList();
    }

    /// <summary>Ranks the chamber's active members and visible offers for a need (never the poster's own).</summary>
    public async Task<NeedMatches> RankAsync(Need need, Organisation poster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(poster);
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.ChamberId == need.ChamberId && o.State == OrganisationState.Active && o.Id != need.OrganisationId)
            .ToListAsync(cancellationToken);
        var offers = await db.Set<Offer>().AsNoTracking()
            .Where(o => o.ChamberId == need.ChamberId && o.State == OfferState.Published && o.HiddenReason == null && o.OrganisationId != need.OrganisationId)
            .ToListAsync(cancellationToken);
        var today = Maillage.Domain.ChamberDays.Of(clock.GetUtcNow().UtcDateTime);
        var labelled = await db.Set<Domain.Labels.EssLabel>().AsNoTracking()
            .ValidOn(today)
            .Where(l => l.ChamberId == need.ChamberId)
            .Select(l => l.OrganisationId)
            .ToListAsync(cancellationToken);
        return Rank(need, poster, organisations, offers, labelled.ToHashSet());
    }

    /// <summary>Ranks the given organisations and offers (already limited to the need's chamber) for a need.</summary>
    /// <param name="labelled">Organisations whose "ESS made" label is valid today (ranked a little higher).</param>
    public static NeedMatches Rank(Need need, Organisation poster, IEnumerable<Organisation> organisations, IEnumerable<Offer> offers, IReadOnlySet<Guid>? labelled = null)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(poster);
        var members = organisations.Where(o => o.ChamberId == need.ChamberId).Select(o => new MemberCandidate(
            o.Id,
            o.Profile.Name,
            $"{o.Profile.ShortDescription} {o.Profile.Description}",
            o.Profile.Canton,
            o.Profile.Latitude is { } lat && o.Profile.Longitude is { } lon ? new GeoPoint(lat, lon) : null,
            labelled?.Contains(o.Id) ?? false));
        var candidates = offers.Where(o => o.ChamberId == need.ChamberId).Select(o => new OfferCandidate(
            o.Id, o.OrganisationId, o.Details.Title, o.Details.Description, o.Details.Category, o.State == OfferState.Published && o.HiddenReason is null,
            o.Details.ValidFrom, o.Details.ValidUntil, o.Details.DeliveryRadiusKm, o.Details.DeliveryAreas, o.Details.CurrencySharePercent));
        return NeedMatcher.Rank(ToMatchNeed(need, poster), members, candidates);
    }

    /// <summary>The need as the matcher reads it: its place, or the poster's coordinates when it gives none.</summary>
    public static MatchNeed ToMatchNeed(Need need, Organisation poster)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(poster);
        var d = need.Details;
        return new MatchNeed(need.OrganisationId, d.Title, d.Description, d.Category, d.DateFrom!.Value, d.LastDay!.Value, d.Canton, PlaceOf(d, poster), d.CurrencyPossible);
    }

    public static GeoPoint? PlaceOf(NeedDetails details, Organisation? poster)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Latitude is { } lat && details.Longitude is { } lon)
        {
            return new GeoPoint(lat, lon);
        }

        return poster?.Profile.Latitude is { } plat && poster.Profile.Longitude is { } plon ? new GeoPoint(plat, plon) : null;
    }

    /// <summary>Adds a message to the thread between the poster and <paramref name="responderId"/>, and tells the other side.</summary>
    public async Task<NeedMessage> AddMessageAsync(Need need, string chamberSlug, Guid responderId, Guid senderOrganisationId, Guid userId, string senderName, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(body);
        var message = new NeedMessage
        {
            NeedId = need.Id,
            ResponderOrganisationId = responderId,
            SenderOrganisationId = senderOrganisationId,
            SenderUserId = userId,
            SenderName = senderName.Length > 200 ? senderName[..200] : senderName,
            Body = body.Trim(),
            CreatedAt = Now,
        };
        db.Add(message);

        var otherSide = senderOrganisationId == need.OrganisationId ? responderId : need.OrganisationId;
        var names = await db.Organisations.AsNoTracking().Where(o => o.Id == senderOrganisationId || o.Id == otherSide).ToDictionaryAsync(o => o.Id, o => o.Profile.Name, cancellationToken);
        var people = (await notifications.PeopleOfAsync([otherSide], cancellationToken)).Where(p => p.UserId != userId).ToList();
        var link = otherSide == need.OrganisationId ? $"/{chamberSlug}/besoins/{need.Id}#fil-{responderId}" : $"/{chamberSlug}/besoins/{need.Id}";
        var from = names.GetValueOrDefault(senderOrganisationId, senderName);
        notifications.Notify(people.Select(p => p.UserId), need.ChamberId, NeedEmailKinds.NeedMessage, link, "Notifications.NeedMessage", from, need.Details.Title);
        foreach (var email in people.Select(p => p.Email).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            outbox.Queue(need.ChamberId, email, l["Needs.MessageEmailSubject", need.Details.Title], l["Needs.MessageEmailBody", from, need.Details.Title, outbox.Link(link)], NeedEmailKinds.NeedMessage);
        }

        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    /// <summary>The groups of similar open needs in a chamber.</summary>
    public async Task<IReadOnlyList<CommonNeedGroup>> CommonGroupsAsync(Guid chamberId, DateOnly today, CancellationToken cancellationToken = default)
    {
        var needs = await db.Set<Need>().AsNoTracking().Where(n => n.ChamberId == chamberId && n.State == NeedState.Open).ToListAsync(cancellationToken);
        var posters = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == chamberId).ToDictionaryAsync(o => o.Id, cancellationToken);
        return CommonNeeds.Find(needs
            .Where(n => n.Details.LastDay >= today)
            .Select(n => new NeedForGrouping(n.Id, n.OrganisationId, n.Details.Category, n.Details.DateFrom!.Value, n.Details.LastDay!.Value, n.Details.Canton, PlaceOf(n.Details, posters.GetValueOrDefault(n.OrganisationId)))));
    }

    public static string WriteReasons(IEnumerable<MatchReason> reasons) =>
        string.Join('|', reasons.Select(r => r.Detail is null ? r.Kind.ToString() : $"{r.Kind}={r.Detail.Replace('|', ' ')}"));

    public static IReadOnlyList<MatchReason> ReadReasons(string text) =>
        (text ?? string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(p => Enum.TryParse<MatchReasonKind>(p[0], out _))
            .Select(p => new MatchReason(Enum.Parse<MatchReasonKind>(p[0]), p.Length > 1 ? p[1] : null))
            .ToList();

    /// <summary>"Why it matched", in words.</summary>
    public static string Describe(MatchReason reason, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(l);
        return reason.Kind switch
        {
            MatchReasonKind.SameCategory or MatchReasonKind.SameFamily => l[$"Needs.Reason.{reason.Kind}", CategoryLabel(reason.Detail)],
            MatchReasonKind.Distance => l["Needs.Reason.Distance", double.TryParse(reason.Detail, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var km) ? km.ToString("0.#", System.Globalization.CultureInfo.CurrentCulture) : reason.Detail ?? string.Empty],
            _ => l[$"Needs.Reason.{reason.Kind}", reason.Detail ?? string.Empty],
        };
    }

    public static string CategoryLabel(string? code) =>
        OfferCatalogue.Find(code) is { } c ? (Display.IsEnglish ? c.LabelEn : c.Label) : code ?? string.Empty;
}
