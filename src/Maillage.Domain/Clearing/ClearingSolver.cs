using System.Diagnostics;

namespace Maillage.Domain.Clearing;

/// <summary>
/// Exact multilateral clearing: the largest total that can be cancelled while every member's net position
/// (owed minus owed to it) stays the same and no pair is reduced by more than it owes. That is a maximum-weight
/// circulation in the obligation graph with capacities = amounts.
/// </summary>
/// <remarks>
/// Arcs between strongly connected components lie on no cycle, so they never clear; only arcs inside components
/// go to the cost-scaling solver. Everything is integer arithmetic on minor units.
/// </remarks>
public static class ClearingSolver
{
    /// <exception cref="InvalidObligationException">
    /// An obligation has debtor == creditor or a non-positive amount, or the amounts overflow a long; the exception
    /// (an <see cref="ArgumentException"/>) carries the offending index.
    /// </exception>
    public static ClearingResult Solve(IReadOnlyList<Obligation> obligations)
    {
        var clock = Stopwatch.StartNew();
        var graph = ObligationGraph.Build(obligations);
        var n = graph.MemberCount;
        var pairCount = graph.PairCount;
        var component = StronglyConnectedComponents.Compute(n, graph.PairStart, graph.PairCreditor, out var componentCount);

        var componentSize = new int[componentCount];
        for (var u = 0; u < n; u++)
        {
            componentSize[component[u]]++;
        }

        // Dense solver numbering: members of non-trivial components, grouped by component for locality.
        var local = new int[n];
        Array.Fill(local, -1);
        var componentStart = new int[componentCount + 1];
        for (var c = 0; c < componentCount; c++)
        {
            componentStart[c + 1] = componentStart[c] + (componentSize[c] > 1 ? componentSize[c] : 0);
        }

        var solverNodes = componentStart[componentCount];
        var solverMember = new int[solverNodes];
        var fill = (int[])componentStart.Clone();
        var longestCycle = 0;
        for (var u = 0; u < n; u++)
        {
            var c = component[u];
            if (componentSize[c] > 1)
            {
                local[u] = fill[c]++;
                solverMember[local[u]] = u;
                longestCycle = Math.Max(longestCycle, componentSize[c]);
            }
        }

        var intraCount = 0;
        for (var p = 0; p < pairCount; p++)
        {
            if (component[graph.PairDebtor[p]] == component[graph.PairCreditor[p]])
            {
                intraCount++;
            }
        }

        var tails = new int[intraCount];
        var heads = new int[intraCount];
        var caps = new long[intraCount];
        var intraPair = new int[intraCount];
        var k = 0;
        for (var p = 0; p < pairCount; p++)
        {
            var d = graph.PairDebtor[p];
            var c = graph.PairCreditor[p];
            if (component[d] == component[c])
            {
                tails[k] = local[d];
                heads[k] = local[c];
                caps[k] = graph.PairAmount[p];
                intraPair[k] = p;
                k++;
            }
        }

        var cleared = new long[pairCount];
        long totalCleared = 0;
        var localPotential = new long[solverNodes];
        var stats = new ClearingStatistics { Members = n, Pairs = pairCount, Components = componentCount, IntraComponentPairs = intraCount, LargestComponent = longestCycle };
        if (intraCount > 0)
        {
            var solver = new CostScalingCirculation(solverNodes, intraCount, tails, heads, caps, longestCycle);
            solver.Run();
            for (var j = 0; j < intraCount; j++)
            {
                var f = solver.Flow(j);
                cleared[intraPair[j]] = f;
                totalCleared += f;
            }

            localPotential = solver.ExactPotentials();
            stats = stats with { Phases = solver.Phases, Relabels = solver.Relabels, Pushes = solver.Pushes, GlobalUpdates = solver.GlobalUpdates, ProvedEarly = solver.ProvedEarly };
        }

        var potential = ClearingCertificate.LiftToAllMembers(graph, component, componentCount, local, localPotential);
        stats = stats with { Elapsed = clock.Elapsed };
        return new ClearingResult(graph, cleared, totalCleared, new ClearingCertificate(graph.MemberIds, potential), stats);
    }
}
