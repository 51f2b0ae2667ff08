using Maillage.Domain.Currency;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Currency;

/// <summary>What one run of the currency's schedule did.</summary>
public sealed record ScheduleRun(int OccurrencesPaid, int OccurrencesReplayed, int OccurrencesRefused, int RequestsExpired, int OccurrencesSkipped = 0);

/// <summary>
/// Pays the standing orders that are due and marks overdue requests expired, every minute. Safe with several
/// instances on one database: each occurrence is paid under its implied idempotency key
/// ("recurring:{order}:{n}"), so when two instances run at once the second gets a replay, never a second payment.
/// An occurrence that cannot be paid is tried again at each run for <see cref="RecurringPayment.RetryDays"/> days,
/// then skipped (under the same key) and the payer's people told, so no order is retried forever.
/// </summary>
public sealed class CurrencyScheduler(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<CurrencyScheduler> logger) : BackgroundService
{
    public async Task<ScheduleRun> RunOnceAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
        var ledger = scope.ServiceProvider.GetRequiredService<LedgerService>();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Infrastructure.Display.SwissTime));
        int paid = 0, replayed = 0, refused = 0, expired = 0, skipped = 0;

        var overdue = await db.Set<PaymentRequest>().AsNoTracking().Where(r => r.State == PaymentRequestState.Pending && r.ExpiresAt <= now)
            .Select(r => new { r.Id, r.ChamberId }).Take(1_000).ToListAsync(ct);
        foreach (var request in overdue)
        {
            try
            {
                await ledger.ExecuteAsync(new ExpireRequest(request.ChamberId, request.Id, LedgerActor.System, now), ct);
                expired++;
            }
            catch (LedgerException)
            {
                // Answered meanwhile (or by another instance): nothing to do.
            }
        }

        var orders = await db.Set<RecurringPayment>().AsNoTracking().Where(r => r.IsActive && !r.IsPaused).ToListAsync(ct);
        foreach (var order in orders)
        {
            foreach (var occurrence in order.DueOccurrences(today))
            {
                try
                {
                    var outcome = await ledger.ExecuteAsync(new PayRecurringOccurrence(order.ChamberId, order.Id, occurrence, LedgerActor.System, now), ct);
                    if (outcome.Replayed)
                    {
                        replayed++;
                    }
                    else
                    {
                        paid++;
                    }
                }
                catch (LedgerException e)
                {
                    // Insufficient funds, a blocked account, or another instance got there first: try again next run,
                    // unless the occurrence's retry days are over.
                    refused++;
                    logger.LogInformation("Standing order {Order} occurrence {Occurrence} not paid: {Code}", order.Id, occurrence, e.Code);
                    if (order.RetryDaysOver(occurrence, today) && await SkipAsync(scope.ServiceProvider, order, occurrence, e.Code, now, ct))
                    {
                        skipped++;
                        continue;
                    }

                    break;
                }
            }
        }

        return new ScheduleRun(paid, replayed, refused, expired, skipped);
    }

    /// <summary>Gives the occurrence up and tells the payer's people why; false when another instance did it first.</summary>
    private static async Task<bool> SkipAsync(IServiceProvider services, RecurringPayment order, int occurrence, string reason, DateTime now, CancellationToken ct)
    {
        var ledger = services.GetRequiredService<LedgerService>();
        try
        {
            var outcome = await ledger.ExecuteAsync(new SkipRecurringOccurrence(order.ChamberId, order.Id, occurrence, LedgerActor.System, now), ct);
            if (outcome.Replayed)
            {
                return false;
            }
        }
        catch (LedgerException)
        {
            return false;
        }

        // A background run has no visitor's language: the chamber's emails are French first.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("fr-CH");
        var db = services.GetRequiredService<MaillageDbContext>();
        var payer = await db.Set<Maillage.Domain.Currency.Account>().AsNoTracking().Where(a => a.Id == order.PayerAccountId)
            .Join(db.Organisations, a => a.OrganisationId, o => (Guid?)o.Id, (a, o) => new { o.Id, o.Slug, o.ChamberId })
            .Join(db.Chambers, o => o.ChamberId, c => c.Id, (o, c) => new { o.Id, o.Slug, Chamber = c.Slug })
            .FirstOrDefaultAsync(ct);
        if (payer is null)
        {
            return true;
        }

        var notifications = services.GetRequiredService<Notifications.NotificationCenter>();
        var people = await notifications.PeopleOfAsync([payer.Id], ct);
        var l = services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        var outbox = services.GetRequiredService<Email.EmailOutbox>();
        var link = $"/{payer.Chamber}/espace/{payer.Slug}/monnaie/recurrents";
        var date = Infrastructure.Display.Date(order.DateOf(occurrence));
        var why = reason switch
        {
            LedgerErrors.InsufficientFunds => l["Currency.Recurring.ReasonFunds"],
            LedgerErrors.AccountBlocked => l["Currency.Recurring.ReasonBlocked"],
            _ => l["Currency.Recurring.ReasonOther"],
        };
        notifications.Notify(people.Select(p => p.UserId), order.ChamberId, CurrencyEmailKinds.StandingOrderSkipped, link, "Currency.Recurring.SkippedNotice", order.Description, date);
        foreach (var email in people.Select(p => p.Email).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            outbox.Queue(order.ChamberId, email, l["Currency.Recurring.SkippedSubject", order.Description],
                l["Currency.Recurring.SkippedBody", order.Description, date, RecurringPayment.RetryDays, why, outbox.Link(link)], CurrencyEmailKinds.StandingOrderSkipped);
        }

        await db.SaveChangesAsync(ct);
        return true;
    }


    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Maillage:Currency:ScheduleSeconds", 60);
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Currency schedule run failed; next run in {Seconds} s", seconds);
            }
        }
    }
}

/// <summary>Kinds of the currency's emails and notices.</summary>
public static class CurrencyEmailKinds
{
    public const string StandingOrderSkipped = "standing-order-skipped";
}
