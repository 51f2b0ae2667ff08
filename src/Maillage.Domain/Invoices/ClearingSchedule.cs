using Maillage.Domain.Common;

namespace Maillage.Domain.Invoices;

/// <summary>
/// A chamber's clearing rhythm (monthly, on a day of the month) and the marker of the round running now. Both are
/// claimed with conditional updates, so that with several app instances a scheduled round runs once and two rounds
/// of one chamber never run at the same time.
/// </summary>
public sealed class ClearingSchedule
{
    /// <summary>Days 1 to 28 exist in every month.</summary>
    public const int LastDay = 28;

    /// <summary>Scheduled rounds start at this UTC hour (early morning in Switzerland), before people are at work.</summary>
    public const int RunHourUtc = 4;

    /// <summary>A round marked running for longer than this was cut short (a crash, a restart): another may start.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(30);

    private ClearingSchedule()
    {
    }

    public ClearingSchedule(Guid chamberId)
    {
        ChamberId = chamberId;
    }

    public Guid ChamberId { get; private set; }

    /// <summary>Day of the month of the scheduled rounds, or null when rounds run only on demand.</summary>
    public int? DayOfMonth { get; private set; }

    public DateTime? NextRunAt { get; private set; }

    public Guid? RunningRoundId { get; private set; }

    public DateTime? RunningSince { get; private set; }

    public static bool IsValidDay(int day) => day is >= 1 and <= LastDay;

    public void RunMonthly(int dayOfMonth, DateTime now)
    {
        if (!IsValidDay(dayOfMonth))
        {
            throw new DomainException(ValidationCodes.OutOfRange, nameof(DayOfMonth));
        }

        DayOfMonth = dayOfMonth;
        NextRunAt = NextOccurrence(dayOfMonth, now);
    }

    public void RunOnDemandOnly()
    {
        DayOfMonth = null;
        NextRunAt = null;
    }

    /// <summary>The first run on <paramref name="dayOfMonth"/> at <see cref="RunHourUtc"/> strictly after <paramref name="after"/>.</summary>
    public static DateTime NextOccurrence(int dayOfMonth, DateTime after)
    {
        var candidate = new DateTime(after.Year, after.Month, dayOfMonth, RunHourUtc, 0, 0, DateTimeKind.Utc);
        return candidate > after ? candidate : candidate.AddMonths(1);
    }
}
