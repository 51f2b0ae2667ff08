using System.Text;
using System.Text.Json;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Procurement;

public sealed record DigestEntry(Guid NoticeId, string Title, string? Buyer, DateTime? Deadline, string Why);

public sealed record DigestContent(IReadOnlyList<DigestEntry> New, IReadOnlyList<DigestEntry> ClosingSoon);

/// <summary>
/// Daily or weekly digests of a watch profile: the matching notices published since the last digest, and the
/// matching notices closing within 7 days. Each due profile is claimed by moving its next digest time with a
/// conditional update, so with several instances exactly one writes the digest and its email.
/// </summary>
public sealed class TenderDigests(MaillageDbContext db, TenderQueries queries, EmailOutbox outbox, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public static readonly TimeSpan ClosingWindow = TimeSpan.FromDays(7);

    public static DateTime? NextRun(DigestFrequency frequency, DateTime now)
    {
        // Digests go out at 06:00 UTC (07:00 or 08:00 in Switzerland), weekly ones on Mondays.
        var next = now.Date.AddHours(6);
        if (next <= now)
        {
            next = next.AddDays(1);
        }

        return frequency switch
        {
            DigestFrequency.Daily => next,
            DigestFrequency.Weekly => next.AddDays(((int)DayOfWeek.Monday - (int)next.DayOfWeek + 7) % 7),
            _ => null,
        };
    }

    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<WatchProfile>().AsNoTracking().Where(p => p.NextDigestAt != null && p.NextDigestAt <= now).ToListAsync(ct);
        var sent = 0;
        foreach (var profile in due)
        {
            var next = NextRun(profile.Frequency, now);
            var claimed = await db.Set<WatchProfile>()
                .Where(p => p.Id == profile.Id && p.NextDigestAt == profile.NextDigestAt)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextDigestAt, next).SetProperty(x => x.LastDigestAt, now), ct);
            if (claimed == 1 && await ProduceAsync(profile, now, ct) is not null)
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>Writes the digest of one profile (and its email to the organisation's people); null when there is nothing to say.</summary>
    public async Task<TenderDigest?> ProduceAsync(WatchProfile profile, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var since = profile.LastDigestAt is { } last && last < now ? last : (profile.Frequency == DigestFrequency.Weekly ? now.AddDays(-7) : now.AddDays(-1));
        var matches = await queries.MatchesAsync(profile, ct);
        string Why(NoticeMatch m) => string.Join(", ", m.Reasons.Select(r => r.Detail));
        DigestEntry Entry(NoticeMatch m) => new(m.Notice.Id, m.Notice.Title, m.Notice.Buyer, m.Notice.TenderDeadline, Why(m));
        var fresh = matches.Where(m => m.Notice.CreatedAt > since).Select(Entry).ToList();
        var closing = matches.Where(m => m.Notice.TenderDeadline is { } d && d > now && d <= now + ClosingWindow).Select(Entry).ToList();
        if (fresh.Count == 0 && closing.Count == 0)
        {
            return null;
        }

        var digest = new TenderDigest
        {
            ChamberId = profile.ChamberId,
            ProfileId = profile.Id,
            OrganisationId = profile.OrganisationId,
            CreatedAt = now,
            NewCount = fresh.Count,
            ClosingCount = closing.Count,
            Data = JsonSerializer.Serialize(new DigestContent(fresh, closing), TenderImporter.Json),
        };
        db.Set<TenderDigest>().Add(digest);

        var place = await db.Organisations.AsNoTracking().Where(o => o.Id == profile.OrganisationId)
            .Join(db.Chambers, o => o.ChamberId, c => c.Id, (o, c) => new { Chamber = c.Slug, Organisation = o.Slug }).SingleAsync(ct);
        var emails = await db.OrganisationMembers.AsNoTracking().Where(m => m.OrganisationId == profile.OrganisationId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).Where(e => e != null).ToListAsync(ct);
        var body = new StringBuilder();
        body.AppendLine(l["Procurement.DigestMailIntro", profile.Name]).AppendLine();
        void Section(string title, IReadOnlyList<DigestEntry> entries)
        {
            if (entries.Count == 0)
            {
                return;
            }

            body.AppendLine(title);
            foreach (var e in entries)
            {
                var deadline = e.Deadline is { } d ? Display.DateTime(d) : l["Procurement.NoDeadline"];
                body.AppendLine(System.Globalization.CultureInfo.CurrentCulture, $"- {e.Title} ({e.Buyer}) — {deadline} — {outbox.Link($"/{place.Chamber}/marches/{e.NoticeId}")}");
            }

            body.AppendLine();
        }

        Section(l["Procurement.DigestNew"], fresh);
        Section(l["Procurement.DigestClosing"], closing);
        body.AppendLine(outbox.Link($"/{place.Chamber}/espace/{place.Organisation}/veille/resumes"));
        foreach (var email in emails)
        {
            outbox.Queue(profile.ChamberId, email!, l["Procurement.DigestMailSubject", fresh.Count, closing.Count], body.ToString(), EmailKinds.TenderDigest);
        }

        await db.SaveChangesAsync(ct);
        return digest;
    }
}
