using Maillage.Domain.Currency;

namespace Maillage.Domain.Tests.Currency;

public class ClearingSettlementTests
{
    [Fact]
    public void A_round_settlement_moves_currency_without_fee_once_per_round()
    {
        var world = new LedgerWorld();
        var round = Guid.NewGuid();
        var settle = new SettleClearing(world.ChamberId, round, [new(world[0].Id, -30_000), new(world[3].Id, 30_000)], LedgerWorld.Staff, LedgerWorld.Start);

        var first = world.Execute(settle);
        var again = world.Execute(settle);

        world[0].Balance.ShouldBe(-30_000);
        world[3].Balance.ShouldBe(30_000);
        world.FeeAccount.Balance.ShouldBe(0, "a set-off is not a payment between members");
        again.Replayed.ShouldBeTrue();
        again.ResultId.ShouldBe(first.ResultId);
        world.State.FindOperation(first.ResultId)!.Kind.ShouldBe(OperationKind.ClearingSettlement);
        world.Refused(new Reverse(world.ChamberId, first.ResultId, "Undo", LedgerWorld.Staff, LedgerWorld.Start), LedgerErrors.NotReversible);
        world.AssertInvariants();
    }

    [Fact]
    public void Settlements_that_do_not_balance_or_break_a_limit_write_nothing()
    {
        var world = new LedgerWorld(creditLimit: 50_000);
        var before = world.Snapshot();
        SettleClearing Settle(params SettlementTransfer[] transfers) => new(world.ChamberId, Guid.NewGuid(), transfers, LedgerWorld.Staff, LedgerWorld.Start);
        static SettlementTransfer T(Guid account, long amount) => new(account, amount);

        world.Refused(Settle(T(world[0].Id, -100), T(world[1].Id, 90)), LedgerErrors.SettlementUnbalanced);
        world.Refused(Settle(T(world[0].Id, -100)), LedgerErrors.SettlementUnbalanced);
        world.Refused(Settle(T(world[0].Id, -100), T(world[0].Id, 100)), LedgerErrors.SettlementUnbalanced);
        world.Refused(Settle(T(world[0].Id, -60_000), T(world[1].Id, 60_000)), LedgerErrors.InsufficientFunds);
        world.Refused(Settle(T(world[0].Id, -100), T(Guid.NewGuid(), 100)), LedgerErrors.UnknownAccount);

        world.Snapshot().ShouldBe(before);
        world.AssertInvariants();
    }
}
