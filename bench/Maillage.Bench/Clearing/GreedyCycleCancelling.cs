using Maillage.Domain.Clearing;

namespace Maillage.Bench.Clearing;

/// <summary>
/// The naive baseline: walk debts until a member repeats, cancel that cycle by its smallest link, repeat until no
/// cycle is left. The result is maximal (no cycle remains) but not maximum, which is what the benchmark shows.
/// </summary>
internal static class GreedyCycleCancelling
{
    public static long Clear(IReadOnlyList<Obligation> obligations)
    {
        // Aggregate into CSR by debtor, members numbered by first appearance.
        var index = new Dictionary<long, int>();
        var debtor = new int[obligations.Count];
        var creditor = new int[obligations.Count];
        for (var i = 0; i < obligations.Count; i++)
        {
            debtor[i] = Index(obligations[i].Debtor);
            creditor[i] = Index(obligations[i].Creditor);
        }

        var n = index.Count;
        var start = new int[n + 1];
        foreach (var d in debtor)
        {
            start[d + 1]++;
        }

        for (var u = 0; u < n; u++)
        {
            start[u + 1] += start[u];
        }

        var fill = (int[])start.Clone();
        var head = new int[obligations.Count];
        var left = new long[obligations.Count];
        for (var i = 0; i < obligations.Count; i++)
        {
            var a = fill[debtor[i]]++;
            head[a] = creditor[i];
            left[a] = obligations[i].Amount;
        }

        var current = (int[])start.Clone();
        var dead = new bool[n];
        var position = new int[n];
        Array.Fill(position, -1);
        var pathNode = new int[n + 1];
        var pathArc = new int[n + 1];
        long cleared = 0;
        for (var root = 0; root < n; root++)
        {
            if (dead[root])
            {
                continue;
            }

            var top = 0;
            pathNode[0] = root;
            position[root] = 0;
            while (top >= 0)
            {
                var x = pathNode[top];
                var a = current[x];
                while (a < start[x + 1] && (left[a] == 0 || dead[head[a]]))
                {
                    a++;
                }

                current[x] = a;
                if (a == start[x + 1])
                {
                    // No way on from x: no cycle can pass through it any more.
                    dead[x] = true;
                    position[x] = -1;
                    top--;
                    continue;
                }

                var y = head[a];
                pathArc[top] = a;
                if (position[y] < 0)
                {
                    pathNode[++top] = y;
                    position[y] = top;
                    continue;
                }

                var k = position[y];
                var amount = long.MaxValue;
                for (var i = k; i <= top; i++)
                {
                    amount = Math.Min(amount, left[pathArc[i]]);
                }

                for (var i = k; i <= top; i++)
                {
                    left[pathArc[i]] -= amount;
                }

                cleared += amount * (top - k + 1);
                for (var i = k + 1; i <= top; i++)
                {
                    position[pathNode[i]] = -1;
                }

                top = k;
            }
        }

        return cleared;

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
}
