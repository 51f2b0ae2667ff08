using Maillage.Domain.Common;

namespace Maillage.Domain.Invoices;

/// <summary>Where an invoice between two members stands.</summary>
public enum InvoiceState
{
    /// <summary>Declared by one side, waiting for the other side to confirm it.</summary>
    Declared = 1,

    /// <summary>Both sides agree: it takes part in clearing rounds.</summary>
    Confirmed = 2,

    /// <summary>The other side contests it (a reason is given): it takes part in no round.</summary>
    Disputed = 3,

    /// <summary>Taken back by the side that declared it, before confirmation.</summary>
    Withdrawn = 4,

    /// <summary>A round cancelled part of it; the rest still takes part in later rounds.</summary>
    PartlyCleared = 5,

    /// <summary>Rounds cancelled all of it.</summary>
    Cleared = 6,
}

/// <summary>Which party of an invoice acts: the one that owes (debtor) or the one that is owed (creditor).</summary>
public enum InvoiceSide
{
    Creditor = 1,
    Debtor = 2,
}

/// <summary>Stable codes of the invoice rules; the web layer translates them ("Invoice.Error.{code}").</summary>
public static class InvoiceErrors
{
    public const string NumberRequired = "NumberRequired";
    public const string NumberTooLong = "NumberTooLong";
    public const string AmountNotPositive = "AmountNotPositive";
    public const string AmountTooLarge = "AmountTooLarge";
    public const string DueBeforeIssue = "DueBeforeIssue";
    public const string SelfInvoice = "SelfInvoice";
    public const string UnknownCounterparty = "UnknownCounterparty";
    public const string CounterpartyNotActive = "CounterpartyNotActive";
    public const string DuplicateNumber = "DuplicateNumber";
    public const string DuplicateInFile = "DuplicateInFile";
    public const string NotAParty = "NotAParty";
    public const string InvalidAmount = "InvalidAmount";
    public const string InvalidDate = "InvalidDate";
    public const string ReasonRequired = "ReasonRequired";
    public const string ReasonTooLong = "ReasonTooLong";
    public const string InvalidTransition = "InvalidTransition";
    public const string ChangedMeanwhile = "ChangedMeanwhile";
}

/// <summary>
/// An unpaid invoice one member of a chamber owes another, declared by one side and confirmed (or disputed) by the
/// other. Only confirmed invoices take part in clearing rounds, which reduce <see cref="Remaining"/>.
/// </summary>
/// <remarks>
/// Invariants: Debtor ≠ Creditor; 0 &lt; Amount ≤ <see cref="MaxAmount"/>; DueDate ≥ IssueDate;
/// 0 ≤ Remaining ≤ Amount; Remaining &lt; Amount only in PartlyCleared or Cleared, or in Disputed after clearing;
/// Remaining = 0 exactly in Cleared. Every change bumps <see cref="Version"/>, so a round can tell an invoice changed
/// under it.
/// </remarks>
public sealed class InterMemberInvoice
{
    /// <summary>CHF 100 million in centimes: far above any invoice between ESS members, far below overflow.</summary>
    public const long MaxAmount = 10_000_000_000;

    public const int NumberMax = 40;

    public const int ReasonMax = 1000;

    public const string Chf = "CHF";

    private InterMemberInvoice()
    {
    }

    private InterMemberInvoice(Guid chamberId, Guid debtorId, Guid creditorId, string number, long amount, DateOnly issueDate, DateOnly dueDate, InvoiceSide declaredBy, Guid? declaredByUserId, DateTime now)
    {
        Id = Guid.NewGuid();
        ChamberId = chamberId;
        DebtorId = debtorId;
        CreditorId = creditorId;
        Number = number;
        Amount = amount;
        Remaining = amount;
        Currency = Chf;
        IssueDate = issueDate;
        DueDate = dueDate;
        DeclaredBy = declaredBy;
        DeclaredByUserId = declaredByUserId;
        State = InvoiceState.Declared;
        DeclaredAt = now;
        UpdatedAt = now;
        Version = 1;
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public Guid DebtorId { get; private set; }

    public Guid CreditorId { get; private set; }

    /// <summary>The creditor's invoice number; unique per creditor.</summary>
    public string Number { get; private set; } = string.Empty;

    /// <summary>Amount in minor units (centimes).</summary>
    public long Amount { get; private set; }

    /// <summary>What is still owed after the clearing rounds, in minor units.</summary>
    public long Remaining { get; private set; }

    public string Currency { get; private set; } = Chf;

    public DateOnly IssueDate { get; private set; }

    public DateOnly DueDate { get; private set; }

    public InvoiceSide DeclaredBy { get; private set; }

    public Guid? DeclaredByUserId { get; private set; }

    public InvoiceState State { get; private set; }

    public string? DisputeReason { get; private set; }

    public DateTime DeclaredAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Incremented by every change: a round books an invoice only if its version is the one it computed with.</summary>
    public int Version { get; private set; }

    /// <summary>Whether the next round may reduce it.</summary>
    public bool TakesPartInClearing => State is InvoiceState.Confirmed or InvoiceState.PartlyCleared && Remaining > 0;

    public Guid OrganisationOf(InvoiceSide side) => side == InvoiceSide.Creditor ? CreditorId : DebtorId;

    /// <summary>The side <paramref name="organisationId"/> is on, or null when it is no party to the invoice.</summary>
    public InvoiceSide? SideOf(Guid organisationId) =>
        organisationId == CreditorId ? InvoiceSide.Creditor : organisationId == DebtorId ? InvoiceSide.Debtor : null;

    /// <summary>
    /// Checks what the invoice itself can check (number, amount, dates, distinct parties). Membership of the parties
    /// and uniqueness of the number need the database: the caller checks them and adds their errors.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(Guid debtorId, Guid creditorId, string? number, long amount, DateOnly issueDate, DateOnly dueDate)
    {
        var errors = new ValidationErrors();
        var trimmed = number?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            errors.Add("Number", InvoiceErrors.NumberRequired);
        }
        else if (trimmed.Length > NumberMax)
        {
            errors.Add("Number", InvoiceErrors.NumberTooLong, NumberMax);
        }

        if (amount <= 0)
        {
            errors.Add("Amount", InvoiceErrors.AmountNotPositive);
        }
        else if (amount > MaxAmount)
        {
            errors.Add("Amount", InvoiceErrors.AmountTooLarge, MaxAmount / 100);
        }

        if (dueDate < issueDate)
        {
            errors.Add("DueDate", InvoiceErrors.DueBeforeIssue);
        }

        if (debtorId == creditorId)
        {
            errors.Add("Counterparty", InvoiceErrors.SelfInvoice);
        }

        return errors.Items;
    }

    /// <exception cref="DomainException">The input breaks a rule of <see cref="Validate"/>.</exception>
    public static InterMemberInvoice Declare(Guid chamberId, Guid debtorId, Guid creditorId, string number, long amount, DateOnly issueDate, DateOnly dueDate, InvoiceSide declaredBy, Guid? declaredByUserId, DateTime now)
    {
        var errors = Validate(debtorId, creditorId, number, amount, issueDate, dueDate);
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code, errors[0].Field);
        }

        if (!Enum.IsDefined(declaredBy))
        {
            throw new DomainException(InvoiceErrors.NotAParty, nameof(declaredBy));
        }

        return new InterMemberInvoice(chamberId, debtorId, creditorId, number.Trim(), amount, issueDate, dueDate, declaredBy, declaredByUserId, now);
    }

    /// <summary>The other side agrees (or, after a dispute, agrees after all): the invoice takes part in rounds.</summary>
    public void Confirm(InvoiceSide by, DateTime now)
    {
        if (by == DeclaredBy || State is not (InvoiceState.Declared or InvoiceState.Disputed))
        {
            throw new DomainException(InvoiceErrors.InvalidTransition, nameof(State));
        }

        State = Remaining == Amount ? InvoiceState.Confirmed : InvoiceState.PartlyCleared;
        DisputeReason = null;
        Touch(now);
    }

    /// <summary>The side that did not declare it contests it, before or after confirming: it leaves the rounds.</summary>
    public void Dispute(InvoiceSide by, string? reason, DateTime now)
    {
        if (by == DeclaredBy || State is not (InvoiceState.Declared or InvoiceState.Confirmed or InvoiceState.PartlyCleared))
        {
            throw new DomainException(InvoiceErrors.InvalidTransition, nameof(State));
        }

        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainException(InvoiceErrors.ReasonRequired, nameof(DisputeReason));
        }

        if (trimmed.Length > ReasonMax)
        {
            throw new DomainException(InvoiceErrors.ReasonTooLong, nameof(DisputeReason));
        }

        State = InvoiceState.Disputed;
        DisputeReason = trimmed;
        Touch(now);
    }

    /// <summary>The declaring side takes it back while the other side has not confirmed it.</summary>
    public void Withdraw(InvoiceSide by, DateTime now)
    {
        if (by != DeclaredBy || State is not (InvoiceState.Declared or InvoiceState.Disputed) || Remaining != Amount)
        {
            throw new DomainException(InvoiceErrors.InvalidTransition, nameof(State));
        }

        State = InvoiceState.Withdrawn;
        Touch(now);
    }

    /// <summary>A clearing round cancels <paramref name="reduction"/> of what is still owed.</summary>
    public void ApplyClearing(long reduction, DateTime now)
    {
        if (!TakesPartInClearing || reduction <= 0 || reduction > Remaining)
        {
            throw new DomainException(InvoiceErrors.InvalidTransition, nameof(Remaining));
        }

        Remaining -= reduction;
        State = Remaining == 0 ? InvoiceState.Cleared : InvoiceState.PartlyCleared;
        Touch(now);
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
