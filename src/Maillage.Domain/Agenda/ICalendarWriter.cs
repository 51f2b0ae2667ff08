using System.Globalization;
using System.Text;

namespace Maillage.Domain.Agenda;

/// <summary>One VEVENT: wall-clock times in an IANA zone, as the event was planned.</summary>
public sealed record CalendarEntry(
    string Uid,
    int Sequence,
    DateTime LocalStart,
    DateTime LocalEnd,
    string TimeZoneId,
    string Summary,
    string? Description,
    string? Location,
    string? Url,
    bool Cancelled,
    DateTime LastModifiedUtc);

/// <summary>
/// Writes iCalendar (RFC 5545) text that calendar applications accept: CRLF lines folded at 75 octets without
/// splitting a UTF-8 character, TEXT values escaped, times in Europe/Zurich written with TZID and a VTIMEZONE
/// carrying the zone's daylight-saving rules (so 10:00 in Geneva stays 10:00 whatever the season), other zones in UTC.
/// </summary>
public static class ICalendarWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";

    private const string Zurich = "Europe/Zurich";
    private const int MaxOctets = 75;

    public static string Write(string calendarName, IEnumerable<CalendarEntry> entries, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Maillage//Agenda//FR",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + EscapeText(calendarName),
            "X-WR-TIMEZONE:" + Zurich,
        };
        if (list.Any(e => e.TimeZoneId == Zurich))
        {
            lines.AddRange(ZurichTimeZone());
        }

        foreach (var entry in list)
        {
            lines.Add("BEGIN:VEVENT");
            lines.Add("UID:" + EscapeText(entry.Uid));
            lines.Add("DTSTAMP:" + Utc(stampUtc));
            lines.Add("LAST-MODIFIED:" + Utc(entry.LastModifiedUtc));
            lines.Add("SEQUENCE:" + entry.Sequence.ToString(CultureInfo.InvariantCulture));
            lines.Add(Time("DTSTART", entry.LocalStart, entry.TimeZoneId));
            lines.Add(Time("DTEND", entry.LocalEnd, entry.TimeZoneId));
            lines.Add("SUMMARY:" + EscapeText(entry.Summary));
            if (!string.IsNullOrWhiteSpace(entry.Description))
            {
                lines.Add("DESCRIPTION:" + EscapeText(entry.Description));
            }

            if (!string.IsNullOrWhiteSpace(entry.Location))
            {
                lines.Add("LOCATION:" + EscapeText(entry.Location));
            }

            if (!string.IsNullOrWhiteSpace(entry.Url))
            {
                lines.Add("URL:" + entry.Url);
            }

            lines.Add("STATUS:" + (entry.Cancelled ? "CANCELLED" : "CONFIRMED"));
            lines.Add("END:VEVENT");
        }

        lines.Add("END:VCALENDAR");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(line, text);
        }

        return text.ToString();
    }

    /// <summary>TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.</summary>
    public static string EscapeText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    text.Append(@"\\");
                    break;
                case ';':
                    text.Append(@"\;");
                    break;
                case ',':
                    text.Append(@"\,");
                    break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    text.Append(@"\n");
                    break;
                case '\n':
                    text.Append(@"\n");
                    break;
                default:
                    // Other control characters are not allowed in TEXT.
                    if (!char.IsControl(c) || c == '\t')
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Appends a content line folded so that no physical line exceeds 75 octets (the CRLF not counted).</summary>
    private static void Fold(string line, StringBuilder output)
    {
        var octets = 0;
        var limit = MaxOctets;
        for (var i = 0; i < line.Length; i++)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > limit)
            {
                output.Append("\r\n ");

                // The leading space of a continuation line counts toward its 75 octets.
                octets = 1;
            }

            output.Append(line, i, width);
            octets += size;
            i += width - 1;
        }

        output.Append("\r\n");
    }

    private static string Time(string name, DateTime local, string zoneId) =>
        zoneId == Zurich
            ? $"{name};TZID={Zurich}:{local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}"
            : $"{name}:{Utc(EventTime.ToUtc(local, zoneId))}";

    private static string Utc(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Central European rules since 1996: summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00.</summary>
    private static IEnumerable<string> ZurichTimeZone() =>
    [
        "BEGIN:VTIMEZONE",
        "TZID:" + Zurich,
        "X-LIC-LOCATION:" + Zurich,
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ];
}
