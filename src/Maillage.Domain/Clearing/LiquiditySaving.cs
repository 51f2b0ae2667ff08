namespace Maillage.Domain.Clearing;

/// <summary>
/// What a member who opted in lets a round do with its complementary-currency account: pay at most
/// <paramref name="CanPay"/> (its available amount: balance above its floor) and receive at most
/// <paramref name="CanReceive"/> (room below its ceiling), in minor units.
/// </summary>
public readonly record struct MemberLiquidity(long CanPay, long CanReceive);

/// <summary>The clearing extended with members' credit lines: how much each pair is settled and who pays what in currency.</summary>
/// <remarks>
/// Invariants (checked by <see cref="FindViolation"/>): 0 ≤ Settled ≤ Owed for every pair; for every member,
/// (settled on what it owes − settled on what it is owed) equals its currency payment (positive: it pays, negative:
/// it receives); members without liquidity pay nothing; no member pays more than it can or receives more than it can;
/// the currency payments sum to zero. <see cref="TotalSettled"/> is the largest possible under those rules and,
/// among the ways of reaching it, <see cref="CurrencyVolume"/> is the smallest.
/// </remarks>
public sealed class LiquiditySavingResult
{
    internal LiquiditySavingResult(ClearingResult clearing, long[] settled, IReadOnlyDictionary<long, long> currencyNet, IReadOnlyDictionary<long, MemberLiquidity> liquidity)
    {
        Clearing = clearing;
        SettledByPair = settled;
        CurrencyNet = currencyNet;
        Liquidity = liquidity;
        TotalSettled = settled.Sum();
        CurrencyVolume = currencyNet.Values.Where(v => v > 0).Sum();
    }

    /// <summary>The plain clearing (no currency) the step started from.</summary>
    public ClearingResult Clearing { get; }

    /// <summary>Per pair of <see cref="ClearingResult.Pairs"/>: the total cancelled, by set-off and by currency together.</summary>
    public IReadOnlyList<long> SettledByPair { get; }

    /// <summary>Per member that moves currency: what it pays (positive) or receives (negative). Zero entries are left out.</summary>
    public IReadOnlyDictionary<long, long> CurrencyNet { get; }

    public IReadOnlyDictionary<long, MemberLiquidity> Liquidity { get; }

    public long TotalSettled { get; }

    /// <summary>Currency moved: the sum of what payers pay (equal to what receivers receive).</summary>
    public long CurrencyVolume { get; }

    /// <summary>What the currency added to the plain clearing's optimum.</summary>
    public long SettledThanksToCurrency => TotalSettled - Clearing.TotalCleared;

    /// <summary>Null when every invariant holds; otherwise the first one broken, in words.</summary>
    public string? FindViolation()
    {
        var pairs = Clearing.Pairs;
        var net = new Dictionary<long, long>();
        for (var p = 0; p < pairs.Count; p++)
        {
            var settled = SettledByPair[p];
            if (settled < 0 || settled > pairs[p].Owed)
            {
                return $"pair {pairs[p].Debtor}->{pairs[p].Creditor} settled {settled} of {pairs[p].Owed}";
            }

            net[pairs[p].Debtor] = net.GetValueOrDefault(pairs[p].Debtor) + settled;
            net[pairs[p].Creditor] = net.GetValueOrDefault(pairs[p].Creditor) - settled;
        }

        foreach (var (member, flow) in net)
        {
            var pays = CurrencyNet.GetValueOrDefault(member);
            if (flow != pays)
            {
                return $"member {member}: settles {flow} net but pays {pays} in currency";
            }

            var can = Liquidity.GetValueOrDefault(member);
            if (pays > can.CanPay || -pays > can.CanReceive)
            {
                return $"member {member} pays {pays}, beyond its liquidity ({can.CanPay} out, {can.CanReceive} in)";
            }
        }

        return CurrencyNet.Values.Sum() == 0 ? null : "currency payments do not sum to zero";
    }
}

/// <summary>
/// The "liquidity-saving" combination of clearing and mutual credit: after the exact clearing, members who opted in
/// may use their currency account to settle more. A debtor with available credit pays a chain of debts that ends at a
/// member with room to receive; everyone in between sees a debt owed and a debt owing cancelled, and moves no money.
/// </summary>
/// <remarks>
/// Model: the obligation graph plus a bank node B, with an arc B→i of capacity CanPay(i) and i→B of capacity
/// CanReceive(i) for every member with liquidity. Any circulation there is a valid settlement; the best one
/// minimises 3·(−settled) + (flow on bank arcs). A unit of settlement is worth more than the two bank-arc units any
/// path costs, so the total settled is maximised first and the currency moved is minimised second.
/// Solved as successive shortest paths from B to B starting from the plain clearing's optimum, whose residual graph
/// has no negative cycle, so the first shortest paths are well defined and each augmentation keeps that property;
/// it stops when the cheapest path no longer gains anything. Integer arithmetic throughout. Shortest paths use
/// a queue-based Bellman–Ford: chamber networks are small (this step is not meant for the million-invoice benchmark).
/// </remarks>
public static class LiquiditySavingSolver
{
    private const long SettleCost = -3;
    private const long BankCost = 1;

    public static LiquiditySavingResult Solve(IReadOnlyList<Obligation> obligations, IReadOnlyDictionary<long, MemberLiquidity> liquidity)
    {
        ArgumentNullException.ThrowIfNull(obligations);
        ArgumentNullException.ThrowIfNull(liquidity);
        foreach (var (member, can) in liquidity)
        {
            if (can.CanPay < 0 || can.CanReceive < 0)
            {
                throw new ArgumentException($"Member {member}: liquidity cannot be negative.", nameof(liquidity));
            }
        }

        return Solve(ClearingSolver.Solve(obligations), liquidity);
    }

    public static LiquiditySavingResult Solve(ClearingResult clearing, IReadOnlyDictionary<long, MemberLiquidity> liquidity)
    {
        ArgumentNullException.ThrowIfNull(clearing);
        ArgumentNullException.ThrowIfNull(liquidity);
        var graph = clearing.Graph;
        var n = graph.MemberCount;
        var pairCount = graph.PairCount;

        // Nodes 0..n-1 are members, n is the source side of the bank and n+1 its sink side.
        var source = n;
        var sink = n + 1;
        var arcs = new ResidualNetwork(n + 2, 2 * (pairCount + 2 * n));
        var pairArc = new int[pairCount];
        for (var p = 0; p < pairCount; p++)
        {
            pairArc[p] = arcs.Add(graph.PairDebtor[p], graph.PairCreditor[p], graph.PairAmount[p], SettleCost, clearing.ClearedByPair[p]);
        }

        // No member can pay or receive more than it owes or is owed in total: a finite cap that never binds wrongly.
        var owes = new long[n];
        var owed = new long[n];
        for (var p = 0; p < pairCount; p++)
        {
            owes[graph.PairDebtor[p]] += graph.PairAmount[p];
            owed[graph.PairCreditor[p]] += graph.PairAmount[p];
        }

        var payArc = new int[n];
        var receiveArc = new int[n];
        Array.Fill(payArc, -1);
        Array.Fill(receiveArc, -1);
        for (var u = 0; u < n; u++)
        {
            if (liquidity.TryGetValue(graph.MemberIds[u], out var can))
            {
                var pay = Math.Min(can.CanPay, owes[u]);
                var receive = Math.Min(can.CanReceive, owed[u]);
                if (pay > 0)
                {
                    payArc[u] = arcs.Add(source, u, pay, BankCost, 0);
                }

                if (receive > 0)
                {
                    receiveArc[u] = arcs.Add(u, sink, receive, BankCost, 0);
                }
            }
        }

        while (arcs.ShortestPath(source, sink, out var cost) && cost < 0)
        {
            arcs.AugmentAlongLastPath(source, sink);
        }

        var settled = new long[pairCount];
        for (var p = 0; p < pairCount; p++)
        {
            settled[p] = arcs.Flow(pairArc[p]);
        }

        var currencyNet = new Dictionary<long, long>();
        for (var u = 0; u < n; u++)
        {
            var pays = (payArc[u] >= 0 ? arcs.Flow(payArc[u]) : 0) - (receiveArc[u] >= 0 ? arcs.Flow(receiveArc[u]) : 0);
            if (pays != 0)
            {
                currencyNet[graph.MemberIds[u]] = pays;
            }
        }

        return new LiquiditySavingResult(clearing, settled, currencyNet, liquidity);
    }

    /// <summary>A residual graph with paired arcs (arc ^ 1 is the reverse) and Bellman–Ford shortest paths.</summary>
    private sealed class ResidualNetwork(int nodeCount, int arcCapacity)
    {
        private readonly List<int> _head = new(arcCapacity);
        private readonly List<long> _residual = new(arcCapacity);
        private readonly List<long> _cost = new(arcCapacity);
        private readonly List<int>[] _out = Enumerable.Range(0, nodeCount).Select(_ => new List<int>()).ToArray();
        private readonly long[] _distance = new long[nodeCount];
        private readonly int[] _via = new int[nodeCount];

        /// <returns>The forward arc's index.</returns>
        public int Add(int from, int to, long capacity, long cost, long initialFlow)
        {
            var forward = _head.Count;
            _head.Add(to);
            _residual.Add(capacity - initialFlow);
            _cost.Add(cost);
            _out[from].Add(forward);
            _head.Add(from);
            _residual.Add(initialFlow);
            _cost.Add(-cost);
            _out[to].Add(forward + 1);
            return forward;
        }

        public long Flow(int forwardArc) => _residual[forwardArc + 1];

        public bool ShortestPath(int from, int to, out long cost)
        {
            Array.Fill(_distance, long.MaxValue);
            Array.Fill(_via, -1);
            var queued = new bool[nodeCount];
            var queue = new Queue<int>();
            _distance[from] = 0;
            queue.Enqueue(from);
            queued[from] = true;
            while (queue.Count > 0)
            {
                var u = queue.Dequeue();
                queued[u] = false;
                foreach (var arc in _out[u])
                {
                    if (_residual[arc] <= 0)
                    {
                        continue;
                    }

                    var v = _head[arc];
                    var candidate = _distance[u] + _cost[arc];
                    if (candidate < _distance[v])
                    {
                        _distance[v] = candidate;
                        _via[v] = arc;
                        if (!queued[v])
                        {
                            queued[v] = true;
                            queue.Enqueue(v);
                        }
                    }
                }
            }

            cost = _distance[to];
            return _distance[to] != long.MaxValue;
        }

        public void AugmentAlongLastPath(int from, int to)
        {
            var bottleneck = long.MaxValue;
            for (var v = to; v != from; v = _head[_via[v] ^ 1])
            {
                bottleneck = Math.Min(bottleneck, _residual[_via[v]]);
            }

            for (var v = to; v != from; v = _head[_via[v] ^ 1])
            {
                _residual[_via[v]] -= bottleneck;
                _residual[_via[v] ^ 1] += bottleneck;
            }
        }
    }
}
