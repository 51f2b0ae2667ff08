using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Maillage.Domain.Currency;

/// <summary>What the ledger answers: the operation (or request) produced, and whether it is a replay of a retry.</summary>
public sealed record LedgerOutcome(Guid ResultId, bool Replayed)
{
    /// <summary>The operation this command appended (not on a replay, nor for a request): callers answer without reading it back.</summary>
    public Operation? Operation { get; init; }

    /// <summary>Outcomes are the same answer when they name the same result the same way; the operation is only a convenience.</summary>
    public bool Equals(LedgerOutcome? other) => other is not null && ResultId == other.ResultId && Replayed == other.Replayed;

    public override int GetHashCode() => HashCode.Combine(ResultId, Replayed);
}

/// <summary>
/// A request to the ledger. Besides its content it says what must be loaded to apply it (accounts, request,
/// standing order, operation), so the persistence loads a small working set instead of the whole ledger.
/// </summary>
public abstract record LedgerCommand(Guid ChamberId, LedgerActor Actor, DateTime At, string? IdempotencyKey)
{
    public virtual IEnumerable<Guid> AccountIds => [];

    public virtual Guid? RequestId => null;

    public virtual Guid? RecurringPaymentId => null;

    public virtual Guid? ReversedOperationId => null;

    /// <summary>The key the command is applied under: the client's, or one the command implies (referrals, occurrences).</summary>
    public virtual string? EffectiveIdempotencyKey => IdempotencyKey;

    /// <summary>SHA-256 of what is asked (not when): a retry has the same fingerprint, another request does not.</summary>
    public string Fingerprint() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(GetType().Name + "|" + Actor.UserId?.ToString("N") + "|" + Content())));

    protected abstract string Content();

    protected static string Join(params object?[] parts) =>
        string.Join('|', parts.Select(p => p switch
        {
            null => "-",
            string s => s.Length.ToString(CultureInfo.InvariantCulture) + ":" + s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => p.ToString(),
        }));
}

public sealed record Pay(Guid ChamberId, Guid PayerAccountId, Guid PayeeAccountId, long Amount, string? Description, string? Reference, LedgerActor Actor, DateTime At, string? IdempotencyKey = null)
    : LedgerCommand(ChamberId, Actor, At, IdempotencyKey)
{
    public override IEnumerable<Guid> AccountIds => [PayerAccountId, PayeeAccountId];

    protected override string Content() => Join(PayerAccountId, PayeeAccountId, Amount, Description, Reference);
}

public sealed record RequestPayment(Guid ChamberId, Guid NewRequestId, Guid PayeeAccountId, Guid PayerAccountId, long Amount, string? Description, DateTime ExpiresAt, LedgerActor Actor, DateTime At, string? IdempotencyKey = null)
    : LedgerCommand(ChamberId, Actor, At, IdempotencyKey)
{
    public override IEnumerable<Guid> AccountIds => [PayeeAccountId, PayerAccountId];

    protected override string Content() => Join(PayeeAccountId, PayerAccountId, Amount, Description, ExpiresAt.Ticks);
}

/// <summary>The payer accepts: the payment is made and the request answered in one operation.</summary>
public sealed record AcceptRequest(Guid ChamberId, Guid PaymentRequestId, Guid PayerAccountId, LedgerActor Actor, DateTime At, string? IdempotencyKey = null)
    : LedgerCommand(ChamberId, Actor, At, IdempotencyKey)
{
    public override IEnumerable<Guid> AccountIds => [PayerAccountId];

    public override Guid? RequestId => PaymentRequestId;

    protected override string Content() => Join(PaymentRequestId, PayerAccountId);
}

public sealed record DeclineRequest(Guid ChamberId, Guid PaymentRequestId, Guid PayerAccountId, LedgerActor Actor, DateTime At, string? IdempotencyKey = null)
    : LedgerCommand(ChamberId, Actor, At, IdempotencyKey)
{
    public override Guid? RequestId => PaymentRequestId;

    protected override string Content() => Join(PaymentRequestId, PayerAccountId);
}

/// <summary>Marks a pending request expired once its time has passed (a scheduled job sends these).</summary>
public sealed record ExpireRequest(Guid ChamberId, Guid PaymentRequestId, LedgerActor Actor, DateTime At)
    : LedgerCommand(ChamberId, Actor, At, null)
{
    public override Guid? RequestId => PaymentRequestId;

    protected override string Content() => Join(PaymentRequestId);
}

/// <summary>Staff undo a payment or reward with compensating entries; history is never edited.</summary>
public sealed record Reverse(Guid ChamberId, Guid OperationId, string Reason, LedgerActor Actor, DateTime At, string? IdempotencyKey = null)
    : LedgerCommand(ChamberId, Actor, At, IdempotencyKey)
{
    public override Guid? ReversedOperationId => OperationId;

    protected override string Content() => Join(OperationId, Reason);
}

/// <summary>Staff override an account's credit limit and ceiling (recorded in the journal with who, when, why).</summary>
public sealed record ChangeLimit(Guid ChamberId, Guid AccountId, long CreditLimit, long? Ceiling, string Reason, LedgerActor Actor, DateTime At, string? IdempotencyKey = null)
    : LedgerCommand(ChamberId, Actor, At, IdempotencyKey)
{
    public override IEnumerable<Guid> AccountIds => [AccountId];

    protected override string Content() => Join(AccountId, CreditLimit, Ceiling, Reason);
}

public sealed record SetBlocked(Guid ChamberId, Guid AccountId, bool Blocked, string Reason, LedgerActor Actor, DateTime At, string? IdempotencyKey = null)
    : LedgerCommand(ChamberId, Actor, At, IdempotencyKey)
{
    public override IEnumerable<Guid> AccountIds => [AccountId];

    protected override string Content() => Join(AccountId, Blocked, Reason);
}

/// <summary>The chamber rewards the referrer of an admitted organisation, at most once per referred organisation.</summary>
public sealed record RewardReferral(Guid ChamberId, Guid ReferrerAccountId, Guid ReferredOrganisationId, LedgerActor Actor, DateTime At)
    : LedgerCommand(ChamberId, Actor, At, null)
{
    public override IEnumerable<Guid> AccountIds => [ReferrerAccountId];

    public override string? EffectiveIdempotencyKey => FormattableString.Invariant($"referral:{ReferredOrganisationId:N}");

    protected override string Content() => Join(ReferrerAccountId, ReferredOrganisationId);
}

public sealed record SetUpRecurringPayment(Guid ChamberId, Guid NewRecurringPaymentId, Guid PayerAccountId, Guid PayeeAccountId, long Amount, string? Description, DateOnly Start, RecurrenceInterval Interval, DateOnly? End, LedgerActor Actor, DateTime At, string? IdempotencyKey = null)
    : LedgerCommand(ChamberId, Actor, At, IdempotencyKey)
{
    public override IEnumerable<Guid> AccountIds => [PayerAccountId, PayeeAccountId];

    protected override string Content() => Join(PayerAccountId, PayeeAccountId, Amount, Description, Start.DayNumber, Interval.ToString(), End?.DayNumber);
}

/// <summary>Pays occurrence n of a standing order; its implied key makes a second run a harmless replay.</summary>
public sealed record PayRecurringOccurrence(Guid ChamberId, Guid StandingOrderId, int Occurrence, LedgerActor Actor, DateTime At)
    : LedgerCommand(ChamberId, Actor, At, null)
{
    public override Guid? RecurringPaymentId => StandingOrderId;

    public override string? EffectiveIdempotencyKey => RecurringPayment.IdempotencyKeyOf(StandingOrderId, Occurrence);

    protected override string Content() => Join(StandingOrderId, Occurrence);
}

/// <summary>
/// Gives up occurrence n of a standing order that could not be paid during its retry days (funds short, an account
/// blocked): the order moves on to the next one. It takes the occurrence's implied key, so the occurrence can never
/// be paid afterwards, and a payment and a skip of the same occurrence racing on two instances cannot both happen.
/// </summary>
public sealed record SkipRecurringOccurrence(Guid ChamberId, Guid StandingOrderId, int Occurrence, LedgerActor Actor, DateTime At)
    : LedgerCommand(ChamberId, Actor, At, null)
{
    public override Guid? RecurringPaymentId => StandingOrderId;

    public override string? EffectiveIdempotencyKey => RecurringPayment.IdempotencyKeyOf(StandingOrderId, Occurrence);

    protected override string Content() => Join(StandingOrderId, Occurrence);
}

/// <summary>
/// The currency side of a clearing round with the liquidity-saving step: members who opted in pay or receive what
/// the round computed, as one operation (its entries sum to zero). The round's id is its implied key, so booking a
/// round twice is a replay.
/// </summary>
public sealed record SettleClearing(Guid ChamberId, Guid RoundId, IReadOnlyList<SettlementTransfer> Transfers, LedgerActor Actor, DateTime At)
    : LedgerCommand(ChamberId, Actor, At, null)
{
    public override IEnumerable<Guid> AccountIds => Transfers.Select(t => t.AccountId);

    public override string? EffectiveIdempotencyKey => FormattableString.Invariant($"clearing:{RoundId:N}");

    protected override string Content() => Join([RoundId, .. Transfers.OrderBy(t => t.AccountId).SelectMany(t => new object[] { t.AccountId, t.Amount })]);
}

/// <summary>One account's part in a clearing settlement: negative when it pays, positive when it receives.</summary>
public readonly record struct SettlementTransfer(Guid AccountId, long Amount);
/// <summary>The payer pauses or resumes a standing order (occurrences falling during a pause are skipped).</summary>
public sealed record PauseRecurringPayment(Guid ChamberId, Guid StandingOrderId, Guid PayerAccountId, bool Paused, LedgerActor Actor, DateTime At, string? IdempotencyKey = null)
    : LedgerCommand(ChamberId, Actor, At, IdempotencyKey)
{
    public override Guid? RecurringPaymentId => StandingOrderId;

    protected override string Content() => Join(StandingOrderId, PayerAccountId, Paused);
}

/// <summary>The payer cancels a standing order for good.</summary>
public sealed record CancelRecurringPayment(Guid ChamberId, Guid StandingOrderId, Guid PayerAccountId, LedgerActor Actor, DateTime At, string? IdempotencyKey = null)
    : LedgerCommand(ChamberId, Actor, At, IdempotencyKey)
{
    public override Guid? RecurringPaymentId => StandingOrderId;

    protected override string Content() => Join(StandingOrderId, PayerAccountId);
}
