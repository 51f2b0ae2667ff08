using System.Globalization;
using Maillage.Domain.Agenda;
using Maillage.Domain.Invoices;

namespace Maillage.Web.Features.Agenda;

/// <summary>Dates, places and prices of events as people read them, in the event's own zone.</summary>
public static class AgendaDisplay
{
    public static string Range(AgendaEvent agendaEvent)
    {
        ArgumentNullException.ThrowIfNull(agendaEvent);
        return string.Join(" ; ", agendaEvent.Sessions.Select(s => Range(s.LocalStart, s.LocalEnd))) + Zone(agendaEvent.TimeZoneId);
    }

    public static string Range(DateTime start, DateTime end)
    {
        var culture = CultureInfo.CurrentCulture;
        return start.Date == end.Date
            ? $"{start.ToString("dddd d MMMM yyyy, HH:mm", culture)}–{end.ToString("HH:mm", culture)}"
            : $"{start.ToString("d MMMM yyyy, HH:mm", culture)} – {end.ToString("d MMMM yyyy, HH:mm", culture)}";
    }

    public static string Day(DateTime local) => local.ToString("ddd d MMM", CultureInfo.CurrentCulture);

    public static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.CurrentCulture);

    public static string DateTime(DateTime local) => local.ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    public static string Place(AgendaEvent agendaEvent)
    {
        ArgumentNullException.ThrowIfNull(agendaEvent);
        var parts = new[] { agendaEvent.VenueName, agendaEvent.Address, agendaEvent.Town }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        if (agendaEvent.OnlineUrl is { } url)
        {
            parts.Add(url);
        }

        return string.Join(", ", parts);
    }

    public static string Francs(long centimes) => "CHF " + MoneyText.Format(centimes);

    /// <summary>Only zones other than the chambers' own are named.</summary>
    private static string Zone(string zoneId) => zoneId == EventTime.DefaultZone ? string.Empty : $" ({zoneId})";
}

/// <summary>Messages of the agenda's rules ("Agenda.Error.{code}"), the shared validation messages otherwise.</summary>
public static class AgendaMessages
{
    private static readonly HashSet<string> Codes = typeof(AgendaCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);

    public static string Message(this Microsoft.Extensions.Localization.IStringLocalizer localizer, Maillage.Domain.Common.ValidationError error, bool agenda)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        return agenda && Codes.Contains(error.Code) ? localizer["Agenda.Error." + error.Code, error.Arguments] : localizer.Message(error);
    }

    public static string AgendaMessage(this Microsoft.Extensions.Localization.IStringLocalizer localizer, Maillage.Domain.Common.ValidationError error) => localizer.Message(error, agenda: true);

    public static void AddAgendaErrors(this Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IEnumerable<Maillage.Domain.Common.ValidationError> errors, Microsoft.Extensions.Localization.IStringLocalizer localizer, string prefix)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            modelState.AddModelError(error.Field.Length == 0 ? string.Empty : prefix + error.Field, localizer.AgendaMessage(error));
        }
    }
}
