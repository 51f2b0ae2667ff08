using Maillage.Domain.Currency;
using Maillage.Domain.Invoices;
using Maillage.Web.Features.Clearing;
using Maillage.Web.Features.Currency;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LedgerAccount = Maillage.Domain.Currency.Account;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Clearing;

/// <summary>
/// The optional liquidity-saving step: members who opted in let a round use their currency account to settle
/// invoices plain set-off cannot reach; the currency payments are booked in the ledger in the round's transaction.
/// </summary>
public abstract class CurrencyRoundTests(MaillageApp app)
{
    private static readonly LedgerActor Staff = new(Guid.NewGuid(), "staff");

    [Fact]
    public async Task Opted_in_members_settle_a_chain_with_their_credit_line_booked_with_the_round()
    {
        var (payer, middle, receiver) = await ChainAsync(500_00);
        await ConsentAsync(payer, upTo: "300,00");
        await ConsentAsync(receiver, upTo: null);
        var accounts = await AccountsAsync(payer, receiver);

        var round = (await app.RunRoundAsync()).Round!;

        round.State.ShouldBe(ClearingRoundState.Completed);
        round.SettledWithCurrency.ShouldBe(600_00, "300.00 of currency travels two links");
        round.CurrencyVolume.ShouldBe(300_00);
        round.CurrencyOperationId.ShouldNotBeNull();
        (await app.InvoicesOfAsync(middle.Id)).Select(i => i.Remaining).ShouldBe([200_00L, 200_00L]);
        (await BalanceAsync(accounts[payer.Id])).ShouldBe(-300_00);
        (await BalanceAsync(accounts[receiver.Id])).ShouldBe(300_00);
        (await VerifyAsync()).ShouldBeEmpty();

        using var client = new WebClient(app);
        await client.SignInAsync(payer.Email);
        var notice = await client.GetPageAsync($"{payer.InvoicesUrl()}/compensation/{round.Id}");
        notice.QuerySelector("#notice-currency")!.TextContent.ShouldContain($"a payé {MoneyText.Format(300_00)}");
        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var page = await staff.GetPageAsync($"/ge/gestion/compensation/{round.Id}");
        page.QuerySelector("#settled-with-currency")!.TextContent.ShouldBe(MoneyText.Format(600_00));
    }

    [Fact]
    public async Task When_the_ledger_refuses_the_settlement_the_round_plans_again_and_books_nothing_half_done()
    {
        var (payer, middle, receiver) = await ChainAsync(100_00);
        await ConsentAsync(payer, upTo: null);
        await ConsentAsync(receiver, upTo: null);
        var accounts = await AccountsAsync(payer, receiver);
        var blocked = false;

        // Between planning and booking, staff block the payer's account: the settlement must not go through, and
        // the invoices must not be reduced as if it had.
        var round = (await app.RunRoundAsync(beforeBooking: async plan =>
        {
            if (!blocked && plan.CurrencyTransfers.Count > 0)
            {
                blocked = true;
                await LedgerAsync(l => l.ExecuteAsync(new SetBlocked(accounts.ChamberId, accounts[payer.Id], true, "Cotisation impayée", Staff, DateTime.UtcNow)));
            }
        })).Round!;

        blocked.ShouldBeTrue();
        round.State.ShouldBe(ClearingRoundState.Completed);
        round.SettledWithCurrency.ShouldBe(0);
        round.CurrencyOperationId.ShouldBeNull();
        (await app.InvoicesOfAsync(middle.Id)).ShouldAllBe(i => i.Remaining == 100_00);
        (await BalanceAsync(accounts[payer.Id])).ShouldBe(0);
        (await BalanceAsync(accounts[receiver.Id])).ShouldBe(0);
        (await VerifyAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_permission_form_validates_the_cap_and_is_only_for_members_with_an_account()
    {
        var (withAccount, withoutAccount, _) = await ChainAsync(10_00);
        await AccountsAsync(withAccount);
        using var client = new WebClient(app);
        await client.SignInAsync(withAccount.Email);

        var page = await client.GetPageAsync(withAccount.InvoicesUrl());
        var refused = await client.SubmitAsync(page, "#consent-form", [new("ConsentUpTo", "beaucoup")]);
        refused.FieldError("ConsentUpTo").ShouldNotBeNullOrEmpty();
        (await ConsentOfAsync(withAccount.Id)).ShouldBeNull("nothing is written on bad input");

        var saved = await client.SubmitAsync(page, "#consent-form", [new("ConsentUpTo", "1 250,50")]);
        saved.QuerySelector("#consent-status")!.TextContent.ShouldContain(MoneyText.Format(1_250_50));
        (await ConsentOfAsync(withAccount.Id))!.UpTo.ShouldBe(1_250_50);

        using var other = new WebClient(app);
        await other.SignInAsync(withoutAccount.Email);
        (await other.GetPageAsync(withoutAccount.InvoicesUrl())).QuerySelector("#consent-form").ShouldBeNull();
    }

    /// <summary>payer owes middle, middle owes receiver: no cycle, so plain set-off clears nothing.</summary>
    private async Task<(TestMember Payer, TestMember Middle, TestMember Receiver)> ChainAsync(long amount)
    {
        await CurrencyAsync();
        var (payer, middle, receiver) = (await app.NewMemberAsync(), await app.NewMemberAsync(), await app.NewMemberAsync());
        await app.ConfirmedInvoiceAsync(payer, middle, amount);
        await app.ConfirmedInvoiceAsync(middle, receiver, amount);
        return (payer, middle, receiver);
    }

    private async Task CurrencyAsync()
    {
        var chamberId = await app.ChamberIdAsync("ge");
        if (!await app.WithDbAsync(db => db.Set<CurrencyDefinition>().AnyAsync(c => c.ChamberId == chamberId)))
        {
            await LedgerAsync(l => l.OpenCurrencyAsync(chamberId, "Test", "TST", "T", 2, 0, 0, 1_000_00, 1_000_000_00));
        }
    }

    private sealed class Accounts(Guid chamberId, Dictionary<Guid, Guid> byOrganisation)
    {
        public Guid ChamberId { get; } = chamberId;

        public Guid this[Guid organisation] => byOrganisation[organisation];
    }

    private async Task<Accounts> AccountsAsync(params TestMember[] members)
    {
        var chamberId = await app.ChamberIdAsync("ge");
        var byOrganisation = new Dictionary<Guid, Guid>();
        foreach (var member in members)
        {
            var existing = await app.WithDbAsync(db => db.Set<LedgerAccount>().Where(a => a.OrganisationId == member.Id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync());
            byOrganisation[member.Id] = existing ?? (await LedgerAsync(l => l.OpenAccountAsync(chamberId, member.Id))).Id;
        }

        return new Accounts(chamberId, byOrganisation);
    }

    private async Task ConsentAsync(TestMember member, string? upTo)
    {
        await AccountsAsync(member);
        using var client = new WebClient(app);
        await client.SignInAsync(member.Email);
        var page = await client.GetPageAsync(member.InvoicesUrl());
        var saved = await client.SubmitAsync(page, "#consent-form", [new("ConsentUpTo", upTo ?? string.Empty)]);
        saved.QuerySelector(".flash")!.TextContent.ShouldContain("Autorisation enregistrée");
    }

    private async Task<T> LedgerAsync<T>(Func<LedgerService, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<LedgerService>());
    }

    private Task<long> BalanceAsync(Guid account) => app.WithDbAsync(db => db.Set<LedgerAccount>().Where(a => a.Id == account).Select(a => a.Balance).SingleAsync());

    private Task<CurrencyConsent?> ConsentOfAsync(Guid organisation) => app.WithDbAsync(db => db.Set<CurrencyConsent>().AsNoTracking().FirstOrDefaultAsync(c => c.OrganisationId == organisation));

    private async Task<IReadOnlyList<LedgerViolation>> VerifyAsync()
    {
        var chamberId = await app.ChamberIdAsync("ge");
        return await LedgerAsync(l => l.VerifyAsync(chamberId));
    }
}

public sealed class CurrencyRoundTestsOnSqlite(SqliteApp app) : CurrencyRoundTests(app), IClassFixture<SqliteApp>;

public sealed class CurrencyRoundTestsOnPostgreSQL(PostgresApp app) : CurrencyRoundTests(app), IClassFixture<PostgresApp>;
