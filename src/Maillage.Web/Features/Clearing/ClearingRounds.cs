using Maillage.Domain.Clearing;
using Maillage.Domain.Currency;
using Maillage.Domain.Invoices;
using Maillage.Web.Data;
using Maillage.Web.Features.Currency;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Clearing;

/// <summary>The outcome of asking for a round: the round (completed or failed), or null when one was already running.</summary>
public sealed record RoundOutcome(ClearingRound? Round)
{
    public bool AlreadyRunning => Round is null;
}

/// <summary>
/// Runs a chamber's clearing rounds. A round takes the chamber's running marker with a conditional update (two
/// rounds of one chamber never overlap, whichever instance starts them), computes the exact plan on the confirmed
/// invoices, then books every reduction, the round and the notices in one transaction. An invoice changed since it
/// was read (its version moved) fails the booking: it is then excluded with its reason and the plan computed again
/// without it, so the round books everything or nothing. When members opted in to the liquidity-saving step, the
/// round also moves currency between them: that ledger operation joins the same transaction.
/// </summary>
public sealed class ClearingRounds(MaillageDbContext db, AuditLog audit, EmailOutbox outbox, IStringLocalizer<SharedResource> l, TimeProvider clock, ILogger<ClearingRounds> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// The step moves currency one-for-one with francs, so it runs only for a currency counted in hundredths like
    /// invoices are (a currency pegged to the franc, as WIR or Léman are).
    /// </summary>
    public const int CurrencyMinorDigits = 2;

    /// <summary>Called after the plan is computed and before it is booked (tests use it to change an invoice mid-round).</summary>
    public Func<ClearingPlan, Task>? BeforeBookingAsync { get; set; }

    public async Task<RoundOutcome> RunAsync(Guid chamberId, string chamberSlug, ClearingTrigger trigger, Guid? userId, string startedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var round = ClearingRound.Start(chamberId, trigger, userId, startedBy, now);
        if (!await ClaimAsync(chamberId, round.Id, now, ct))
        {
            return new RoundOutcome(null);
        }

        db.Set<ClearingRound>().Add(round);
        await db.SaveChangesAsync(ct);
        var changed = new HashSet<Guid>();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                db.ChangeTracker.Clear();
                if (await TryBookAsync(chamberId, chamberSlug, round.Id, changed, ct))
                {
                    break;
                }

                if (attempt == MaxAttempts)
                {
                    throw new InvalidOperationException($"Invoices kept changing during {MaxAttempts} attempts.");
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Clearing round {RoundId} of chamber {ChamberId} failed; nothing was booked", round.Id, chamberId);
            db.ChangeTracker.Clear();
            var failed = await db.Set<ClearingRound>().SingleAsync(r => r.Id == round.Id, CancellationToken.None);
            failed.Fail(e.Message, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
            await ReleaseAsync(chamberId, round.Id, CancellationToken.None);
        }

        db.ChangeTracker.Clear();
        return new RoundOutcome(await db.Set<ClearingRound>().AsNoTracking().SingleAsync(r => r.Id == round.Id, CancellationToken.None));
    }

    /// <summary>
    /// Runs the rounds whose scheduled time has come. Each schedule is advanced with a conditional update first, so
    /// among several instances only the one whose update succeeds runs the round.
    /// </summary>
    public async Task<int> RunDueSchedulesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<ClearingSchedule>().AsNoTracking()
            .Where(s => s.NextRunAt != null && s.NextRunAt <= now && s.DayOfMonth != null)
            .Join(db.Chambers, s => s.ChamberId, c => c.Id, (s, c) => new { s.ChamberId, c.Slug, s.NextRunAt, s.DayOfMonth })
            .ToListAsync(ct);
        var ran = 0;
        foreach (var schedule in due)
        {
            var next = ClearingSchedule.NextOccurrence(schedule.DayOfMonth!.Value, now);
            var claimed = await db.Set<ClearingSchedule>()
                .Where(s => s.ChamberId == schedule.ChamberId && s.NextRunAt == schedule.NextRunAt)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextRunAt, next), ct);
            if (claimed == 1)
            {
                await RunAsync(schedule.ChamberId, schedule.Slug, ClearingTrigger.Schedule, null, l["Clearing.BySchedule"], ct);
                ran++;
            }
        }

        return ran;
    }

    /// <summary>The chamber's schedule, created on first use (two first uses at once: one insert wins, both read it).</summary>
    public async Task<ClearingSchedule> ScheduleAsync(Guid chamberId, CancellationToken ct)
    {
        var schedule = await db.Set<ClearingSchedule>().FirstOrDefaultAsync(s => s.ChamberId == chamberId, ct);
        if (schedule is not null)
        {
            return schedule;
        }

        schedule = new ClearingSchedule(chamberId);
        db.Set<ClearingSchedule>().Add(schedule);
        try
        {
            await db.SaveChangesAsync(ct);
            return schedule;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.Set<ClearingSchedule>().SingleAsync(s => s.ChamberId == chamberId, ct);
        }
    }

    private async Task<bool> ClaimAsync(Guid chamberId, Guid roundId, DateTime now, CancellationToken ct)
    {
        await ScheduleAsync(chamberId, ct);
        db.ChangeTracker.Clear();
        var stale = now - ClearingSchedule.StaleAfter;
        var claimed = await db.Set<ClearingSchedule>()
            .Where(s => s.ChamberId == chamberId && (s.RunningRoundId == null || s.RunningSince < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RunningRoundId, roundId).SetProperty(x => x.RunningSince, now), ct);
        return claimed == 1;
    }

    private Task<int> ReleaseAsync(Guid chamberId, Guid roundId, CancellationToken ct) =>
        db.Set<ClearingSchedule>()
            .Where(s => s.ChamberId == chamberId && s.RunningRoundId == roundId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RunningRoundId, (Guid?)null).SetProperty(x => x.RunningSince, (DateTime?)null), ct);

    /// <returns>False when an invoice changed under the round (it is added to <paramref name="changed"/>); nothing is booked then.</returns>
    private async Task<bool> TryBookAsync(Guid chamberId, string chamberSlug, Guid roundId, HashSet<Guid> changed, CancellationToken ct)
    {
        // Read before the transaction: on SQLite a transaction that reads first cannot always take the write lock.
        var open = await db.Set<InterMemberInvoice>()
            .Where(i => i.ChamberId == chamberId && i.Remaining > 0
                && (i.State == InvoiceState.Declared || i.State == InvoiceState.Confirmed || i.State == InvoiceState.PartlyCleared || i.State == InvoiceState.Disputed))
            .OrderBy(i => i.DeclaredAt).ThenBy(i => i.Id)
            .ToListAsync(ct);
        var round = await db.Set<ClearingRound>().SingleAsync(r => r.Id == roundId, ct);
        var taking = open.Where(i => i.TakesPartInClearing && !changed.Contains(i.Id)).ToList();
        var exclusions = open.Where(i => !taking.Contains(i)).Select(i => (i.Id, changed.Contains(i.Id) ? ExclusionReason.ChangedDuringRound
            : i.State == InvoiceState.Disputed ? ExclusionReason.Disputed : ExclusionReason.NotConfirmed)).ToList();
        var (liquidity, accountOf) = await LiquidityAsync(chamberId, ct);
        var plan = ClearingPlan.Compute(taking.Select(i => new ClearableInvoice(i.Id, i.DebtorId, i.CreditorId, i.Number, i.Remaining, i.DueDate, i.Version)).ToList(), liquidity);
        if (BeforeBookingAsync is { } hook)
        {
            await hook(plan);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var byId = taking.ToDictionary(i => i.Id);
        foreach (var line in plan.Lines.Where(x => x.Reduction > 0))
        {
            byId[line.InvoiceId].ApplyClearing(line.Reduction, now);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Guid? currencyOperation = null;
        if (plan.CurrencyTransfers.Count > 0)
        {
            var transfers = plan.CurrencyTransfers.Select(t => new SettlementTransfer(accountOf[t.OrganisationId], -t.Pays)).ToList();
            try
            {
                var outcome = await LedgerInTransaction.ApplyAsync(db, new SettleClearing(chamberId, roundId, transfers, new LedgerActor(round.StartedByUserId, round.StartedByName), now), ct);
                currencyOperation = outcome.ResultId;
            }
            catch (LedgerException refusal)
            {
                // A balance, limit or block changed since the liquidity was read: read it again and plan again.
                await transaction.RollbackAsync(ct);
                logger.LogInformation("Clearing round {RoundId}: the ledger refused the settlement ({Code}), computing again", roundId, refusal.Code);
                return false;
            }
        }

        round.Complete(plan, exclusions, now, currencyOperation);
        audit.Record(chamberId, "clearing.completed", nameof(ClearingRound), round.Id, $"CHF {MoneyText.Format(plan.TotalCleared)} / {MoneyText.Format(plan.TotalSubmitted)}");
        await NotifyAsync(chamberId, chamberSlug, round, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e)
        {
            await transaction.RollbackAsync(ct);
            foreach (var entry in e.Entries)
            {
                if (entry.Entity is InterMemberInvoice invoice)
                {
                    changed.Add(invoice.Id);
                }
            }

            logger.LogInformation("Clearing round {RoundId}: {Count} invoice(s) changed meanwhile, computing again without them", roundId, e.Entries.Count);
            return false;
        }

        await ReleaseAsync(chamberId, roundId, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// What each organisation that opted in may pay and receive in the chamber's currency: its available amount
    /// (capped by its own limit per round) and its room below its ceiling. Blocked accounts take no part.
    /// </summary>
    private async Task<(Dictionary<Guid, MemberLiquidity> Liquidity, Dictionary<Guid, Guid> AccountOf)> LiquidityAsync(Guid chamberId, CancellationToken ct)
    {
        if (!await db.Set<CurrencyDefinition>().AnyAsync(c => c.ChamberId == chamberId && c.MinorDigits == CurrencyMinorDigits, ct))
        {
            return ([], []);
        }

        var consenting = await db.Set<CurrencyConsent>().AsNoTracking()
            .Where(c => c.ChamberId == chamberId)
            .Join(db.Set<LedgerAccount>().Where(a => a.ChamberId == chamberId && !a.IsBlocked), c => c.OrganisationId, a => a.OrganisationId, (c, a) => new { c.UpTo, Account = a })
            .ToListAsync(ct);
        var liquidity = new Dictionary<Guid, MemberLiquidity>();
        var accountOf = new Dictionary<Guid, Guid>();
        foreach (var member in consenting)
        {
            var organisation = member.Account.OrganisationId!.Value;
            var canPay = Math.Max(0, Math.Min(member.Account.Available, member.UpTo ?? long.MaxValue));
            var canReceive = member.Account.Ceiling is { } ceiling ? Math.Max(0, ceiling - member.Account.Balance) : long.MaxValue;
            liquidity[organisation] = new MemberLiquidity(canPay, canReceive);
            accountOf[organisation] = member.Account.Id;
        }

        return (liquidity, accountOf);
    }

    /// <summary>Every person of every organisation the round helped gets a link to its set-off notice.</summary>
    private async Task NotifyAsync(Guid chamberId, string chamberSlug, ClearingRound round, CancellationToken ct)
    {
        var helped = round.Entries.Where(e => e.Reduction > 0).SelectMany(e => new[] { e.DebtorId, e.CreditorId }).Distinct().ToList();
        if (helped.Count == 0)
        {
            return;
        }

        var people = await db.OrganisationMembers.AsNoTracking()
            .Where(m => helped.Contains(m.OrganisationId))
            .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => new { m.UserId, o.Id, o.Slug })
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { x.Id, x.Slug, u.Email })
            .ToListAsync(ct);
        foreach (var person in people.Where(p => p.Email is not null))
        {
            var reduced = round.Entries.Where(e => e.DebtorId == person.Id || e.CreditorId == person.Id).Sum(e => e.Reduction);
            var link = outbox.Link($"/{chamberSlug}/espace/{person.Slug}/factures/compensation/{round.Id}");
            outbox.Queue(chamberId, person.Email!, l["Clearing.MailSubject"], l["Clearing.MailBody", MoneyText.Format(reduced), link], EmailKinds.SetOff);
        }
    }
}

/// <summary>Checks every minute for scheduled rounds that are due and runs them.</summary>
public sealed class ClearingScheduler(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ClearingScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ClearingRounds>().RunDueSchedulesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a broken database must not stop the host.
                logger.LogError(e, "Scheduled clearing rounds could not be checked");
            }
        }
    }
}
