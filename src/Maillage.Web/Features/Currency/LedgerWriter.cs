using System.Data.Common;
using System.Diagnostics;
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

    // The only reader is a blocked thread: a synchronous continuation merely wakes it, with no thread-pool hop.
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<LedgerWriter> _logger;
    private readonly Thread _loop;
    private readonly LedgerDurability _durability;
    private Session? _session;

    public LedgerWriter(IServiceScopeFactory scopes, ILogger<LedgerWriter> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _durability = new LedgerDurability(logger);

        // Its own thread with blocking database calls: between the round trips of a batch, the writer never waits for
        // a thread-pool turn behind the very requests it is about to answer.
        _loop = new Thread(Run) { IsBackground = true, Name = "Ledger writer" };
        _loop.Start();
    }

    /// <summary>How many transactions and commands were written: group commit's effect is Commands / Transactions.</summary>
    public long Transactions { get; private set; }

    public long Commands { get; private set; }

    /// <summary>Batches written from the <see cref="LedgerRowCache"/> with no read, and batches the cache misled and that ran again.</summary>
    public long BatchesFromCache { get; private set; }

    public long CacheRedos { get; private set; }

    /// <summary>Where the committed batches' time went (the benchmark reports it per commit).</summary>
    public LedgerWriterTimings Timings { get; private set; } = new(0, 0, 0, 0);

    /// <summary>SQLite: how often, and how long, the writer waited for a checkpoint because the log had grown too long.</summary>
    public (long Count, TimeSpan Time) LogWaits { get; private set; }

    /// <summary>How the commits were made durable after the writer moved on (none when each commit is synchronous).</summary>
    public (long Flushes, long Batches, long Ticks) Durability => (_durability.Flushes, _durability.FlushedBatches, _durability.FlushTicks);

    /// <summary>Applies a command durably; throws <see cref="LedgerException"/> when refused (nothing written).</summary>
    public Task<LedgerOutcome> SubmitAsync(LedgerCommand command, CancellationToken cancellationToken = default) =>
        SubmitAsync(command, null, cancellationToken);

    /// <summary>
    /// The same, for a command authorised by an access token: the writer checks <paramref name="credential"/> again
    /// inside the transaction and answers <see cref="ApiCredentialException"/> (nothing written) when it no longer allows the call.
    /// </summary>
    public Task<LedgerOutcome> SubmitAsync(LedgerCommand command, ApiCredential? credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var pending = new Pending(command, credential, new TaskCompletionSource<LedgerOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        // Cancelling stops the wait, not the write: a queued command may still be applied (its key makes a retry safe).
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.Run(_loop.Join);

        // Every committed batch is flushed and answered before the session's files and connections close.
        _durability.Dispose();
        _session?.Dispose();
    }

    private void Run()
    {
        var batch = new List<Pending>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                Write(batch);
            }
            catch (Exception e) when (batch.Count > 1)
            {
                // One bad command (or a transient failure) must not fail its neighbours: retry each alone.
                _logger.LogWarning(e, "Ledger batch of {Count} failed; applying its commands one by one", batch.Count);
                foreach (var pending in batch)
                {
                    WriteAlone(pending);
                }
            }
            catch (Exception e)
            {
                batch[0].Completion.TrySetException(e);
            }

            batch.Clear();
        }
    }

    private void WriteAlone(Pending pending)
    {
        try
        {
            Write([pending]);
        }
#pragma warning disable CA1031 // The failure belongs to the caller waiting on this command: it is handed over, not swallowed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            pending.Completion.TrySetException(e);
        }
    }

    private void Write(IReadOnlyList<Pending> batch)
    {
        try
        {
            WriteInSession(batch);
        }
        catch
        {
            // The connection may be broken (a restarted server): the next batch opens a fresh one.
            _session?.Dispose();
            _session = null;
            throw;
        }
    }

    private void WriteInSession(IReadOnlyList<Pending> batch)
    {
        var started = Stopwatch.GetTimestamp();
        if (_durability.Failed)
        {
            // The last flush failed: the connection or the file may be broken; start afresh.
            _session?.Dispose();
            _session = null;
            _durability.Reset();
        }

        _session ??= Session.Open(_scopes, _logger);
        var commands = new LedgerCommand[batch.Count];
        List<Guid>? credentials = null;
        for (var i = 0; i < batch.Count; i++)
        {
            commands[i] = batch[i].Command;
            if (batch[i].Credential is { } credential)
            {
                (credentials ??= []).Add(credential.TokenId);
            }
        }

        RememberWholeChambers(_session, commands);
        if (!WriteOnce(_session, batch, commands, credentials, useCache: true, started))
        {
            WriteOnce(_session, batch, commands, credentials, useCache: false, started);
        }
    }

    /// <summary>
    /// One transaction for the batch. Answers false, having rolled back and forgotten the cache, when rows from the
    /// cache may have misled it (a refusal, or a write that found a row changed or a key used): the caller then runs
    /// the batch again from the database.
    /// </summary>
    private bool WriteOnce(Session session, IReadOnlyList<Pending> batch, LedgerCommand[] commands, List<Guid>? credentials, bool useCache, long started)
    {
        var db = session.Db;
        using var transaction = db.Database.BeginTransaction();

        // Every instance's writer takes the ledger lock first (Load, or the write itself for rows from the cache), so
        // batches never interleave nor deadlock.
        using var working = LedgerWorkingSet.Load(db, commands, session.Statements, credentials, useCache ? session.Cache : null);
        var read = Stopwatch.GetTimestamp();
        var answers = new (LedgerOutcome? Outcome, Exception? Refusal)[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Credential is { } credential
                && ApiCredentialFacts.Refusal(working.Credentials.GetValueOrDefault(credential.TokenId), credential, commands[i].At, working.State.Currencies.GetValueOrDefault(commands[i].ChamberId)) is { } code)
            {
                // The token stopped allowing calls after the API read it: the command is not applied at all.
                answers[i] = (null, new ApiCredentialException(code));
                continue;
            }

            try
            {
                answers[i] = (Ledger.Execute(working.State, commands[i]), null);
            }
            catch (LedgerException refusal)
            {
                answers[i] = (null, refusal);
            }
        }

        if (working.FromCache && answers.Any(a => a.Refusal is not null))
        {
            // Insufficient funds, say, may come from a balance another writer has raised since, a changed unit from a
            // currency changed since: decided again from the database.
            ForgetCache(session, transaction, working);
            return false;
        }

        var applied = Stopwatch.GetTimestamp();
        try
        {
            working.Save(prepare: true);
        }
        catch (DbUpdateException) when (working.FromCache)
        {
            // A row changed since the cache remembered it, or a key was used before: nothing of the batch was written.
            ForgetCache(session, transaction, working);
            return false;
        }

        var written = Stopwatch.GetTimestamp();
        transaction.Commit();
        session.Cache.Remember(working.State);
        if (working.FromCache)
        {
            session.Cache.Trusted();
            BatchesFromCache++;
        }

        if (session.Checkpointer?.AfterCommit() is { Ticks: > 0 } waited)
        {
            LogWaits = (LogWaits.Count + 1, LogWaits.Time + waited);
        }

        Timings = Timings.Add(read - started, applied - read, written - applied, Stopwatch.GetTimestamp() - written);

        Transactions++;
        Commands += batch.Count;
        var answered = batch.ToArray();
        void Answer()
        {
            for (var i = 0; i < answered.Length; i++)
            {
                if (answers[i].Refusal is { } refusal)
                {
                    answered[i].Completion.TrySetException(refusal);
                }
                else
                {
                    answered[i].Completion.TrySetResult(answers[i].Outcome!);
                }
            }
        }

        if (session.Barrier is { } barrier)
        {
            // Committed but not yet on disk: answered by the durability thread once it is, while this one goes on.
            _durability.AfterCommit(barrier, Answer, e =>
            {
                foreach (var pending in answered)
                {
                    pending.Completion.TrySetException(new LedgerDurabilityException(e));
                }
            });
        }
        else
        {
            Answer();
        }

        return true;
    }

    private void ForgetCache(Session session, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, LedgerWorkingSet working)
    {
        transaction.Rollback();
        session.Cache.Forget(working.State);
        CacheRedos++;
    }

    /// <summary>Once per chamber and session, before a batch and outside its transaction: one read of all its accounts.</summary>
    private static void RememberWholeChambers(Session session, LedgerCommand[] commands)
    {
        foreach (var chamber in commands.Select(c => c.ChamberId).Distinct())
        {
            if (!session.Cache.KnowsWholeChamber(chamber))
            {
                session.Cache.RememberChamber(chamber, [.. session.Db.Set<LedgerAccount>().AsNoTracking().Where(a => a.ChamberId == chamber)]);
            }
        }
    }

    /// <summary>
    /// The writer's own context and connection, kept open from batch to batch: a batch then costs no scope, context,
    /// pooled-connection open or statement preparation, only its transaction.
    /// </summary>
    private sealed class Session : IDisposable
    {
        /// <summary>The writer's SQLite page cache, in KiB (SQLite's default is 2,000).</summary>
        internal const int WriterCacheKib = 4_096;

        private readonly IServiceScope _scope;
        private readonly bool _ownsDb;

        private Session(IServiceScope scope, MaillageDbContext db, bool ownsDb, SqliteLedgerStatements? statements, SqliteCheckpointer? checkpointer, ILogBarrier? barrier)
        {
            _scope = scope;
            _ownsDb = ownsDb;
            Db = db;
            Statements = statements;
            Checkpointer = checkpointer;
            Barrier = barrier;
        }

        /// <summary>When set, commits do not wait for the disk: this makes them durable before anyone is answered.</summary>
        public ILogBarrier? Barrier { get; }

        public MaillageDbContext Db { get; }

        public SqliteLedgerStatements? Statements { get; }

        public SqliteCheckpointer? Checkpointer { get; }

        /// <summary>Goes with the session: a new connection (after a failure) starts from the database.</summary>
        public LedgerRowCache Cache { get; } = new();

        public static Session Open(IServiceScopeFactory scopes, ILogger logger)
        {
            var scope = scopes.CreateScope();
            MaillageDbContext? own = null;
            try
            {
                var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
                if (!db.Database.IsSqlite())
                {
                    own = OpenPostgres(db.Database.GetConnectionString()!);
                    var barrier = PostgresLogBarrier.For((Npgsql.NpgsqlConnection)own.Database.GetDbConnection(), db.Database.GetConnectionString()!);
                    return new Session(scope, own, ownsDb: true, null, null, barrier);
                }

                db.Database.OpenConnection();
                var sqlite = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();

                // The writer is the only connection whose page cache survives the commits (a reader's is dropped when
                // another connection commits): room for the accounts and the upper levels of the indexes (4 MiB). Not
                // more: a page split that swaps page numbers parks a page at the lock-byte page's number, and the commit
                // that follows then walks the whole cache to drop it (measured: 28 µs at 1,000 pages, 708 µs at 12,500,
                // in three commits out of four; see docs/ledger-design.md).
                using (var command = sqlite.CreateCommand())
                {
                    command.CommandText = FormattableString.Invariant($"PRAGMA cache_size = -{WriterCacheKib}");
                    command.ExecuteNonQuery();
                }

                return new Session(scope, db, ownsDb: false, new SqliteLedgerStatements(sqlite), new SqliteCheckpointer(sqlite, logger), SqliteLogBarrier.For(sqlite));
            }
            catch
            {
                own?.Dispose();
                scope.Dispose();
                throw;
            }
        }

        /// <summary>
        /// PostgreSQL: a context of the writer's own on a connection that Npgsql never prepares statements for by
        /// itself. The look-ups are then unnamed, and the server plans each for the arrays it carries (a prepared one
        /// runs a generic plan, which for look-ups over two arrays scans a whole chamber's keys: measured 0.7 → 3–5 ms
        /// per batch); only the writes are prepared, explicitly. The foreign keys' checks keep the server's plan
        /// cache: forcing custom plans for the whole session instead (until session 6) planned those checks again for
        /// every row written, two per entry (pg_stat_statements: 75 µs per entry row against 21 µs; see
        /// docs/ledger-design.md).
        /// </summary>
        private static MaillageDbContext OpenPostgres(string connectionString)
        {
            var options = new DbContextOptionsBuilder<MaillageDbContext>();
            DatabaseSetup.Configure(options, DatabaseProvider.PostgreSQL, new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 0 }.ConnectionString);
            var db = new MaillageDbContext(options.Options);
            try
            {
                db.Database.OpenConnection();
                return db;
            }
            catch
            {
                db.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            // Batches still waiting for their flush hold this barrier: it reopens its file if it is used again.
            Barrier?.Dispose();
            Checkpointer?.Dispose();
            Statements?.Dispose();
            if (Statements?.Connection is { } sqlite)
            {
                RestoreSqliteDefaults(sqlite);
            }

            // PostgreSQL needs nothing: Npgsql resets a session's settings when its connection goes back to the pool
            // (the writer's own pool: its connection string differs from the app's).
            if (_ownsDb)
            {
                Db.Dispose();
            }

            _scope.Dispose();
        }

        /// <summary>
        /// Microsoft.Data.Sqlite hands this connection to other code once it goes back to its pool: it must not keep
        /// the writer's settings (no sync in commits, no automatic checkpoint). A connection that cannot be reset is
        /// not given to anyone again.
        /// </summary>
        private static void RestoreSqliteDefaults(Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            try
            {
                using var command = sqlite.CreateCommand();
                command.CommandText = "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000; PRAGMA journal_size_limit = -1; PRAGMA cache_size = -2000";
                command.ExecuteNonQuery();
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                // Broken or closed already: its pooled handle is dropped rather than handed out with the writer's settings.
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(sqlite);
            }
        }
    }

    private sealed record Pending(LedgerCommand Command, ApiCredential? Credential, TaskCompletionSource<LedgerOutcome> Completion);
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

/// <summary>Time spent by the writer in each step of its committed batches, in <see cref="Stopwatch"/> ticks.</summary>
public sealed record LedgerWriterTimings(long Read, long Apply, long Write, long Commit)
{
    public LedgerWriterTimings Add(long read, long apply, long write, long commit) => new(Read + read, Apply + apply, Write + write, Commit + commit);

    /// <summary>Microseconds per batch of each step since <paramref name="before"/>.</summary>
    public (double Read, double Apply, double Write, double Commit) PerBatchSince(LedgerWriterTimings before, long batches)
    {
        ArgumentNullException.ThrowIfNull(before);
        var micro = 1e6 / Stopwatch.Frequency / Math.Max(1, batches);
        return ((Read - before.Read) * micro, (Apply - before.Apply) * micro, (Write - before.Write) * micro, (Commit - before.Commit) * micro);
    }
}
