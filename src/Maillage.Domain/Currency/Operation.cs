using System.Globalization;
using System.Text;

namespace Maillage.Domain.Currency;

public enum OperationKind
{
    Payment = 1,
    Reversal = 2,
    ReferralReward = 3,

    /// <summary>A credit limit or ceiling changed: no entries, a record of who, when, why.</summary>
    LimitChange = 4,
    AccountBlocked = 5,
    AccountUnblocked = 6,

    /// <summary>Currency moved by a clearing round's liquidity-saving step (one operation per round).</summary>
    ClearingSettlement = 7,
}

/// <summary>One line of an operation: an amount credited (positive) or debited (negative) to one account.</summary>
public sealed class Entry
{
    private Entry()
    {
    }

    internal Entry(Guid operationId, int index, Guid accountId, long amount)
    {
        OperationId = operationId;
        Index = index;
        AccountId = accountId;
        Amount = amount;
    }

    public Guid OperationId { get; private set; }

    /// <summary>Position within the operation (0, 1, …): fixes the order the hash is computed over.</summary>
    public int Index { get; private set; }

    public Guid AccountId { get; private set; }

    public long Amount { get; private set; }
}

/// <summary>Who did something: the user (if any) and the name shown in the history.</summary>
public sealed record LedgerActor(Guid? UserId, string Name)
{
    public static readonly LedgerActor System = new(null, "system");
}

/// <summary>
/// An entry of the journal: a set of entries whose sum is zero, or a non-monetary record (limit change, block).
/// Never edited once sealed: <see cref="Hash"/> covers every field and the previous operation's hash.
/// </summary>
public sealed class Operation
{
    public const int DescriptionMax = 300;
    public const int ReferenceMax = 100;
    public const int ReasonMax = 500;

    private readonly List<Entry> _entries = [];

    private Operation()
    {
    }

    internal Operation(Guid chamberId, OperationKind kind, DateTime at, LedgerActor actor)
    {
        // Time-ordered: new operations (and their entries) go to the end of their indexes, not to a random page.
        Id = Guid.CreateVersion7();
        ChamberId = chamberId;
        Kind = kind;
        At = TruncateToMicroseconds(at);
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    /// <summary>1, 2, 3… per chamber: the position in the hash chain.</summary>
    public long Sequence { get; private set; }

    public OperationKind Kind { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>The amount paid (without the fee), for statements.</summary>
    public long Amount { get; internal set; }

    public long Fee { get; internal set; }

    public string Description { get; internal set; } = string.Empty;

    /// <summary>An offer's or invoice's reference given by the payer.</summary>
    public string? Reference { get; internal set; }

    public Guid? ReversesOperationId { get; internal set; }

    /// <summary>The account a limit change or block is about.</summary>
    public Guid? SubjectAccountId { get; internal set; }

    public long? NewCreditLimit { get; internal set; }

    public long? NewCeiling { get; internal set; }

    public Guid? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = string.Empty;

    public string? Reason { get; internal set; }

    public string PreviousHash { get; private set; } = string.Empty;

    public string Hash { get; private set; } = string.Empty;

    public IReadOnlyList<Entry> Entries => _entries;

    internal void AddEntry(Guid accountId, long amount) => _entries.Add(new Entry(Id, _entries.Count, accountId, amount));

    internal void Seal(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = HashChain.HashOf(previousHash, this);
    }

    /// <summary>
    /// The bytes the hash covers: every field in a fixed order, strings length-prefixed so that no two different
    /// operations serialise alike. Changing this breaks every stored chain: version it instead.
    /// </summary>
    public string Canonical()
    {
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder(256);
        b.Append("v1|").Append(Sequence.ToString(c)).Append('|').Append(Id.ToString("N")).Append('|').Append(ChamberId.ToString("N"))
            .Append('|').Append(((int)Kind).ToString(c)).Append('|').Append(At.Ticks.ToString(c))
            .Append('|').Append(Amount.ToString(c)).Append('|').Append(Fee.ToString(c));
        AppendText(b, Description);
        AppendText(b, Reference);
        b.Append('|').Append(ReversesOperationId?.ToString("N")).Append('|').Append(SubjectAccountId?.ToString("N"))
            .Append('|').Append(NewCreditLimit?.ToString(c)).Append('|').Append(NewCeiling?.ToString(c))
            .Append('|').Append(ActorUserId?.ToString("N"));
        AppendText(b, ActorName);
        AppendText(b, Reason);
        b.Append("|entries:").Append(_entries.Count.ToString(c));
        foreach (var e in _entries.OrderBy(e => e.Index))
        {
            b.Append('|').Append(e.Index.ToString(c)).Append(':').Append(e.AccountId.ToString("N")).Append(':').Append(e.Amount.ToString(c));
        }

        return b.ToString();
    }

    private static void AppendText(StringBuilder b, string? text) =>
        b.Append('|').Append(text is null ? "-" : text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);

    /// <summary>PostgreSQL keeps microseconds: the hashed instant must be the stored one.</summary>
    private static DateTime TruncateToMicroseconds(DateTime at)
    {
        var utc = at.Kind == DateTimeKind.Utc ? at : at.ToUniversalTime();
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }
}
