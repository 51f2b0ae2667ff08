using Maillage.Domain.Clearing;

namespace Maillage.Domain.Tests.Clearing;

public class CycleExplanationTests
{
    [Fact]
    public void A_single_triangle_is_explained_as_one_cycle()
    {
        var result = ClearingSolver.Solve([new(1, 2, 100), new(2, 3, 40), new(3, 1, 70)]);

        var explanation = CycleExplanation.Explain(result);

        explanation.Cycles.Count.ShouldBe(1);
        explanation.Cycles[0].Amount.ShouldBe(40);
        explanation.Cycles[0].Members.Count.ShouldBe(3);
        explanation.Cycles[0].Cleared.ShouldBe(120);
        explanation.IsComplete.ShouldBeTrue();
    }

    [Fact]
    public void Nothing_cleared_means_no_cycles()
    {
        var result = ClearingSolver.Solve([new(1, 2, 100), new(2, 3, 40)]);

        CycleExplanation.Explain(result).Cycles.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Cycles_reproduce_every_cleared_amount_exactly(long seed)
    {
        var result = ClearingSolver.Solve(ObligationNetworkGenerator.Generate(1_000, 10_000, seed));

        var explanation = CycleExplanation.Explain(result, maxCycles: int.MaxValue);

        explanation.IsComplete.ShouldBeTrue();
        AssertReproduces(result, explanation.Cycles);
    }

    [Fact]
    public void A_sardex_sized_round_is_explained_completely()
    {
        var result = ClearingSolver.Solve(ObligationNetworkGenerator.Generate(3_200, 140_000, 7));

        var explanation = CycleExplanation.Explain(result, maxCycles: int.MaxValue);

        explanation.Cycles.Count.ShouldBeGreaterThan(0);
        AssertReproduces(result, explanation.Cycles);
    }

    [Fact]
    public void A_capped_explanation_reports_the_rest_as_an_aggregate()
    {
        var result = ClearingSolver.Solve(ObligationNetworkGenerator.Generate(1_000, 10_000, 3));
        var complete = CycleExplanation.Explain(result, maxCycles: int.MaxValue);

        var capped = CycleExplanation.Explain(result, maxCycles: 25);

        capped.Cycles.Count.ShouldBe(25);
        capped.Cycles.ShouldBe(complete.Cycles.Take(25));
        capped.UnlistedCycleCount.ShouldBe(complete.Cycles.Count - 25);
        (capped.Cycles.Sum(c => c.Cleared) + capped.UnlistedCleared).ShouldBe(result.TotalCleared);
    }

    private static void AssertReproduces(ClearingResult result, IReadOnlyList<ClearingCycle> cycles)
    {
        var owed = result.Pairs.ToDictionary(p => (p.Debtor, p.Creditor), p => p.Cleared);
        var sum = new Dictionary<(long, long), long>();
        foreach (var cycle in cycles)
        {
            cycle.Amount.ShouldBeGreaterThan(0);
            cycle.Members.Count.ShouldBeGreaterThanOrEqualTo(2);
            cycle.Members.Distinct().Count().ShouldBe(cycle.Members.Count, "a cycle visits each member once");
            for (var i = 0; i < cycle.Members.Count; i++)
            {
                var link = (cycle.Members[i], cycle.Members[(i + 1) % cycle.Members.Count]);
                owed.ShouldContainKey(link);
                sum[link] = sum.GetValueOrDefault(link) + cycle.Amount;
            }
        }

        foreach (var (link, cleared) in owed)
        {
            sum.GetValueOrDefault(link).ShouldBe(cleared, $"{link.Item1}->{link.Item2}");
        }

        cycles.Sum(c => c.Cleared).ShouldBe(result.TotalCleared);
    }
}
