using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Maillage.Domain.Currency;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// What a batch of ledger commands works on, read and written with plain SQL through the context's connection and
/// transaction (see docs/ledger-design.md). <see cref="LoadAsync"/> takes the ledger lock and reads, in one round
/// trip, the currencies (with their chain heads), the idempotency keys and the accounts the commands name (with
/// the fee and issuing accounts); the rare commands (requests, standing orders, reversals) first read their rows.
/// The domain (<see cref="Ledger"/>) then applies the commands to <see cref="State"/> in memory, and
/// <see cref="SaveAsync"/> writes, in one more round trip, every changed balance with one UPDATE, the new
/// operations, entries and keys with multi-row INSERTs and the chain head, checking that every row it expected
/// to touch was touched. The SQL is the same on both engines except list parameters and the advisory lock.
/// </summary>
public sealed class LedgerWorkingSet : IDisposable
{
    /// <summary>Rows per INSERT statement: far below either engine's limit on parameters per statement.</summary>
    private const int RowsPerStatement = 400;

    private const string AccountColumns = """ "Id", "ChamberId", "Kind", "OrganisationId", "Balance", "CreditLimit", "Ceiling", "IsBlocked", "OpenedAt" """;

    /// <summary>
    /// An access token's facts as the writer checks them again (<see cref="ApiCredentialFacts"/>): revoked, expiry,
    /// whether its organisation is still an active member of its chamber. Columns: id, revoked, expires, active.
    /// </summary>
    internal const string CredentialSql = """
        SELECT t."Id", t."RevokedAt" IS NOT NULL, t."ExpiresAt", COALESCE(o."State" = 'Active', FALSE)
        FROM "CurrencyAccessTokens" t LEFT JOIN "Organisations" o ON o."Id" = t."OrganisationId" AND o."ChamberId" = t."ChamberId"
        """;

    private readonly DatabaseFacade _database;
    private readonly bool _postgres;
    private readonly SqliteLedgerStatements? _sqlite;
    private readonly bool _ownsStatements;

    /// <summary>The writer's own thread reads and writes synchronously: no thread-pool hop between round trips.</summary>
    private readonly bool _sync;
    private readonly Dictionary<Guid, AccountRow> _accountsAsRead = [];
    private readonly Dictionary<Guid, ChainRow> _chainsAsRead = [];
    private readonly Dictionary<Guid, RequestRow> _requestsAsRead = [];
    private readonly Dictionary<Guid, OrderRow> _ordersAsRead = [];
    private readonly Dictionary<Guid, ApiCredentialFacts> _credentials = [];

    /// <summary>PostgreSQL, rows from the writer's cache: nothing was read, so the write takes the ledger lock first.</summary>
    private bool _lockPending;

    /// <summary>
    /// What a token's facts are taken to be when, on PostgreSQL with rows from the cache, they are not read: the write
    /// then stores the batch's keys only while every one of <see cref="_guardedTokens"/> still allows calls at
    /// <see cref="_guardedAt"/>, else writes fewer rows than expected and the batch runs again, reading them.
    /// </summary>
    private static readonly ApiCredentialFacts AssumedValid = new(false, DateTime.MaxValue, true);
    private List<Guid> _guardedTokens = [];
    private DateTime _guardedAt;

    private LedgerWorkingSet(DatabaseFacade database, SqliteLedgerStatements? statements, bool sync)
    {
        _database = database;
        _sync = sync;
        _postgres = database.IsNpgsql();
        if (!_postgres)
        {
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)database.GetDbConnection();
            _ownsStatements = statements is null || statements.Connection != connection;
            _sqlite = _ownsStatements ? new SqliteLedgerStatements(connection) : statements;
            _sqlite!.Enlist((Microsoft.Data.Sqlite.SqliteTransaction?)database.CurrentTransaction?.GetDbTransaction());
        }
    }

    public LedgerState State { get; } = new();

    /// <summary>The access tokens the batch's API commands were authorised with, as read under the lock (absent: no such token).</summary>
    public IReadOnlyDictionary<Guid, ApiCredentialFacts> Credentials => _credentials;

    /// <summary>
    /// The currencies and accounts came from the writer's <see cref="LedgerRowCache"/>, not from the database, and
    /// the idempotency keys were not looked up: a refusal may come from a stale row, and a key already used fails the
    /// write. The writer then runs the batch again from the database.
    /// </summary>
    public bool FromCache { get; private set; }

    /// <summary>
    /// Takes the ledger lock (PostgreSQL: the advisory lock every instance's writer takes; SQLite: the caller's
    /// transaction already holds the write lock) and reads what <paramref name="commands"/> need.
    /// </summary>
    /// <param name="statements">On SQLite, the statements the caller keeps prepared on this connection (the writer does); prepared here when null.</param>
    public static Task<LedgerWorkingSet> LoadAsync(MaillageDbContext db, IReadOnlyList<LedgerCommand> commands, SqliteLedgerStatements? statements = null, CancellationToken ct = default) =>
        LoadCoreAsync(db, commands, statements, [], cache: null, sync: false, ct);

    /// <summary>
    /// The same as <see cref="LoadAsync"/>, blocking: for the writer's dedicated thread; it also reads the access tokens
    /// named by <paramref name="credentials"/> (see <see cref="Credentials"/>).
    /// </summary>
    /// <remarks>
    /// With a <paramref name="cache"/> that knows every currency and account of a batch made only of payments, those
    /// rows come from it instead (see <see cref="FromCache"/>).
    /// </remarks>
    public static LedgerWorkingSet Load(
        MaillageDbContext db, IReadOnlyList<LedgerCommand> commands, SqliteLedgerStatements? statements = null, IReadOnlyCollection<Guid>? credentials = null, LedgerRowCache? cache = null) =>
        LoadCoreAsync(db, commands, statements, credentials ?? [], cache, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<LedgerWorkingSet> LoadCoreAsync(
        MaillageDbContext db, IReadOnlyList<LedgerCommand> commands, SqliteLedgerStatements? statements, IReadOnlyCollection<Guid> credentials, LedgerRowCache? cache, bool sync,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(commands);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The ledger reads and writes inside a transaction that holds the ledger lock.");
        }

        var set = new LedgerWorkingSet(db.Database, statements, sync);
        try
        {
            if (cache is null || !set.RestoreFromCache(cache, commands))
            {
                await set.ReadAsync(db, commands, credentials, ct);
            }
            else if (credentials.Count > 0)
            {
                set.ReadOrGuardCredentials(credentials, commands.Max(c => c.At));
            }
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>Releases the statements this working set prepared itself (none when the caller lent them).</summary>
    public void Dispose()
    {
        if (_ownsStatements)
        {
            _sqlite?.Dispose();
        }
    }

    private async Task ReadAsync(MaillageDbContext db, IReadOnlyList<LedgerCommand> commands, IReadOnlyCollection<Guid> credentials, CancellationToken ct)
    {
        var chambers = commands.Select(c => c.ChamberId).Distinct().ToList();
        var accountIds = commands.SelectMany(c => c.AccountIds).ToHashSet();
        var lockTaken = false;

        // The rare commands name rows whose accounts are only known once the rows are read: one more round trip.
        var requestIds = commands.Select(c => c.RequestId).OfType<Guid>().Distinct().ToList();
        var orderIds = commands.Select(c => c.RecurringPaymentId).OfType<Guid>().Distinct().ToList();
        var reversedIds = commands.Select(c => c.ReversedOperationId).OfType<Guid>().Distinct().ToList();
        if (requestIds.Count + orderIds.Count + reversedIds.Count > 0)
        {
            await TakeLockAsync(ct);
            lockTaken = true;
            await ReadRareAsync(db, requestIds, orderIds, reversedIds, accountIds, ct);
        }

        if (_sqlite is not null)
        {
            ReadPrepared(_sqlite, commands, chambers, accountIds);
            ReadCredentialsPrepared(_sqlite, credentials);
            return;
        }

        await using var command = CreateCommand();
        var sql = new StringBuilder();
        if (_postgres && !lockTaken)
        {
            sql.Append(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({LedgerWriter.AdvisoryLockKey});\n");
        }

        // "= ANY(array)" keeps every look-up an index scan whatever the batch's size (PostgreSQL only: SQLite reads row by row).
        var chamberList = Array(command, chambers, c => c);
        sql.Append(CultureInfo.InvariantCulture, $"""
            SELECT "ChamberId", "Name", "Code", "Symbol", "MinorDigits", "FeeBasisPoints", "ReferralReward", "DefaultCreditLimit",
                   "FeeAccountId", "IssuingAccountId", "ChainSequence", "ChainHash", "CreatedAt"
            FROM "Currencies" WHERE "ChamberId" = ANY({chamberList});

            """);
        var keys = commands.Select(c => c.EffectiveIdempotencyKey).OfType<string>().Distinct().ToList();
        if (keys.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                SELECT "ChamberId", "Key", "Fingerprint", "ResultId", "At" FROM "LedgerIdempotencyKeys"
                WHERE "ChamberId" = ANY({chamberList}) AND "Key" = ANY({Array(command, keys, k => k)});

                """);
        }

        sql.Append(CultureInfo.InvariantCulture, $"""
            SELECT {AccountColumns} FROM "LedgerAccounts" WHERE "Id" = ANY(
                {Array(command, accountIds.ToList(), a => a)}
                || ARRAY(SELECT "FeeAccountId" FROM "Currencies" WHERE "ChamberId" = ANY({chamberList}))
                || ARRAY(SELECT "IssuingAccountId" FROM "Currencies" WHERE "ChamberId" = ANY({chamberList})));

            """);
        if (credentials.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""{CredentialSql} WHERE t."Id" = ANY({Array(command, credentials.ToList(), t => t)});""");
        }

        command.CommandText = sql.ToString();
        await using var reader = _sync ? command.ExecuteReader() : await command.ExecuteReaderAsync(ct);
        if (_postgres && !lockTaken)
        {
            _ = _sync ? reader.NextResult() : await reader.NextResultAsync(ct);
        }

        while (_sync ? reader.Read() : await reader.ReadAsync(ct))
        {
            var currency = ReadCurrency(reader);
            State.Load(currency);
            _chainsAsRead[currency.ChamberId] = ChainRow.Of(currency);
        }

        if (keys.Count > 0)
        {
            _ = _sync ? reader.NextResult() : await reader.NextResultAsync(ct);
            while (_sync ? reader.Read() : await reader.ReadAsync(ct))
            {
                State.Load(ReadKey(reader));
            }
        }

        _ = _sync ? reader.NextResult() : await reader.NextResultAsync(ct);
        while (_sync ? reader.Read() : await reader.ReadAsync(ct))
        {
            LoadAccount(reader);
        }

        if (credentials.Count > 0)
        {
            _ = _sync ? reader.NextResult() : await reader.NextResultAsync(ct);
            while (_sync ? reader.Read() : await reader.ReadAsync(ct))
            {
                LoadCredential(reader);
            }
        }
    }

    /// <summary>Only payments: every row they depend on is one they write (and so guard), or one that does not matter.</summary>
    private bool RestoreFromCache(LedgerRowCache cache, IReadOnlyList<LedgerCommand> commands)
    {
        if (!commands.All(c => c is Pay))
        {
            return false;
        }

        var chambers = commands.Select(c => c.ChamberId).Distinct().ToList();
        var accountIds = commands.SelectMany(c => c.AccountIds).ToHashSet();
        if (!cache.TryRestore(chambers, accountIds, out var currencies, out var accounts))
        {
            return false;
        }

        foreach (var currency in currencies)
        {
            State.Load(currency);
            _chainsAsRead[currency.ChamberId] = ChainRow.Of(currency);
        }

        foreach (var account in accounts)
        {
            State.Load(account);
            _accountsAsRead[account.Id] = AccountRow.Of(account);
        }

        FromCache = true;
        _lockPending = _postgres;
        return true;
    }

    /// <summary>
    /// Rows from the cache: SQLite reads the tokens (a prepared read in the process costs little); PostgreSQL does not
    /// spend a round trip on them but checks them in the write itself (see <see cref="AssumedValid"/>).
    /// </summary>
    private void ReadOrGuardCredentials(IReadOnlyCollection<Guid> credentials, DateTime latestCommand)
    {
        if (_sqlite is not null)
        {
            ReadCredentialsPrepared(_sqlite, credentials);
            return;
        }

        _guardedTokens = [.. credentials.Distinct()];
        _guardedAt = DateTime.SpecifyKind(latestCommand, DateTimeKind.Utc);
        foreach (var token in _guardedTokens)
        {
            _credentials[token] = AssumedValid;
        }
    }

    private void ReadCredentialsPrepared(SqliteLedgerStatements sqlite, IReadOnlyCollection<Guid> credentials)
    {
        foreach (var token in credentials)
        {
            SqliteLedgerStatements.Bind(sqlite.Credential, SqliteGuid(token));
            using var facts = sqlite.Credential.ExecuteReader();
            while (facts.Read())
            {
                LoadCredential(facts);
            }
        }
    }

    private void LoadCredential(DbDataReader reader) =>
        _credentials[reader.GetGuid(0)] = new ApiCredentialFacts(reader.GetBoolean(1), Utc(reader.GetDateTime(2)), reader.GetBoolean(3));

    /// <summary>SQLite: one prepared single-row read per currency, key and account (the transaction holds the write lock).</summary>
    private void ReadPrepared(SqliteLedgerStatements sqlite, IReadOnlyList<LedgerCommand> commands, List<Guid> chambers, HashSet<Guid> accountIds)
    {
        foreach (var chamber in chambers)
        {
            SqliteLedgerStatements.Bind(sqlite.Currency, SqliteGuid(chamber));
            using var reader = sqlite.Currency.ExecuteReader();
            while (reader.Read())
            {
                var currency = ReadCurrency(reader);
                State.Load(currency);
                _chainsAsRead[currency.ChamberId] = ChainRow.Of(currency);
                accountIds.Add(currency.FeeAccountId);
                accountIds.Add(currency.IssuingAccountId);
            }
        }

        foreach (var (chamber, key) in commands.Where(c => c.EffectiveIdempotencyKey is not null).Select(c => (c.ChamberId, c.EffectiveIdempotencyKey!)).Distinct())
        {
            SqliteLedgerStatements.Bind(sqlite.Key, SqliteGuid(chamber), key);
            using var reader = sqlite.Key.ExecuteReader();
            while (reader.Read())
            {
                State.Load(ReadKey(reader));
            }
        }

        foreach (var id in accountIds)
        {
            SqliteLedgerStatements.Bind(sqlite.Account, SqliteGuid(id));
            using var reader = sqlite.Account.ExecuteReader();
            while (reader.Read())
            {
                LoadAccount(reader);
            }
        }
    }

    private static CurrencyDefinition ReadCurrency(DbDataReader reader) => CurrencyDefinition.Restore(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7),
        reader.GetGuid(8), reader.GetGuid(9), reader.GetInt64(10), reader.GetString(11), Utc(reader.GetDateTime(12)));

    private static IdempotencyRecord ReadKey(DbDataReader reader) =>
        IdempotencyRecord.Restore(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetGuid(3), Utc(reader.GetDateTime(4)));

    private void LoadAccount(DbDataReader reader)
    {
        var account = LedgerAccount.Restore(
            reader.GetGuid(0), reader.GetGuid(1), Enum.Parse<AccountKind>(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetGuid(3),
            reader.GetInt64(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetBoolean(7), Utc(reader.GetDateTime(8)));
        State.Load(account);
        _accountsAsRead[account.Id] = AccountRow.Of(account);
    }

    /// <summary>Payment requests, standing orders and operations to reverse (with any reversal of them), read with EF: they are rare.</summary>
    private async Task ReadRareAsync(MaillageDbContext db, List<Guid> requestIds, List<Guid> orderIds, List<Guid> reversedIds, HashSet<Guid> accountIds, CancellationToken ct)
    {
        if (requestIds.Count > 0)
        {
            foreach (var request in await ListAsync(db.Set<PaymentRequest>().AsNoTracking().Where(r => requestIds.Contains(r.Id)), ct))
            {
                State.Load(request);
                _requestsAsRead[request.Id] = RequestRow.Of(request);
                accountIds.Add(request.PayerAccountId);
                accountIds.Add(request.PayeeAccountId);
            }
        }

        if (orderIds.Count > 0)
        {
            foreach (var order in await ListAsync(db.Set<RecurringPayment>().AsNoTracking().Where(r => orderIds.Contains(r.Id)), ct))
            {
                State.Load(order);
                _ordersAsRead[order.Id] = OrderRow.Of(order);
                accountIds.Add(order.PayerAccountId);
                accountIds.Add(order.PayeeAccountId);
            }
        }

        if (reversedIds.Count > 0)
        {
            var operations = await ListAsync(db.Set<Operation>().AsNoTracking().Include(o => o.Entries)
                .Where(o => reversedIds.Contains(o.Id) || (o.ReversesOperationId != null && reversedIds.Contains(o.ReversesOperationId.Value)))
                , ct);
            foreach (var operation in operations)
            {
                State.Load(operation);
                accountIds.UnionWith(operation.Entries.Select(e => e.AccountId));
            }
        }
    }

    private async Task<List<T>> ListAsync<T>(IQueryable<T> query, CancellationToken ct) => _sync ? query.ToList() : await query.ToListAsync(ct);

    private async Task TakeLockAsync(CancellationToken ct)
    {
        if (_postgres)
        {
            await using var command = CreateCommand();
            command.CommandText = FormattableString.Invariant($"SELECT pg_advisory_xact_lock({LedgerWriter.AdvisoryLockKey})");
            _ = _sync ? command.ExecuteNonQuery() : await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Writes what the commands applied to <see cref="State"/> changed, in the caller's transaction (the caller
    /// commits). A database refusal (a constraint) is a <see cref="DbUpdateException"/>; a row that was not where
    /// it was read (a write that bypassed the ledger lock) a <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    public Task SaveAsync(CancellationToken ct = default) => SaveCoreAsync(prepare: false, ct);

    /// <summary>
    /// The same as <see cref="SaveAsync"/>, blocking, for a working set read with <see cref="Load"/>. With
    /// <paramref name="prepare"/> (the writer's own PostgreSQL session) a write made only of the statements over
    /// arrays, whose text never varies, is sent as a prepared statement: the server plans it once per session.
    /// </summary>
    public void Save(bool prepare = false) => SaveCoreAsync(prepare, CancellationToken.None).GetAwaiter().GetResult();

    private async Task SaveCoreAsync(bool prepare, CancellationToken ct)
    {
        var accounts = State.Accounts.Values.Where(a => _accountsAsRead.TryGetValue(a.Id, out var read) && read != AccountRow.Of(a)).ToList();
        var operations = State.NewOperations;
        var entries = operations.SelectMany(o => o.Entries).ToList();
        var chains = State.Currencies.Values.Where(c => _chainsAsRead.TryGetValue(c.ChamberId, out var read) && read.Sequence != c.ChainSequence).ToList();
        if (_sqlite is not null)
        {
            try
            {
                SavePrepared(_sqlite, accounts, operations, entries, chains);
            }
            catch (DbException e)
            {
                throw new DbUpdateException("The database refused the ledger's writes: " + e.Message, e);
            }
        }

        await using var command = CreateCommand();
        var sql = new StringBuilder();
        var expected = 0;

        if (_sqlite is null)
        {
            // Arrays, not one VALUES row per item: one short text whatever the batch size, cheap to send and to plan.
            expected += AppendArrayWrites(sql, command, accounts, operations, entries);
        }

        // Requests and standing orders after the operations: an accepted request points to its payment.
        AppendInserts(sql, command, "PaymentRequests",
            """ "Id", "ChamberId", "PayeeAccountId", "PayerAccountId", "Amount", "Description", "CreatedAt", "ExpiresAt", "State", "AnsweredAt", "PaymentOperationId" """,
            State.NewRequests, r =>
            [
                Add(command, r.Id), Add(command, r.ChamberId), Add(command, r.PayeeAccountId), Add(command, r.PayerAccountId), Add(command, r.Amount), Add(command, r.Description),
                Add(command, r.CreatedAt), Add(command, r.ExpiresAt), Add(command, r.State.ToString()), Add(command, r.AnsweredAt), Add(command, r.PaymentOperationId),
            ]);
        expected += State.NewRequests.Count;
        foreach (var request in State.Requests.Values.Where(r => _requestsAsRead.TryGetValue(r.Id, out var read) && read != RequestRow.Of(r)))
        {
            sql.Append(CultureInfo.InvariantCulture, $"""UPDATE "PaymentRequests" SET "State" = {Add(command, request.State.ToString())}, "AnsweredAt" = {Add(command, request.AnsweredAt)}, "PaymentOperationId" = {Add(command, request.PaymentOperationId)} WHERE "Id" = {Add(command, request.Id)};""").Append('\n');
            expected++;
        }

        AppendInserts(sql, command, "RecurringPayments",
            """ "Id", "ChamberId", "PayerAccountId", "PayeeAccountId", "Amount", "Description", "Start", "Interval", "End", "OccurrencesPaid", "IsActive", "IsPaused" """,
            State.NewRecurringPayments, r =>
            [
                Add(command, r.Id), Add(command, r.ChamberId), Add(command, r.PayerAccountId), Add(command, r.PayeeAccountId), Add(command, r.Amount), Add(command, r.Description),
                Add(command, r.Start), Add(command, r.Interval.ToString()), Add(command, r.End), Add(command, r.OccurrencesPaid), Add(command, r.IsActive), Add(command, r.IsPaused),
            ]);
        expected += State.NewRecurringPayments.Count;
        foreach (var order in State.RecurringPayments.Values.Where(r => _ordersAsRead.TryGetValue(r.Id, out var read) && read != OrderRow.Of(r)))
        {
            sql.Append(CultureInfo.InvariantCulture, $"""UPDATE "RecurringPayments" SET "OccurrencesPaid" = {Add(command, order.OccurrencesPaid)}, "IsActive" = {Add(command, order.IsActive)}, "IsPaused" = {Add(command, order.IsPaused)} WHERE "Id" = {Add(command, order.Id)};""").Append('\n');
            expected++;
        }

        if (_sqlite is null)
        {
            expected += AppendArrayKeysAndChains(sql, command, chains);
        }

        if (expected == 0)
        {
            return;
        }

        if (_lockPending)
        {
            sql.Insert(0, FormattableString.Invariant($"SELECT pg_advisory_xact_lock({LedgerWriter.AdvisoryLockKey});\n"));
        }

        command.CommandText = sql.ToString();
        int written;
        try
        {
            // Requests and standing orders are written with one parameter per value: texts that vary, never prepared.
            var onlyArrays = !command.CommandText.Contains("\"PaymentRequests\"", StringComparison.Ordinal) && !command.CommandText.Contains("\"RecurringPayments\"", StringComparison.Ordinal);
            if (prepare && _postgres && onlyArrays)
            {
                command.CommandText = PlanOnceSettings + command.CommandText;
                command.Prepare();
            }

            written = _sync ? command.ExecuteNonQuery() : await command.ExecuteNonQueryAsync(ct);
        }
        catch (DbException e)
        {
            throw new DbUpdateException("The database refused the ledger's writes: " + e.Message, e);
        }

        if (written != expected)
        {

            throw new DbUpdateConcurrencyException($"The ledger expected to write {expected} rows and wrote {written}: a row changed outside the ledger lock.");
        }
    }

    /// <summary>
    /// Sent first in a prepared write and in force until its transaction ends. The server plans a prepared statement
    /// when it is first run: one generic plan (a custom plan for each run would cost as much as before: a generic plan
    /// assumes 100 rows from an array and looks dearer than a custom one for 8), which finds and joins rows by index
    /// only, as a batch touches a handful of rows whatever the tables' size (left free, it updates the balances through
    /// a hash join over the whole accounts table). The look-ups stay unprepared and unaffected.
    /// </summary>
    private const string PlanOnceSettings = "SET LOCAL plan_cache_mode = force_generic_plan;\nSET LOCAL enable_seqscan = off;\nSET LOCAL enable_hashjoin = off;\nSET LOCAL enable_mergejoin = off;\n";

    /// <summary>PostgreSQL: every changed balance, operation and entry with one statement per table over arrays.</summary>
    private int AppendArrayWrites(StringBuilder sql, DbCommand command, List<LedgerAccount> accounts, IReadOnlyList<Operation> operations, List<Entry> entries)
    {
        var expected = 0;
        if (accounts.Count > 0)
        {
            // The row as read (or as the cache remembers it) in the condition: a lost update or a stale cache writes nothing.
            sql.Append(CultureInfo.InvariantCulture, $"""
                UPDATE "LedgerAccounts" AS a SET "Balance" = v.balance, "CreditLimit" = v.credit_limit, "Ceiling" = v.ceiling, "IsBlocked" = v.blocked
                FROM unnest({Array(command, accounts, a => a.Id)}, {Array(command, accounts, a => a.Balance)}, {Array(command, accounts, a => a.CreditLimit)},
                            {Array(command, accounts, a => a.Ceiling)}, {Array(command, accounts, a => a.IsBlocked)},
                            {Array(command, accounts, a => _accountsAsRead[a.Id].Balance)}, {Array(command, accounts, a => _accountsAsRead[a.Id].CreditLimit)},
                            {Array(command, accounts, a => _accountsAsRead[a.Id].Ceiling)}, {Array(command, accounts, a => _accountsAsRead[a.Id].IsBlocked)})
                     AS v(id, balance, credit_limit, ceiling, blocked, read, read_limit, read_ceiling, read_blocked)
                WHERE a."Id" = v.id AND a."Balance" = v.read AND a."CreditLimit" = v.read_limit AND a."Ceiling" IS NOT DISTINCT FROM v.read_ceiling
                  AND a."IsBlocked" = v.read_blocked;

                """);
            expected += accounts.Count;
        }

        if (operations.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO "LedgerOperations" ({OperationColumns}) SELECT * FROM unnest(
                    {Array(command, operations, o => o.Id)}, {Array(command, operations, o => o.ChamberId)}, {Array(command, operations, o => o.Sequence)},
                    {Array(command, operations, o => o.Kind.ToString())}, {Array(command, operations, o => DateTime.SpecifyKind(o.At, DateTimeKind.Utc))},
                    {Array(command, operations, o => o.Amount)}, {Array(command, operations, o => o.Fee)}, {Array(command, operations, o => o.Description)},
                    {Array(command, operations, o => o.Reference)}, {Array(command, operations, o => o.ReversesOperationId)}, {Array(command, operations, o => o.SubjectAccountId)},
                    {Array(command, operations, o => o.NewCreditLimit)}, {Array(command, operations, o => o.NewCeiling)}, {Array(command, operations, o => o.ActorUserId)},
                    {Array(command, operations, o => o.ActorName)}, {Array(command, operations, o => o.Reason)}, {Array(command, operations, o => o.PreviousHash)},
                    {Array(command, operations, o => o.Hash)});
                INSERT INTO "LedgerEntries" ("OperationId", "Index", "AccountId", "Amount") SELECT * FROM unnest(
                    {Array(command, entries, e => e.OperationId)}, {Array(command, entries, e => e.Index)}, {Array(command, entries, e => e.AccountId)}, {Array(command, entries, e => e.Amount)});

                """);
            expected += operations.Count + entries.Count;
        }

        return expected;
    }

    /// <summary>PostgreSQL: the new idempotency keys and the moved chain heads, over arrays.</summary>
    private int AppendArrayKeysAndChains(StringBuilder sql, DbCommand command, List<CurrencyDefinition> chains)
    {
        var expected = 0;
        var keys = State.NewIdempotencyRecords;
        if (_guardedTokens.Count > 0 && keys.Count == 0)
        {
            // Nothing to hang the tokens' check on (every API payment carries a key, so this is not expected): read them.
            throw new DbUpdateConcurrencyException("The access tokens of a batch from the cache could not be checked in its write.");
        }

        if (keys.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO "LedgerIdempotencyKeys" ("ChamberId", "Key", "Fingerprint", "ResultId", "At") SELECT * FROM unnest(
                    {Array(command, keys, k => k.ChamberId)}, {Array(command, keys, k => k.Key)}, {Array(command, keys, k => k.Fingerprint)},
                    {Array(command, keys, k => k.ResultId)}, {Array(command, keys, k => DateTime.SpecifyKind(k.At, DateTimeKind.Utc))})

                """);
            if (_guardedTokens.Count > 0)
            {
                // The same conditions as ApiCredentialFacts.Refusal, under the lock: one token that stopped allowing
                // calls and no key is stored, so the batch writes fewer rows than expected and runs again, reading them.
                sql.Append(CultureInfo.InvariantCulture, $"""
                    WHERE NOT EXISTS (SELECT 1 FROM unnest({Array(command, _guardedTokens, t => t)}) AS c(id) WHERE NOT EXISTS (
                        SELECT 1 FROM "CurrencyAccessTokens" t JOIN "Organisations" o ON o."Id" = t."OrganisationId" AND o."ChamberId" = t."ChamberId"
                        WHERE t."Id" = c.id AND t."RevokedAt" IS NULL AND t."ExpiresAt" > {Add(command, _guardedAt)} AND o."State" = 'Active'))

                    """);
            }

            sql.Append(";\n");
            expected += keys.Count;
        }

        if (chains.Count > 0)
        {
            // The chain head moves only from where it was read (a second writer could never fork the chain), and only
            // under the rules the batch applied (a fee changed since the cache remembered it writes nothing).
            sql.Append(CultureInfo.InvariantCulture, $"""
                UPDATE "Currencies" AS c SET "ChainSequence" = v.sequence, "ChainHash" = v.hash
                FROM unnest({Array(command, chains, c => c.ChamberId)}, {Array(command, chains, c => c.ChainSequence)}, {Array(command, chains, c => c.ChainHash)},
                            {Array(command, chains, c => _chainsAsRead[c.ChamberId].Sequence)}, {Array(command, chains, c => _chainsAsRead[c.ChamberId].MinorDigits)},
                            {Array(command, chains, c => _chainsAsRead[c.ChamberId].FeeBasisPoints)}, {Array(command, chains, c => _chainsAsRead[c.ChamberId].ReferralReward)},
                            {Array(command, chains, c => _chainsAsRead[c.ChamberId].DefaultCreditLimit)})
                     AS v(chamber, sequence, hash, read, digits, fee, reward, default_limit)
                WHERE c."ChamberId" = v.chamber AND c."ChainSequence" = v.read AND c."MinorDigits" = v.digits AND c."FeeBasisPoints" = v.fee
                  AND c."ReferralReward" = v.reward AND c."DefaultCreditLimit" = v.default_limit;

                """);
            expected += chains.Count;
        }

        return expected;
    }

    /// <summary>One column of rows as an array parameter (Npgsql maps T[] to the matching PostgreSQL array type).</summary>
    private static string Array<TRow, TValue>(DbCommand command, IReadOnlyList<TRow> rows, Func<TRow, TValue> column)
    {
        var values = new TValue[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column(rows[i]);
        }

        return AddRaw(command, values, DbType.Object);
    }

    /// <summary>SQLite: the everyday rows with prepared single-row statements, each checked to change exactly one row.</summary>
    private void SavePrepared(SqliteLedgerStatements sqlite, List<LedgerAccount> accounts, IReadOnlyList<Operation> operations, List<Entry> entries, List<CurrencyDefinition> chains)
    {
        foreach (var a in accounts)
        {
            var read = _accountsAsRead[a.Id];
            ExpectOne(SqliteLedgerStatements.Run(
                sqlite.UpdateAccount, a.Balance, a.CreditLimit, a.Ceiling, SqliteValue(a.IsBlocked), SqliteGuid(a.Id), read.Balance, read.CreditLimit, read.Ceiling, SqliteValue(read.IsBlocked)));
        }

        foreach (var o in operations)
        {
            ExpectOne(SqliteLedgerStatements.Run(sqlite.InsertOperation, OperationValues(o)));
        }

        foreach (var e in entries)
        {
            ExpectOne(SqliteLedgerStatements.Run(sqlite.InsertEntry, SqliteGuid(e.OperationId), (long)e.Index, SqliteGuid(e.AccountId), e.Amount));
        }

        foreach (var k in State.NewIdempotencyRecords)
        {
            ExpectOne(SqliteLedgerStatements.Run(sqlite.InsertKey, SqliteGuid(k.ChamberId), k.Key, k.Fingerprint, SqliteGuid(k.ResultId), SqliteValue(k.At)));
        }

        // The chain head moves only from where it was read: a second writer could never fork the chain.
        foreach (var c in chains)
        {
            var read = _chainsAsRead[c.ChamberId];
            ExpectOne(SqliteLedgerStatements.Run(
                sqlite.UpdateChain, c.ChainSequence, c.ChainHash, SqliteGuid(c.ChamberId), read.Sequence, (long)read.MinorDigits, (long)read.FeeBasisPoints, read.ReferralReward, read.DefaultCreditLimit));
        }
    }

    private static void ExpectOne(int written)
    {
        if (written != 1)
        {
            throw new DbUpdateConcurrencyException($"The ledger expected to write one row and wrote {written}: a row changed outside the ledger lock.");
        }
    }

    private const string OperationColumns = """ "Id", "ChamberId", "Sequence", "Kind", "At", "Amount", "Fee", "Description", "Reference", "ReversesOperationId", "SubjectAccountId", "NewCreditLimit", "NewCeiling", "ActorUserId", "ActorName", "Reason", "PreviousHash", "Hash" """;

    /// <summary>An operation's columns in <see cref="OperationColumns"/> order, as SQLite stores them.</summary>
    private static object?[] OperationValues(Operation o) =>
    [
        .. new object?[]
        {
            o.Id, o.ChamberId, o.Sequence, o.Kind.ToString(), o.At, o.Amount, o.Fee, o.Description, o.Reference, o.ReversesOperationId, o.SubjectAccountId,
            o.NewCreditLimit, o.NewCeiling, o.ActorUserId, o.ActorName, o.Reason, o.PreviousHash, o.Hash,
        }.Select(SqliteValue),
    ];

    /// <summary>A value as EF stores it on SQLite (GUIDs as upper-case text, instants as ISO text, booleans as 0/1).</summary>
    private static object? SqliteValue(object? value) => value switch
    {
        null => null,
        Guid g => SqliteGuid(g),
        DateTime at => at.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        int i => (long)i,
        _ => value,
    };

    private static void AppendInserts<T>(StringBuilder sql, DbCommand command, string table, string columns, IReadOnlyList<T> rows, Func<T, string[]> values)
    {
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO \"{table}\" ({columns}) VALUES ");
            var end = Math.Min(rows.Count, start + RowsPerStatement);
            for (var i = start; i < end; i++)
            {
                sql.Append(i == start ? "(" : ", (").AppendJoin(", ", values(rows[i])).Append(')');
            }

            sql.Append(";\n");
        }
    }

    private DbCommand CreateCommand()
    {
        var command = _database.GetDbConnection().CreateCommand();
        command.Transaction = _database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    /// <summary>
    /// A parameter, stored as EF stores it: on SQLite, GUIDs as upper-case text, instants and days as ISO text,
    /// booleans as 0/1; on PostgreSQL, native types (instants are UTC). A null is typed by <typeparamref name="T"/>.
    /// Returns the parameter's name.
    /// </summary>
    private string Add<T>(DbCommand command, T value) => value switch
    {
        null => AddRaw(command, DBNull.Value, NullType(Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T))),
        _ when !_postgres => AddRaw(command, SqliteValue(value)!, null),
        DateTime at => AddRaw(command, DateTime.SpecifyKind(at, DateTimeKind.Utc), null),
        _ => AddRaw(command, value, null),
    };

    private static DbType NullType(Type type) =>
        type == typeof(Guid) ? DbType.Guid
        : type == typeof(long) ? DbType.Int64
        : type == typeof(int) ? DbType.Int32
        : type == typeof(DateTime) ? DbType.DateTime
        : type == typeof(DateOnly) ? DbType.Date
        : type == typeof(bool) ? DbType.Boolean
        : DbType.String;

    private static string AddRaw(DbCommand command, object value, DbType? type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameter.Value = value;
        if (type is { } t && t != DbType.Object)
        {
            parameter.DbType = t;
        }

        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }

    private static string SqliteGuid(Guid id) => id.ToString("D").ToUpperInvariant();

    /// <summary>SQLite's text forgets the kind; every instant of the ledger is UTC.</summary>
    private static DateTime Utc(DateTime at) => at.Kind == DateTimeKind.Utc ? at : DateTime.SpecifyKind(at, DateTimeKind.Utc);

    private readonly record struct AccountRow(long Balance, long CreditLimit, long? Ceiling, bool IsBlocked)
    {
        public static AccountRow Of(LedgerAccount a) => new(a.Balance, a.CreditLimit, a.Ceiling, a.IsBlocked);
    }

    /// <summary>A currency's chain head and the rules a payment depends on, as the batch found them.</summary>
    private readonly record struct ChainRow(long Sequence, int MinorDigits, int FeeBasisPoints, long ReferralReward, long DefaultCreditLimit)
    {
        public static ChainRow Of(CurrencyDefinition c) => new(c.ChainSequence, c.MinorDigits, c.FeeBasisPoints, c.ReferralReward, c.DefaultCreditLimit);
    }

    private readonly record struct RequestRow(PaymentRequestState State, DateTime? AnsweredAt, Guid? PaymentOperationId)
    {
        public static RequestRow Of(PaymentRequest r) => new(r.State, r.AnsweredAt, r.PaymentOperationId);
    }

    private readonly record struct OrderRow(int OccurrencesPaid, bool IsActive, bool IsPaused)
    {
        public static OrderRow Of(RecurringPayment r) => new(r.OccurrencesPaid, r.IsActive, r.IsPaused);
    }
}
