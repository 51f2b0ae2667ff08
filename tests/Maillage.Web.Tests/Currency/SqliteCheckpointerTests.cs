using Maillage.Web.Features.Currency;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace Maillage.Web.Tests.Currency;

/// <summary>
/// The ledger writer's SQLite log under a steady stream of commits: it is copied back beside the writer and started
/// over, so the log file stays bounded (it grew to 850 MB in a benchmark before the writer restarted it) while a
/// reader keeps reading the rows committed so far. SQLite only: PostgreSQL manages its own log.
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("maillage-wal-").FullName;

    [Fact]
    public void A_steady_stream_of_commits_keeps_the_log_bounded_and_every_row_readable()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "ledger.db"), Pooling = false }.ToString();
        using var writer = new SqliteConnection(connectionString);
        writer.Open();
        Execute(writer, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE Rows (Id INTEGER PRIMARY KEY, Payload BLOB NOT NULL)");
        using var reader = new SqliteConnection(connectionString);
        reader.Open();
        using var insert = writer.CreateCommand();
        insert.CommandText = "INSERT INTO Rows (Payload) VALUES (zeroblob(3000))";
        var walPath = Path.Combine(_folder, "ledger.db-wal");
        long largestLog = 0;
        const int Commits = 30_000;

        using (var checkpointer = new SqliteCheckpointer(writer, NullLogger.Instance))
        {
            // Each commit writes about one page of 4 KiB: without restarts the log would reach ~120 MB.
            for (var i = 1; i <= Commits; i++)
            {
                using (var transaction = writer.BeginTransaction())
                {
                    insert.Transaction = transaction;
                    insert.ExecuteNonQuery();
                    transaction.Commit();
                }

                checkpointer.AfterCommit();
                if (i % 1_000 == 0)
                {
                    largestLog = Math.Max(largestLog, new FileInfo(walPath).Length);
                    Scalar(reader, "SELECT max(Id) FROM Rows").ShouldBe((long)i, "a reader sees the last committed row while the log is copied and restarted");
                }
            }

            // Started over at 16 MiB once the background checkpoints have caught up; this writer commits without fsync
            // far faster than the ledger does, so the log runs further ahead meanwhile, up to the 64 MiB size limit,
            // where the writer waits for the background pass and copies the rest itself (a busy disk once let the log
            // reach 146 MB before that wait existed; under a concurrent dd of 9 GB: 67–290 MB before, 47–64 MiB after).
            largestLog.ShouldBeLessThan(72L << 20, $"the log is started over instead of growing with every commit (about 240 MB without); restarts {checkpointer.Restarts}, checkpoints {checkpointer.Checkpoints}");
            checkpointer.Restarts.ShouldBeGreaterThan(0, "the writer started the log over at least once");
            checkpointer.Checkpoints.ShouldBeGreaterThan(0);
        }

        Scalar(reader, "SELECT count(*) FROM Rows").ShouldBe((long)Commits);
        Scalar(reader, "PRAGMA integrity_check").ShouldBe("ok");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
