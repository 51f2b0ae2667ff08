namespace Maillage.Domain.Clearing;

/// <summary>All obligations of one debtor towards one creditor, and how much of them a round cancels.</summary>
public readonly record struct ClearedPair(long Debtor, long Creditor, long Owed, long Cleared)
{
    public long Remaining => Owed - Cleared;
}
