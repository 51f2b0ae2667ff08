using Maillage.Domain.Currency;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Currency;

/// <summary>What one run of the currency's schedule did.</summary>
public sealed record ScheduleRun(int OccurrencesPaid, int OccurrencesReplayed, int OccurrencesRefused, int RequestsExpired);

/// <summary>
/// Pays the standing orders that are due and marks overdue requests expired, every minute. Safe with several
/// instances on one database: each occurrence is paid under its implied idempotency key
/// ("recurring:{order}:{n}"), so when two instances run at once the second gets a replay, never a second payment.
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
        int paid = 0, replayed = 0, refused = 0, expired = 0;

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
                    // Insufficient funds, a blocked account, or another instance got there first: try again next run.
                    refused++;
                    logger.LogInformation("Standing order {Order} occurrence {Occurrence} not paid: {Code}", order.Id, occurrence, e.Code);
                    break;
                }
            }
        }

        return new ScheduleRun(paid, replayed, refused, expired);
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
