using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// Makes the writer's commits durable on a thread of its own, so that the writer applies the next batch while the
/// previous one reaches the disk (see docs/ledger-design.md, "Durability"). The writer commits without
/// waiting for the disk (SQLite: <c>synchronous = NORMAL</c>; PostgreSQL: <c>synchronous_commit = off</c>) and hands
/// the batch over; this thread takes every batch handed over since its last pass, makes the log durable up to the
/// newest of them with one <see cref="ILogBarrier.Flush"/>, and only then answers their callers. An acknowledged
/// payment has therefore reached the disk, as with a synchronous commit, and one flush covers several batches.
/// </summary>
public sealed class LedgerDurability : IDisposable
{
    private readonly Channel<CommittedBatch> _committed = Channel.CreateUnbounded<CommittedBatch>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly Thread _loop;
    private readonly ILogger _logger;

    public LedgerDurability(ILogger logger)
    {
        _logger = logger;
        _loop = new Thread(Run) { IsBackground = true, Name = "Ledger durability" };
        _loop.Start();
    }

    /// <summary>Flushes done, and batches they made durable (batches per flush is their ratio).</summary>
    public long Flushes { get; private set; }

    public long FlushedBatches { get; private set; }

    /// <summary>Time spent flushing, in <see cref="Stopwatch"/> ticks.</summary>
    public long FlushTicks { get; private set; }

    // Written by this class's thread, read by the writer's.
    private volatile bool _failed;

    /// <summary>Set when a flush failed: the writer then opens a fresh session before its next batch.</summary>
    public bool Failed => _failed;

    /// <summary>Answers <paramref name="answer"/>'s callers once the log is durable up to this commit.</summary>
    public void AfterCommit(ILogBarrier barrier, Action answer, Action<Exception> fail)
    {
        if (!_committed.Writer.TryWrite(new CommittedBatch(barrier, answer, fail)))
        {
            fail(new ObjectDisposedException(nameof(LedgerDurability)));
        }
    }

    /// <summary>Answers what was handed over (after its flush) and stops the thread.</summary>
    public void Dispose()
    {
        _committed.Writer.TryComplete();
        _loop.Join();
    }

    private void Run()
    {
        var batches = new List<CommittedBatch>();
        while (_committed.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_committed.Reader.TryRead(out var batch))
            {
                batches.Add(batch);
            }

            var started = Stopwatch.GetTimestamp();
            Exception? failure = null;
            try
            {
                // The log is one sequence: flushing it up to the newest commit makes every earlier one durable too.
                // Batches of a session that was replaced meanwhile carry their own barrier.
                foreach (var barrier in batches.Select(b => b.Barrier).Distinct())
                {
                    barrier.Flush();
                }
            }
#pragma warning disable CA1031 // Handed to the callers: their payments are committed but not known to be durable.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogError(e, "The ledger's log could not be made durable; {Count} batches are answered with an error", batches.Count);
                failure = e;
                _failed = true;
            }

            FlushTicks += Stopwatch.GetTimestamp() - started;
            Flushes++;
            FlushedBatches += batches.Count;
            foreach (var batch in batches)
            {
                if (failure is null)
                {
                    batch.Answer();
                }
                else
                {
                    batch.Fail(failure);
                }
            }

            batches.Clear();
        }
    }

    /// <summary>After a failed flush the writer starts a new session; the flag is cleared for it.</summary>
    public void Reset() => _failed = false;

    private sealed record CommittedBatch(ILogBarrier Barrier, Action Answer, Action<Exception> Fail);
}

/// <summary>Makes every commit made so far on one database durable.</summary>
public interface ILogBarrier : IDisposable
{
    void Flush();
}

/// <summary>
/// SQLite in WAL mode: a commit appends its frames to the <c>-wal</c> file; syncing that file makes them durable
/// (what <c>synchronous = FULL</c> does inside each commit). The file is opened once and kept: SQLite deletes it only
/// when the last connection closes, and the writer's connection stays open while this barrier is used. The locks
/// SQLite takes live in the <c>-shm</c> and database files, which this never opens, so closing it releases none.
/// </summary>
public sealed class SqliteLogBarrier(string logPath) : ILogBarrier
{
    private readonly Lock _lock = new();
    private FileStream? _log;

    public static SqliteLogBarrier? For(SqliteConnection writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var command = writer.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(writer.DataSource))
        {
            // Another journal mode (or an in-memory database): every commit stays synchronous.
            return null;
        }

        command.CommandText = "PRAGMA synchronous = NORMAL";
        command.ExecuteNonQuery();
        return new SqliteLogBarrier(writer.DataSource + "-wal");
    }

    public void Flush()
    {
        lock (_lock)
        {
            try
            {
                _log ??= new FileStream(logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            }
            catch (FileNotFoundException)
            {
                // The last connection closed and SQLite copied the whole log into the database file, synced, and
                // deleted it: the commits are durable already.
                return;
            }

            // fdatasync, as SQLite itself syncs its log: the data and the file's size, without the modification time,
            // which fsync would write through the file system's journal on every flush.
            if (!OperatingSystem.IsLinux())
            {
                _log.Flush(flushToDisk: true);
            }
            else if (NativeMethods.fdatasync(_log.SafeFileHandle) != 0)
            {
                throw new IOException($"fdatasync of {logPath} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
    }

    /// <summary>Closes the file; a later <see cref="Flush"/> (a batch committed before the session ended) opens it again.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _log?.Dispose();
            _log = null;
        }
    }
}

internal static class NativeMethods
{
    // DllImport rather than the generated LibraryImport, which needs unsafe code in the project.
#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int fdatasync(Microsoft.Win32.SafeHandles.SafeFileHandle fd);
#pragma warning restore SYSLIB1054
}

/// <summary>A batch was committed but the disk did not confirm it: a retry with the same idempotency key is safe.</summary>
public sealed class LedgerDurabilityException(Exception inner)
    : Exception("The ledger committed the operation but could not make it durable; retry with the same idempotency key.", inner);

/// <summary>
/// PostgreSQL: the writer commits with <c>synchronous_commit = off</c>, so its commit record is written but not yet
/// flushed. A transaction of this barrier's own connection that writes to the log commits synchronously: the server
/// flushes the log up to that commit record, which lies after every commit made before it, of any session. The
/// transaction writes a logical-decoding message, which touches no table (no row lock to wait for) and is executable
/// by any role; a transaction that only took a transaction id would write nothing and commit without a flush
/// (measured with <c>pg_stat_wal.wal_sync</c>: 50 such commits, no sync; 50 with the message, 51).
/// </summary>
public sealed class PostgresLogBarrier(string connectionString) : ILogBarrier
{
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _command;

    /// <param name="writer">The writer's open connection: its commits stop waiting for the flush.</param>
    /// <param name="connectionString">As configured (an open connection's own string has lost its password).</param>
    public static PostgresLogBarrier For(NpgsqlConnection writer, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var command = writer.CreateCommand();
        command.CommandText = "SET synchronous_commit = off";
        command.ExecuteNonQuery();
        return new PostgresLogBarrier(connectionString);
    }

    private readonly Lock _lock = new();

    public void Flush()
    {
        lock (_lock)
        {
            FlushLocked();
        }
    }

    private void FlushLocked()
    {
        if (_connection is null)
        {
            _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            _connection.Open();

            // Explicit in case the server's default is otherwise: this commit must wait for the flush.
            _command = new NpgsqlCommand("SET synchronous_commit = on", _connection);
            _command.ExecuteNonQuery();
            _command.CommandText = "BEGIN; SELECT pg_logical_emit_message(true, 'maillage-ledger-flush', ''); COMMIT";
        }

        try
        {
            _command!.ExecuteNonQuery();
        }
        catch
        {
            // A broken connection is replaced on the next flush.
            Close();
            throw;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Close();
        }
    }

    private void Close()
    {
        _command?.Dispose();
        _connection?.Dispose();
        (_command, _connection) = (null, null);
    }
}
