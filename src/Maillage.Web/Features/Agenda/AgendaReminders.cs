using Maillage.Domain.Agenda;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Agenda;

/// <summary>
/// Writes the reminder of the day before to people holding a seat. Each reminder is claimed by a conditional
/// update (ReminderSentAt still empty) in the same transaction as its email: with several instances, exactly one
/// claims it, and a crash before the commit leaves it to be sent by the next pass.
/// </summary>
public sealed class AgendaReminders(MaillageDbContext db, EmailOutbox outbox, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public static readonly TimeSpan Lead = TimeSpan.FromHours(24);

    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now + Lead;
        var due = await db.Set<Registration>().AsNoTracking()
            .Join(db.Set<AgendaEvent>(), r => r.EventId, e => e.Id, (r, e) => new { Registration = r, e.StartsAtUtc, e.Status })
            .Where(x => x.Status == EventStatus.Published && x.StartsAtUtc > now && x.StartsAtUtc <= horizon
                && x.Registration.State == RegistrationState.Confirmed && x.Registration.ReminderSentAt == null)
            .Select(x => x.Registration.Id)
            .Take(500)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Set<Registration>()
                .Where(r => r.Id == id && r.ReminderSentAt == null && r.State == RegistrationState.Confirmed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReminderSentAt, now), ct);
            if (claimed != 1)
            {
                continue;
            }

            var registration = await db.Set<Registration>().AsNoTracking().SingleAsync(r => r.Id == id, ct);
            var agendaEvent = await db.Set<AgendaEvent>().AsNoTracking().SingleAsync(e => e.Id == registration.EventId, ct);
            var slug = await db.Chambers.AsNoTracking().Where(c => c.Id == agendaEvent.ChamberId).Select(c => c.Slug).SingleAsync(ct);
            outbox.Queue(agendaEvent.ChamberId, registration.Email, l["Agenda.Mail.ReminderSubject", agendaEvent.Title],
                l["Agenda.Mail.ReminderBody", registration.FirstName, agendaEvent.Title, AgendaDisplay.Range(agendaEvent), AgendaDisplay.Place(agendaEvent), outbox.Link($"/{slug}/agenda/inscription/{registration.Token}")],
                AgendaEmailKinds.Reminder);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            sent++;
        }

        return sent;
    }
}

/// <summary>
/// Every few minutes on every instance: writes due reminders (the claim makes that safe) and expires unconfirmed
/// registrations (under each event's lock, with a conditional update: safe too).
/// </summary>
public sealed class AgendaReminderJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AgendaReminderJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<AgendaReminders>().SendDueAsync(stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("Agenda reminders written: {Count}", sent);
                }

                var expired = await scope.ServiceProvider.GetRequiredService<AgendaRegistrations>().ExpirePendingAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Unconfirmed agenda registrations expired: {Count}", expired);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a broken database must not stop the host.
                logger.LogError(e, "Agenda reminders could not be checked");
            }
        }
    }
}
