namespace Maillage.Domain.Clearing;

/// <summary>
/// Spreads each pair's cleared amount over that pair's invoices. Rule: within one (debtor, creditor) pair, invoices
/// are settled oldest due date first, then by invoice number (ordinal comparison), then in submission order; each
/// invoice absorbs as much as it can before the next one is touched. No invoice is reduced below zero.
/// </summary>
public static class InvoiceAllocation
{
    /// <summary>Clears the invoices and allocates the result in one call.</summary>
    public static (ClearingResult Result, IReadOnlyList<InvoiceReduction> Reductions) Clear(IReadOnlyList<Invoice> invoices)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        var obligations = new Obligation[invoices.Count];
        for (var i = 0; i < obligations.Length; i++)
        {
            obligations[i] = invoices[i].ToObligation();
        }

        var result = ClearingSolver.Solve(obligations);
        return (result, Allocate(invoices, result));
    }

    /// <param name="invoices">The invoices whose obligations produced <paramref name="result"/>, in the same order.</param>
    /// <returns>One reduction per invoice, in the order given.</returns>
    /// <exception cref="ArgumentException">The invoices do not add up to the pairs of <paramref name="result"/>.</exception>
    public static IReadOnlyList<InvoiceReduction> Allocate(IReadOnlyList<Invoice> invoices, ClearingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Allocate(invoices, result, result.ClearedByPair);
    }

    /// <summary>Same rule, spreading <paramref name="settledByPair"/> (e.g. a liquidity-saving step's totals) instead of the set-off alone.</summary>
    public static IReadOnlyList<InvoiceReduction> Allocate(IReadOnlyList<Invoice> invoices, ClearingResult result, IReadOnlyList<long> settledByPair)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settledByPair);
        if (settledByPair.Count != result.Pairs.Count)
        {
            throw new ArgumentException($"{settledByPair.Count} settled amounts given for {result.Pairs.Count} pairs.", nameof(settledByPair));
        }

        if (invoices.Count != result.ObligationCount)
        {
            throw new ArgumentException($"{invoices.Count} invoices given but the result was computed from {result.ObligationCount} obligations.", nameof(invoices));
        }

        var pairs = result.Pairs;
        var owedSeen = new long[pairs.Count];
        for (var i = 0; i < invoices.Count; i++)
        {
            var invoice = invoices[i];
            var pair = pairs[result.PairIndexOf(i)];
            if (invoice.Amount <= 0)
            {
                throw new ArgumentException($"Invoice {i} ({invoice.Number}): amount {invoice.Amount} must be positive.", nameof(invoices));
            }

            if (invoice.Debtor != pair.Debtor || invoice.Creditor != pair.Creditor)
            {
                throw new ArgumentException($"Invoice {i} ({invoice.Number}) is not the obligation {i} the result was computed from.", nameof(invoices));
            }

            owedSeen[result.PairIndexOf(i)] += invoice.Amount;
        }

        for (var p = 0; p < pairs.Count; p++)
        {
            if (owedSeen[p] != pairs[p].Owed)
            {
                throw new ArgumentException($"Invoices from {pairs[p].Debtor} to {pairs[p].Creditor} total {owedSeen[p]}, but the result says {pairs[p].Owed}.", nameof(invoices));
            }
        }

        var order = new int[invoices.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) =>
        {
            var byPair = result.PairIndexOf(x).CompareTo(result.PairIndexOf(y));
            if (byPair != 0)
            {
                return byPair;
            }

            var byDue = invoices[x].DueDate.CompareTo(invoices[y].DueDate);
            if (byDue != 0)
            {
                return byDue;
            }

            var byNumber = string.CompareOrdinal(invoices[x].Number, invoices[y].Number);
            return byNumber != 0 ? byNumber : x.CompareTo(y);
        });

        var reductions = new InvoiceReduction[invoices.Count];
        var left = new long[pairs.Count];
        for (var p = 0; p < pairs.Count; p++)
        {
            left[p] = settledByPair[p];
        }

        foreach (var i in order)
        {
            var invoice = invoices[i];
            var p = result.PairIndexOf(i);
            var reduction = Math.Min(left[p], invoice.Amount);
            left[p] -= reduction;
            reductions[i] = new InvoiceReduction(i, invoice.Number, reduction, invoice.Amount - reduction);
        }

        return reductions;
    }
}
