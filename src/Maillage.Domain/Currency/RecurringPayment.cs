namespace Maillage.Domain.Currency;

public enum RecurrenceInterval
{
    Weekly = 1,
    Monthly = 2,
}

/// <summary>
/// A standing order (e.g. monthly rent): occurrence n falls on Start + n intervals (months counted from the start,
/// so the 31st stays the last day of shorter months). Each occurrence is paid with the idempotency key
/// "recurring:{id}:{n}", so running the schedule twice never pays twice.
/// </summary>
public sealed class RecurringPayment
{
    private RecurringPayment()
    {
    }

    internal RecurringPayment(Guid id, Guid chamberId, Guid payerAccountId, Guid payeeAccountId, long amount, string description, DateOnly start, RecurrenceInterval interval, DateOnly? end)
    {
        Id = id;
        ChamberId = chamberId;
        PayerAccountId = payerAccountId;
        PayeeAccountId = payeeAccountId;
        Amount = amount;
        Description = description;
        Start = start;
        Interval = interval;
        End = end;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public Guid PayerAccountId { get; private set; }

    public Guid PayeeAccountId { get; private set; }

    public long Amount { get; private set; }

    public string Description { get; private set; } = string.Empty;

    public DateOnly Start { get; private set; }

    public RecurrenceInterval Interval { get; private set; }

    /// <summary>No occurrence after this day.</summary>
    public DateOnly? End { get; private set; }

    /// <summary>
    /// The number of the next occurrence: those before it were paid, or skipped while the order was paused.
    /// </summary>
    public int OccurrencesPaid { get; private set; }

    /// <summary>False once cancelled: a cancelled order never pays again.</summary>
    public bool IsActive { get; private set; }

    /// <summary>A paused order pays nothing; on resuming, the occurrences that fell during the pause are skipped.</summary>
    public bool IsPaused { get; private set; }

    public DateOnly DateOf(int occurrence) => Interval switch
    {
        RecurrenceInterval.Weekly => Start.AddDays(7 * occurrence),
        _ => Start.AddMonths(occurrence),
    };

    /// <summary>Occurrences due on <paramref name="today"/> and not yet paid, oldest first (capped to catch up safely).</summary>
    public IReadOnlyList<int> DueOccurrences(DateOnly today, int max = 12)
    {
        var due = new List<int>();
        for (var n = OccurrencesPaid; IsActive && !IsPaused && due.Count < max; n++)
        {
            var date = DateOf(n);
            if (date > today || (End is not null && date > End))
            {
                break;
            }

            due.Add(n);
        }

        return due;
    }

    public static string IdempotencyKeyOf(Guid recurringPaymentId, int occurrence) =>
        FormattableString.Invariant($"recurring:{recurringPaymentId:N}:{occurrence}");

    /// <summary>Whether <paramref name="key"/> is the implied key of one of this order's occurrences.</summary>
    public static bool IsOccurrenceKeyOf(string key, Guid recurringPaymentId) =>
        key is not null && key.StartsWith(FormattableString.Invariant($"recurring:{recurringPaymentId:N}:"), StringComparison.Ordinal);

    internal void MarkPaid(int occurrence)
    {
        if (occurrence != OccurrencesPaid)
        {
            throw new InvalidOperationException($"Occurrence {occurrence} paid out of order (next is {OccurrencesPaid}).");
        }

        OccurrencesPaid++;
    }

    /// <summary>
    /// How many days after its date an unpaid occurrence is still tried (funds may arrive, a block may be lifted), as a
    /// bank retries a standing order; after that it is skipped and the payer told, instead of being retried forever.
    /// </summary>
    public const int RetryDays = 3;

    public bool RetryDaysOver(int occurrence, DateOnly today) => today > DateOf(occurrence).AddDays(RetryDays);

    /// <summary>The occurrence was not paid and never will be (its key is taken by the skip): the order goes on.</summary>
    internal void MarkSkipped(int occurrence)
    {
        if (occurrence != OccurrencesPaid)
        {
            throw new InvalidOperationException($"Occurrence {occurrence} skipped out of order (next is {OccurrencesPaid}).");
        }

        OccurrencesPaid++;
    }

    internal void Cancel() => IsActive = false;

    internal void Pause() => IsPaused = true;

    /// <summary>Resumes; occurrences dated before <paramref name="today"/> are skipped, not paid late.</summary>
    internal void Resume(DateOnly today)
    {
        IsPaused = false;
        while (DateOf(OccurrencesPaid) < today && (End is null || DateOf(OccurrencesPaid) <= End))
        {
            OccurrencesPaid++;
        }
    }
}
