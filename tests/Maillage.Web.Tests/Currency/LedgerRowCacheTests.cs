using Maillage.Domain.Currency;
using Maillage.Web.Features.Currency;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Tests.Currency;

/// <summary>The writer's remembered rows on their own: what is restored, when it is not, and how long it waits after being wrong.</summary>
public sealed class LedgerRowCacheTests
{
    private static readonly DateTime At = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly Guid _chamber = Guid.NewGuid();
    private readonly Guid _fee = Guid.NewGuid();
    private readonly Guid _issuing = Guid.NewGuid();

    [Fact]
    public void A_batch_is_restored_only_when_every_row_it_needs_is_remembered_and_as_fresh_copies()
    {
        var cache = new LedgerRowCache();
        var (payer, payee) = (Account(balance: 500), Account());
        cache.Remember(State(Currency(), Account(_fee), Account(_issuing), payer));

        cache.TryRestore([_chamber], [payer.Id, payee.Id], out _, out _).ShouldBeFalse("the payee was never seen");
        cache.RememberChamber(_chamber, [payee]);
        cache.KnowsWholeChamber(_chamber).ShouldBeTrue();
        cache.TryRestore([Guid.NewGuid()], [payer.Id], out _, out _).ShouldBeFalse("another chamber's currency was never seen");

        cache.TryRestore([_chamber], [payer.Id, payee.Id], out var currencies, out var accounts).ShouldBeTrue();
        currencies.ShouldHaveSingleItem().FeeBasisPoints.ShouldBe(100);
        accounts.Select(a => a.Id).ShouldBe(new[] { payer.Id, payee.Id, _fee, _issuing }, ignoreOrder: true);
        var restored = accounts.Single(a => a.Id == payer.Id);
        restored.ShouldNotBeSameAs(payer);
        restored.Balance.ShouldBe(500);

        // A batch applied to the copies changes nothing remembered until its commit is remembered.
        var state = State([.. currencies, .. accounts]);
        Ledger.Execute(state, new Pay(_chamber, payer.Id, payee.Id, 200, "Pain", null, new LedgerActor(null, "member"), At));
        cache.TryRestore([_chamber], [payer.Id], out _, out var again).ShouldBeTrue();
        again.Single(a => a.Id == payer.Id).Balance.ShouldBe(500);
        cache.Remember(state);
        cache.TryRestore([_chamber], [payer.Id], out _, out again).ShouldBeTrue();
        again.Single(a => a.Id == payer.Id).Balance.ShouldBe(500 - 202);
    }

    [Fact]
    public void After_misleading_a_batch_it_forgets_that_batchs_rows_and_waits_longer_each_time_in_a_row()
    {
        var cache = new LedgerRowCache();
        var payer = Account();
        var rows = State(Currency(), Account(_fee), Account(_issuing), payer);
        int BatchesSkipped()
        {
            cache.Remember(rows);
            var skipped = 0;
            while (!cache.TryRestore([_chamber], [payer.Id], out _, out _))
            {
                skipped++;
            }

            return skipped;
        }

        cache.Remember(rows);
        cache.Forget(rows);
        cache.TryRestore([_chamber], [payer.Id], out _, out _).ShouldBeFalse();
        BatchesSkipped().ShouldBe(0, "the skipped batch above was the one batch of waiting");
        cache.Forget(rows);
        BatchesSkipped().ShouldBe(2);
        cache.Forget(rows);
        BatchesSkipped().ShouldBe(4);
        cache.Trusted();
        cache.Forget(rows);
        BatchesSkipped().ShouldBe(1, "a batch it got right starts the waiting over");
    }

    [Fact]
    public void A_chamber_with_more_accounts_than_it_keeps_is_read_once_and_not_kept()
    {
        var cache = new LedgerRowCache();
        var accounts = Enumerable.Range(0, LedgerRowCache.MaxAccounts + 1).Select(_ => Account()).ToList();
        cache.RememberChamber(_chamber, accounts);
        cache.KnowsWholeChamber(_chamber).ShouldBeTrue("read once per session, whatever its size");
        cache.Remember(State(Currency(), Account(_fee), Account(_issuing)));
        cache.TryRestore([_chamber], [accounts[0].Id], out _, out _).ShouldBeFalse();
    }

    private CurrencyDefinition Currency() =>
        CurrencyDefinition.Restore(_chamber, "Léman", "LEM", "L", 2, 100, 1_000, 10_000, _fee, _issuing, 0, string.Empty, At);

    private LedgerAccount Account(Guid? id = null, long balance = 0) =>
        LedgerAccount.Restore(id ?? Guid.NewGuid(), _chamber, id == _fee ? AccountKind.Fees : id == _issuing ? AccountKind.Issuing : AccountKind.Organisation, null, balance, 10_000, null, false, At);

    private static LedgerState State(params object[] rows)
    {
        var state = new LedgerState();
        foreach (var row in rows)
        {
            switch (row)
            {
                case CurrencyDefinition currency:
                    state.Load(currency);
                    break;
                case LedgerAccount account:
                    state.Load(account);
                    break;
            }
        }

        return state;
    }
}
