using Maillage.Domain.Clearing;

namespace Maillage.Domain.Invoices;

/// <summary>An invoice as a round sees it: what it still owes, between whom, and the version the round computed with.</summary>
public sealed record ClearableInvoice(Guid InvoiceId, Guid DebtorId, Guid CreditorId, string Number, long Remaining, DateOnly DueDate, int Version);

/// <summary>What the round does to one invoice.</summary>
public sealed record ClearingPlanLine(Guid InvoiceId, Guid DebtorId, Guid CreditorId, string Number, long RemainingBefore, long Reduction, int Version)
{
    public long RemainingAfter => RemainingBefore - Reduction;
}

/// <summary>What one organisation pays (positive) or receives (negative) in currency in a liquidity-saving round.</summary>
public sealed record PlannedCurrencyTransfer(Guid OrganisationId, long Pays);

/// <summary>One cycle of the explanation, in organisation ids.</summary>
public sealed record PlannedCycle(IReadOnlyList<Guid> Members, long Amount);

/// <summary>
/// The exact clearing of a chamber's confirmed invoices: <see cref="ClearingSolver"/> finds the largest cancellable
/// total, <see cref="InvoiceAllocation"/> spreads it over the invoices (oldest due date first) and
/// <see cref="CycleExplanation"/> explains it. Pure computation; booking is the caller's.
/// </summary>
public sealed class ClearingPlan
{
    /// <summary>Cycles kept for people to read; the rest are counted (a chamber's network never gets near it).</summary>
    public const int MaxListedCycles = 500;

    private ClearingPlan(IReadOnlyList<ClearingPlanLine> lines, IReadOnlyList<PlannedCycle> cycles, int unlistedCycles, IReadOnlyList<PlannedCurrencyTransfer>? transfers = null, long settledWithCurrency = 0)
    {
        CurrencyTransfers = transfers ?? [];
        SettledWithCurrency = settledWithCurrency;
        Lines = lines;
        Cycles = cycles;
        UnlistedCycleCount = unlistedCycles;
        TotalSubmitted = lines.Sum(l => l.RemainingBefore);
        TotalCleared = lines.Sum(l => l.Reduction);
        MembersHelped = lines.Where(l => l.Reduction > 0).SelectMany(l => new[] { l.DebtorId, l.CreditorId }).Distinct().Count();
    }

    /// <summary>One line per invoice given, in the order given.</summary>
    public IReadOnlyList<ClearingPlanLine> Lines { get; }

    public IReadOnlyList<PlannedCycle> Cycles { get; }

    public int UnlistedCycleCount { get; }

    public long TotalSubmitted { get; }

    public long TotalCleared { get; }

    public int MembersHelped { get; }

    /// <summary>The currency payments of the liquidity-saving step (empty when no member lent its credit line).</summary>
    public IReadOnlyList<PlannedCurrencyTransfer> CurrencyTransfers { get; }

    /// <summary>What the currency added to the set-off alone (part of <see cref="TotalCleared"/>).</summary>
    public long SettledWithCurrency { get; }

    /// <summary>Currency moved: the sum of what the paying organisations pay.</summary>
    public long CurrencyVolume => CurrencyTransfers.Where(t => t.Pays > 0).Sum(t => t.Pays);

    /// <param name="invoices">The confirmed invoices taking part.</param>
    /// <param name="liquidity">
    /// For the optional liquidity-saving step: what each organisation that opted in may pay and receive in the
    /// chamber's currency. Null or empty: set-off only.
    /// </param>
    public static ClearingPlan Compute(IReadOnlyList<ClearableInvoice> invoices, IReadOnlyDictionary<Guid, MemberLiquidity>? liquidity = null)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        if (invoices.Count == 0)
        {
            return new ClearingPlan([], [], 0);
        }

        // The solver works on dense numbers; organisations are numbered in order of first appearance.
        var numbers = new Dictionary<Guid, long>();
        var organisations = new List<Guid>();
        long NumberOf(Guid organisation)
        {
            if (!numbers.TryGetValue(organisation, out var number))
            {
                number = organisations.Count;
                numbers[organisation] = number;
                organisations.Add(organisation);
            }

            return number;
        }

        var solverInvoices = invoices.Select(i => new Invoice(i.Number, NumberOf(i.DebtorId), NumberOf(i.CreditorId), i.Remaining, i.DueDate)).ToList();
        var (result, reductions) = InvoiceAllocation.Clear(solverInvoices);
        IReadOnlyList<PlannedCurrencyTransfer> transfers = [];
        long settledWithCurrency = 0;
        if (liquidity is { Count: > 0 })
        {
            var byNumber = liquidity.Where(l => numbers.ContainsKey(l.Key)).ToDictionary(l => numbers[l.Key], l => l.Value);
            var saving = LiquiditySavingSolver.Solve(result, byNumber);
            reductions = InvoiceAllocation.Allocate(solverInvoices, result, saving.SettledByPair);
            transfers = saving.CurrencyNet.OrderBy(t => t.Key).Select(t => new PlannedCurrencyTransfer(organisations[(int)t.Key], t.Value)).ToList();
            settledWithCurrency = saving.SettledThanksToCurrency;
        }

        var lines = invoices.Select((invoice, index) => new ClearingPlanLine(
            invoice.InvoiceId, invoice.DebtorId, invoice.CreditorId, invoice.Number, invoice.Remaining, reductions[index].Reduction, invoice.Version)).ToList();
        var explanation = CycleExplanation.Explain(result, MaxListedCycles);
        var cycles = explanation.Cycles.Select(c => new PlannedCycle(c.Members.Select(m => organisations[(int)m]).ToList(), c.Amount)).ToList();
        return new ClearingPlan(lines, cycles, explanation.UnlistedCycleCount, transfers, settledWithCurrency);
    }
}
