using System.Diagnostics;

namespace Maillage.Domain.Clearing;

/// <summary>
/// Maximum-weight circulation (every arc costs -1 per unit) by Goldberg's cost-scaling push-relabel.
/// Costs are scaled by K = (longest possible simple cycle) + 1, so 1-optimality in scaled units is exact optimality.
/// Refine uses FIFO push-relabel with look-ahead and Dial-bucket global price updates; after each phase an exact
/// optimality test usually ends the run early (see <see cref="TryProveOptimal"/>).
/// </summary>
/// <remarks>
/// Residual arcs live in CSR arrays; each node lists its forward arcs (cost -K) before its reverse arcs (cost +K),
/// so no cost array is needed. <c>_revCap[a]</c> mirrors the residual capacity of the partner arc so that the
/// global update, which walks arcs backwards, reads memory sequentially.
/// </remarks>
internal sealed class CostScalingCirculation
{
    // Tuned on the shared and generated networks: a coarse first phase is cheap and often already optimal.
    private const int Alpha = 8;

    // A global update costs about one pass over the arcs; run one after this many arc visits per arc.
    private const int UpdateFactor = 4;

    // Work allowed to one optimality test, in passes over the arcs, before it gives up and refinement goes on.
    private const int ProofBudget = 30;

    private readonly int _n;
    private readonly int[] _first;
    private readonly int[] _mid;
    private readonly int[] _head;
    private readonly int[] _rev;
    private readonly long[] _resCap;
    private readonly long[] _revCap;
    private readonly int[] _forward;
    private readonly long[] _pot;
    private readonly long[] _excess;
    private readonly int[] _current;
    private readonly int[] _queue;
    private readonly long _scale;

    // Global update scratch.
    private readonly int[] _bucketFirst;
    private readonly int[] _bucketNext;
    private readonly int[] _bucketPrev;
    private readonly int[] _rank;
    private readonly bool[] _scanned;

    private int _activeCount;
    private long _workSinceUpdate;

    public CostScalingCirculation(int nodeCount, int arcCount, int[] tail, int[] head, long[] capacity, int longestCycle)
    {
        _n = nodeCount;
        _scale = longestCycle + 1L;
        var residualCount = 2 * arcCount;
        _first = new int[nodeCount + 1];
        _mid = new int[nodeCount];
        _head = new int[residualCount];
        _rev = new int[residualCount];
        _resCap = new long[residualCount];
        _revCap = new long[residualCount];
        _forward = new int[arcCount];
        var outDegree = new int[nodeCount];
        for (var j = 0; j < arcCount; j++)
        {
            outDegree[tail[j]]++;
            _first[tail[j] + 1]++;
            _first[head[j] + 1]++;
        }

        for (var u = 0; u < nodeCount; u++)
        {
            _first[u + 1] += _first[u];
            _mid[u] = _first[u] + outDegree[u];
        }

        var fillForward = new int[nodeCount];
        var fillReverse = new int[nodeCount];
        Array.Copy(_first, fillForward, nodeCount);
        Array.Copy(_mid, fillReverse, nodeCount);
        for (var j = 0; j < arcCount; j++)
        {
            var u = tail[j];
            var v = head[j];
            var a = fillForward[u]++;
            var b = fillReverse[v]++;
            _head[a] = v;
            _head[b] = u;
            _rev[a] = b;
            _rev[b] = a;
            _resCap[a] = capacity[j];
            _revCap[b] = capacity[j];
            _forward[j] = a;
        }

        _pot = new long[nodeCount];
        _excess = new long[nodeCount];
        _current = new int[nodeCount];
        _queue = new int[nodeCount];
        _bucketFirst = new int[nodeCount + 1];
        _bucketNext = new int[nodeCount];
        _bucketPrev = new int[nodeCount];
        _rank = new int[nodeCount];
        _scanned = new bool[nodeCount];
    }

    public int Phases { get; private set; }

    public long Relabels { get; private set; }

    public long Pushes { get; private set; }

    public int GlobalUpdates { get; private set; }

    /// <summary>True when an optimality test ended the run before the eps = 1 phase.</summary>
    public bool ProvedEarly { get; private set; }

    public long Flow(int arc) => _revCap[_forward[arc]];

    public void Run()
    {
        var eps = _scale;
        do
        {
            eps = Math.Max(1, eps / Alpha);
            Refine(eps);
            Phases++;
            if (eps > 1 && TryProveOptimal())
            {
                ProvedEarly = true;
                break;
            }
        }
        while (eps > 1);
    }

    /// <summary>
    /// Early termination: the flow is often optimal long before eps reaches 1, and the remaining phases would only
    /// move prices. Runs Goldberg-Radzik shortest paths (label-correcting in topological order of the admissible
    /// graph, from a virtual source at distance 0) on lengths K*c + 1 with the current prices as a head start. No
    /// cycle has length 0 under these lengths, and a cycle is negative exactly when it could clear more. Success
    /// adds the distances to the prices, which makes the flow 1-optimal and so proves it optimal; a negative cycle
    /// or an exhausted work budget leaves everything unchanged.
    /// </summary>
    private bool TryProveOptimal()
    {
        var n = _n;
        var first = _first;
        var mid = _mid;
        var head = _head;
        var resCap = _resCap;
        var pot = _pot;
        var scale = _scale;
        var dist = new long[n];
        var labeled = new int[n];
        var labeledCount = n;
        for (var v = 0; v < n; v++)
        {
            labeled[v] = v;
        }

        var inNext = new bool[n];
        var next = new int[n];
        var state = new byte[n]; // 0 unvisited, 1 on the DFS path, 2 finished (per pass)
        var visited = new int[n];
        var stackNode = new int[n];
        var stackArc = new int[n];
        var order = new int[n];
        var budget = ProofBudget * ((long)first[n] + n);
        var work = 0L;
        while (true)
        {
            // Keep only labeled nodes with an improving arc; the others cannot lower any label.
            var roots = 0;
            for (var i = 0; i < labeledCount; i++)
            {
                var u = labeled[i];
                var du = dist[u] + pot[u] + 1;
                var m = mid[u];
                var end = first[u + 1];
                for (var a = first[u]; a < end; a++)
                {
                    if (resCap[a] > 0)
                    {
                        var v = head[a];
                        if ((a < m ? -scale : scale) + du - pot[v] - dist[v] < 0)
                        {
                            labeled[roots++] = u;
                            break;
                        }
                    }
                }

                work += end - first[u];
            }

            if (roots == 0)
            {
                for (var v = 0; v < n; v++)
                {
                    pot[v] += dist[v];
                }

                return true;
            }

            // Topological order of everything reachable from the roots through arcs of reduced length <= 0.
            var visitedCount = 0;
            var orderCount = 0;
            for (var i = 0; i < roots; i++)
            {
                var root = labeled[i];
                if (state[root] != 0)
                {
                    continue;
                }

                state[root] = 1;
                visited[visitedCount++] = root;
                var depth = 0;
                stackNode[0] = root;
                stackArc[0] = first[root];
                while (depth >= 0)
                {
                    var u = stackNode[depth];
                    var a = stackArc[depth];
                    var end = first[u + 1];
                    var du = dist[u] + pot[u] + 1;
                    var m = mid[u];
                    var descended = false;
                    for (; a < end; a++)
                    {
                        if (resCap[a] == 0)
                        {
                            continue;
                        }

                        var v = head[a];
                        if ((a < m ? -scale : scale) + du - pot[v] - dist[v] > 0)
                        {
                            continue;
                        }

                        if (state[v] == 1)
                        {
                            // A cycle of non-positive length is negative (none has length 0): not optimal yet.
                            ResetStates();
                            return false;
                        }

                        if (state[v] == 0)
                        {
                            state[v] = 1;
                            visited[visitedCount++] = v;
                            stackArc[depth] = a + 1;
                            depth++;
                            stackNode[depth] = v;
                            stackArc[depth] = first[v];
                            descended = true;
                            break;
                        }
                    }

                    if (!descended)
                    {
                        work += end - first[u];
                        state[u] = 2;
                        order[orderCount++] = u;
                        depth--;
                    }
                }
            }

            // Scan in topological order (reverse post-order), relaxing every residual arc.
            var nextCount = 0;
            for (var i = orderCount - 1; i >= 0; i--)
            {
                var u = order[i];
                var du = dist[u] + pot[u] + 1;
                var m = mid[u];
                var end = first[u + 1];
                for (var a = first[u]; a < end; a++)
                {
                    if (resCap[a] > 0)
                    {
                        var v = head[a];
                        var candidate = (a < m ? -scale : scale) + du - pot[v];
                        if (candidate < dist[v])
                        {
                            dist[v] = candidate;
                            if (!inNext[v])
                            {
                                inNext[v] = true;
                                next[nextCount++] = v;
                            }
                        }
                    }
                }

                work += end - first[u];
            }

            ResetStates();
            for (var i = 0; i < nextCount; i++)
            {
                inNext[next[i]] = false;
            }

            (labeled, next) = (next, labeled);
            labeledCount = nextCount;
            if (work > budget)
            {
                return false;
            }

            void ResetStates()
            {
                for (var i = 0; i < visitedCount; i++)
                {
                    state[visited[i]] = 0;
                }
            }
        }
    }

    private void Refine(long eps)
    {
        var first = _first;
        var mid = _mid;
        var head = _head;
        var rev = _rev;
        var resCap = _resCap;
        var revCap = _revCap;
        var pot = _pot;
        var excess = _excess;
        var scale = _scale;

        // Saturating every admissible arc makes the pseudoflow 0-optimal; push-relabel then restores balance.
        for (var u = 0; u < _n; u++)
        {
            var pu = pot[u];
            var m = mid[u];
            var end = first[u + 1];
            for (var a = first[u]; a < end; a++)
            {
                var r = resCap[a];
                if (r > 0 && (a < m ? -scale : scale) + pu - pot[head[a]] < 0)
                {
                    var v = head[a];
                    var b = rev[a];
                    resCap[a] = 0;
                    revCap[a] += r;
                    resCap[b] += r;
                    revCap[b] = 0;
                    excess[u] -= r;
                    excess[v] += r;
                }
            }
        }

        var queueHead = 0;
        var queueCount = 0;
        var queue = _queue;
        _activeCount = 0;
        for (var u = 0; u < _n; u++)
        {
            _current[u] = first[u];
            if (excess[u] > 0)
            {
                queue[queueCount++] = u;
                _activeCount++;
            }
        }

        if (_activeCount == 0)
        {
            return;
        }

        GlobalUpdate(eps);
        var threshold = UpdateFactor * ((long)first[_n] + _n);
        while (queueCount > 0)
        {
            var u = queue[queueHead];
            queueHead = queueHead + 1 == _n ? 0 : queueHead + 1;
            queueCount--;
            Discharge(u, eps, ref queueHead, ref queueCount);
            if (_workSinceUpdate > threshold && _activeCount > 0)
            {
                GlobalUpdate(eps);
            }
        }
    }

    private void Discharge(int u, long eps, ref int queueHead, ref int queueCount)
    {
        var first = _first;
        var head = _head;
        var resCap = _resCap;
        var revCap = _revCap;
        var pot = _pot;
        var excess = _excess;
        var rev = _rev;
        var scale = _scale;

        var ex = excess[u];
        while (true)
        {
            // best = max of p(v) - c(u, v) over residual arcs that are not admissible: the relabel value if no push empties u.
            var pu = pot[u];
            var m = _mid[u];
            var end = first[u + 1];
            var start = _current[u];
            var best = long.MinValue;
            var a = start;
            for (; a < end; a++)
            {
                var r = resCap[a];
                if (r == 0)
                {
                    continue;
                }

                var v = head[a];
                var c = a < m ? -scale : scale;
                var candidate = pot[v] - c;
                if (candidate <= pu)
                {
                    best = candidate > best ? candidate : best;
                    continue;
                }

                var ev = excess[v];
                if (ev >= 0)
                {
                    // Look-ahead: pushing into a node without an admissible arc would only bounce back.
                    LookAhead(v, eps);
                    candidate = pot[v] - c;
                    if (candidate <= pu)
                    {
                        best = candidate > best ? candidate : best;
                        continue;
                    }
                }

                var delta = r < ex ? r : ex;
                var b = rev[a];
                resCap[a] = r - delta;
                revCap[a] += delta;
                resCap[b] += delta;
                revCap[b] -= delta;
                ex -= delta;
                excess[v] = ev + delta;
                Pushes++;
                if (ev <= 0 && ev + delta > 0)
                {
                    var tail = queueHead + queueCount;
                    if (tail >= _n)
                    {
                        tail -= _n;
                    }

                    _queue[tail] = v;
                    queueCount++;
                    _activeCount++;
                }

                if (ex == 0)
                {
                    break;
                }
            }

            _workSinceUpdate += a - start + 1;
            if (ex == 0)
            {
                _current[u] = a;
                excess[u] = 0;
                _activeCount--;
                return;
            }

            excess[u] = ex;
            Relabel(u, eps, start, best);
        }
    }

    /// <summary>Leaves v's current arc on an admissible arc, relabelling v first if it has none.</summary>
    private void LookAhead(int v, long eps)
    {
        var pv = _pot[v];
        var m = _mid[v];
        var end = _first[v + 1];
        var scale = _scale;
        var start = _current[v];
        var best = long.MinValue;
        for (var a = start; a < end; a++)
        {
            if (_resCap[a] > 0)
            {
                var candidate = _pot[_head[a]] - (a < m ? -scale : scale);
                if (candidate > pv)
                {
                    _current[v] = a;
                    _workSinceUpdate += a - start + 1;
                    return;
                }

                best = candidate > best ? candidate : best;
            }
        }

        _workSinceUpdate += end - start;
        Relabel(v, eps, start, best);
    }

    /// <summary>
    /// Sets p(u) = max over residual arcs of p(v) - c(u, v), minus eps. Arcs from <paramref name="scanned"/> on were
    /// already examined by the caller and summarised in <paramref name="best"/>, so only the arcs before are read.
    /// </summary>
    private void Relabel(int u, long eps, int scanned, long best)
    {
        var m = _mid[u];
        var start = _first[u];
        var scale = _scale;
        var pot = _pot;
        var resCap = _resCap;
        var head = _head;
        var forwardEnd = Math.Min(m, scanned);
        for (var a = start; a < forwardEnd; a++)
        {
            if (resCap[a] > 0)
            {
                var candidate = pot[head[a]] + scale;
                best = candidate > best ? candidate : best;
            }
        }

        for (var a = Math.Max(m, start); a < scanned; a++)
        {
            if (resCap[a] > 0)
            {
                var candidate = pot[head[a]] - scale;
                best = candidate > best ? candidate : best;
            }
        }

        // In a strongly connected graph an active node always has a residual arc; the guard only keeps prices finite.
        if (best != long.MinValue)
        {
            pot[u] = best - eps;
        }

        _current[u] = start;
        Relabels++;
        _workSinceUpdate += scanned - start + 12;
    }

    /// <summary>
    /// Lowers prices by eps times the "rank" of each node, the length of its shortest residual path to a deficit
    /// where an arc of reduced cost c counts floor(c / eps) + 1. Keeps eps-optimality and makes every shortest path
    /// admissible. Stops once every active node is ranked; unranked nodes get the last rank.
    /// </summary>
    private void GlobalUpdate(long eps)
    {
        GlobalUpdates++;
        _workSinceUpdate = 0;
        var n = _n;
        var first = _first;
        var mid = _mid;
        var head = _head;
        var revCap = _revCap;
        var pot = _pot;
        var excess = _excess;
        var rank = _rank;
        var scanned = _scanned;
        var bucketFirst = _bucketFirst;
        var next = _bucketNext;
        var prev = _bucketPrev;
        var scale = _scale;
        var maxRank = n;
        Array.Fill(bucketFirst, -1);
        Array.Fill(rank, int.MaxValue);
        Array.Clear(scanned);

        for (var v = 0; v < n; v++)
        {
            if (excess[v] < 0)
            {
                rank[v] = 0;
                Insert(v, 0);
            }
        }

        var remaining = _activeCount;
        var level = 0;
        for (; level <= maxRank; level++)
        {
            while (bucketFirst[level] >= 0 && remaining > 0)
            {
                var w = bucketFirst[level];
                bucketFirst[level] = next[w];
                if (next[w] >= 0)
                {
                    prev[next[w]] = -1;
                }

                scanned[w] = true;
                if (excess[w] > 0)
                {
                    remaining--;
                }

                // Arc a = (w, v) pairs with (v, w) of cost -c(a); that one must have residual capacity.
                var pw = pot[w];
                var m = mid[w];
                var end = first[w + 1];
                for (var a = first[w]; a < end; a++)
                {
                    if (revCap[a] == 0)
                    {
                        continue;
                    }

                    var v = head[a];
                    if (scanned[v])
                    {
                        continue;
                    }

                    var reduced = (a < m ? scale : -scale) + pot[v] - pw;
                    var length = reduced < 0 ? 0 : (reduced / eps) + 1;
                    var candidate = level + length;
                    if (candidate < rank[v] && candidate <= maxRank)
                    {
                        if (rank[v] != int.MaxValue)
                        {
                            Remove(v, rank[v]);
                        }

                        rank[v] = (int)candidate;
                        Insert(v, (int)candidate);
                    }
                }
            }

            if (remaining == 0)
            {
                break;
            }
        }

        var last = Math.Min(level, maxRank);
        for (var v = 0; v < n; v++)
        {
            var r = scanned[v] ? rank[v] : last;
            pot[v] -= eps * r;
            _current[v] = first[v];
        }

        void Insert(int v, int r)
        {
            var f = bucketFirst[r];
            next[v] = f;
            prev[v] = -1;
            if (f >= 0)
            {
                prev[f] = v;
            }

            bucketFirst[r] = v;
        }

        void Remove(int v, int r)
        {
            var p = prev[v];
            var x = next[v];
            if (p >= 0)
            {
                next[p] = x;
            }
            else
            {
                bucketFirst[r] = x;
            }

            if (x >= 0)
            {
                prev[x] = p;
            }
        }
    }

    /// <summary>
    /// Integer potentials in original units (cost -1 per arc) with no negative reduced cost on any residual arc:
    /// shortest residual distances from a virtual source, found by Dijkstra on the non-negative lengths
    /// K*c + p(u) - p(v) + 1. A path's length is K*cost + (arc count) up to the price terms, and a simple path has
    /// fewer than K arcs, so dividing by K recovers the exact integer distance.
    /// </summary>
    public long[] ExactPotentials()
    {
        var n = _n;
        var pot = _pot;
        var top = long.MinValue;
        for (var v = 0; v < n; v++)
        {
            top = Math.Max(top, pot[v]);
        }

        var dist = new long[n];
        var done = new bool[n];
        var heap = new PriorityQueue<int, long>(n);
        for (var v = 0; v < n; v++)
        {
            dist[v] = top - pot[v];
            heap.Enqueue(v, dist[v]);
        }

        while (heap.TryDequeue(out var u, out var d))
        {
            if (done[u] || d != dist[u])
            {
                continue;
            }

            done[u] = true;
            var pu = pot[u];
            var m = _mid[u];
            for (var a = _first[u]; a < _first[u + 1]; a++)
            {
                if (_resCap[a] == 0)
                {
                    continue;
                }

                var v = _head[a];
                if (done[v])
                {
                    continue;
                }

                var length = (a < m ? -_scale : _scale) + pu - pot[v] + 1;
                Debug.Assert(length >= 0, "the flow must be 1-optimal in scaled units");
                var candidate = d + length;
                if (candidate < dist[v])
                {
                    dist[v] = candidate;
                    heap.Enqueue(v, candidate);
                }
            }
        }

        var result = new long[n];
        for (var v = 0; v < n; v++)
        {
            result[v] = FloorDiv(dist[v] + pot[v] - top, _scale);
        }

        return result;
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && a < 0) ? q - 1 : q;
    }
}
