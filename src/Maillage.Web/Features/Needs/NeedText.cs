using System.Globalization;
using Maillage.Domain.Needs;
using Maillage.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Needs;

/// <summary>A need's dates, money and state in words, the Swiss way.</summary>
public static class NeedText
{
    public static string Money(long minor) => "CHF " + (minor / 100m).ToString("#,##0.00", CultureInfo.GetCultureInfo("de-CH"));

    public static string Dates(NeedDetails details, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(l);
        if (details.DateFrom is not { } from)
        {
            return string.Empty;
        }

        return details.DateUntil is { } until ? l["Needs.FromUntil", Display.Date(from), Display.Date(until)] : l["Needs.On", Display.Date(from)];
    }

    public static string Budget(NeedDetails details, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(l);
        return details.BudgetMinor is { } b ? Money(b) : l["Needs.NoBudget"];
    }

    public static string State(Need need, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(l);
        return need.IsOpen ? l["Needs.StateOpen"] : l[$"Needs.Outcome.{need.Outcome}"];
    }
}
