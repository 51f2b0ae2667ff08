using System.Globalization;
using System.Text;

namespace Maillage.Web.Tests.Agenda;

/// <summary>One content line: name, parameters and the value with TEXT escapes undone.</summary>
public sealed record ContentLine(string Name, IReadOnlyDictionary<string, string> Parameters, string RawValue)
{
    public string Text => Unescape(RawValue);

    private static string Unescape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                text.Append(value[i] switch { 'n' or 'N' => '\n', _ => value[i] });
            }
            else
            {
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }
}

/// <summary>A component (VCALENDAR, VEVENT, VTIMEZONE…) with its properties and sub-components.</summary>
public sealed class Component(string name)
{
    public string Name { get; } = name;

    public List<ContentLine> Properties { get; } = [];

    public List<Component> Children { get; } = [];

    public ContentLine? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);

    public string Value(string name) => Property(name)?.Text ?? throw new InvalidOperationException($"{Name} has no {name}.");

    public IEnumerable<Component> All(string name) => Children.Where(c => c.Name == name);
}

/// <summary>
/// A small RFC 5545 reader written for the tests, independent of the platform's writer: it unfolds lines, splits
/// names, parameters (quoted or not) and values, nests components, and resolves DTSTART;TZID times to UTC with the
/// STANDARD/DAYLIGHT rules of the calendar's own VTIMEZONE (yearly RRULE with BYMONTH and BYDAY=-1SU style).
/// </summary>
public static class ICalendarReader
{
    public static Component Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\n', StringComparison.Ordinal) && text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Contains('\n', StringComparison.Ordinal))
        {
            throw new FormatException("Lines must end with CRLF.");
        }

        var physical = text.Split("\r\n");
        var logical = new List<string>();
        foreach (var line in physical)
        {
            if (Encoding.UTF8.GetByteCount(line) > 75)
            {
                throw new FormatException($"Line longer than 75 octets: {line}");
            }

            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                logical[^1] += line[1..];
            }
            else if (line.Length > 0)
            {
                logical.Add(line);
            }
        }

        var stack = new Stack<Component>();
        Component? root = null;
        foreach (var line in logical)
        {
            var content = ParseLine(line);
            if (content.Name == "BEGIN")
            {
                var component = new Component(content.RawValue);
                if (stack.Count > 0)
                {
                    stack.Peek().Children.Add(component);
                }
                else
                {
                    root = component;
                }

                stack.Push(component);
            }
            else if (content.Name == "END")
            {
                var closed = stack.Pop();
                if (closed.Name != content.RawValue)
                {
                    throw new FormatException($"END:{content.RawValue} closes {closed.Name}.");
                }
            }
            else
            {
                stack.Peek().Properties.Add(content);
            }
        }

        if (stack.Count != 0 || root is null)
        {
            throw new FormatException("Unbalanced BEGIN/END.");
        }

        return root;
    }

    public static ContentLine ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < line.Length && line[i] != ';' && line[i] != ':')
        {
            i++;
        }

        var name = line[..i].ToUpperInvariant();
        while (i < line.Length && line[i] == ';')
        {
            i++;
            var start = i;
            while (line[i] != '=')
            {
                i++;
            }

            var key = line[start..i];
            i++;
            string value;
            if (line[i] == '"')
            {
                var end = line.IndexOf('"', i + 1);
                value = line[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                start = i;
                while (line[i] != ';' && line[i] != ':')
                {
                    i++;
                }

                value = line[start..i];
            }

            parameters[key] = value;
        }

        if (i >= line.Length || line[i] != ':')
        {
            throw new FormatException($"No value in '{line}'.");
        }

        return new ContentLine(name, parameters, line[(i + 1)..]);
    }

    /// <summary>The UTC instant of a DATE-TIME property, through its TZID's VTIMEZONE in <paramref name="calendar"/>.</summary>
    public static DateTime ToUtc(Component calendar, ContentLine property)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(property);
        var value = property.RawValue;
        if (value.EndsWith('Z'))
        {
            return DateTime.SpecifyKind(DateTime.ParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }

        var local = DateTime.ParseExact(value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var zoneId = property.Parameters["TZID"];
        var zone = calendar.All("VTIMEZONE").Single(z => z.Value("TZID") == zoneId);

        // The observance in force is the one whose latest onset (in local time before the change) precedes the time.
        var best = zone.Children
            .Select(o => (Observance: o, Onset: LatestOnset(o, local)))
            .Where(x => x.Onset is not null)
            .MaxBy(x => x.Onset)
            .Observance;
        return DateTime.SpecifyKind(local - Offset(best.Value("TZOFFSETTO")), DateTimeKind.Utc);
    }

    private static DateTime? LatestOnset(Component observance, DateTime before)
    {
        var start = DateTime.ParseExact(observance.Value("DTSTART"), "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var rule = observance.Property("RRULE")?.RawValue.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        if (rule is null)
        {
            return start <= before ? start : null;
        }

        if (rule["FREQ"] != "YEARLY")
        {
            throw new NotSupportedException(rule["FREQ"]);
        }

        var month = int.Parse(rule["BYMONTH"], CultureInfo.InvariantCulture);
        var byDay = rule["BYDAY"];
        var weekday = byDay[^2..] switch { "SU" => DayOfWeek.Sunday, "MO" => DayOfWeek.Monday, "SA" => DayOfWeek.Saturday, _ => throw new NotSupportedException(byDay) };
        var ordinal = int.Parse(byDay[..^2], CultureInfo.InvariantCulture);
        for (var year = before.Year; year >= start.Year; year--)
        {
            DateTime day;
            if (ordinal < 0)
            {
                day = new DateTime(year, month, DateTime.DaysInMonth(year, month));
                while (day.DayOfWeek != weekday)
                {
                    day = day.AddDays(-1);
                }

                day = day.AddDays(7 * (ordinal + 1));
            }
            else
            {
                day = new DateTime(year, month, 1);
                while (day.DayOfWeek != weekday)
                {
                    day = day.AddDays(1);
                }

                day = day.AddDays(7 * (ordinal - 1));
            }

            var onset = day + start.TimeOfDay;
            if (onset <= before)
            {
                return onset;
            }
        }

        return null;
    }

    private static TimeSpan Offset(string text)
    {
        var sign = text[0] == '-' ? -1 : 1;
        return sign * new TimeSpan(int.Parse(text[1..3], CultureInfo.InvariantCulture), int.Parse(text[3..5], CultureInfo.InvariantCulture), 0);
    }
}
