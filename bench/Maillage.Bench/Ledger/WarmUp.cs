using System.Diagnostics;
using System.Runtime;

namespace Maillage.Bench;

/// <summary>
/// Runs a load until the tiered JIT has stopped recompiling (fewer than <see cref="SettledMethods"/> methods compiled
/// in a slice), within a time limit: a run measured while the JIT still promotes the code it runs pays for that
/// compilation on this 2-core machine (measured: in-process, one client, 1–6 ms of CPU per payment in its first
/// seconds against 0.3–0.9 ms once settled).
/// </summary>
public static class WarmUp
{
    private const int SettledMethods = 20;

    public static async Task<(double Seconds, long MethodsCompiled)> UntilJitSettlesAsync(Func<TimeSpan, Task> load, TimeSpan slice, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(load);
        var clock = Stopwatch.StartNew();
        var first = JitInfo.GetCompiledMethodCount();
        var before = first;
        while (clock.Elapsed < limit)
        {
            await load(slice);
            var now = JitInfo.GetCompiledMethodCount();
            var settled = now - before < SettledMethods;
            before = now;
            if (settled)
            {
                break;
            }
        }

        return (Math.Round(clock.Elapsed.TotalSeconds, 1), before - first);
    }
}
