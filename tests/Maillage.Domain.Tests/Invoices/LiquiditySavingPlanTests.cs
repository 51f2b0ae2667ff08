using Maillage.Domain.Clearing;
using Maillage.Domain.Invoices;

namespace Maillage.Domain.Tests.Invoices;

public class LiquiditySavingPlanTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid C = Guid.NewGuid();

    private static ClearableInvoice Invoice(Guid debtor, Guid creditor, string number, long amount, int dueDay) =>
        new(Guid.NewGuid(), debtor, creditor, number, amount, new DateOnly(2026, 3, dueDay), 1);

    [Fact]
    public void Credit_lines_settle_a_chain_oldest_invoice_first_and_say_who_pays()
    {
        var invoices = new[]
        {
            Invoice(A, B, "A-2", 40_000, 20),
            Invoice(A, B, "A-1", 20_000, 5),
            Invoice(B, C, "B-1", 50_000, 10),
        };
        var liquidity = new Dictionary<Guid, MemberLiquidity> { [A] = new(30_000, 0), [C] = new(0, 1_000_000) };

        var plan = ClearingPlan.Compute(invoices, liquidity);

        plan.TotalCleared.ShouldBe(60_000, "30'000 paid by A travels A→B→C");
        plan.SettledWithCurrency.ShouldBe(60_000);
        plan.CurrencyVolume.ShouldBe(30_000);
        plan.CurrencyTransfers.ShouldBe([new PlannedCurrencyTransfer(A, 30_000), new PlannedCurrencyTransfer(C, -30_000)], ignoreOrder: true);
        plan.Lines.Single(l => l.Number == "A-1").Reduction.ShouldBe(20_000, "the oldest due date goes first");
        plan.Lines.Single(l => l.Number == "A-2").Reduction.ShouldBe(10_000);
        plan.Lines.Single(l => l.Number == "B-1").Reduction.ShouldBe(30_000);
    }

    [Fact]
    public void Without_liquidity_the_plan_is_the_plain_set_off()
    {
        var invoices = new[] { Invoice(A, B, "1", 100, 1), Invoice(B, C, "2", 100, 1), Invoice(C, A, "3", 60, 1) };

        var plain = ClearingPlan.Compute(invoices);
        var empty = ClearingPlan.Compute(invoices, new Dictionary<Guid, MemberLiquidity>());

        plain.TotalCleared.ShouldBe(180);
        empty.TotalCleared.ShouldBe(180);
        plain.CurrencyTransfers.ShouldBeEmpty();
        plain.SettledWithCurrency.ShouldBe(0);
    }
}
