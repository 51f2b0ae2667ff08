using Maillage.Domain.Clearing;

namespace Maillage.Domain.Tests.Clearing;

/// <summary>
/// An independent exact answer for small networks: cycle cancelling. Start with nothing cleared; while the residual
/// graph (arc d→c of cost −1 while the pair can clear more, arc c→d of cost +1 while it has cleared something) has
/// a negative cycle, found by Bellman-Ford, push its bottleneck around it. Each push raises the cleared total by at
/// least one unit, and a circulation with no negative residual cycle is optimal, so the loop ends at the optimum.
/// Slow (polynomial only per cancellation) and deliberately shares no code with the solver.
/// </summary>
internal static class ReferenceClearing
{
    public static long MaxCleared(IReadOnlyList<Obligation> obligations)
    {
        var index = new Dictionary<long, int>();
        var capacity = new Dictionary<(int, int), long>();
        foreach (var o in obligations)
        {
            var d = Index(o.Debtor);
            var c = Index(o.Creditor);
            capacity[(d, c)] = capacity.GetValueOrDefault((d, c)) + o.Amount;
        }

        var n = index.Count;
        var arcs = capacity.Select(kv => (From: kv.Key.Item1, To: kv.Key.Item2, Cap: kv.Value)).ToArray();
        var flow = new long[arcs.Length];
        while (true)
        {
            var cycle = FindNegativeCycle(n, arcs, flow);
            if (cycle is null)
            {
                return flow.Sum();
            }

            var amount = cycle.Min(step => step.Forward ? arcs[step.Arc].Cap - flow[step.Arc] : flow[step.Arc]);
            foreach (var (arc, forward) in cycle)
            {
                flow[arc] += forward ? amount : -amount;
            }
        }

        int Index(long id)
        {
            if (!index.TryGetValue(id, out var i))
            {
                i = index.Count;
                index[id] = i;
            }

            return i;
        }
    }

    private static List<(int Arc, bool Forward)>? FindNegativeCycle(int n, (int From, int To, long Cap)[] arcs, long[] flow)
    {
        var residual = new List<(int From, int To, int Cost, int Arc, bool Forward)>();
        for (var j = 0; j < arcs.Length; j++)
        {
            if (flow[j] < arcs[j].Cap)
            {
                residual.Add((arcs[j].From, arcs[j].To, -1, j, true));
            }

            if (flow[j] > 0)
            {
                residual.Add((arcs[j].To, arcs[j].From, 1, j, false));
            }
        }

        // Every node starts at distance 0, as if reached from a virtual source.
        var dist = new long[n];
        var via = new int[n];
        Array.Fill(via, -1);
        var changed = -1;
        for (var round = 0; round < n; round++)
        {
            changed = -1;
            for (var r = 0; r < residual.Count; r++)
            {
                var (from, to, cost, _, _) = residual[r];
                if (dist[from] + cost < dist[to])
                {
                    dist[to] = dist[from] + cost;
                    via[to] = r;
                    changed = to;
                }
            }

            if (changed < 0)
            {
                return null;
            }
        }

        // Still improving after n rounds: walking n predecessor steps back lands on a negative cycle.
        var node = changed;
        for (var i = 0; i < n; i++)
        {
            node = residual[via[node]].From;
        }

        var cycle = new List<(int Arc, bool Forward)>();
        var at = node;
        do
        {
            var step = residual[via[at]];
            cycle.Add((step.Arc, step.Forward));
            at = step.From;
        }
        while (at != node);
        return cycle;
    }
}
