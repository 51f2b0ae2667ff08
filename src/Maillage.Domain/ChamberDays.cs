namespace Maillage.Domain;

/// <summary>
/// The calendar days of the chambers (Swiss time): standing orders fall due, offers expire and tenders close on
/// them. An instant is stored in UTC; its UTC date is the day before the local one for the first hour or two after
/// midnight (a standing order due on the schedule's local day looked not yet due to the ledger).
/// </summary>
public static class ChamberDays
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    /// <summary>The local day of the instant <paramref name="utc"/>.</summary>
    public static DateOnly Of(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));
}
