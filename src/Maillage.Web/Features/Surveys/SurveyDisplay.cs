using System.Globalization;
using Maillage.Domain.Common;
using Maillage.Domain.Surveys;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Surveys;

/// <summary>Formats and messages of the survey pages (Swiss/French numbers: 12,5 %, 1 234).</summary>
public static class SurveyDisplay
{
    /// <summary>The form field that carries a question's answer (and the id its errors point to).</summary>
    public static string Field(Guid questionId) => "q_" + questionId.ToString("N");

    public static string Percent(decimal value) => value.ToString("0.#", CultureInfo.CurrentCulture) + "\u00A0%";

    public static string Mean(decimal value) => value.ToString("0.##", CultureInfo.CurrentCulture);

    public static string Message(this IStringLocalizer l, ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        var key = "Surveys.Error." + error.Code;
        var message = l[key, error.Arguments];
        return message.ResourceNotFound ? l["Validation." + error.Code, error.Arguments] : message;
    }

    public static void AddSurveyErrors(this ModelStateDictionary state, IEnumerable<ValidationError> errors, IStringLocalizer l, Func<string, string> field)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(field);
        foreach (var e in errors)
        {
            state.AddModelError(field(e.Field), l.Message(e));
        }
    }

    /// <summary>A survey's local opening/closing time as a datetime-local value ("2026-12-03T10:00", Swiss time).</summary>
    public static string? LocalInput(DateTime? utc) =>
        utc is { } value ? TimeZoneInfo.ConvertTimeFromUtc(value, Display.SwissTime).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>Reads a datetime-local value typed in Swiss time; false when it is not a date.</summary>
    public static bool TryReadLocal(string? text, out DateTime? utc)
    {
        utc = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Display.SwissTime);
        return true;
    }

    public static string StateLabel(this IStringLocalizer l, Survey survey, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(survey);
        var state = survey.StateAt(now);
        return state == SurveyState.Open && survey.OpensAt > now ? l["Surveys.State.NotYetOpen"] : l[$"Surveys.State.{state}"];
    }
}
