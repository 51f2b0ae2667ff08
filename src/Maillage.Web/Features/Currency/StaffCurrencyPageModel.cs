using Maillage.Domain.Currency;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Maillage.Web.Features.Currency;

/// <summary>A staff page of the chamber's currency (/{chamber}/gestion/monnaie…); 404 when the chamber has none.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public abstract class StaffCurrencyPageModel : ChamberPageModel
{
    public CurrencyDefinition Currency { get; private set; } = null!;

    public string BasePath => $"/{Chamber.Slug}/gestion/monnaie";

    protected CurrencyStaff Staff => HttpContext.RequestServices.GetRequiredService<CurrencyStaff>();

    protected CurrencyAccounts Accounts => HttpContext.RequestServices.GetRequiredService<CurrencyAccounts>();

    protected LedgerService Ledger => HttpContext.RequestServices.GetRequiredService<LedgerService>();

    protected LedgerActor Actor => new(Me.UserId, Me.DisplayName);

    public string Money(long minorUnits) => CurrencyErrors.Money(minorUnits, Currency);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await base.OnPageHandlerExecutionAsync(context, async () =>
        {
            var currency = await Accounts.CurrencyAsync(Chamber.Id, HttpContext.RequestAborted);
            if (currency is null)
            {
                // Short-circuit: the framework answers with the executing context's result; the handler never runs.
                context.Result = NotFound();
                return new PageHandlerExecutedContext(PageContext, context.Filters, context.HandlerMethod!, this) { Result = context.Result };
            }

            Currency = currency;
            return await next();
        });
    }

    /// <summary>Reads an amount typed by staff (zero allowed, e.g. for limits).</summary>
    protected long? ParseAmount(string? text, string key, AmountRule rule = AmountRule.ZeroOrPositive)
    {
        if (Amounts.TryParse(text, Currency.MinorDigits, rule, out var amount, out var error))
        {
            return amount;
        }

        ModelState.AddModelError(key, CurrencyErrors.Message(L, new LedgerException(error!, "Amount"), Currency));
        return null;
    }
}
