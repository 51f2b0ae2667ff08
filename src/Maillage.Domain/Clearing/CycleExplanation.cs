namespace Maillage.Domain.Clearing;

/// <summary>
/// A closed chain of debts cancelled together: <c>Members[i]</c> owes <c>Members[i + 1]</c> and the last member
/// owes the first, each link reduced by <see cref="Amount"/>.
/// </summary>
public sealed record ClearingCycle(IReadOnlyList<long> Members, long Amount)
{
    /// <summary>Total cancelled by this cycle: the amount once per link.</summary>
    public long Cleared => Amount * Members.Count;

    // Two cycles are equal when they list the same members in the same order, not when they share a list instance.
    public bool Equals(ClearingCycle? other) =>
        other is not null && Amount == other.Amount && Members.SequenceEqual(other.Members);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Amount);
        foreach (var member in Members)
        {
            hash.Add(member);
        }

        return hash.ToHashCode();
    }
}

/// <summary>
/// Decomposes a round's cleared amounts into cycles, to explain to members why their debts went down. The listed
/// cycles plus the unlisted remainder reproduce every pair's cleared amount exactly.
/// </summary>
public sealed class CycleExplanation
{
    public const int DefaultMaxCycles = 10_000;

    private CycleExplanation(List<ClearingCycle> cycles, int unlistedCycles, long unlistedCleared)
    {
        Cycles = cycles;
        UnlistedCycleCount = unlistedCycles;
        UnlistedCleared = unlistedCleared;
    }

    /// <summary>The first cycles of the decomposition, up to the cap given to <see cref="Explain"/>.</summary>
    public IReadOnlyList<ClearingCycle> Cycles { get; }

    /// <summary>Further cycles found but not listed (the cap keeps explanations of huge rounds small).</summary>
    public int UnlistedCycleCount { get; }

    /// <summary>Total cleared by the unlisted cycles.</summary>
    public long UnlistedCleared { get; }

    public bool IsComplete => UnlistedCycleCount == 0;

    /// <summary>
    /// Walks the cleared arcs from member to member; when the walk meets a member already on it, the loop is a cycle
    /// whose amount is its smallest remaining link. Removing it empties at least one link, so there are at most as
    /// many cycles as cleared pairs, and the whole decomposition takes time proportional to pairs plus cycle lengths.
    /// </summary>
    public static CycleExplanation Explain(ClearingResult result, int maxCycles = DefaultMaxCycles)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCycles);
        var graph = result.Graph;
        var ids = graph.MemberIds;
        var n = graph.MemberCount;
        var start = graph.PairStart;
        var creditor = graph.PairCreditor;
        var left = (long[])result.ClearedByPair.Clone();
        var current = new int[n];
        Array.Copy(start, current, n);
        var position = new int[n];
        Array.Fill(position, -1);
        var pathNode = new int[n + 1];
        var pathArc = new int[n + 1];
        var cycles = new List<ClearingCycle>();
        var unlisted = 0;
        var unlistedCleared = 0L;

        for (var root = 0; root < n; root++)
        {
            var top = 0;
            pathNode[0] = root;
            position[root] = 0;
            while (top >= 0)
            {
                var x = pathNode[top];
                var a = current[x];
                var end = start[x + 1];
                while (a < end && left[a] == 0)
                {
                    a++;
                }

                current[x] = a;
                if (a == end)
                {
                    // Only the root can run dry: every other member on the path still has the flow it received.
                    position[x] = -1;
                    top--;
                    continue;
                }

                var y = creditor[a];
                pathArc[top] = a;
                var k = position[y];
                if (k < 0)
                {
                    top++;
                    pathNode[top] = y;
                    position[y] = top;
                    continue;
                }

                var amount = long.MaxValue;
                for (var i = k; i <= top; i++)
                {
                    amount = Math.Min(amount, left[pathArc[i]]);
                }

                for (var i = k; i <= top; i++)
                {
                    left[pathArc[i]] -= amount;
                }

                var length = top - k + 1;
                if (cycles.Count < maxCycles)
                {
                    var members = new long[length];
                    for (var i = 0; i < length; i++)
                    {
                        members[i] = ids[pathNode[k + i]];
                    }

                    cycles.Add(new ClearingCycle(members, amount));
                }
                else
                {
                    unlisted++;
                    unlistedCleared += amount * length;
                }

                // Keep the path up to y, which closed the cycle; the walk resumes from there.
                for (var i = k + 1; i <= top; i++)
                {
                    position[pathNode[i]] = -1;
                }

                top = k;
            }
        }

        return new CycleExplanation(cycles, unlisted, unlistedCleared);
    }
}
