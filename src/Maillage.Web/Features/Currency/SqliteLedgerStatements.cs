using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// The ledger's everyday statements on SQLite, prepared once per connection and run once per row. SQLite runs in the
/// app's process, so a row costs no round trip: what costs is parsing SQL and binding parameters, which a prepared
/// single-row statement does once, where a multi-row statement built per batch parses its text and looks up every
/// parameter's name in every statement each time (see docs/ledger-design.md).
/// </summary>
public sealed class SqliteLedgerStatements : IDisposable
{
    private readonly List<SqliteCommand> _all = [];

    public SqliteLedgerStatements(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Currency = Prepare("""
            SELECT "ChamberId", "Name", "Code", "Symbol", "MinorDigits", "FeeBasisPoints", "ReferralReward", "DefaultCreditLimit",
                   "FeeAccountId", "IssuingAccountId", "ChainSequence", "ChainHash", "CreatedAt"
            FROM "Currencies" WHERE "ChamberId" = @chamber
            """, "@chamber");
        Key = Prepare("""SELECT "ChamberId", "Key", "Fingerprint", "ResultId", "At" FROM "LedgerIdempotencyKeys" WHERE "ChamberId" = @chamber AND "Key" = @key""", "@chamber", "@key");
        Account = Prepare("""SELECT "Id", "ChamberId", "Kind", "OrganisationId", "Balance", "CreditLimit", "Ceiling", "IsBlocked", "OpenedAt" FROM "LedgerAccounts" WHERE "Id" = @id""", "@id");
        Credential = Prepare(LedgerWorkingSet.CredentialSql + """ WHERE t."Id" = @id""", "@id");
        UpdateAccount = Prepare(
            """
            UPDATE "LedgerAccounts" SET "Balance" = @balance, "CreditLimit" = @limit, "Ceiling" = @ceiling, "IsBlocked" = @blocked
            WHERE "Id" = @id AND "Balance" = @read AND "CreditLimit" = @readLimit AND "Ceiling" IS @readCeiling AND "IsBlocked" = @readBlocked
            """,
            "@balance", "@limit", "@ceiling", "@blocked", "@id", "@read", "@readLimit", "@readCeiling", "@readBlocked");
        InsertOperation = Prepare(
            """
            INSERT INTO "LedgerOperations" ("Id", "ChamberId", "Sequence", "Kind", "At", "Amount", "Fee", "Description", "Reference", "ReversesOperationId",
                "SubjectAccountId", "NewCreditLimit", "NewCeiling", "ActorUserId", "ActorName", "Reason", "PreviousHash", "Hash")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17)
            """,
            [.. Enumerable.Range(0, 18).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture))]);
        InsertEntry = Prepare("""INSERT INTO "LedgerEntries" ("OperationId", "Index", "AccountId", "Amount") VALUES (@operation, @index, @account, @amount)""", "@operation", "@index", "@account", "@amount");
        InsertKey = Prepare("""INSERT INTO "LedgerIdempotencyKeys" ("ChamberId", "Key", "Fingerprint", "ResultId", "At") VALUES (@chamber, @key, @fingerprint, @result, @at)""", "@chamber", "@key", "@fingerprint", "@result", "@at");
        UpdateChain = Prepare(
            """
            UPDATE "Currencies" SET "ChainSequence" = @sequence, "ChainHash" = @hash
            WHERE "ChamberId" = @chamber AND "ChainSequence" = @read AND "MinorDigits" = @digits AND "FeeBasisPoints" = @fee
              AND "ReferralReward" = @reward AND "DefaultCreditLimit" = @limit
            """,
            "@sequence", "@hash", "@chamber", "@read", "@digits", "@fee", "@reward", "@limit");
    }

    public SqliteConnection Connection { get; }

    public SqliteCommand Credential { get; }

    public SqliteCommand Currency { get; }

    public SqliteCommand Key { get; }

    public SqliteCommand Account { get; }

    public SqliteCommand UpdateAccount { get; }

    public SqliteCommand InsertOperation { get; }

    public SqliteCommand InsertEntry { get; }

    public SqliteCommand InsertKey { get; }

    public SqliteCommand UpdateChain { get; }

    /// <summary>Every statement runs in the batch's transaction (Microsoft.Data.Sqlite requires it to be named).</summary>
    public void Enlist(SqliteTransaction? transaction)
    {
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }
    }

    /// <summary>Sets the parameters in order and runs the statement; returns the rows it changed.</summary>
    public static int Run(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    public static void Bind(SqliteCommand command, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        _all.Add(command);
        return command;
    }
}
