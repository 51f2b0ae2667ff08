using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Maillage.Bench;

/// <summary>Rate and latency of one measured run.</summary>
public sealed record LoadFigures(int Clients, long Operations, double Seconds, double P50Ms, double P99Ms, double? TargetRate = null)
{
    /// <summary>This process's CPU time (all threads, user and system) per operation during the run.</summary>
    public double? CpuUsPerOperation { get; init; }

    /// <summary>Runs <paramref name="run"/> and adds this process's CPU time per operation to its figures.</summary>
    public static async Task<LoadFigures> WithCpuAsync(Func<Task<LoadFigures>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var figures = await run();
        process.Refresh();
        var used = process.TotalProcessorTime - before;
        return figures with { CpuUsPerOperation = used.TotalMicroseconds / Math.Max(1, figures.Operations) };
    }

    public double PerSecond => Math.Round(Operations / Seconds, 1);

    /// <summary>
    /// Several runs of the same load as one: operations and seconds add up; the median is the runs' weighted by their
    /// operations and the 99th percentile the worst run's (a bound, since the runs' latencies are not kept).
    /// </summary>
    public static LoadFigures Combine(IReadOnlyList<LoadFigures> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var operations = runs.Sum(r => r.Operations);
        double Weighted(Func<LoadFigures, double> value) => runs.Sum(r => value(r) * r.Operations) / Math.Max(1, operations);
        return new LoadFigures(runs[0].Clients, operations, runs.Sum(r => r.Seconds), Weighted(r => r.P50Ms), runs.Max(r => r.P99Ms))
        {
            CpuUsPerOperation = runs.All(r => r.CpuUsPerOperation is not null) ? Weighted(r => r.CpuUsPerOperation!.Value) : null,
        };
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["clients"] = Clients,
            ["payments"] = Operations,
            ["payments_per_s"] = PerSecond,
            ["p50_ms"] = Math.Round(P50Ms, 2),
            ["p99_ms"] = Math.Round(P99Ms, 2),
        };
        if (TargetRate is { } rate)
        {
            json["offered_per_s"] = Math.Round(rate, 1);
        }

        if (CpuUsPerOperation is { } cpu)
        {
            json["process_cpu_us_per_payment"] = Math.Round(cpu);
        }

        return json;
    }

    public override string ToString() =>
        FormattableString.Invariant($"{PerSecond,9:F1}/s  p50 {P50Ms,7:F2} ms  p99 {P99Ms,7:F2} ms") +
        (CpuUsPerOperation is { } cpu ? FormattableString.Invariant($"  cpu {cpu,5:F0} µs/op") : string.Empty);
}

/// <summary>
/// Drives one operation (a payment) closed-loop (N clients, each waits for its answer before sending the next) or
/// open-loop (arrivals at a fixed rate whatever the answers, latency counted from the planned arrival, so a
/// stalled system is not flattered by clients that stop sending).
/// </summary>
public static class LoadDriver
{
    public static async Task<LoadFigures> ClosedLoopAsync(int clients, TimeSpan duration, Func<int, Random, Task> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var latencies = new ConcurrentBag<List<double>>();
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(1_000 + client);
            var mine = new List<double>(4_096);
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                await operation(client, random);
                mine.Add((clock.Elapsed - started).TotalMilliseconds);
            }

            latencies.Add(mine);
        })).ToList();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        return Summarise(clients, latencies.SelectMany(l => l).ToList(), seconds, null);
    }

    public static async Task<LoadFigures> OpenLoopAsync(double perSecond, TimeSpan duration, Func<int, Random, Task> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var total = (int)(perSecond * duration.TotalSeconds);
        var latencies = new double[total];
        var inFlight = new List<Task>(total);
        var random = new Random(7);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var planned = TimeSpan.FromSeconds(i / perSecond);
            var wait = planned - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(wait);
            }

            var index = i;
            var seed = random.Next();
            inFlight.Add(Task.Run(async () =>
            {
                await operation(index, new Random(seed));
                latencies[index] = (clock.Elapsed - planned).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(inFlight);
        return Summarise(0, [.. latencies], clock.Elapsed.TotalSeconds, perSecond);
    }

    private static LoadFigures Summarise(int clients, List<double> samples, double seconds, double? rate)
    {
        samples.Sort();
        return new LoadFigures(clients, samples.Count, seconds, Stats.Percentile(samples, 50), Stats.Percentile(samples, 99), rate);
    }
}
