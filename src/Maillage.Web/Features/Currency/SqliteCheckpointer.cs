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

    private readonly SemaphoreSlim _nudged = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _loop;
    private readonly string _connectionString;
    private readonly ILogger _logger;

    public SqliteCheckpointer(SqliteConnection writer, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _connectionString = writer.ConnectionString;
        _logger = logger;
        using (var command = writer.CreateCommand())
        {
            command.CommandText = "PRAGMA wal_autocheckpoint = 0";
            command.ExecuteNonQuery();
        }

        // A thread of its own: a checkpoint blocks for its writes and fsync, which must not hold a thread-pool thread.
        _loop = new Thread(Run) { IsBackground = true, Name = "SQLite checkpointer" };
        _loop.Start();
    }

    public long Checkpoints { get; private set; }

    /// <summary>After a commit: a checkpoint will run shortly (several nudges before it runs make one checkpoint).</summary>
    public void Nudge()
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
                if (_stop.Token.WaitHandle.WaitOne(Pause))
                {
                    return;
                }

                try
                {
                    command.ExecuteNonQuery();
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
