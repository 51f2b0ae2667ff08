using System.Globalization;
using Maillage.Domain.Common;
using Maillage.Domain.Needs;
using Maillage.Web.Features.Offers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Needs;

/// <summary>What the "post a need" form sends; amounts stay text so that what was typed comes back on an error.</summary>
public sealed class NeedForm
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Category { get; set; }

    public DateOnly? DateFrom { get; set; }

    public DateOnly? DateUntil { get; set; }

    public string? Town { get; set; }

    public string? Canton { get; set; }

    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public string? Budget { get; set; }

    public bool CurrencyPossible { get; set; }

    public string? CurrencyAmount { get; set; }

    /// <summary>Reads the form into the domain's details; unreadable amounts are reported in <paramref name="modelState"/>.</summary>
    public NeedDetails ToDetails(ModelStateDictionary modelState, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        var details = new NeedDetails
        {
            Title = Title ?? string.Empty,
            Description = Description ?? string.Empty,
            Category = Category ?? string.Empty,
            DateFrom = DateFrom,
            DateUntil = DateUntil,
            Town = Town ?? string.Empty,
            Canton = Canton ?? string.Empty,
            CurrencyPossible = CurrencyPossible,
        };
        details.BudgetMinor = Amount(Budget, "Input.Budget", modelState, l);
        details.CurrencyAmountMinor = CurrencyPossible ? Amount(CurrencyAmount, "Input.CurrencyAmount", modelState, l) : null;
        details.Latitude = Coordinate(Latitude, "Input.Latitude", modelState, l);
        details.Longitude = Coordinate(Longitude, "Input.Longitude", modelState, l);
        return details;
    }

    /// <summary>Puts the domain's errors next to the form's fields, in the person's language.</summary>
    public static void AddErrors(ModelStateDictionary modelState, IEnumerable<ValidationError> errors, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            var field = "Input." + error.Field switch
            {
                nameof(NeedDetails.BudgetMinor) => nameof(Budget),
                nameof(NeedDetails.CurrencyAmountMinor) => nameof(CurrencyAmount),
                _ => error.Field,
            };
            if (modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
            {
                continue;
            }

            modelState.AddModelError(field, error.Code.StartsWith("Needs.", StringComparison.Ordinal) ? l[error.Code] : l.Message(error));
        }
    }

    private static long? Amount(string? text, string field, ModelStateDictionary modelState, IStringLocalizer l)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // A minus sign is read, so that the domain can say a budget must be positive rather than "not a number".
        var trimmed = text.Trim();
        var negative = trimmed.StartsWith('-') || trimmed.StartsWith('−');
        var minor = PriceText.ParseMinor(negative ? trimmed[1..] : trimmed);
        if (minor is null)
        {
            modelState.AddModelError(field, l["Needs.AmountInvalid"]);
            return null;
        }

        return negative ? -minor : minor;
    }

    private static double? Coordinate(string? text, string field, ModelStateDictionary modelState, IStringLocalizer l)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        modelState.AddModelError(field, l["Validation.InvalidCoordinates"]);
        return null;
    }
}
