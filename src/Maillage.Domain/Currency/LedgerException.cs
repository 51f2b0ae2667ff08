namespace Maillage.Domain.Currency;

/// <summary>
/// The ledger refused a command; nothing was changed. <see cref="Code"/> is stable (see <see cref="LedgerErrors"/>):
/// the web layer turns it into a French or English message, the API into a problem type. <see cref="Arguments"/>
/// carries the figures the message needs, e.g. the available amount (minor units) for InsufficientFunds.
/// </summary>
public sealed class LedgerException : Exception
{
    public LedgerException(string code, string? field = null, params object[] arguments)
        : base(field is null ? code : $"{code} ({field})")
    {
        Code = code;
        Field = field;
        Arguments = arguments;
    }

    public LedgerException()
        : this(LedgerErrors.Refused)
    {
    }

    public LedgerException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = LedgerErrors.Refused;
        Arguments = [];
    }

    public string Code { get; }

    public string? Field { get; }

    public IReadOnlyList<object> Arguments { get; }

    /// <summary>For InsufficientFunds: how much the account could still pay, in minor units.</summary>
    public long? Available => Code == LedgerErrors.InsufficientFunds && Arguments.Count > 0 ? (long)Arguments[0] : null;
}

/// <summary>The stable error codes of the currency.</summary>
public static class LedgerErrors
{
    public const string Refused = "LedgerRefused";
    public const string AmountRequired = "AmountRequired";
    public const string AmountNotNumeric = "AmountNotNumeric";
    public const string AmountNotPositive = "AmountNotPositive";
    public const string AmountTooPrecise = "AmountTooPrecise";
    public const string AmountTooLarge = "AmountTooLarge";
    public const string InsufficientFunds = "InsufficientFunds";
    public const string CeilingExceeded = "CeilingExceeded";
    public const string SameAccount = "SameAccount";
    public const string UnknownAccount = "UnknownAccount";
    public const string AccountBlocked = "AccountBlocked";
    public const string OtherChamber = "OtherChamber";
    public const string NoCurrency = "NoCurrency";
    public const string UnknownRequest = "UnknownRequest";
    public const string RequestExpired = "RequestExpired";
    public const string RequestAlreadyAnswered = "RequestAlreadyAnswered";
    public const string NotThePayer = "NotThePayer";
    public const string UnknownOperation = "UnknownOperation";
    public const string NotReversible = "NotReversible";
    public const string AlreadyReversed = "AlreadyReversed";
    public const string LimitExcludesBalance = "LimitExcludesBalance";
    public const string InvalidLimit = "InvalidLimit";
    public const string ReasonRequired = "ReasonRequired";
    public const string DescriptionTooLong = "DescriptionTooLong";
    public const string IdempotencyKeyReused = "IdempotencyKeyReused";
    public const string IdempotencyKeyInvalid = "IdempotencyKeyInvalid";
    public const string InvalidExpiry = "InvalidExpiry";
    public const string UnknownRecurringPayment = "UnknownRecurringPayment";
    public const string InvalidCurrency = "InvalidCurrency";
    public const string RequestNotExpired = "RequestNotExpired";
    public const string SettlementUnbalanced = "SettlementUnbalanced";
    public const string OccurrenceNotDue = "OccurrenceNotDue";
    public const string OccurrenceStillRetried = "OccurrenceStillRetried";
    public const string InvalidSchedule = "InvalidSchedule";
    public const string NoReward = "NoReward";
    public const string RecurringPaymentCancelled = "RecurringPaymentCancelled";
    public const string CurrencyInUse = "CurrencyInUse";
}
