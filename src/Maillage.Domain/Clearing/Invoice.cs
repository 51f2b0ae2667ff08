namespace Maillage.Domain.Clearing;

/// <summary>One invoice: <paramref name="Debtor"/> owes <paramref name="Creditor"/> <paramref name="Amount"/> minor units.</summary>
public sealed record Invoice(string Number, long Debtor, long Creditor, long Amount, DateOnly DueDate)
{
    public Obligation ToObligation() => new(Debtor, Creditor, Amount);
}

/// <summary>How much of one invoice a clearing round cancels.</summary>
/// <param name="InvoiceIndex">Position of the invoice in the list given to <see cref="InvoiceAllocation.Allocate"/>.</param>
public readonly record struct InvoiceReduction(int InvoiceIndex, string Number, long Reduction, long Remaining);
