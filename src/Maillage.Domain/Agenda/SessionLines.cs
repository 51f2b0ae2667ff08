using System.Globalization;
using Maillage.Domain.Common;

namespace Maillage.Domain.Agenda;

/// <summary>
/// The further sessions of a course as staff type them, one per line: "2026-12-10 09:00-12:00" (a date, a start and
/// an end time, in the event's zone). Written back in the same form.
/// </summary>
public static class SessionLines
{
    public const string Field = "MoreSessions";

    public static IReadOnlyList<EventSession> Parse(string? text, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var sessions = new List<EventSession>();
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var times = parts.Length == 2 ? parts[1].Replace('–', '-').Split('-', StringSplitOptions.TrimEntries) : [];
            if (times.Length == 2
                && DateOnly.TryParseExact(parts[0], ["yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && TimeOnly.TryParseExact(times[0], ["HH:mm", "H:mm", "H'h'mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                && TimeOnly.TryParseExact(times[1], ["HH:mm", "H:mm", "H'h'mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                sessions.Add(new EventSession { LocalStart = day.ToDateTime(start), LocalEnd = day.ToDateTime(end) });
            }
            else
            {
                errors.Add(Field, AgendaCodes.InvalidSessionLine, i + 1);
            }
        }

        return sessions;
    }

    public static string Format(IEnumerable<EventSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return string.Join('\n', sessions.Select(s => $"{s.LocalStart.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}-{s.LocalEnd.ToString("HH:mm", CultureInfo.InvariantCulture)}"));
    }
}
