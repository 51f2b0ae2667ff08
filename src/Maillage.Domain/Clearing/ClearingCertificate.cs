namespace Maillage.Domain.Clearing;

/// <summary>
/// Integer member potentials proving a clearing optimal by complementary slackness: for every pair
/// (debtor d, creditor c), if the pair is not fully cleared then π(c) ≤ π(d) − 1, and if it is partly cleared then
/// π(d) ≤ π(c) + 1. Any other circulation then clears at most as much (LP duality), so no larger set-off exists.
/// </summary>
public sealed class ClearingCertificate
{
    private readonly long[] _members;
    private readonly long[] _potentials;
    private Dictionary<long, int>? _index;

    internal ClearingCertificate(long[] members, long[] potentials)
    {
        _members = members;
        _potentials = potentials;
    }

    public IReadOnlyList<long> Members => _members;

    /// <summary>Parallel to <see cref="Members"/>.</summary>
    public IReadOnlyList<long> Potentials => _potentials;

    public long PotentialOf(long member)
    {
        _index ??= BuildIndex();
        return _index.TryGetValue(member, out var i)
            ? _potentials[i]
            : throw new ArgumentException($"Member {member} is not part of this clearing.", nameof(member));
    }

    /// <summary>Null when the potentials certify <paramref name="pairs"/> optimal; otherwise the first violated condition.</summary>
    public string? FindViolation(IEnumerable<ClearedPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var pair in pairs)
        {
            var pd = PotentialOf(pair.Debtor);
            var pc = PotentialOf(pair.Creditor);
            if (pair.Cleared < pair.Owed && pc > pd - 1)
            {
                return $"{pair.Debtor}->{pair.Creditor} could clear more but π(creditor)={pc} > π(debtor)-1={pd - 1}";
            }

            if (pair.Cleared > 0 && pd > pc + 1)
            {
                return $"{pair.Debtor}->{pair.Creditor} is cleared but π(debtor)={pd} > π(creditor)+1={pc + 1}";
            }
        }

        return null;
    }

    /// <summary>
    /// Extends potentials of the solved components to every member. Components come in reverse topological order
    /// (arcs between components go from a higher to a lower number), so one sweep from the highest number can shift
    /// each component just low enough that every arc leaving it keeps π(creditor) ≤ π(debtor) − 1.
    /// </summary>
    internal static long[] LiftToAllMembers(ObligationGraph graph, int[] component, int componentCount, int[] local, long[] localPotential)
    {
        var n = graph.MemberCount;
        var byComponent = new int[n];
        var start = new int[componentCount + 1];
        for (var u = 0; u < n; u++)
        {
            start[component[u] + 1]++;
        }

        for (var c = 0; c < componentCount; c++)
        {
            start[c + 1] += start[c];
        }

        var fill = (int[])start.Clone();
        for (var u = 0; u < n; u++)
        {
            byComponent[fill[component[u]]++] = u;
        }

        var offset = new long[componentCount];
        var potential = new long[n];
        for (var c = componentCount - 1; c >= 0; c--)
        {
            for (var i = start[c]; i < start[c + 1]; i++)
            {
                var u = byComponent[i];
                potential[u] = (local[u] >= 0 ? localPotential[local[u]] : 0) + offset[c];
            }

            for (var i = start[c]; i < start[c + 1]; i++)
            {
                var u = byComponent[i];
                for (var p = graph.PairStart[u]; p < graph.PairStart[u + 1]; p++)
                {
                    var v = graph.PairCreditor[p];
                    var cv = component[v];
                    if (cv != c)
                    {
                        var bound = potential[u] - 1 - (local[v] >= 0 ? localPotential[local[v]] : 0);
                        if (bound < offset[cv])
                        {
                            offset[cv] = bound;
                        }
                    }
                }
            }
        }

        return potential;
    }

    private Dictionary<long, int> BuildIndex()
    {
        var index = new Dictionary<long, int>(_members.Length);
        for (var i = 0; i < _members.Length; i++)
        {
            index[_members[i]] = i;
        }

        return index;
    }
}
