namespace Maillage.Domain.Clearing;

/// <summary>One debt: <paramref name="Debtor"/> owes <paramref name="Creditor"/> <paramref name="Amount"/> minor units.</summary>
public readonly record struct Obligation(long Debtor, long Creditor, long Amount);
