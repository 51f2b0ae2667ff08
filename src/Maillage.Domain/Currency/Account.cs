namespace Maillage.Domain.Currency;

public enum AccountKind
{
    /// <summary>A member organisation's account.</summary>
    Organisation = 1,

    /// <summary>The chamber's account that collects transaction fees.</summary>
    Fees = 2,

    /// <summary>The chamber's account that issues rewards.</summary>
    Issuing = 3,
}

/// <summary>
/// An account of a chamber's currency. Its balance only moves through <see cref="Ledger"/>, which posts whole
/// operations; it stays within [floor, ceiling] where floor = −credit limit and the ceiling is optional.
/// </summary>
public sealed class Account
{
    private Account()
    {
    }

    internal Account(Guid id, Guid chamberId, AccountKind kind, Guid? organisationId, long creditLimit, long? ceiling, DateTime now)
    {
        Id = id;
        ChamberId = chamberId;
        Kind = kind;
        OrganisationId = organisationId;
        CreditLimit = creditLimit;
        Ceiling = ceiling;
        OpenedAt = now;
    }

    /// <summary>An account as stored, for the persistence that reads it back; no rule runs here.</summary>
    public static Account Restore(Guid id, Guid chamberId, AccountKind kind, Guid? organisationId, long balance, long creditLimit, long? ceiling, bool isBlocked, DateTime openedAt) =>
        new(id, chamberId, kind, organisationId, creditLimit, ceiling, openedAt) { Balance = balance, IsBlocked = isBlocked };

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public AccountKind Kind { get; private set; }

    public Guid? OrganisationId { get; private set; }

    /// <summary>Minor units; positive = the account holds money, negative = it used its credit.</summary>
    public long Balance { get; private set; }

    /// <summary>How far below zero the balance may go (minor units, ≥ 0).</summary>
    public long CreditLimit { get; private set; }

    /// <summary>The highest balance allowed, if any.</summary>
    public long? Ceiling { get; private set; }

    public bool IsBlocked { get; private set; }

    public DateTime OpenedAt { get; private set; }

    public long Floor => -CreditLimit;

    /// <summary>What the account can still pay.</summary>
    public long Available => Balance - Floor;

    public bool Accepts(long newBalance) => newBalance >= Floor && (Ceiling is null || newBalance <= Ceiling);

    internal void Post(long amount)
    {
        var newBalance = checked(Balance + amount);
        if (!Accepts(newBalance))
        {
            // Ledger checks every posting before applying any: reaching this is a bug, never a user error.
            throw new InvalidOperationException($"Posting {amount} would put account {Id} outside its limits.");
        }

        Balance = newBalance;
    }

    internal void SetLimits(long creditLimit, long? ceiling)
    {
        CreditLimit = creditLimit;
        Ceiling = ceiling;
    }

    internal void SetBlocked(bool blocked) => IsBlocked = blocked;
}
