using System.Globalization;
using Maillage.Domain.Agenda;
using Maillage.Domain.Chambers;

namespace Maillage.Web.Features.Agenda;

/// <summary>What the list and month views need, for a chamber's agenda and the network's alike.</summary>
public sealed record AgendaListView(
    string BasePath,
    AgendaFilter Filter,
    IReadOnlyList<AgendaItem> Items,
    IReadOnlyList<string> Towns,
    IReadOnlyList<Chamber>? Chambers,
    DateOnly Month,
    string? FeedPath)
{
    public static DateOnly MonthOf(AgendaFilter filter, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var local = EventTime.ToLocal(nowUtc, EventTime.DefaultZone);
        return filter.Month ?? new DateOnly(local.Year, local.Month, 1);
    }

    /// <summary>The weeks of the month grid, Monday first; days outside the month are null.</summary>
    public IReadOnlyList<IReadOnlyList<DateOnly?>> Weeks()
    {
        var first = new DateOnly(Month.Year, Month.Month, 1);
        var offset = ((int)first.DayOfWeek + 6) % 7;
        var days = DateTime.DaysInMonth(Month.Year, Month.Month);
        var cells = Enumerable.Repeat<DateOnly?>(null, offset).Concat(Enumerable.Range(0, days).Select(d => (DateOnly?)first.AddDays(d))).ToList();
        while (cells.Count % 7 != 0)
        {
            cells.Add(null);
        }

        return cells.Chunk(7).Select(w => (IReadOnlyList<DateOnly?>)w).ToList();
    }

    public IEnumerable<AgendaItem> On(DateOnly day) => Items.Where(i => i.Event.Sessions.Any(s => DateOnly.FromDateTime(s.LocalStart) == day));

    public string MonthTitle => new DateTime(Month.Year, Month.Month, 1).ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    public string MonthParam(int delta) => Month.AddMonths(delta).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
