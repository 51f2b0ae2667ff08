using Maillage.Domain.Currency;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>What pages, the API and jobs call: open a currency and accounts, apply commands, verify the ledger.</summary>
public sealed class LedgerService(MaillageDbContext db, LedgerWriter writer, TimeProvider clock)
{
    /// <summary>Applies a command durably (acknowledged only after commit); throws <see cref="LedgerException"/> when refused.</summary>
    public Task<LedgerOutcome> ExecuteAsync(LedgerCommand command, CancellationToken cancellationToken = default) =>
        writer.SubmitAsync(command, cancellationToken);

    /// <summary>The same for a command authorised by an access token, which the writer checks again when it applies the command.</summary>
    public Task<LedgerOutcome> ExecuteAsync(LedgerCommand command, ApiCredential credential, CancellationToken cancellationToken = default) =>
        writer.SubmitAsync(command, credential, cancellationToken);

    /// <summary>Opens a chamber's currency with its fee and issuing accounts.</summary>
    public async Task<CurrencyDefinition> OpenCurrencyAsync(
        Guid chamberId, string name, string code, string symbol, int minorDigits, int feeBasisPoints, long referralReward, long defaultCreditLimit, long issuingCreditLimit, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var currency = new CurrencyDefinition(chamberId, name, code, symbol, minorDigits, now);
        currency.SetRules(feeBasisPoints, referralReward, defaultCreditLimit);
        Amounts.Validate(issuingCreditLimit, minorDigits, AmountRule.ZeroOrPositive, "IssuingCreditLimit");
        db.Add(currency);
        db.Add(currency.OpenFeeAccount(now));
        db.Add(currency.OpenIssuingAccount(issuingCreditLimit, now));
        await db.SaveChangesAsync(cancellationToken);
        return currency;
    }

    /// <summary>Opens an organisation's account (at most one per organisation) with the currency's default limit.</summary>
    public async Task<LedgerAccount> OpenAccountAsync(Guid chamberId, Guid organisationId, CancellationToken cancellationToken = default)
    {
        var currency = await db.Set<CurrencyDefinition>().AsNoTracking().SingleOrDefaultAsync(c => c.ChamberId == chamberId, cancellationToken)
            ?? throw new LedgerException(LedgerErrors.NoCurrency);
        var account = currency.OpenOrganisationAccount(organisationId, clock.GetUtcNow().UtcDateTime);
        db.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>Checks the invariants and the hash chain of a chamber's whole ledger; empty when all is well.</summary>
    public async Task<IReadOnlyList<LedgerViolation>> VerifyAsync(Guid chamberId, CancellationToken cancellationToken = default) =>
        LedgerInvariants.Check(await LedgerStore.LoadChamberAsync(db, chamberId, cancellationToken));
}

public static class CurrencyRegistration
{
    public static IServiceCollection AddCurrency(this IServiceCollection services)
    {
        services.AddSingleton<LedgerWriter>();
        services.AddSingleton<CurrencyApiCache>();
        services.AddScoped<LedgerService>();
        services.AddScoped<CurrencyAccounts>();
        services.AddScoped<CurrencyStaff>();
        services.AddScoped<CurrencyReferrals>();
        services.AddSingleton<CurrencyScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CurrencyScheduler>());
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IConfiguration>((o, configuration) => CurrencyApi.AddRateLimit(o, configuration.GetValue("Maillage:RateLimits:CurrencyApiPerMinute", 120)));

        // The API answers a refused call with problem details, like every other API error; pages keep the shared answer.
        services.PostConfigure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o =>
        {
            var pages = o.OnRejected;
            o.OnRejected = async (ctx, token) =>
            {
                if (ctx.HttpContext.Request.Path.StartsWithSegments("/api/v1/currency", StringComparison.OrdinalIgnoreCase))
                {
                    var l = CurrencyErrors.Localizer(ctx.HttpContext);
                    ctx.HttpContext.Response.Headers.RetryAfter = "60";
                    await CurrencyApi.Problem(ctx.HttpContext, StatusCodes.Status429TooManyRequests, "rate-limited", l["Currency.Api.RateLimited"]).ExecuteAsync(ctx.HttpContext);
                    return;
                }

                if (pages is not null)
                {
                    await pages(ctx, token);
                }
            };
        });
        return services;
    }
}
