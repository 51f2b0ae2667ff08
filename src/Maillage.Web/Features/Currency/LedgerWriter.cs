using System.Data.Common;
using System.Threading.Channels;
using Maillage.Domain.Currency;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// The one writer of the ledger in this process, with group commit (see docs/ledger-design.md). Commands queue up;
/// the writer takes every queued command (up to <see cref="MaxBatch"/>) and applies them in one transaction that
/// holds the ledger lock (a PostgreSQL advisory lock shared by every instance; SQLite's write lock), loads the few
/// rows they name, runs the domain rules in memory in arrival order, writes the new operations, balances, chain
/// head and keys, and commits durably. Only then does each caller get its answer. A refused command is answered
/// with its <see cref="LedgerException"/> and writes nothing; the others in the batch are unaffected.
/// </summary>
public sealed class LedgerWriter : IAsyncDisposable
{
    public const int MaxBatch = 1_024;

    /// <summary>"Ledger" in ASCII: distinct from the migration lock.</summary>
    internal const long AdvisoryLockKey = 0x4C6564676572;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<LedgerWriter> _logger;
    private readonly Task _loop;

    public LedgerWriter(IServiceScopeFactory scopes, ILogger<LedgerWriter> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>How many transactions and commands were written: group commit's effect is Commands / Transactions.</summary>
    public long Transactions { get; private set; }

    public long Commands { get; private set; }

    /// <summary>Applies a command durably; throws <see cref="LedgerException"/> when refused (nothing written).</summary>
    public Task<LedgerOutcome> SubmitAsync(LedgerCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var pending = new Pending(command, new TaskCompletionSource<LedgerOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        // Cancelling stops the wait, not the write: a queued command may still be applied (its key makes a retry safe).
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteAsync(batch);
            }
            catch (Exception e) when (batch.Count > 1)
            {
                // One bad command (or a transient failure) must not fail its neighbours: retry each alone.
                _logger.LogWarning(e, "Ledger batch of {Count} failed; applying its commands one by one", batch.Count);
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending);
                }
            }
            catch (Exception e)
            {
                batch[0].Completion.TrySetException(e);
            }

            batch.Clear();
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await WriteAsync([pending]);
        }
#pragma warning disable CA1031 // The failure belongs to the caller waiting on this command: it is handed over, not swallowed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            pending.Completion.TrySetException(e);
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();

        // Every instance's writer takes the ledger lock first (LoadAsync), so batches never interleave nor deadlock.
        var commands = new LedgerCommand[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            commands[i] = batch[i].Command;
        }

        var working = await LedgerWorkingSet.LoadAsync(db, commands);
        var answers = new (LedgerOutcome? Outcome, LedgerException? Refusal)[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                answers[i] = (Ledger.Execute(working.State, commands[i]), null);
            }
            catch (LedgerException refusal)
            {
                answers[i] = (null, refusal);
            }
        }

        await working.SaveAsync();
        await transaction.CommitAsync();

        Transactions++;
        Commands += batch.Count;
        for (var i = 0; i < batch.Count; i++)
        {
            if (answers[i].Refusal is { } refusal)
            {
                batch[i].Completion.TrySetException(refusal);
            }
            else
            {
                batch[i].Completion.TrySetResult(answers[i].Outcome!);
            }
        }
    }

    private sealed record Pending(LedgerCommand Command, TaskCompletionSource<LedgerOutcome> Completion);
}

/// <summary>Reads a whole chamber's ledger into a <see cref="LedgerState"/> (a batch's working set is <see cref="LedgerWorkingSet"/>).</summary>
public static class LedgerStore
{
    /// <summary>Everything of one chamber's currency, read in one snapshot (for verification and statements).</summary>
    public static async Task<LedgerState> LoadChamberAsync(MaillageDbContext db, Guid chamberId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await BeginSnapshotAsync(db, cancellationToken);
            var state = new LedgerState();
            var currency = await db.Set<CurrencyDefinition>().AsNoTracking().SingleOrDefaultAsync(c => c.ChamberId == chamberId, cancellationToken);
            if (currency is null)
            {
                return state;
            }

            state.Load(currency);
            (await db.Set<LedgerAccount>().AsNoTracking().Where(a => a.ChamberId == chamberId).ToListAsync(cancellationToken)).ForEach(state.Load);
            (await db.Set<Operation>().AsNoTracking().Include(o => o.Entries).Where(o => o.ChamberId == chamberId).OrderBy(o => o.Sequence).ToListAsync(cancellationToken)).ForEach(o => state.Load(o));
            (await db.Set<PaymentRequest>().AsNoTracking().Where(r => r.ChamberId == chamberId).ToListAsync(cancellationToken)).ForEach(state.Load);
            (await db.Set<RecurringPayment>().AsNoTracking().Where(r => r.ChamberId == chamberId).ToListAsync(cancellationToken)).ForEach(state.Load);
            (await db.Set<IdempotencyRecord>().AsNoTracking().Where(r => r.ChamberId == chamberId).ToListAsync(cancellationToken)).ForEach(state.Load);
            await transaction.CommitAsync(cancellationToken);
            return state;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A consistent read without blocking the writer: PostgreSQL's repeatable read is a snapshot; SQLite's deferred
    /// transaction reads one version of the file (the writer waits only if it must, never the other way round).
    /// </summary>
    private static async Task<DbTransaction> BeginSnapshotAsync(MaillageDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        DbTransaction transaction = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return transaction;
    }
}
