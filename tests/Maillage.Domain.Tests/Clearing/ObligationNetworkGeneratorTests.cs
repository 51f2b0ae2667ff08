using Maillage.Domain.Clearing;

namespace Maillage.Domain.Tests.Clearing;

public class ObligationNetworkGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_network()
    {
        var first = ObligationNetworkGenerator.Generate(500, 5_000, 42);
        var second = ObligationNetworkGenerator.Generate(500, 5_000, 42);

        second.ShouldBe(first);
    }

    [Fact]
    public void The_generated_sequence_is_pinned_across_machines_and_runtimes()
    {
        // The generator uses its own random algorithm and integer arithmetic only; this fingerprint catches any drift.
        var network = ObligationNetworkGenerator.Generate(1_000, 10_000, 2024);

        var fingerprint = network.Aggregate(17L, (h, o) => unchecked((h * 31) + (o.Debtor * 1_000_003) + (o.Creditor * 7_919) + o.Amount));

        fingerprint.ShouldBe(PinnedFingerprint);
    }

    [Fact]
    public void Different_seeds_give_different_networks()
    {
        var first = ObligationNetworkGenerator.Generate(500, 5_000, 1);
        var second = ObligationNetworkGenerator.Generate(500, 5_000, 2);

        second.ShouldNotBe(first);
    }

    [Fact]
    public void Obligations_are_valid_and_use_the_requested_firms()
    {
        var network = ObligationNetworkGenerator.Generate(300, 20_000, 9);

        network.Count.ShouldBe(20_000);
        network.ShouldAllBe(o => o.Debtor != o.Creditor && o.Amount > 0);
        network.ShouldAllBe(o => o.Debtor >= 0 && o.Debtor < 300 && o.Creditor >= 0 && o.Creditor < 300);
    }

    [Fact]
    public void Suppliers_are_heavy_tailed()
    {
        var network = ObligationNetworkGenerator.Generate(5_000, 50_000, 4);

        var sales = network.GroupBy(o => o.Creditor).Select(g => g.Count()).OrderDescending().ToList();

        // Preferential attachment: the busiest supplier sells far more than the median one.
        sales[0].ShouldBeGreaterThan(20 * sales[sales.Count / 2]);
    }

    [Fact]
    public void Reciprocal_trade_makes_a_real_share_of_the_debt_clearable()
    {
        var result = ClearingSolver.Solve(ObligationNetworkGenerator.Generate(3_200, 140_000, 1));

        var share = (double)result.TotalCleared / result.TotalSubmitted;

        share.ShouldBeInRange(0.2, 0.6);
    }

    private const long PinnedFingerprint = 7016074675701711249;
}
