using Maillage.Domain.Clearing;

namespace Maillage.Domain.Tests.Clearing;

public class InvoiceAllocationTests
{
    private static readonly DateOnly Day = new(2025, 3, 1);

    [Fact]
    public void The_oldest_due_date_is_reduced_first()
    {
        Invoice[] invoices =
        [
            new("A-3", 1, 2, 50, Day.AddDays(20)),
            new("A-1", 1, 2, 30, Day),
            new("A-2", 1, 2, 40, Day.AddDays(10)),
            new("B-1", 2, 1, 100, Day),
        ];

        var (result, reductions) = InvoiceAllocation.Clear(invoices);

        result.TotalCleared.ShouldBe(200);
        reductions.Select(r => r.Reduction).ShouldBe([30, 30, 40, 100]);
        reductions.Select(r => r.Remaining).ShouldBe([20, 0, 0, 0]);
    }

    [Fact]
    public void On_the_same_due_date_invoice_numbers_are_compared_ordinally()
    {
        // Ordinal: "INV-10" < "INV-9" < "inv-1" (upper case sorts before lower case).
        Invoice[] invoices =
        [
            new("inv-1", 1, 2, 10, Day),
            new("INV-9", 1, 2, 10, Day),
            new("INV-10", 1, 2, 10, Day),
            new("R", 2, 1, 15, Day),
        ];

        var (_, reductions) = InvoiceAllocation.Clear(invoices);

        reductions[2].Reduction.ShouldBe(10);
        reductions[1].Reduction.ShouldBe(5);
        reductions[0].Reduction.ShouldBe(0);
    }

    [Fact]
    public void Identical_keys_fall_back_to_submission_order()
    {
        Invoice[] invoices = [new("X", 1, 2, 10, Day), new("X", 1, 2, 10, Day), new("Y", 2, 1, 12, Day)];

        var (_, reductions) = InvoiceAllocation.Clear(invoices);

        reductions.Select(r => r.Reduction).ShouldBe([10, 2, 12]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Reductions_add_up_to_each_pair_and_follow_the_settlement_order(int seed)
    {
        var invoices = RandomInvoices(seed, members: 60, count: 3_000);

        var (result, reductions) = InvoiceAllocation.Clear(invoices);

        var perPair = new long[result.Pairs.Count];
        for (var i = 0; i < invoices.Length; i++)
        {
            var r = reductions[i];
            r.InvoiceIndex.ShouldBe(i);
            r.Number.ShouldBe(invoices[i].Number);
            r.Reduction.ShouldBeInRange(0, invoices[i].Amount);
            r.Remaining.ShouldBe(invoices[i].Amount - r.Reduction);
            perPair[result.PairIndexOf(i)] += r.Reduction;
        }

        for (var p = 0; p < perPair.Length; p++)
        {
            perPair[p].ShouldBe(result.Pairs[p].Cleared);
        }

        // Within a pair, an invoice later in the settlement order is touched only once every earlier one is settled.
        foreach (var group in Enumerable.Range(0, invoices.Length).GroupBy(result.PairIndexOf))
        {
            var ordered = group.OrderBy(i => invoices[i].DueDate).ThenBy(i => invoices[i].Number, StringComparer.Ordinal).ThenBy(i => i).ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                if (reductions[ordered[k]].Reduction > 0)
                {
                    reductions[ordered[k - 1]].Remaining.ShouldBe(0);
                }
            }
        }
    }

    [Fact]
    public void Invoices_that_do_not_match_the_result_are_rejected()
    {
        Invoice[] invoices = [new("A", 1, 2, 10, Day), new("B", 2, 1, 10, Day)];
        var result = ClearingSolver.Solve(invoices.Select(i => i.ToObligation()).ToArray());

        Should.Throw<ArgumentException>(() => InvoiceAllocation.Allocate([invoices[0]], result));
        Should.Throw<ArgumentException>(() => InvoiceAllocation.Allocate([invoices[0], invoices[1] with { Amount = 11 }], result));
        Should.Throw<ArgumentException>(() => InvoiceAllocation.Allocate([invoices[1], invoices[0]], result));
    }

    private static Invoice[] RandomInvoices(int seed, int members, int count)
    {
        var random = new Random(seed);
        var invoices = new Invoice[count];
        for (var i = 0; i < count; i++)
        {
            var debtor = random.Next(members);
            var creditor = (debtor + 1 + random.Next(members - 1)) % members;
            invoices[i] = new Invoice($"N{random.Next(50)}", debtor, creditor, random.Next(1, 5_000), Day.AddDays(random.Next(30)));
        }

        return invoices;
    }
}
