using Maillage.Domain.Chambers;
using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Maillage.Web.Features.Currency;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Tests.Currency;

/// <summary>A chamber of its own with a currency ("Test", code TST, 2 decimals, fee 1 %), so tests never share balances.</summary>
public sealed record CurrencyChamber(Guid Id, string Slug, Guid FeeAccountId, Guid IssuingAccountId);

/// <summary>An active member organisation with its account and its member admin (demo password).</summary>
public sealed record CurrencyMember(Guid Id, string Slug, string Name, Guid AccountId, string Email);

public static class CurrencyFixtures
{
    public static async Task<CurrencyChamber> NewCurrencyChamberAsync(this MaillageApp app, int feeBasisPoints = 100, long defaultCreditLimit = 100_000)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Slugs are letters only: ten random letters.
        var slug = "t" + new string(Guid.NewGuid().ToByteArray().Take(10).Select(b => (char)('a' + (b % 26))).ToArray());
        var chamber = new Chamber(slug, "Chambre de test", "Test", "GE", DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Add(chamber);
            await db.SaveChangesAsync();
        });
        using var scope = app.Services.CreateScope();
        var currency = await scope.ServiceProvider.GetRequiredService<LedgerService>()
            .OpenCurrencyAsync(chamber.Id, "Test", "TST", "T", 2, feeBasisPoints, referralReward: 5_000, defaultCreditLimit, issuingCreditLimit: 10_000_000);
        return new CurrencyChamber(chamber.Id, chamber.Slug, currency.FeeAccountId, currency.IssuingAccountId);
    }

    public static async Task<CurrencyMember> NewCurrencyMemberAsync(this MaillageApp app, CurrencyChamber chamber, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(chamber);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var organisation = new Organisation(
            chamber.Id, "membre-" + tag, new OrganisationProfile { Name = name ?? "Coopérative " + tag, Town = "Genève", Canton = "GE" }, MembershipType.Collective, new DateOnly(2024, 1, 1), DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
        });
        var user = await app.CreateUserAsync(organisation.Id, OrganisationRole.MemberAdmin);
        using var scope = app.Services.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<CurrencyAccounts>().AccountOfAsync(chamber.Id, organisation.Id);
        return new CurrencyMember(organisation.Id, organisation.Slug, organisation.Profile.Name, account!.Id, user.Email!);
    }

    /// <summary>A token straight in the database; returns its secret.</summary>
    public static async Task<string> TokenAsync(this MaillageApp app, CurrencyChamber chamber, CurrencyMember member, string[]? scopes = null, TimeSpan? lifetime = null, bool revoked = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(member);
        var now = DateTime.UtcNow;
        var (token, secret) = AccessToken.Issue(chamber.Id, member.Id, "Caisse", scopes ?? [.. AccessToken.AllScopes], now.AddDays(30), null, "Test", now);
        if (lifetime is { } life)
        {
            // Expired tokens cannot be issued: age the row instead.
            await app.WithDbAsync(async db =>
            {
                db.Add(token);
                await db.SaveChangesAsync();
                await db.Set<AccessToken>().Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, now + life));
            });
        }
        else
        {
            if (revoked)
            {
                token.Revoke(now);
            }

            await app.WithDbAsync(async db =>
            {
                db.Add(token);
                await db.SaveChangesAsync();
            });
        }

        return secret;
    }

    public static Task<long> BalanceAsync(this MaillageApp app, Guid accountId) =>
        app.WithDbAsync(db => db.Set<LedgerAccount>().Where(a => a.Id == accountId).Select(a => a.Balance).SingleAsync());

    public static Task<int> OperationCountAsync(this MaillageApp app, CurrencyChamber chamber) =>
        app.WithDbAsync(db => db.Set<Operation>().CountAsync(o => o.ChamberId == chamber.Id));

    public static async Task FundAsync(this MaillageApp app, CurrencyChamber chamber, CurrencyMember from, CurrencyMember to, long amount)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(chamber);
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<LedgerService>().ExecuteAsync(new Pay(chamber.Id, from.AccountId, to.AccountId, amount, "Avance", null, LedgerActor.System, DateTime.UtcNow));
    }

    public static async Task<IReadOnlyList<LedgerViolation>> VerifyAsync(this MaillageApp app, CurrencyChamber chamber)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(chamber);
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerService>().VerifyAsync(chamber.Id);
    }
}
