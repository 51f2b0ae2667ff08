using Maillage.Domain.Clearing;

namespace Maillage.Domain.Tests.Clearing;

public class ClearingSolverTests
{
    [Fact]
    public void A_triangle_of_equal_debts_clears_completely()
    {
        Obligation[] obligations = [new(1, 2, 100), new(2, 3, 100), new(3, 1, 100)];

        var result = ClearingInvariants.SolveChecked(obligations);

        result.TotalCleared.ShouldBe(300);
        result.Pairs.ShouldAllBe(p => p.Remaining == 0);
    }

    [Fact]
    public void A_cycle_clears_by_its_smallest_link()
    {
        Obligation[] obligations = [new(1, 2, 100), new(2, 3, 40), new(3, 1, 70)];

        var result = ClearingInvariants.SolveChecked(obligations);

        result.TotalCleared.ShouldBe(120);
        result.Pairs.ShouldAllBe(p => p.Cleared == 40);
    }

    [Fact]
    public void A_chain_without_cycles_clears_nothing()
    {
        Obligation[] obligations = [new(1, 2, 100), new(2, 3, 100), new(3, 4, 100), new(1, 4, 5)];

        var result = ClearingInvariants.SolveChecked(obligations);

        result.TotalCleared.ShouldBe(0);
        result.TotalRemaining.ShouldBe(305);
    }

    [Fact]
    public void The_longer_cycle_wins_when_two_cycles_compete_for_one_link()
    {
        // A→B is shared by the 2-cycle A↔B (clears 2 × 10) and the triangle A→B→C→A (clears 3 × 10).
        // Picking the short cycle first, as a greedy pass would, leaves 10 on the table.
        Obligation[] obligations = [new(1, 2, 10), new(2, 1, 10), new(2, 3, 10), new(3, 1, 10)];

        var result = ClearingInvariants.SolveChecked(obligations);

        result.TotalCleared.ShouldBe(30);
        result.Pairs.Single(p => p.Debtor == 2 && p.Creditor == 1).Cleared.ShouldBe(0);
    }

    [Fact]
    public void Repeated_obligations_are_aggregated_per_pair()
    {
        Obligation[] obligations = [new(1, 2, 30), new(2, 1, 50), new(1, 2, 40), new(2, 1, 5)];

        var result = ClearingInvariants.SolveChecked(obligations);

        result.Pairs.Count.ShouldBe(2);
        result.Pairs.Single(p => p.Debtor == 1).Owed.ShouldBe(70);
        result.Pairs.Single(p => p.Debtor == 2).Owed.ShouldBe(55);
        result.TotalCleared.ShouldBe(110);
        result.PairIndexOf(0).ShouldBe(result.PairIndexOf(2));
        result.PairIndexOf(1).ShouldBe(result.PairIndexOf(3));
    }

    [Fact]
    public void An_empty_round_clears_nothing()
    {
        var result = ClearingInvariants.SolveChecked([]);

        result.TotalSubmitted.ShouldBe(0);
        result.TotalCleared.ShouldBe(0);
        result.Pairs.ShouldBeEmpty();
    }

    [Fact]
    public void Member_ids_may_be_any_long_values()
    {
        Obligation[] obligations = [new(long.MaxValue, long.MinValue, 7), new(long.MinValue, -1, 9), new(-1, long.MaxValue, 8)];

        var result = ClearingInvariants.SolveChecked(obligations);

        result.TotalCleared.ShouldBe(21);
    }

    [Fact]
    public void Amounts_near_the_long_range_are_cleared_exactly()
    {
        const long big = long.MaxValue / 4;
        Obligation[] obligations = [new(1, 2, big), new(2, 3, big), new(3, 1, big - 1)];

        var result = ClearingInvariants.SolveChecked(obligations);

        result.TotalCleared.ShouldBe(3 * (big - 1));
    }

    [Fact]
    public void A_total_beyond_the_long_range_is_rejected()
    {
        Obligation[] obligations = [new(1, 2, long.MaxValue), new(2, 1, 1)];

        var error = Should.Throw<InvalidObligationException>(() => ClearingSolver.Solve(obligations));

        error.Index.ShouldBe(1);
    }

    [Fact]
    public void A_member_owing_itself_is_rejected_with_the_offending_index()
    {
        Obligation[] obligations = [new(1, 2, 10), new(2, 3, 10), new(4, 4, 10)];

        var error = Should.Throw<InvalidObligationException>(() => ClearingSolver.Solve(obligations));

        error.Index.ShouldBe(2);
        error.Message.ShouldContain("Obligation 2");
        error.Reason.ShouldContain("cannot owe itself");
        error.ParamName.ShouldBe("obligations");
        error.ShouldBeAssignableTo<ArgumentException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_non_positive_amount_is_rejected_with_the_offending_index(long amount)
    {
        Obligation[] obligations = [new(1, 2, 10), new(2, 1, amount)];

        var error = Should.Throw<InvalidObligationException>(() => ClearingSolver.Solve(obligations));

        error.Index.ShouldBe(1);
        error.Message.ShouldContain("Obligation 1");
        error.Reason.ShouldContain("must be positive");
    }

    [Fact]
    public void Debts_between_separate_cycles_stay_untouched()
    {
        // Two triangles joined by a one-way debt: that debt lies on no cycle.
        Obligation[] obligations =
        [
            new(1, 2, 5), new(2, 3, 5), new(3, 1, 5),
            new(3, 10, 1000),
            new(10, 11, 7), new(11, 12, 7), new(12, 10, 7),
        ];

        var result = ClearingInvariants.SolveChecked(obligations);

        result.TotalCleared.ShouldBe(36);
        result.Pairs.Single(p => p.Debtor == 3 && p.Creditor == 10).Cleared.ShouldBe(0);
        result.Statistics.LargestComponent.ShouldBe(3);
    }

    [Fact]
    public void Hundreds_of_small_random_networks_match_an_independent_exact_solver()
    {
        for (var seed = 0; seed < 600; seed++)
        {
            var obligations = RandomNetworks.Small(seed);
            var expected = ReferenceClearing.MaxCleared(obligations);

            var result = ClearingSolver.Solve(obligations);

            result.TotalCleared.ShouldBe(expected, $"seed {seed}");
            ClearingInvariants.AssertHold(obligations, result);
        }
    }

    [Fact]
    public void Medium_random_networks_match_an_independent_exact_solver()
    {
        for (var seed = 0; seed < 12; seed++)
        {
            var obligations = RandomNetworks.Dense(seed, members: 25, obligations: 160);
            var expected = ReferenceClearing.MaxCleared(obligations);

            var result = ClearingSolver.Solve(obligations);

            result.TotalCleared.ShouldBe(expected, $"seed {seed}");
            ClearingInvariants.AssertHold(obligations, result);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Generated_trade_networks_satisfy_every_invariant(long seed)
    {
        var obligations = ObligationNetworkGenerator.Generate(2_000, 30_000, seed);

        var result = ClearingInvariants.SolveChecked(obligations);

        result.TotalCleared.ShouldBeGreaterThan(result.TotalSubmitted / 10);
    }

    [Fact]
    public void Solving_twice_gives_the_same_answer()
    {
        var obligations = ObligationNetworkGenerator.Generate(500, 5_000, 11);

        var first = ClearingSolver.Solve(obligations);
        var second = ClearingSolver.Solve(obligations);

        second.Pairs.ShouldBe(first.Pairs);
        second.Certificate.Potentials.ShouldBe(first.Certificate.Potentials);
    }

    [Fact]
    public void Submission_order_does_not_change_the_cleared_total()
    {
        var obligations = ObligationNetworkGenerator.Generate(300, 3_000, 5);
        var reversed = obligations.Reverse().ToArray();

        var result = ClearingInvariants.SolveChecked(reversed);

        result.TotalCleared.ShouldBe(ClearingSolver.Solve(obligations).TotalCleared);
    }
}
