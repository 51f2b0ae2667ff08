using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
public sealed class LedgerWorkingSet
{
    /// <summary>Rows per INSERT statement: far below either engine's limit on parameters per statement.</summary>
    private const int RowsPerStatement = 400;

    private const string AccountColumns = """ "Id", "ChamberId", "Kind", "OrganisationId", "Balance", "CreditLimit", "Ceiling", "IsBlocked", "OpenedAt" """;

    private readonly DatabaseFacade _database;
    private readonly bool _postgres;
    private readonly Dictionary<Guid, AccountRow> _accountsAsRead = [];
    private readonly Dictionary<Guid, long> _chainsAsRead = [];
    private readonly Dictionary<Guid, RequestRow> _requestsAsRead = [];
    private readonly Dictionary<Guid, OrderRow> _ordersAsRead = [];

    private LedgerWorkingSet(DatabaseFacade database)
    {
        _database = database;
        _postgres = database.IsNpgsql();
    }

    public LedgerState State { get; } = new();

    /// <summary>
    /// Takes the ledger lock (PostgreSQL: the advisory lock every instance's writer takes; SQLite: the caller's
    /// transaction already holds the write lock) and reads what <paramref name="commands"/> need.
    /// </summary>
    public static async Task<LedgerWorkingSet> LoadAsync(MaillageDbContext db, IReadOnlyList<LedgerCommand> commands, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(commands);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The ledger reads and writes inside a transaction that holds the ledger lock.");
        }

        var set = new LedgerWorkingSet(db.Database);
        await set.ReadAsync(db, commands, ct);
        return set;
    }

    private async Task ReadAsync(MaillageDbContext db, IReadOnlyList<LedgerCommand> commands, CancellationToken ct)
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

        await using var command = CreateCommand();
        var sql = new StringBuilder();
        if (_postgres && !lockTaken)
        {
            sql.Append(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({LedgerWriter.AdvisoryLockKey});\n");
        }

        var chamberList = ListOf(command, chambers);
        sql.Append(CultureInfo.InvariantCulture, $"""
            SELECT "ChamberId", "Name", "Code", "Symbol", "MinorDigits", "FeeBasisPoints", "ReferralReward", "DefaultCreditLimit",
                   "FeeAccountId", "IssuingAccountId", "ChainSequence", "ChainHash", "CreatedAt"
            FROM "Currencies" WHERE "ChamberId" IN ({chamberList});

            """);
        var keys = commands.Select(c => c.EffectiveIdempotencyKey).OfType<string>().Distinct().ToList();
        if (keys.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                SELECT "ChamberId", "Key", "Fingerprint", "ResultId", "At" FROM "LedgerIdempotencyKeys"
                WHERE "ChamberId" IN ({chamberList}) AND "Key" IN ({ListOf(command, keys)});

                """);
        }

        sql.Append(CultureInfo.InvariantCulture, $"""
            SELECT {AccountColumns} FROM "LedgerAccounts" WHERE "Id" IN (
                {ListOf(command, accountIds.ToList())}
                UNION SELECT "FeeAccountId" FROM "Currencies" WHERE "ChamberId" IN ({chamberList})
                UNION SELECT "IssuingAccountId" FROM "Currencies" WHERE "ChamberId" IN ({chamberList}));
            """);
        command.CommandText = sql.ToString();

        await using var reader = await command.ExecuteReaderAsync(ct);
        if (_postgres && !lockTaken)
        {
            await reader.NextResultAsync(ct);
        }

        while (await reader.ReadAsync(ct))
        {
            var currency = CurrencyDefinition.Restore(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7),
                reader.GetGuid(8), reader.GetGuid(9), reader.GetInt64(10), reader.GetString(11), Utc(reader.GetDateTime(12)));
            State.Load(currency);
            _chainsAsRead[currency.ChamberId] = currency.ChainSequence;
        }

        if (keys.Count > 0)
        {
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                State.Load(IdempotencyRecord.Restore(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetGuid(3), Utc(reader.GetDateTime(4))));
            }
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var account = LedgerAccount.Restore(
                reader.GetGuid(0), reader.GetGuid(1), Enum.Parse<AccountKind>(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetBoolean(7), Utc(reader.GetDateTime(8)));
            State.Load(account);
            _accountsAsRead[account.Id] = AccountRow.Of(account);
        }
    }

    /// <summary>Payment requests, standing orders and operations to reverse (with any reversal of them), read with EF: they are rare.</summary>
    private async Task ReadRareAsync(MaillageDbContext db, List<Guid> requestIds, List<Guid> orderIds, List<Guid> reversedIds, HashSet<Guid> accountIds, CancellationToken ct)
    {
        if (requestIds.Count > 0)
        {
            foreach (var request in await db.Set<PaymentRequest>().AsNoTracking().Where(r => requestIds.Contains(r.Id)).ToListAsync(ct))
            {
                State.Load(request);
                _requestsAsRead[request.Id] = RequestRow.Of(request);
                accountIds.Add(request.PayerAccountId);
                accountIds.Add(request.PayeeAccountId);
            }
        }

        if (orderIds.Count > 0)
        {
            foreach (var order in await db.Set<RecurringPayment>().AsNoTracking().Where(r => orderIds.Contains(r.Id)).ToListAsync(ct))
            {
                State.Load(order);
                _ordersAsRead[order.Id] = OrderRow.Of(order);
                accountIds.Add(order.PayerAccountId);
                accountIds.Add(order.PayeeAccountId);
            }
        }

        if (reversedIds.Count > 0)
        {
            var operations = await db.Set<Operation>().AsNoTracking().Include(o => o.Entries)
                .Where(o => reversedIds.Contains(o.Id) || (o.ReversesOperationId != null && reversedIds.Contains(o.ReversesOperationId.Value)))
                .ToListAsync(ct);
            foreach (var operation in operations)
            {
                State.Load(operation);
                accountIds.UnionWith(operation.Entries.Select(e => e.AccountId));
            }
        }
    }

    private async Task TakeLockAsync(CancellationToken ct)
    {
        if (_postgres)
        {
            await using var command = CreateCommand();
            command.CommandText = FormattableString.Invariant($"SELECT pg_advisory_xact_lock({LedgerWriter.AdvisoryLockKey})");
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Writes what the commands applied to <see cref="State"/> changed, in the caller's transaction (the caller
    /// commits). A database refusal (a constraint) is a <see cref="DbUpdateException"/>; a row that was not where
    /// it was read (a write that bypassed the ledger lock) a <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    public async Task SaveAsync(CancellationToken ct = default)
    {
        await using var command = CreateCommand();
        var sql = new StringBuilder();
        var expected = 0;

        var accounts = State.Accounts.Values.Where(a => _accountsAsRead.TryGetValue(a.Id, out var read) && read != AccountRow.Of(a)).ToList();
        if (accounts.Count > 0)
        {
            // One statement for every balance of the batch; the old balance in the condition catches a lost update.
            sql.Append("""UPDATE "LedgerAccounts" AS a SET "Balance" = v.column3, "CreditLimit" = v.column4, "Ceiling" = v.column5, "IsBlocked" = v.column6 FROM (VALUES """);
            for (var i = 0; i < accounts.Count; i++)
            {
                var a = accounts[i];
                sql.Append(i == 0 ? "(" : ", (").AppendJoin(", ", Add(command, a.Id), Add(command, _accountsAsRead[a.Id].Balance), Add(command, a.Balance), Add(command, a.CreditLimit), Add(command, a.Ceiling), Add(command, a.IsBlocked)).Append(')');
            }

            sql.Append(""") AS v WHERE a."Id" = v.column1 AND a."Balance" = v.column2;""").Append('\n');
            expected += accounts.Count;
        }

        var operations = State.NewOperations;
        AppendInserts(sql, command, "LedgerOperations",
            """ "Id", "ChamberId", "Sequence", "Kind", "At", "Amount", "Fee", "Description", "Reference", "ReversesOperationId", "SubjectAccountId", "NewCreditLimit", "NewCeiling", "ActorUserId", "ActorName", "Reason", "PreviousHash", "Hash" """,
            operations, o =>
            [
                Add(command, o.Id), Add(command, o.ChamberId), Add(command, o.Sequence), Add(command, o.Kind.ToString()), Add(command, o.At), Add(command, o.Amount), Add(command, o.Fee),
                Add(command, o.Description), Add(command, o.Reference), Add(command, o.ReversesOperationId), Add(command, o.SubjectAccountId),
                Add(command, o.NewCreditLimit), Add(command, o.NewCeiling), Add(command, o.ActorUserId), Add(command, o.ActorName),
                Add(command, o.Reason), Add(command, o.PreviousHash), Add(command, o.Hash),
            ]);
        expected += operations.Count;
        var entries = operations.SelectMany(o => o.Entries).ToList();
        AppendInserts(sql, command, "LedgerEntries", """ "OperationId", "Index", "AccountId", "Amount" """, entries,
            e => [Add(command, e.OperationId), Add(command, e.Index), Add(command, e.AccountId), Add(command, e.Amount)]);
        expected += entries.Count;

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

        AppendInserts(sql, command, "LedgerIdempotencyKeys", """ "ChamberId", "Key", "Fingerprint", "ResultId", "At" """, State.NewIdempotencyRecords,
            k => [Add(command, k.ChamberId), Add(command, k.Key), Add(command, k.Fingerprint), Add(command, k.ResultId), Add(command, k.At)]);
        expected += State.NewIdempotencyRecords.Count;

        // The chain head moves only from where it was read: a second writer could never fork the chain.
        foreach (var currency in State.Currencies.Values.Where(c => _chainsAsRead.TryGetValue(c.ChamberId, out var read) && read != c.ChainSequence))
        {
            sql.Append(CultureInfo.InvariantCulture, $"""UPDATE "Currencies" SET "ChainSequence" = {Add(command, currency.ChainSequence)}, "ChainHash" = {Add(command, currency.ChainHash)} WHERE "ChamberId" = {Add(command, currency.ChamberId)} AND "ChainSequence" = {Add(command, _chainsAsRead[currency.ChamberId])};""").Append('\n');
            expected++;
        }

        if (expected == 0)
        {
            return;
        }

        command.CommandText = sql.ToString();
        int written;
        try
        {
            written = await command.ExecuteNonQueryAsync(ct);
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

    /// <summary>A list parameter as a row source: an array on PostgreSQL, a JSON array on SQLite.</summary>
    private string ListOf<T>(DbCommand command, IReadOnlyCollection<T> values)
    {
        if (_postgres)
        {
            return "SELECT unnest(" + AddRaw(command, values.ToArray(), DbType.Object) + ")";
        }

        var texts = values.Select(v => v is Guid g ? SqliteGuid(g) : Convert.ToString(v, CultureInfo.InvariantCulture)).ToArray();
        return "SELECT value FROM json_each(" + AddRaw(command, JsonSerializer.Serialize(texts), DbType.String) + ")";
    }

    /// <summary>
    /// A parameter, stored as EF stores it: on SQLite, GUIDs as upper-case text, instants and days as ISO text,
    /// booleans as 0/1; on PostgreSQL, native types (instants are UTC). A null is typed by <typeparamref name="T"/>.
    /// Returns the parameter's name.
    /// </summary>
    private string Add<T>(DbCommand command, T value)
    {
        switch (value)
        {
            case null:
                return AddRaw(command, DBNull.Value, NullType(Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T)));
            case DateTime at when _postgres:
                return AddRaw(command, DateTime.SpecifyKind(at, DateTimeKind.Utc), null);
            case Guid g when !_postgres:
                return AddRaw(command, SqliteGuid(g), DbType.String);
            case DateTime at:
                return AddRaw(command, at.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture), DbType.String);
            case DateOnly day when !_postgres:
                return AddRaw(command, day.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture), DbType.String);
            case bool b when !_postgres:
                return AddRaw(command, b ? 1L : 0L, DbType.Int64);
            default:
                return AddRaw(command, value, null);
        }
    }

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

    private readonly record struct RequestRow(PaymentRequestState State, DateTime? AnsweredAt, Guid? PaymentOperationId)
    {
        public static RequestRow Of(PaymentRequest r) => new(r.State, r.AnsweredAt, r.PaymentOperationId);
    }

    private readonly record struct OrderRow(int OccurrencesPaid, bool IsActive, bool IsPaused)
    {
        public static OrderRow Of(RecurringPayment r) => new(r.OccurrencesPaid, r.IsActive, r.IsPaused);
    }
}
