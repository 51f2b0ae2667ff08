using System.Data;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Data;

/// <summary>
/// Applies the hand-written SQL migrations of the configured engine (Data/Migrations/{Provider}/NNNN_name.sql) in
/// order, each in its own transaction with its history row. Several instances may start at once: PostgreSQL
/// serialises them with a session advisory lock, SQLite with immediate (write-locking) transactions.
/// </summary>
public sealed class MigrationRunner(MaillageDbContext db, DatabaseOptions options, ILogger<MigrationRunner> logger)
{
    private const string HistoryTable = "__maillage_migrations";
    internal const long AdvisoryLockKey = 0x4D61696C6C616765; // "Maillage"

    public static IReadOnlyList<(string Id, string Sql)> LoadScripts(DatabaseProvider provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{assembly.GetName().Name}.Data.Migrations.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (Id: n[prefix.Length..^4], Sql: Read(assembly, n)))
            .ToList();
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var postgres = options.Provider == DatabaseProvider.PostgreSQL;
        try
        {
            // PostgreSQL: one instance at a time from the very first statement (even CREATE TABLE IF NOT EXISTS races).
            if (postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            }

            else if (options.Provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead log: readers never block the ledger's commit (with the default rollback journal a
                // commit waits for every open read, in 150 ms retries), and a commit is one fsync of the log.
                // synchronous stays FULL, so a commit is durable before it returns. The mode is stored in the file.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
            }

            await ExecuteAsync(connection, null, $"CREATE TABLE IF NOT EXISTS {HistoryTable} (id VARCHAR(150) NOT NULL PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)", cancellationToken);
            foreach (var (id, sql) in LoadScripts(options.Provider))
            {
                await using var transaction = await BeginAsync(connection, cancellationToken);
                if (await IsAppliedAsync(connection, transaction, id, cancellationToken))
                {
                    await transaction.RollbackAsync(cancellationToken);
                    continue;
                }

                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using (var insert = connection.CreateCommand())
                {
                    insert.Transaction = transaction;
                    insert.CommandText = $"INSERT INTO {HistoryTable} (id, applied_at) VALUES (@id, @at)";
                    AddParameter(insert, "@id", id);
                    AddParameter(insert, "@at", DateTime.UtcNow.ToString("O"));
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                applied.Add(id);
                logger.LogInformation("Applied migration {MigrationId}", id);
            }
        }
        finally
        {
            if (postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }

        return applied;
    }

    private async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite && connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            // Deferred transactions would let two starting instances both read "not applied" before either writes.
            return sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        }

        return await connection.BeginTransactionAsync(cancellationToken);
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COUNT(*) FROM {HistoryTable} WHERE id = @id";
        AddParameter(command, "@id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL comes from the assembly's own embedded migration scripts, never from input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
