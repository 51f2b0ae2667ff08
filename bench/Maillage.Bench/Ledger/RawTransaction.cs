using System.Data.Common;

namespace Maillage.Bench;

/// <summary>
/// One client of a raw reference loop: its connection and statements, and one payment as one transaction (the
/// statements in order, then commit). On SQLite the clients take turns through <c>turn</c>: one file, one writer.
/// </summary>
public sealed class RawTransaction(DbConnection connection, IReadOnlyList<DbCommand> commands, SemaphoreSlim? turn, bool prepareFirst) : IAsyncDisposable
{
    private bool _prepared = !prepareFirst;

    /// <summary>One command per statement, with a parameter for each <c>@name</c> in its text (typed by <paramref name="typeOf"/> when it says).</summary>
    public static DbCommand[] Commands(DbConnection connection, IEnumerable<string> statements, Func<string, System.Data.DbType?>? typeOf = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(statements);
        var commands = new List<DbCommand>();
        foreach (var text in statements)
        {
            var command = connection.CreateCommand();
#pragma warning disable CA2100 // The bench's own constant SQL.
            command.CommandText = text;
#pragma warning restore CA2100
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(text, "@[A-Za-z]+").Select(m => m.Value).Distinct())
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                if (typeOf?.Invoke(name) is { } type)
                {
                    p.DbType = type;
                }

                command.Parameters.Add(p);
            }

            commands.Add(command);
        }

        return [.. commands];
    }

    /// <summary>
    /// The same connections with no sync at commit (SQLite <c>synchronous = OFF</c>, unpooled so that the setting never
    /// reaches another connection; PostgreSQL <c>synchronous_commit = off</c>, reset by Npgsql's pool): the rate of the
    /// same work when durability costs nothing, i.e. the most that any grouping of commits could reach.
    /// </summary>
    public static Func<DbConnection> WithoutSync(Func<DbConnection> connect, bool sqlite)
    {
        ArgumentNullException.ThrowIfNull(connect);
        return () =>
        {
            var connection = connect();
            if (sqlite)
            {
                connection.ConnectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString) { Pooling = false }.ToString();
            }

            connection.StateChange += (_, e) =>
            {
                if (e.CurrentState == System.Data.ConnectionState.Open)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = sqlite ? "PRAGMA synchronous = OFF" : "SET synchronous_commit = off";
                    command.ExecuteNonQuery();
                }
            };
            return connection;
        };
    }

    /// <summary>Runs the statements with each parameter's value from <paramref name="valueOf"/> (by name) and commits.</summary>
    public async Task RunAsync(Func<string, object> valueOf)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        if (turn is not null)
        {
            await turn.WaitAsync();
        }

        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var command in commands)
            {
                command.Transaction = transaction;
                foreach (DbParameter p in command.Parameters)
                {
                    p.Value = valueOf(p.ParameterName);
                }

                if (!_prepared)
                {
                    // Prepared once the parameters hold values, from which Npgsql takes their types.
                    await command.PrepareAsync();
                }

                await command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            _prepared = true;
        }
        finally
        {
            turn?.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands)
        {
            await command.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
