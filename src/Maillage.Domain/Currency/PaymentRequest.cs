namespace Maillage.Domain.Currency;

public enum PaymentRequestState
{
    Pending = 1,
    Accepted = 2,
    Declined = 3,
    Expired = 4,
}

/// <summary>
/// A member asks another to pay. Pending → Accepted (the payment is made in the same operation), Declined, or
/// Expired; an answered or expired request never changes again.
/// </summary>
public sealed class PaymentRequest
{
    private PaymentRequest()
    {
    }

    internal PaymentRequest(Guid id, Guid chamberId, Guid payeeAccountId, Guid payerAccountId, long amount, string description, DateTime createdAt, DateTime expiresAt)
    {
        Id = id;
        ChamberId = chamberId;
        PayeeAccountId = payeeAccountId;
        PayerAccountId = payerAccountId;
        Amount = amount;
        Description = description;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        State = PaymentRequestState.Pending;
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    /// <summary>Who asks to be paid.</summary>
    public Guid PayeeAccountId { get; private set; }

    /// <summary>Who is asked to pay.</summary>
    public Guid PayerAccountId { get; private set; }

    public long Amount { get; private set; }

    public string Description { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    public PaymentRequestState State { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    /// <summary>The payment made when it was accepted.</summary>
    public Guid? PaymentOperationId { get; private set; }

    public bool IsExpiredAt(DateTime now) => State == PaymentRequestState.Pending && now >= ExpiresAt;

    /// <summary>Throws unless the request can still be answered at <paramref name="now"/>.</summary>
    internal void EnsureAnswerable(DateTime now)
    {
        if (State != PaymentRequestState.Pending)
        {
            throw new LedgerException(LedgerErrors.RequestAlreadyAnswered, "Request", State.ToString());
        }

        if (IsExpiredAt(now))
        {
            throw new LedgerException(LedgerErrors.RequestExpired, "Request");
        }
    }

    internal void MarkAccepted(Guid paymentOperationId, DateTime now)
    {
        State = PaymentRequestState.Accepted;
        PaymentOperationId = paymentOperationId;
        AnsweredAt = now;
    }

    internal void MarkDeclined(DateTime now)
    {
        State = PaymentRequestState.Declined;
        AnsweredAt = now;
    }

    internal void MarkExpired(DateTime now)
    {
        State = PaymentRequestState.Expired;
        AnsweredAt = now;
    }
}
