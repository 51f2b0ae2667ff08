using Maillage.Domain.Clearing;

namespace Maillage.Domain.Invoices;

/// <summary>An invoice as a round sees it: what it still owes, between whom, and the version the round computed with.</summary>
public sealed record ClearableInvoice(Guid InvoiceId, Guid DebtorId, Guid CreditorId, string Number, long Remaining, DateOnly DueDate, int Version);

/// <summary>What the round does to one invoice.</summary>
public sealed record ClearingPlanLine(Guid InvoiceId, Guid DebtorId, Guid CreditorId, string Number, long RemainingBefore, long Reduction, int Version)
{
    public long RemainingAfter => RemainingBefore - Reduction;
}

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

    private ClearingPlan(IReadOnlyList<ClearingPlanLine> lines, IReadOnlyList<PlannedCycle> cycles, int unlistedCycles)
    {
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

    public static ClearingPlan Compute(IReadOnlyList<ClearableInvoice> invoices)
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
        var lines = invoices.Select((invoice, index) => new ClearingPlanLine(
            invoice.InvoiceId, invoice.DebtorId, invoice.CreditorId, invoice.Number, invoice.Remaining, reductions[index].Reduction, invoice.Version)).ToList();
        var explanation = CycleExplanation.Explain(result, MaxListedCycles);
        var cycles = explanation.Cycles.Select(c => new PlannedCycle(c.Members.Select(m => organisations[(int)m]).ToList(), c.Amount)).ToList();
        return new ClearingPlan(lines, cycles, explanation.UnlistedCycleCount);
    }
}
