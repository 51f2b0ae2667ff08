using System.Text;
using Maillage.Domain.Agenda;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Agenda;

/// <summary>
/// iCalendar downloads and feeds (text/calendar): one event, a chamber's public agenda, and a person's
/// registrations behind a secret address (their email, protected by the platform's data-protection keys, which
/// every instance shares).
/// </summary>
public static class AgendaCalendar
{
    private const string FeedPurpose = "Maillage.Agenda.PersonalFeed";

    public static IEndpointRouteBuilder MapAgendaCalendar(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{chamber}/agenda/{id:guid}/calendrier.ics", EventAsync).ExcludeFromDescription();
        app.MapGet("/{chamber}/agenda/calendrier.ics", ChamberFeedAsync).ExcludeFromDescription();
        app.MapGet("/agenda/mes-inscriptions/{key}/calendrier.ics", PersonalFeedAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>The secret part of a person's feed address.</summary>
    public static string FeedKey(IDataProtectionProvider protection, string email)
    {
        ArgumentNullException.ThrowIfNull(protection);
        return protection.CreateProtector(FeedPurpose).Protect(Registration.NormaliseEmail(email));
    }

    public static IEnumerable<CalendarEntry> Entries(AgendaEvent agendaEvent, string url)
    {
        ArgumentNullException.ThrowIfNull(agendaEvent);
        var count = agendaEvent.Sessions.Count;
        foreach (var session in agendaEvent.Sessions)
        {
            var uid = session.Position == 0 ? $"{agendaEvent.Id}@maillage" : $"{agendaEvent.Id}-{session.Position}@maillage";
            var summary = count > 1 ? $"{agendaEvent.Title} ({session.Position + 1}/{count})" : agendaEvent.Title;
            yield return new CalendarEntry(uid, agendaEvent.Sequence, session.LocalStart, session.LocalEnd, agendaEvent.TimeZoneId, summary,
                agendaEvent.Description, AgendaDisplay.Place(agendaEvent), url, agendaEvent.Status == EventStatus.Cancelled, agendaEvent.UpdatedAt);
        }
    }

    private static async Task<IResult> EventAsync(string chamber, Guid id, ChamberResolver chambers, Access access, MaillageDbContext db, EmailOutbox links, TimeProvider clock, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return Results.NotFound();
        }

        var agendaEvent = await db.Set<AgendaEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.ChamberId == found.Id && e.Status != EventStatus.Proposed, ct);
        if (agendaEvent is null || (agendaEvent.Visibility == EventVisibility.MembersOnly && !AgendaQuery.InsiderChambers(await access.GetAsync(ct)).Contains(found.Id)))
        {
            return Results.NotFound();
        }

        var text = ICalendarWriter.Write(agendaEvent.Title, Entries(agendaEvent, links.Link($"/{found.Slug}/agenda/{id}")), clock.GetUtcNow().UtcDateTime);
        return Results.File(Encoding.UTF8.GetBytes(text), ICalendarWriter.ContentType, $"evenement-{id.ToString("N")[..8]}.ics");
    }

    private static async Task<IResult> ChamberFeedAsync(string chamber, ChamberResolver chambers, MaillageDbContext db, EmailOutbox links, TimeProvider clock, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return Results.NotFound();
        }

        var since = clock.GetUtcNow().UtcDateTime.AddDays(-90);
        var events = await db.Set<AgendaEvent>().AsNoTracking()
            .Where(e => e.ChamberId == found.Id && e.Status != EventStatus.Proposed && e.Visibility == EventVisibility.Public && e.EndsAtUtc >= since)
            .OrderBy(e => e.StartsAtUtc).Take(500).ToListAsync(ct);
        var text = ICalendarWriter.Write($"{found.ShortName} — agenda", events.SelectMany(e => Entries(e, links.Link($"/{found.Slug}/agenda/{e.Id}"))), clock.GetUtcNow().UtcDateTime);
        return Results.Text(text, ICalendarWriter.ContentType, Encoding.UTF8);
    }

    private static async Task<IResult> PersonalFeedAsync(string key, IDataProtectionProvider protection, MaillageDbContext db, EmailOutbox links, TimeProvider clock, CancellationToken ct)
    {
        string email;
        try
        {
            email = protection.CreateProtector(FeedPurpose).Unprotect(key);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Results.NotFound();
        }

        var rows = await db.Set<Registration>().AsNoTracking()
            .Where(r => r.Email == email && (r.State == RegistrationState.Confirmed || r.State == RegistrationState.Waitlisted || r.State == RegistrationState.Attended))
            .Join(db.Set<AgendaEvent>(), r => r.EventId, e => e.Id, (r, e) => e)
            .Join(db.Chambers, e => e.ChamberId, c => c.Id, (e, c) => new { Event = e, c.Slug })
            .OrderBy(x => x.Event.StartsAtUtc).Take(500).ToListAsync(ct);
        var text = ICalendarWriter.Write("Mes inscriptions — Maillage", rows.SelectMany(x => Entries(x.Event, links.Link($"/{x.Slug}/agenda/{x.Event.Id}"))), clock.GetUtcNow().UtcDateTime);
        return Results.Text(text, ICalendarWriter.ContentType, Encoding.UTF8);
    }
}
