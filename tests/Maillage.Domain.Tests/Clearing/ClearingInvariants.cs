using Maillage.Domain.Clearing;

namespace Maillage.Domain.Tests.Clearing;

/// <summary>
/// The invariants of a clearing round, stated once and checked after every solve in these tests:
/// 1. pairs are exactly the submitted obligations aggregated per (debtor, creditor);
/// 2. 0 ≤ cleared ≤ owed for every pair;
/// 3. the totals add up (submitted = Σ amounts, cleared = Σ cleared per pair);
/// 4. every member's net position (owed by it − owed to it) is unchanged, i.e. cleared amounts form a circulation;
/// 5. the certificate holds: integer potentials π with π(c) ≤ π(d) − 1 on every pair that could clear more and
///    π(d) ≤ π(c) + 1 on every pair that cleared something, which by LP duality proves no larger set-off exists.
/// Computed here from the raw obligations, independently of the solver's own bookkeeping.
/// </summary>
internal static class ClearingInvariants
{
    public static void AssertHold(IReadOnlyList<Obligation> obligations, ClearingResult result)
    {
        var owed = new Dictionary<(long, long), long>();
        long submitted = 0;
        foreach (var o in obligations)
        {
            owed[(o.Debtor, o.Creditor)] = owed.GetValueOrDefault((o.Debtor, o.Creditor)) + o.Amount;
            submitted += o.Amount;
        }

        result.Pairs.Count.ShouldBe(owed.Count, "one pair per distinct (debtor, creditor)");
        var net = new Dictionary<long, long>();
        long cleared = 0;
        foreach (var pair in result.Pairs)
        {
            owed.ShouldContainKey((pair.Debtor, pair.Creditor));
            pair.Owed.ShouldBe(owed[(pair.Debtor, pair.Creditor)], $"aggregated amount of {pair.Debtor}->{pair.Creditor}");
            pair.Cleared.ShouldBeInRange(0, pair.Owed, $"cleared amount of {pair.Debtor}->{pair.Creditor}");
            net[pair.Debtor] = net.GetValueOrDefault(pair.Debtor) + pair.Cleared;
            net[pair.Creditor] = net.GetValueOrDefault(pair.Creditor) - pair.Cleared;
            cleared += pair.Cleared;
        }

        result.TotalSubmitted.ShouldBe(submitted);
        result.TotalCleared.ShouldBe(cleared);
        result.TotalRemaining.ShouldBe(submitted - cleared);
        foreach (var (member, change) in net)
        {
            change.ShouldBe(0, $"net position of member {member} must not change");
        }

        for (var i = 0; i < obligations.Count; i++)
        {
            var pair = result.Pairs[result.PairIndexOf(i)];
            (pair.Debtor, pair.Creditor).ShouldBe((obligations[i].Debtor, obligations[i].Creditor), $"pair of obligation {i}");
        }

        foreach (var pair in result.Pairs)
        {
            var pd = result.Certificate.PotentialOf(pair.Debtor);
            var pc = result.Certificate.PotentialOf(pair.Creditor);
            if (pair.Cleared < pair.Owed)
            {
                pc.ShouldBeLessThanOrEqualTo(pd - 1, $"{pair.Debtor}->{pair.Creditor} could clear more, so the certificate needs π(creditor) ≤ π(debtor) − 1");
            }

            if (pair.Cleared > 0)
            {
                pd.ShouldBeLessThanOrEqualTo(pc + 1, $"{pair.Debtor}->{pair.Creditor} cleared something, so the certificate needs π(debtor) ≤ π(creditor) + 1");
            }
        }

        result.FindCertificateViolation().ShouldBeNull();
    }

    /// <summary>Solves and checks the invariants in one step.</summary>
    public static ClearingResult SolveChecked(IReadOnlyList<Obligation> obligations)
    {
        var result = ClearingSolver.Solve(obligations);
        AssertHold(obligations, result);
        return result;
    }
}
