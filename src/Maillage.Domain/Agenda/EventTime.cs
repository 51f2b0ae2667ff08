using System.Globalization;

namespace Maillage.Domain.Agenda;

/// <summary>
/// Wall-clock times of events. An event is kept as the local date-time people agreed on ("10:00 in Geneva") plus
/// its IANA zone; the UTC instant is derived from them, so a daylight-saving change never moves the meeting.
/// </summary>
public static class EventTime
{
    public const string DefaultZone = "Europe/Zurich";

    /// <summary>The zones offered in forms; any IANA zone known to the system is accepted.</summary>
    public static readonly IReadOnlyList<string> OfferedZones = ["Europe/Zurich", "Europe/Paris", "Europe/Berlin", "Europe/Rome", "Europe/London", "UTC"];

    private const string Format = "yyyy-MM-dd'T'HH:mm";

    public static bool IsKnownZone(string? zoneId) => FindZone(zoneId) is not null;

    public static TimeZoneInfo? FindZone(string? zoneId)
    {
        if (string.IsNullOrWhiteSpace(zoneId))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>True when the wall-clock time does not exist in the zone (skipped by the spring change).</summary>
    public static bool IsSkipped(DateTime local, string zoneId)
    {
        var zone = FindZone(zoneId) ?? throw new ArgumentException($"Unknown time zone '{zoneId}'.", nameof(zoneId));
        return zone.IsInvalidTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
    }

    /// <summary>The instant of a wall-clock time; an ambiguous autumn hour is read as its first occurrence (summer time).</summary>
    public static DateTime ToUtc(DateTime local, string zoneId)
    {
        var zone = FindZone(zoneId) ?? throw new ArgumentException($"Unknown time zone '{zoneId}'.", nameof(zoneId));
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            throw new ArgumentException("This time does not exist in the zone (daylight-saving change).", nameof(local));
        }

        if (zone.IsAmbiguousTime(unspecified))
        {
            var offset = zone.GetAmbiguousTimeOffsets(unspecified).Max();
            return DateTime.SpecifyKind(unspecified - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    public static DateTime ToLocal(DateTime utc, string zoneId)
    {
        var zone = FindZone(zoneId) ?? throw new ArgumentException($"Unknown time zone '{zoneId}'.", nameof(zoneId));
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);
    }

    /// <summary>The storage form of a wall-clock time: "2026-11-22T10:00", sortable and the same on every engine.</summary>
    public static string ToText(DateTime local) => local.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTime FromText(string text) =>
        DateTime.SpecifyKind(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture), DateTimeKind.Unspecified);

    /// <summary>Reads what a datetime-local field sends ("2026-11-22T10:00", seconds optional).</summary>
    public static bool TryParseLocal(string? text, out DateTime local)
    {
        local = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];
        if (!DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        local = DateTime.SpecifyKind(parsed.AddSeconds(-parsed.Second), DateTimeKind.Unspecified);
        return true;
    }
}
