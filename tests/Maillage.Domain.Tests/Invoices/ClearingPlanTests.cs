using Maillage.Domain.Invoices;

namespace Maillage.Domain.Tests.Invoices;

public class ClearingPlanTests
{
    private static readonly DateOnly Due = new(2026, 10, 31);

    private static ClearableInvoice Owes(Guid debtor, Guid creditor, long remaining, string number, int dueOffset = 0) =>
        new(Guid.NewGuid(), debtor, creditor, number, remaining, Due.AddDays(dueOffset), 1);

    [Fact]
    public void A_three_member_cycle_clears_its_smallest_link_on_every_link()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var plan = ClearingPlan.Compute([Owes(a, b, 500_00, "A1"), Owes(b, c, 300_00, "B1"), Owes(c, a, 400_00, "C1")]);

        plan.Lines.Select(l => l.Reduction).ShouldBe([300_00, 300_00, 300_00]);
        plan.TotalSubmitted.ShouldBe(1200_00);
        plan.TotalCleared.ShouldBe(900_00);
        plan.MembersHelped.ShouldBe(3);
        var cycle = plan.Cycles.ShouldHaveSingleItem();
        cycle.Amount.ShouldBe(300_00);
        cycle.Members.ShouldBe([a, b, c], ignoreOrder: true);
    }

    [Fact]
    public void Within_a_pair_the_oldest_due_date_is_reduced_first()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var plan = ClearingPlan.Compute([Owes(a, b, 100_00, "late", 10), Owes(a, b, 100_00, "early", -10), Owes(b, a, 150_00, "back")]);
        plan.Lines.Select(l => (l.Number, l.Reduction)).ShouldBe([("late", 50_00), ("early", 100_00), ("back", 150_00)]);
    }

    [Fact]
    public void No_invoices_make_an_empty_plan()
    {
        var plan = ClearingPlan.Compute([]);
        plan.TotalCleared.ShouldBe(0);
        plan.Lines.ShouldBeEmpty();
        plan.Cycles.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Random_networks_keep_net_positions_and_never_reduce_an_invoice_below_zero(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 50; run++)
        {
            var members = Enumerable.Range(0, random.Next(2, 9)).Select(_ => Guid.NewGuid()).ToList();
            var invoices = new List<ClearableInvoice>();
            for (var i = random.Next(1, 30); i > 0; i--)
            {
                var d = random.Next(members.Count);
                var c = (d + random.Next(1, members.Count)) % members.Count;
                invoices.Add(Owes(members[d], members[c], random.NextInt64(1, 10_000), $"N{i}", random.Next(-30, 30)));
            }

            var plan = ClearingPlan.Compute(invoices);

            plan.TotalCleared.ShouldBe(plan.Lines.Sum(l => l.Reduction));
            plan.TotalCleared.ShouldBeLessThanOrEqualTo(plan.TotalSubmitted);
            plan.Lines.ShouldAllBe(l => l.Reduction >= 0 && l.Reduction <= l.RemainingBefore);
            foreach (var member in members)
            {
                long Net(Func<ClearingPlanLine, long> amount) =>
                    plan.Lines.Where(l => l.DebtorId == member).Sum(amount) - plan.Lines.Where(l => l.CreditorId == member).Sum(amount);
                Net(l => l.RemainingAfter).ShouldBe(Net(l => l.RemainingBefore), "a member's net position does not change");
            }

            plan.Cycles.Sum(c => c.Amount * c.Members.Count).ShouldBe(plan.TotalCleared, "the cycles explain everything cleared");
        }
    }
}
