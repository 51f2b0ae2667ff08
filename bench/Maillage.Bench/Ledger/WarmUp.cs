using System.Diagnostics;
using System.Runtime;
using System.Text.Json.Nodes;

namespace Maillage.Bench;

/// <summary>
/// Runs a load until the tiered JIT has stopped recompiling (fewer than <see cref="SettledMethods"/> methods compiled
/// in a slice) or a time limit, checked between slices, has passed (<see cref="WarmUpFigures.Settled"/> says which came first). A run
/// measured while the JIT still promotes the code it runs pays for that compilation on this 2-core machine (measured:
/// in-process, one client, 1–6 ms of CPU per payment in its first seconds against 0.3–0.9 ms once settled).
/// </summary>
public static class WarmUp
{
    private const int SettledMethods = 20;

    public static async Task<WarmUpFigures> UntilJitSettlesAsync(Func<TimeSpan, Task> load, TimeSpan slice, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(load);
        var clock = Stopwatch.StartNew();
        var first = JitInfo.GetCompiledMethodCount();
        var before = first;
        var settled = false;
        while (!settled && clock.Elapsed < limit)
        {
            await load(slice);
            var now = JitInfo.GetCompiledMethodCount();
            settled = now - before < SettledMethods;
            before = now;
        }

        return new WarmUpFigures(Math.Round(clock.Elapsed.TotalSeconds, 1), before - first, settled, limit);
    }
}

/// <summary>How long a warm-up ran, what the JIT compiled meanwhile, and whether it settled before the limit.</summary>
public sealed record WarmUpFigures(double Seconds, long MethodsCompiled, bool Settled, TimeSpan Limit)
{
    public JsonObject ToJson() => new()
    {
        ["seconds"] = Seconds,
        ["methods_compiled"] = MethodsCompiled,
        ["jit_settled"] = Settled,
        ["limit_seconds"] = Limit.TotalSeconds,
    };

    public override string ToString() => FormattableString.Invariant($"{Seconds} s, {MethodsCompiled} methods compiled, JIT settled: {Settled}");
}
