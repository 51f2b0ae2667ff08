using System.Data.Common;
using System.Globalization;

namespace Maillage.Bench;

/// <summary>
/// The raw one-payment transaction on the ledger's own row shape: copies of the ledger's accounts and operations
/// tables (same columns, keys and indexes; on SQLite the same foreign keys too) holding the same 10,000 accounts, GUID
/// keys stored as the app stores them, and per payment two balance updates (a third for the fee account in "hot") and
/// the insert of one operation row with a time-ordered id, its sequence and a hash. No application code: an ADO.NET
/// loop with prepared statements on both engines (pgbench cannot make the ids).
/// </summary>
public static class ShapedRawReference
{
    public const string Tool = "ADO.NET loop, prepared statements, on copies of the ledger's accounts and operations tables";

    private static readonly string[] Tables = ["LedgerAccounts", "LedgerOperations"];

    /// <summary>Copies the two tables' definitions and the accounts' rows.</summary>
    public static async Task CreateAsync(DbConnection connection, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var ddl = new List<string>();
        if (postgres)
        {
            // LIKE … INCLUDING ALL: columns, keys, indexes and checks (PostgreSQL copies no foreign keys).
            ddl.AddRange(Tables.Select(t => $"""CREATE TABLE "{Copy(t)}" (LIKE "{t}" INCLUDING ALL)"""));
        }
        else
        {
            await using var read = connection.CreateCommand();
            read.CommandText = """SELECT "sql" FROM sqlite_master WHERE "tbl_name" IN ('LedgerAccounts', 'LedgerOperations') AND "sql" IS NOT NULL ORDER BY "type" DESC""";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ddl.Add(Tables.Aggregate(reader.GetString(0), (sql, t) => sql.Replace(t, Copy(t), StringComparison.Ordinal)));
            }
        }

        ddl.Add("""INSERT INTO "BenchShapedAccounts" SELECT * FROM "LedgerAccounts" """);
        foreach (var sql in ddl)
        {
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The schema's own definitions, renamed.
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string Copy(string table) => table.Replace("Ledger", "BenchShaped", StringComparison.Ordinal);

    /// <summary>The loop with <paramref name="clients"/> connections (SQLite clients take turns: one writer per file).</summary>
    public static async Task<LoadFigures> RunAsync(Func<DbConnection> connect, bool sqlite, Guid chamberId, IReadOnlyList<Guid> accounts, Guid? feeAccount, int clients, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(accounts);
        using var turn = sqlite ? new SemaphoreSlim(1, 1) : null;
        var sequence = NextSequence;
        var open = new List<Client>();
        try
        {
            for (var i = 0; i < clients; i++)
            {
                open.Add(await Client.OpenAsync(connect(), sqlite, chamberId, accounts, feeAccount, turn, sequence));
            }

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

    /// <summary>Shared by every run: the operations table keeps its rows, so each run's sequences follow the last's.</summary>
    private static readonly StrongBox NextSequence = new(1_000_000_000L);

    private sealed class StrongBox(long value)
    {
        public long Value = value;
    }

    private sealed class Client : IAsyncDisposable
    {
        private readonly RawTransaction _transaction;
        private readonly bool _sqlite;
        private readonly Guid _chamberId;
        private readonly IReadOnlyList<Guid> _accounts;
        private readonly Guid? _feeAccount;
        private readonly StrongBox _sequence;

        private Client(DbConnection connection, bool sqlite, Guid chamberId, IReadOnlyList<Guid> accounts, Guid? feeAccount, SemaphoreSlim? turn, StrongBox sequence, DbCommand[] commands)
        {
            _transaction = new RawTransaction(connection, commands, turn, prepareFirst: true);
            _sqlite = sqlite;
            _chamberId = chamberId;
            _accounts = accounts;
            _feeAccount = feeAccount;
            _sequence = sequence;
        }

        public static async Task<Client> OpenAsync(DbConnection connection, bool sqlite, Guid chamberId, IReadOnlyList<Guid> accounts, Guid? feeAccount, SemaphoreSlim? turn, StrongBox sequence)
        {
            await connection.OpenAsync();
            var sql = new List<string>
            {
                """UPDATE "BenchShapedAccounts" SET "Balance" = "Balance" - @amount WHERE "Id" = @payer""",
                """UPDATE "BenchShapedAccounts" SET "Balance" = "Balance" + @amount WHERE "Id" = @payee""",
                """
                INSERT INTO "BenchShapedOperations" ("Id", "ChamberId", "Sequence", "Kind", "At", "Amount", "Fee", "Description", "Reference", "ReversesOperationId", "SubjectAccountId", "NewCreditLimit", "NewCeiling", "ActorUserId", "ActorName", "Reason", "PreviousHash", "Hash")
                VALUES (@id, @chamber, @sequence, 'Payment', @at, @amount, @fee, 'Mesure', NULL, NULL, NULL, NULL, NULL, NULL, 'bench', NULL, @previous, @hash)
                """,
            };
            if (feeAccount is not null)
            {
                sql.Add("""UPDATE "BenchShapedAccounts" SET "Balance" = "Balance" + @fee WHERE "Id" = @feeAccount""");
            }

            return new Client(connection, sqlite, chamberId, accounts, feeAccount, turn, sequence, RawTransaction.Commands(connection, sql));
        }

        public Task PayAsync(Random random)
        {
            var payer = random.Next(_accounts.Count);
            var payee = (payer + 1 + random.Next(_accounts.Count - 1)) % _accounts.Count;
            long amount = random.Next(100, 10_000);
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            return _transaction.RunAsync(name => name switch
            {
                "@amount" => amount,
                "@fee" => amount / 100,
                "@payer" => Value(_accounts[payer]),
                "@payee" => Value(_accounts[payee]),
                "@feeAccount" => Value(_feeAccount!.Value),
                "@id" => Value(Guid.CreateVersion7()),
                "@chamber" => Value(_chamberId),
                "@sequence" => Interlocked.Increment(ref _sequence.Value),
                "@at" => _sqlite ? DateTime.UtcNow.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture) : DateTime.UtcNow,
                _ => hash,
            });
        }

        /// <summary>GUIDs as the app stores them: upper-case text on SQLite, uuid on PostgreSQL.</summary>
        private object Value(Guid id) => _sqlite ? id.ToString().ToUpperInvariant() : id;

        public ValueTask DisposeAsync() => _transaction.DisposeAsync();
    }
}
