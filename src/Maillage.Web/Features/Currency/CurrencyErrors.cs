using System.Globalization;
using Maillage.Domain.Currency;
using Maillage.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// One place that turns a ledger refusal into words (forms, in the person's language) and into a problem type
/// (API: a stable kebab-case code and an HTTP status).
/// </summary>
public static class CurrencyErrors
{
    public static string ApiCode(string ledgerCode, string? field = null) => ledgerCode switch
    {
        LedgerErrors.AmountRequired or LedgerErrors.AmountNotNumeric or LedgerErrors.AmountNotPositive or LedgerErrors.AmountTooPrecise or LedgerErrors.AmountTooLarge => "amount-invalid",
        LedgerErrors.InsufficientFunds => "insufficient-funds",
        LedgerErrors.CeilingExceeded => "ceiling-exceeded",
        LedgerErrors.SameAccount => "payer-equals-payee",
        LedgerErrors.UnknownAccount or LedgerErrors.OtherChamber => field == "Payer" ? "payer-unknown" : "payee-unknown",
        LedgerErrors.AccountBlocked => "account-blocked",
        LedgerErrors.NoCurrency => "no-currency",
        LedgerErrors.UnknownRequest => "request-unknown",
        LedgerErrors.RequestExpired => "request-expired",
        LedgerErrors.RequestAlreadyAnswered => "request-already-answered",
        LedgerErrors.NotThePayer => "not-the-payer",
        LedgerErrors.DescriptionTooLong => "text-too-long",
        LedgerErrors.IdempotencyKeyReused => "idempotency-key-reused",
        LedgerErrors.IdempotencyKeyInvalid => "idempotency-key-invalid",
        LedgerErrors.InvalidExpiry => "expiry-invalid",
        _ => "refused",
    };

    public static int Status(string ledgerCode) => ledgerCode switch
    {
        LedgerErrors.AmountRequired or LedgerErrors.AmountNotNumeric or LedgerErrors.AmountNotPositive or LedgerErrors.AmountTooPrecise or LedgerErrors.AmountTooLarge
            or LedgerErrors.DescriptionTooLong or LedgerErrors.IdempotencyKeyInvalid or LedgerErrors.InvalidExpiry => StatusCodes.Status400BadRequest,
        LedgerErrors.IdempotencyKeyReused or LedgerErrors.RequestAlreadyAnswered or LedgerErrors.RequestExpired => StatusCodes.Status409Conflict,
        LedgerErrors.UnknownRequest or LedgerErrors.NoCurrency => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>The sentence for a person, with the figures it needs (the available amount, the limit of digits…).</summary>
    public static string Message(IStringLocalizer l, LedgerException error, CurrencyDefinition? currency)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(error);
        var digits = currency?.MinorDigits ?? 2;
        var symbol = currency?.Symbol ?? string.Empty;
        return error.Code switch
        {
            LedgerErrors.InsufficientFunds => l["Currency.Error.InsufficientFunds", Money(error.Available ?? 0, currency)],
            LedgerErrors.CeilingExceeded => l["Currency.Error.CeilingExceeded", Money(error.Arguments.Count > 0 ? (long)error.Arguments[0] : 0, currency)],
            LedgerErrors.AmountTooPrecise => l["Currency.Error.AmountTooPrecise", digits],
            LedgerErrors.AmountTooLarge => l["Currency.Error.AmountTooLarge", Amounts.MaxMajorUnits.ToString("N0", CultureInfo.CurrentCulture), symbol],
            LedgerErrors.DescriptionTooLong => l["Currency.Error.DescriptionTooLong", error.Arguments.Count > 0 ? error.Arguments[0] : Operation.DescriptionMax],
            LedgerErrors.LimitExcludesBalance => l["Currency.Error.LimitExcludesBalance", Money(error.Arguments.Count > 0 ? (long)error.Arguments[0] : 0, currency)],
            _ => l.GetString("Currency.Error." + error.Code) is { ResourceNotFound: false } found ? found.Value : l["Currency.Error.Refused"],
        };
    }

    /// <summary>"1 234,50 L" in French, "1’234.50 L" in English.</summary>
    public static string Money(long minorUnits, CurrencyDefinition? currency) =>
        currency is null
            ? minorUnits.ToString(CultureInfo.CurrentCulture)
            : Amounts.Format(minorUnits, currency.MinorDigits, CultureInfo.CurrentCulture) + "\u00A0" + currency.Symbol;

    public static string Invariant(long minorUnits, CurrencyDefinition currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return Amounts.FormatInvariant(minorUnits, currency.MinorDigits);
    }

    /// <summary>The form field a refusal belongs to, for the error next to the input.</summary>
    public static string FormField(LedgerException error, string prefix, string fallback)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Field switch
        {
            "Amount" => prefix + "Amount",
            "Payee" or "Payer" => prefix + "Counterparty",
            "Description" => prefix + "Description",
            "Reference" => prefix + "Reference",
            "Reason" => prefix + "Reason",
            "CreditLimit" or "Ceiling" => prefix + "CreditLimit",
            _ => fallback,
        };
    }

    internal static IStringLocalizer<SharedResource> Localizer(HttpContext context) =>
        context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
}
