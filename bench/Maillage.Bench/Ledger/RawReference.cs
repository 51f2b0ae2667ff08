using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Maillage.Bench;

/// <summary>
/// The raw database limit on the ledger's data shape: one transaction per payment with two balance updates (three
/// in the hot workload: the fee account too) and one insert, no application code. SQLite: an ADO.NET loop with
/// prepared statements. PostgreSQL: pgbench with a custom script when it is installed, else the same loop on Npgsql.
/// </summary>
public static class RawReference
{
    private static string Schema(bool postgres) => $"""
        CREATE TABLE "BenchRawAccounts" ("N" integer PRIMARY KEY, "Balance" bigint NOT NULL);
        CREATE TABLE "BenchRawPayments" ("Id" {(postgres ? "bigserial" : "INTEGER")} PRIMARY KEY, "Payer" integer NOT NULL, "Payee" integer NOT NULL, "Amount" bigint NOT NULL, "At" {(postgres ? "timestamptz" : "TEXT")} NOT NULL);
        """;

    /// <summary>Creates the raw tables: account 0 is the fee account, 1..accounts the members.</summary>
    public static async Task CreateAsync(DbConnection connection, bool postgres, int accounts)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await ExecuteAsync(connection, Schema(postgres));
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """INSERT INTO "BenchRawAccounts" ("N", "Balance") VALUES (@n, 0)""";
        var n = insert.CreateParameter();
        n.ParameterName = "@n";
        n.DbType = System.Data.DbType.Int32;
        insert.Parameters.Add(n);
        for (var i = 0; i <= accounts; i++)
        {
            n.Value = i;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>One client's prepared transaction; SQLite clients share one lock so that they take turns without busy-waiting.</summary>
    public sealed class Client : IAsyncDisposable
    {
        private readonly RawTransaction _transaction;
        private readonly int _accounts;

        private Client(DbConnection connection, DbCommand[] commands, SemaphoreSlim? turn, int accounts)
        {
            _transaction = new RawTransaction(connection, commands, turn, prepareFirst: false);
            _accounts = accounts;
        }

        public static async Task<Client> OpenAsync(DbConnection connection, bool hot, int accounts, SemaphoreSlim? turn)
        {
            ArgumentNullException.ThrowIfNull(connection);
            await connection.OpenAsync();
            var sql = new List<string>
            {
                """UPDATE "BenchRawAccounts" SET "Balance" = "Balance" - @amount WHERE "N" = @payer""",
                """UPDATE "BenchRawAccounts" SET "Balance" = "Balance" + @amount WHERE "N" = @payee""",
                """INSERT INTO "BenchRawPayments" ("Payer", "Payee", "Amount", "At") VALUES (@payer, @payee, @amount, @at)""",
            };
            if (hot)
            {
                sql.Add("""UPDATE "BenchRawAccounts" SET "Balance" = "Balance" + @fee WHERE "N" = 0""");
            }

            var commands = RawTransaction.Commands(connection, sql, name => name switch
            {
                "@at" => null,
                "@amount" or "@fee" => System.Data.DbType.Int64,
                _ => System.Data.DbType.Int32,
            });
            return new Client(connection, commands, turn, accounts);
        }

        public Task PayAsync(Random random)
        {
            ArgumentNullException.ThrowIfNull(random);
            var payer = 1 + random.Next(_accounts);
            var payee = 1 + ((payer + random.Next(_accounts - 1)) % _accounts);
            long amount = random.Next(100, 10_000);
            return _transaction.RunAsync(name => name switch
            {
                "@amount" => amount,
                "@payer" => payer,
                "@payee" => payee,
                "@fee" => amount / 100,
                _ => DateTime.UtcNow,
            });
        }

        public ValueTask DisposeAsync() => _transaction.DisposeAsync();
    }

    /// <summary>The raw loop with <paramref name="clients"/> connections, closed-loop like Maillage's clients.</summary>
    public static async Task<LoadFigures> RunLoopAsync(Func<DbConnection> connect, bool sqlite, bool hot, int clients, int accounts, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(connect);
        using var turn = sqlite ? new SemaphoreSlim(1, 1) : null;
        var open = new List<Client>();
        for (var i = 0; i < clients; i++)
        {
            open.Add(await Client.OpenAsync(connect(), hot, accounts, turn));
        }

        try
        {
            return await LoadDriver.ClosedLoopAsync(clients, duration, (client, random) => open[client].PayAsync(random));
        }
        finally
        {
            foreach (var client in open)
            {
                await client.DisposeAsync();
            }
        }
    }

    public static string? FindPgbench()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(dir => Path.Combine(dir, "pgbench"))
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")) : []);
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>pgbench with a custom script (prepared statements), per-transaction latencies from its log.</summary>
    public static async Task<LoadFigures> RunPgbenchAsync(string pgbench, string connectionString, bool hot, int clients, int accounts, TimeSpan duration, bool durable = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "maillage-pgbench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var script = Path.Combine(folder, "payment.sql");
            await File.WriteAllTextAsync(script, $"""
                \set payer random(1, {accounts})
                \set payee 1 + ((:payer + random(0, {accounts - 2})) % {accounts})
                \set amount random(100, 9999)
                BEGIN;
                UPDATE "BenchRawAccounts" SET "Balance" = "Balance" - :amount WHERE "N" = :payer;
                UPDATE "BenchRawAccounts" SET "Balance" = "Balance" + :amount WHERE "N" = :payee;
                INSERT INTO "BenchRawPayments" ("Payer", "Payee", "Amount", "At") VALUES (:payer, :payee, :amount, now());
                {(hot ? "UPDATE \"BenchRawAccounts\" SET \"Balance\" = \"Balance\" + :amount / 100 WHERE \"N\" = 0;" : string.Empty)}
                END;

                """);
            var cs = new NpgsqlConnectionStringBuilder(connectionString);
            var start = new ProcessStartInfo(pgbench)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            foreach (var argument in new[]
            {
                "-n", "-M", "prepared", "-f", script, "-c", clients.ToString(CultureInfo.InvariantCulture),
                "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                "-T", Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
                "-l", "--log-prefix", Path.Combine(folder, "log"),
                "-h", cs.Host!, "-p", cs.Port.ToString(CultureInfo.InvariantCulture), "-U", cs.Username!, cs.Database!,
            })
            {
                start.ArgumentList.Add(argument);
            }

            if (!durable)
            {
                start.Environment["PGOPTIONS"] = "-c synchronous_commit=off";
            }

            if (!string.IsNullOrEmpty(cs.Password))
            {
                start.Environment["PGPASSWORD"] = cs.Password;
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {errors}");
            }

            // Log lines: client_id transaction_no latency_us script_no epoch_s epoch_us.
            var latencies = new List<double>();
            double first = double.MaxValue, last = 0;
            foreach (var file in Directory.GetFiles(folder, "log*"))
            {
                foreach (var line in await File.ReadAllLinesAsync(file))
                {
                    var parts = line.Split(' ');
                    if (parts.Length >= 6)
                    {
                        latencies.Add(double.Parse(parts[2], CultureInfo.InvariantCulture) / 1_000.0);
                        var end = double.Parse(parts[4], CultureInfo.InvariantCulture) + (double.Parse(parts[5], CultureInfo.InvariantCulture) / 1e6);
                        first = Math.Min(first, end);
                        last = Math.Max(last, end);
                    }
                }
            }

            var tps = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal));
            var seconds = tps is null ? Math.Max(last - first, 0.001) : latencies.Count / double.Parse(tps[6..].Split(' ')[0], CultureInfo.InvariantCulture);
            latencies.Sort();
            return new LoadFigures(clients, latencies.Count, seconds, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}
