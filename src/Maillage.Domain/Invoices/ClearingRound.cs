using System.Globalization;
using Maillage.Domain.Common;

namespace Maillage.Domain.Invoices;

public enum ClearingRoundState
{
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>What started a round.</summary>
public enum ClearingTrigger
{
    /// <summary>Staff pressed "run now" in the back office.</summary>
    Staff = 1,

    /// <summary>The chamber's schedule.</summary>
    Schedule = 2,

    /// <summary>A staff member through the API.</summary>
    Api = 3,
}

/// <summary>Why an invoice of the chamber took no part in a round.</summary>
public enum ExclusionReason
{
    /// <summary>The other side has not confirmed it yet.</summary>
    NotConfirmed = 1,

    /// <summary>The other side disputes it.</summary>
    Disputed = 2,

    /// <summary>It was confirmed, disputed or otherwise changed while the round was computing.</summary>
    ChangedDuringRound = 3,
}

/// <summary>
/// One clearing round of a chamber: which invoices took part, how much of each was cancelled, the cycles that
/// explain it, and the totals. A round is booked in one transaction with the invoices it reduces, so a completed
/// round's entries are exactly what happened to the invoices.
/// </summary>
/// <remarks>
/// Invariants once completed: TotalCleared = Σ entry reductions ≤ TotalSubmitted = Σ entry amounts before;
/// 0 ≤ reduction ≤ amount before for every entry; every member's net position is the same before and after.
/// A later "mutual-credit step" adds currency payments to the same round (and the same transaction) without
/// changing these entries: they stay the record of what the set-off alone did.
/// </remarks>
public sealed class ClearingRound
{
    public const int FailureMax = 1000;

    private readonly List<ClearingEntry> _entries = [];
    private readonly List<ClearingExclusion> _exclusions = [];
    private readonly List<ClearingRoundCycle> _cycles = [];

    private ClearingRound()
    {
    }

    private ClearingRound(Guid chamberId, ClearingTrigger trigger, Guid? startedByUserId, string startedByName, DateTime now)
    {
        Id = Guid.NewGuid();
        ChamberId = chamberId;
        Trigger = trigger;
        StartedByUserId = startedByUserId;
        StartedByName = startedByName.Length > 170 ? startedByName[..170] : startedByName;
        StartedAt = now;
        State = ClearingRoundState.Running;
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public ClearingTrigger Trigger { get; private set; }

    public Guid? StartedByUserId { get; private set; }

    /// <summary>Who ran it, as shown on the set-off notice (a person's name, or the schedule).</summary>
    public string StartedByName { get; private set; } = string.Empty;

    public DateTime StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public ClearingRoundState State { get; private set; }

    public string? FailureReason { get; private set; }

    /// <summary>Invoices that took part.</summary>
    public int InvoiceCount { get; private set; }

    /// <summary>What the taking-part invoices still owed when the round started (minor units).</summary>
    public long TotalSubmitted { get; private set; }

    /// <summary>What the round cancelled (minor units).</summary>
    public long TotalCleared { get; private set; }

    /// <summary>Organisations with at least one invoice (owed or owed to them) reduced.</summary>
    public int MembersHelped { get; private set; }

    public int CycleCount { get; private set; }

    /// <summary>Part of <see cref="TotalCleared"/> settled with members' currency credit lines (liquidity-saving step).</summary>
    public long SettledWithCurrency { get; private set; }

    /// <summary>Currency the round moved between members.</summary>
    public long CurrencyVolume { get; private set; }

    /// <summary>The ledger operation booked with the round (same transaction), when currency moved.</summary>
    public Guid? CurrencyOperationId { get; private set; }

    public IReadOnlyList<ClearingEntry> Entries => _entries;

    public IReadOnlyList<ClearingExclusion> Exclusions => _exclusions;

    public IReadOnlyList<ClearingRoundCycle> Cycles => _cycles;

    /// <summary>Cleared share of the submitted total in tenths of a percent (integer arithmetic: 253 is 25.3 %).</summary>
    public long PerMilleCleared => TotalSubmitted == 0 ? 0 : TotalCleared * 1000 / TotalSubmitted;

    public static ClearingRound Start(Guid chamberId, ClearingTrigger trigger, Guid? startedByUserId, string startedByName, DateTime now) =>
        new(chamberId, trigger, startedByUserId, startedByName ?? string.Empty, now);

    /// <summary>Records the plan's outcome and the invoices left out; the caller books the invoices in the same transaction.</summary>
    /// <param name="currencyOperationId">The ledger operation of the plan's currency transfers, booked in the same transaction.</param>
    public void Complete(ClearingPlan plan, IEnumerable<(Guid InvoiceId, ExclusionReason Reason)> exclusions, DateTime now, Guid? currencyOperationId = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(exclusions);
        EnsureRunning();
        foreach (var line in plan.Lines)
        {
            _entries.Add(new ClearingEntry(Id, line));
        }

        foreach (var (invoiceId, reason) in exclusions)
        {
            _exclusions.Add(new ClearingExclusion(Id, invoiceId, reason));
        }

        var position = 0;
        foreach (var cycle in plan.Cycles)
        {
            _cycles.Add(new ClearingRoundCycle(Id, position++, cycle.Members, cycle.Amount));
        }

        InvoiceCount = plan.Lines.Count;
        TotalSubmitted = plan.TotalSubmitted;
        TotalCleared = plan.TotalCleared;
        MembersHelped = plan.MembersHelped;
        CycleCount = plan.Cycles.Count + plan.UnlistedCycleCount;
        SettledWithCurrency = plan.SettledWithCurrency;
        CurrencyVolume = plan.CurrencyVolume;
        CurrencyOperationId = plan.CurrencyTransfers.Count > 0
            ? currencyOperationId ?? throw new ArgumentException("Currency moved: its ledger operation is required.", nameof(currencyOperationId))
            : null;
        State = ClearingRoundState.Completed;
        FinishedAt = now;
    }

    /// <summary>Nothing was booked; the reason is for staff (never shown to members).</summary>
    public void Fail(string reason, DateTime now)
    {
        EnsureRunning();
        var text = reason ?? string.Empty;
        FailureReason = text.Length > FailureMax ? text[..FailureMax] : text;
        State = ClearingRoundState.Failed;
        FinishedAt = now;
    }

    private void EnsureRunning()
    {
        if (State != ClearingRoundState.Running)
        {
            throw new DomainException(InvoiceErrors.InvalidTransition, nameof(State));
        }
    }
}

/// <summary>What one round did to one invoice (the line of the set-off notice).</summary>
public sealed class ClearingEntry
{
    private ClearingEntry()
    {
    }

    internal ClearingEntry(Guid roundId, ClearingPlanLine line)
    {
        Id = Guid.NewGuid();
        RoundId = roundId;
        InvoiceId = line.InvoiceId;
        DebtorId = line.DebtorId;
        CreditorId = line.CreditorId;
        Number = line.Number;
        AmountBefore = line.RemainingBefore;
        Reduction = line.Reduction;
    }

    public Guid Id { get; private set; }

    public Guid RoundId { get; private set; }

    public Guid InvoiceId { get; private set; }

    public Guid DebtorId { get; private set; }

    public Guid CreditorId { get; private set; }

    public string Number { get; private set; } = string.Empty;

    /// <summary>What the invoice still owed when the round started.</summary>
    public long AmountBefore { get; private set; }

    public long Reduction { get; private set; }

    public long AmountAfter => AmountBefore - Reduction;
}

/// <summary>An invoice of the chamber the round left out, and why.</summary>
public sealed class ClearingExclusion
{
    private ClearingExclusion()
    {
    }

    internal ClearingExclusion(Guid roundId, Guid invoiceId, ExclusionReason reason)
    {
        Id = Guid.NewGuid();
        RoundId = roundId;
        InvoiceId = invoiceId;
        Reason = reason;
    }

    public Guid Id { get; private set; }

    public Guid RoundId { get; private set; }

    public Guid InvoiceId { get; private set; }

    public ExclusionReason Reason { get; private set; }
}

/// <summary>One cycle of the round's explanation: each member owed the next (the last owed the first) and each link lost <see cref="Amount"/>.</summary>
public sealed class ClearingRoundCycle
{
    private ClearingRoundCycle()
    {
    }

    internal ClearingRoundCycle(Guid roundId, int position, IReadOnlyList<Guid> members, long amount)
    {
        Id = Guid.NewGuid();
        RoundId = roundId;
        Position = position;
        MemberIds = string.Join(' ', members);
        Amount = amount;
    }

    public Guid Id { get; private set; }

    public Guid RoundId { get; private set; }

    public int Position { get; private set; }

    /// <summary>The members' ids in cycle order, separated by spaces (a cycle is read whole, never queried by member).</summary>
    public string MemberIds { get; private set; } = string.Empty;

    public long Amount { get; private set; }

    public IReadOnlyList<Guid> Members => MemberIds.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => Guid.Parse(id, CultureInfo.InvariantCulture)).ToList();
}
