namespace Maillage.Domain.Clearing;

/// <summary>
/// Tarjan's algorithm without recursion (deep supply chains would overflow the call stack). Components are numbered
/// in completion order, which is a reverse topological order of the condensation: every arc between two components
/// goes from a higher number to a lower one.
/// </summary>
internal static class StronglyConnectedComponents
{
    public static int[] Compute(int nodeCount, int[] first, int[] head, out int componentCount)
    {
        var component = new int[nodeCount];
        var order = new int[nodeCount];
        var low = new int[nodeCount];
        Array.Fill(order, -1);
        var stack = new int[nodeCount];
        var callNode = new int[nodeCount];
        var callArc = new int[nodeCount];
        var stackTop = 0;
        var counter = 0;
        componentCount = 0;

        for (var root = 0; root < nodeCount; root++)
        {
            if (order[root] >= 0)
            {
                continue;
            }

            var depth = 0;
            callNode[0] = root;
            callArc[0] = first[root];
            order[root] = low[root] = counter++;
            stack[stackTop++] = root;
            component[root] = -1; // -1 marks "on the Tarjan stack"

            while (depth >= 0)
            {
                var v = callNode[depth];
                var a = callArc[depth];
                if (a < first[v + 1])
                {
                    callArc[depth] = a + 1;
                    var w = head[a];
                    if (order[w] < 0)
                    {
                        order[w] = low[w] = counter++;
                        stack[stackTop++] = w;
                        component[w] = -1;
                        depth++;
                        callNode[depth] = w;
                        callArc[depth] = first[w];
                    }
                    else if (component[w] == -1 && order[w] < low[v])
                    {
                        low[v] = order[w];
                    }

                    continue;
                }

                if (low[v] == order[v])
                {
                    int w;
                    do
                    {
                        w = stack[--stackTop];
                        component[w] = componentCount;
                    }
                    while (w != v);
                    componentCount++;
                }

                depth--;
                if (depth >= 0)
                {
                    var parent = callNode[depth];
                    if (low[v] < low[parent])
                    {
                        low[parent] = low[v];
                    }
                }
            }
        }

        return component;
    }
}
