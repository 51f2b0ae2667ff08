using Microsoft.Data.Sqlite;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file on a connection and thread of its own, so that the
/// ledger writer's commits never do it. By default the commit that takes the log past 1,000 pages runs the whole
/// checkpoint (random writes into the database file and an fsync) while every payment of its batch waits. The writer's
/// connection turns that off and nudges this instead after each commit; a PASSIVE checkpoint runs beside the writer
/// without blocking it, and once it has caught up the writer starts the log over from its beginning.
/// </summary>
public sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>Long enough to gather many commits into one checkpoint, short enough to keep the log small.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>A log this long (4,096 pages, 16 MiB with 4 KiB pages) is started over (see <see cref="AfterCommit"/>).</summary>
    private const long RestartFrames = 4_096;

    /// <summary>Frames left for the writer to copy itself when it restarts the log: a fraction of a millisecond.</summary>
    private const long CaughtUpFrames = 256;

    /// <summary>
    /// A log this long (64 MiB) is copied back by the writer itself after its next commit, caught up or not: a writer
    /// faster than the background checkpoints (a burst on a busy machine) then pays one longer commit instead of
    /// growing the file without bound. Known two ways: in frames from each background pass (see
    /// <see cref="_mustCopyFrames"/>), and from the log file's size, which the writer checks itself every few commits:
    /// the file is cut back to this size whenever the log starts over (journal_size_limit), so a larger file holds a
    /// longer log. A pass reports only when it ends, which on a busy disk can take long enough for a fast writer to
    /// double the log meanwhile.
    /// </summary>
    private const long MustCopyBytes = 64L << 20;

    /// <summary>How long the writer waits, at most, for a background pass to end when the log is too long.</summary>
    private static readonly TimeSpan MustCopyWait = TimeSpan.FromSeconds(5);

    private const int CommitsPerSizeCheck = 8;

    private readonly SemaphoreSlim _nudged = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _loop;
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly SqliteConnection _writer;
    private readonly string? _logPath;

    /// <summary><see cref="MustCopyBytes"/> in frames of this database's page size.</summary>
    private readonly long _mustCopyFrames;
    private int _commitsSinceSizeCheck;

    public SqliteCheckpointer(SqliteConnection writer, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _connectionString = writer.ConnectionString;
        _logPath = string.IsNullOrEmpty(writer.DataSource) ? null : writer.DataSource + "-wal";
        _logger = logger;
        _writer = writer;
        using (var command = writer.CreateCommand())
        {
            // No checkpoint inside the writer's commits; and when the writer restarts the log, a log file that grew
            // past 64 MiB under a burst is cut back to that size.
            command.CommandText = FormattableString.Invariant($"PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {MustCopyBytes}");
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA page_size";
            _mustCopyFrames = MustCopyBytes / Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        // A thread of its own: a checkpoint blocks for its writes and fsync, which must not hold a thread-pool thread.
        _loop = new Thread(Run) { IsBackground = true, Name = "SQLite checkpointer" };
        _loop.Start();
    }

    public long Checkpoints { get; private set; }

    /// <summary>Times the writer restarted the log from its beginning (see <see cref="AfterCommit"/>).</summary>
    public long Restarts { get; private set; }

    private int _restartWanted;
    private int _nearlyCaughtUp;
    private int _tooLong;

    /// <summary>After a commit: a checkpoint will run shortly (several nudges before it runs make one checkpoint).</summary>
    private void Nudge()
    {
        if (_nudged.CurrentCount == 0)
        {
            try
            {
                _nudged.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another nudge got there first: one checkpoint is already due.
            }
        }
    }

    /// <summary>
    /// Called by the writer after each commit. A passive checkpoint copies the log into the database but cannot
    /// restart it: the log starts over only when a write transaction begins with every frame copied, and under a
    /// steady load the writer has always committed more frames since. So once the log is long, checkpoints run back
    /// to back in the background until they have nearly caught up; then the writer copies the last few frames
    /// itself, right after its commit, and its next transaction starts the log over instead of appending to an ever
    /// larger file (measured: the log grew to 850 MB in a 40-second benchmark without this).
    /// </summary>
    /// <returns>How long the writer waited for a background pass because the log was too long (usually zero).</returns>
    public TimeSpan AfterCommit()
    {
        if (++_commitsSinceSizeCheck >= CommitsPerSizeCheck)
        {
            _commitsSinceSizeCheck = 0;
            if (LogFileLength() > MustCopyBytes)
            {
                Volatile.Write(ref _restartWanted, 1);
                Volatile.Write(ref _tooLong, 1);
            }
        }

        var waited = TimeSpan.Zero;
        if (Volatile.Read(ref _restartWanted) == 1 && (Volatile.Read(ref _nearlyCaughtUp) == 1 || Volatile.Read(ref _tooLong) == 1))
        {
            waited = CopyAndRestart();
        }

        Nudge();
        return waited;
    }

    /// <summary>
    /// Nothing is appended while the writer itself checkpoints, so this one can copy every frame. A reader still using
    /// old frames: tried again after the next commit. Busy (the background checkpoint holds the lock): the same,
    /// unless the log is too long, in which case the writer waits for that pass to end rather than append more.
    /// </summary>
    private TimeSpan CopyAndRestart()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var waited = TimeSpan.Zero;
        while (true)
        {
            bool busy;
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return waited;
                }

                busy = reader.GetInt64(0) != 0;
                if (!busy && reader.GetInt64(1) == reader.GetInt64(2))
                {
                    Volatile.Write(ref _restartWanted, 0);
                    Volatile.Write(ref _nearlyCaughtUp, 0);
                    Volatile.Write(ref _tooLong, 0);
                    Restarts++;
                    return waited;
                }
            }

            if (!busy || Volatile.Read(ref _tooLong) == 0 || waited >= MustCopyWait)
            {
                return waited;
            }

            Thread.Sleep(1);
            waited = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        }
    }

    private long LogFileLength()
    {
        try
        {
            return _logPath is null ? 0 : new FileInfo(_logPath).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Join();
        _stop.Dispose();
        _nudged.Dispose();
    }

    private void Run()
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 5000";
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            while (true)
            {
                _nudged.Wait(_stop.Token);
                if (Volatile.Read(ref _restartWanted) == 0 && _stop.Token.WaitHandle.WaitOne(Pause))
                {
                    return;
                }

                try
                {
                    // One row: busy flag, frames in the log, frames copied into the database.
                    using (var reader = command.ExecuteReader())
                    {
                        if (reader.Read())
                        {
                            var (log, copied) = (reader.GetInt64(1), reader.GetInt64(2));
                            Volatile.Write(ref _nearlyCaughtUp, log - copied <= CaughtUpFrames ? 1 : 0);
                            Volatile.Write(ref _restartWanted, log >= RestartFrames ? 1 : 0);
                            Volatile.Write(ref _tooLong, log >= _mustCopyFrames ? 1 : 0);
                        }
                    }

                    Checkpoints++;
                }
                catch (SqliteException e)
                {
                    // A checkpoint that cannot run now (e.g. the file is locked for a moment) is retried on the next nudge.
                    _logger.LogWarning(e, "SQLite checkpoint failed; retried after the next commit");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected end of the loop.
        }
    }
}
