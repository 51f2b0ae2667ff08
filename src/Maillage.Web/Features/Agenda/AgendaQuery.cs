using System.Globalization;
using Maillage.Domain.Agenda;
using Maillage.Domain.Chambers;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Agenda;

/// <summary>The agenda's filters, as they appear in the URL (?type=&amp;lieu=&amp;prix=&amp;chambre=&amp;vue=mois&amp;mois=2026-12).</summary>
public sealed class AgendaFilter
{
    public EventKind? Kind { get; set; }

    /// <summary>A town, or "en-ligne" for online events.</summary>
    public string? Place { get; set; }

    /// <summary>"gratuit" or "payant".</summary>
    public string? Price { get; set; }

    public string? Chamber { get; set; }

    public bool MonthView { get; set; }

    public DateOnly? Month { get; set; }

    public bool Past { get; set; }

    public const string Online = "en-ligne";
    public const string FreeOnly = "gratuit";
    public const string PaidOnly = "payant";

    public static AgendaFilter FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new AgendaFilter
        {
            Kind = Enum.TryParse<EventKind>(query["type"], ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null,
            Place = Clean(query["lieu"]),
            Price = query["prix"].ToString() is FreeOnly or PaidOnly ? query["prix"].ToString() : null,
            Chamber = Clean(query["chambre"]),
            MonthView = query["vue"] == "mois",
            Past = query["passes"] == "1",
        };
        if (DateOnly.TryParseExact(query["mois"].ToString(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            filter.Month = month;
        }

        return filter;
    }

    /// <summary>The query string of these filters with some changed (null removes one).</summary>
    public string With(string key, string? value)
    {
        var values = new Dictionary<string, string?>
        {
            ["type"] = Kind?.ToString(),
            ["lieu"] = Place,
            ["prix"] = Price,
            ["chambre"] = Chamber,
            ["vue"] = MonthView ? "mois" : null,
            ["mois"] = Month?.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ["passes"] = Past ? "1" : null,
        };
        values[key] = value;
        var parts = values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}").ToList();
        return parts.Count == 0 ? "?" : "?" + string.Join('&', parts);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) || value.Length > 80 ? null : value.Trim();
}

public sealed record AgendaItem(AgendaEvent Event, string ChamberSlug, string ChamberName);

/// <summary>Reads the agenda for people: published events they may see, filtered as the URL says.</summary>
public sealed class AgendaQuery(MaillageDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Events of the given chambers (all when null). Members-only events are listed only for the chambers in
    /// <paramref name="memberOf"/> (members and staff).
    /// </summary>
    public async Task<IReadOnlyList<AgendaItem>> ListAsync(IReadOnlyCollection<Guid>? chambers, AgendaFilter filter, IReadOnlyCollection<Guid> memberOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(memberOf);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Set<AgendaEvent>().AsNoTracking().Where(e => e.Status != EventStatus.Proposed);
        if (chambers is not null)
        {
            query = query.Where(e => chambers.Contains(e.ChamberId));
        }

        query = query.Where(e => e.Visibility == EventVisibility.Public || memberOf.Contains(e.ChamberId));
        if (filter.Kind is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (filter.Place == AgendaFilter.Online)
        {
            query = query.Where(e => e.OnlineUrl != null);
        }
        else if (filter.Place is { } town)
        {
            query = query.Where(e => e.Town == town);
        }

        if (filter.Price == AgendaFilter.FreeOnly)
        {
            query = query.Where(e => e.MemberPrice == 0 && e.NonMemberPrice == 0);
        }
        else if (filter.Price == AgendaFilter.PaidOnly)
        {
            query = query.Where(e => e.MemberPrice > 0 || e.NonMemberPrice > 0);
        }

        if (filter.MonthView)
        {
            var month = filter.Month ?? DateOnly.FromDateTime(EventTime.ToLocal(now, EventTime.DefaultZone));
            var first = EventTime.ToUtc(new DateTime(month.Year, month.Month, 1, 0, 0, 0), EventTime.DefaultZone).AddDays(-1);
            var last = first.AddDays(33);
            query = query.Where(e => e.StartsAtUtc >= first && e.StartsAtUtc < last);
        }
        else if (filter.Past)
        {
            query = query.Where(e => e.EndsAtUtc < now).OrderByDescending(e => e.StartsAtUtc);
        }
        else
        {
            query = query.Where(e => e.EndsAtUtc >= now).OrderBy(e => e.StartsAtUtc);
        }

        var events = await query.Take(300).ToListAsync(ct);
        var names = await db.Chambers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => (c.Slug, c.ShortName), ct);
        var items = events.Select(e => new AgendaItem(e, names[e.ChamberId].Slug, names[e.ChamberId].ShortName));
        return filter.Past && !filter.MonthView ? items.ToList() : items.OrderBy(i => i.Event.StartsAtUtc).ToList();
    }

    /// <summary>The towns that appear in the chambers' events, for the place filter.</summary>
    public async Task<IReadOnlyList<string>> TownsAsync(IReadOnlyCollection<Guid>? chambers, CancellationToken ct)
    {
        var query = db.Set<AgendaEvent>().AsNoTracking().Where(e => e.Town != null && e.Status != EventStatus.Proposed);
        if (chambers is not null)
        {
            query = query.Where(e => chambers.Contains(e.ChamberId));
        }

        return await query.Select(e => e.Town!).Distinct().OrderBy(t => t).Take(100).ToListAsync(ct);
    }

    public Task<List<Chamber>> ChambersAsync(CancellationToken ct) => db.Chambers.AsNoTracking().OrderBy(c => c.Slug).ToListAsync(ct);

    /// <summary>Chambers where the person sees members-only events: as staff, or as a member of an organisation.</summary>
    public static IReadOnlyCollection<Guid> InsiderChambers(Infrastructure.Access.Snapshot me)
    {
        ArgumentNullException.ThrowIfNull(me);
        return me.Chambers.Keys.Concat(me.Organisations.Values.Select(o => o.ChamberId)).Distinct().ToList();
    }
}
