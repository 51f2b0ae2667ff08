using System.Runtime.InteropServices;

namespace Maillage.Domain.Clearing;

/// <summary>
/// Obligations aggregated per (debtor, creditor) pair over dense member indices. Pairs are grouped by debtor, so
/// <see cref="PairStart"/> is the out-adjacency of the pair graph (CSR).
/// </summary>
internal sealed class ObligationGraph
{
    private ObligationGraph(long[] memberIds, int[] pairStart, int[] pairDebtor, int[] pairCreditor, long[] pairAmount, int[] obligationPair, long totalSubmitted)
    {
        MemberIds = memberIds;
        PairStart = pairStart;
        PairDebtor = pairDebtor;
        PairCreditor = pairCreditor;
        PairAmount = pairAmount;
        ObligationPair = obligationPair;
        TotalSubmitted = totalSubmitted;
    }

    public long[] MemberIds { get; }

    public int MemberCount => MemberIds.Length;

    public int PairCount => PairDebtor.Length;

    /// <summary>Pairs owed by member u are <c>PairStart[u] .. PairStart[u + 1] - 1</c>.</summary>
    public int[] PairStart { get; }

    public int[] PairDebtor { get; }

    public int[] PairCreditor { get; }

    public long[] PairAmount { get; }

    /// <summary>For each submitted obligation, the index of its pair.</summary>
    public int[] ObligationPair { get; }

    public long TotalSubmitted { get; }

    public static ObligationGraph Build(IReadOnlyList<Obligation> obligations)
    {
        ArgumentNullException.ThrowIfNull(obligations);
        var count = obligations.Count;
        var index = new Dictionary<long, int>();
        var ids = new List<long>();
        var debtor = new int[count];
        var creditor = new int[count];
        var amount = new long[count];
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            var o = obligations[i];
            if (o.Debtor == o.Creditor)
            {
                throw new InvalidObligationException(i, $"member {o.Debtor} cannot owe itself");
            }

            if (o.Amount <= 0)
            {
                throw new InvalidObligationException(i, $"amount {o.Amount} must be positive");
            }

            try
            {
                total = checked(total + o.Amount);
            }
            catch (OverflowException e)
            {
                throw new InvalidObligationException(i, $"the total submitted exceeds {long.MaxValue} minor units", e);
            }

            debtor[i] = IndexOf(index, ids, o.Debtor);
            creditor[i] = IndexOf(index, ids, o.Creditor);
            amount[i] = o.Amount;
        }

        var n = ids.Count;

        // Counting sort of obligations by debtor, stable so pair order follows submission order.
        var start = new int[n + 1];
        for (var i = 0; i < count; i++)
        {
            start[debtor[i] + 1]++;
        }

        for (var u = 0; u < n; u++)
        {
            start[u + 1] += start[u];
        }

        var order = new int[count];
        var fill = (int[])start.Clone();
        for (var i = 0; i < count; i++)
        {
            order[fill[debtor[i]]++] = i;
        }

        // One pass per debtor merges repeated creditors; seenBy/slot avoid hashing pairs.
        var seenBy = new int[n];
        Array.Fill(seenBy, -1);
        var slot = new int[n];
        var pairStart = new int[n + 1];
        var pairDebtor = new int[count];
        var pairCreditor = new int[count];
        var pairAmount = new long[count];
        var obligationPair = new int[count];
        var pairs = 0;
        for (var u = 0; u < n; u++)
        {
            pairStart[u] = pairs;
            for (var k = start[u]; k < start[u + 1]; k++)
            {
                var i = order[k];
                var v = creditor[i];
                if (seenBy[v] != u)
                {
                    seenBy[v] = u;
                    slot[v] = pairs;
                    pairDebtor[pairs] = u;
                    pairCreditor[pairs] = v;
                    pairs++;
                }

                var p = slot[v];
                pairAmount[p] += amount[i]; // cannot overflow: bounded by the checked total
                obligationPair[i] = p;
            }
        }

        pairStart[n] = pairs;
        Array.Resize(ref pairDebtor, pairs);
        Array.Resize(ref pairCreditor, pairs);
        Array.Resize(ref pairAmount, pairs);
        return new ObligationGraph([.. ids], pairStart, pairDebtor, pairCreditor, pairAmount, obligationPair, total);
    }

    private static int IndexOf(Dictionary<long, int> index, List<long> ids, long id)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, id, out var exists);
        if (!exists)
        {
            slot = ids.Count;
            ids.Add(id);
        }

        return slot;
    }
}
