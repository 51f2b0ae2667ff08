using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Maillage.Bench.Clearing;
using Maillage.Domain.Clearing;

// Lives beside the other suites' namespace so Program.cs lists it without a using.
namespace Maillage.Bench;

/// <summary>
/// Exact multilateral clearing on the shared networks (checked against their published optimum) and on generated
/// trade networks. Solve times are the median of several runs after a warm-up run on the same network.
/// <c>clearing --file PATH</c> clears any CSV in the shared format instead.
/// </summary>
public sealed class ClearingSuite : IBenchSuite
{
    private const string ReferenceLabel =
        "C++ figures measured on this 2-core machine by the issue author (no C++ solver is in this repository)";

    private static readonly SharedCase[] SharedCases =
    [
        new("synthethic_network_01.csv", TargetSeconds: 0.3, ReferenceSeconds: 0.14),
        new("synthethic_network_02.csv", TargetSeconds: 1.5, ReferenceSeconds: 1.1),
        new("synthethic_network_03.csv", TargetSeconds: 3.0, ReferenceSeconds: 2.6),
    ];

    private static readonly GeneratedCase[] GeneratedCases =
    [
        new(1_000, 10_000, TargetSeconds: null, null, null, Quick: true),
        new(3_200, 140_000, TargetSeconds: 0.3, null, null, Quick: true),
        new(50_000, 1_000_000, TargetSeconds: 10, CostScalingSeconds: 9, NetworkSimplexSeconds: 40, Quick: false, TargetMemoryMb: 2048),
    ];

    public string Name => "clearing";

    public string Description => "exact multilateral clearing (shared networks, generated networks; --file PATH)";

    public Task<JsonObject> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runs = int.Parse(options.Value("--runs") ?? (options.Quick ? "3" : "5"), CultureInfo.InvariantCulture);
        var seed = long.Parse(options.Value("--seed") ?? "1", CultureInfo.InvariantCulture);
        var file = options.Value("--file");
        var result = new JsonObject
        {
            ["runs_per_network"] = runs,
            ["timing"] = "median solve time of the runs after one warm-up run; parsing and generation are timed apart",
            ["memory"] = "peak_working_set_mb is the process-wide peak so far; the largest network runs last",
        };

        if (file is not null)
        {
            result["file"] = RunFile(file, runs, cancellationToken);
            return Task.FromResult(result);
        }

        var shared = options.Value("--shared") ?? LocateShared();
        var networks = new JsonArray();
        foreach (var c in SharedCases)
        {
            if (options.Quick && c.File != SharedCases[0].File)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            networks.Add(RunShared(shared, c, runs));
        }

        foreach (var c in GeneratedCases)
        {
            if (options.Quick && !c.Quick)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            networks.Add(RunGenerated(c, seed, c.Firms >= 50_000 ? Math.Min(runs, 3) : runs));
        }

        result["networks"] = networks;
        var sardex = GeneratedCases[1];
        result["greedy_baseline"] = new JsonArray
        {
            RunGreedy(Path.GetFileNameWithoutExtension(SharedCases[0].File), Read(Path.Combine(shared, SharedCases[0].File)).Obligations),
            RunGreedy($"generated_{sardex.Firms}_{sardex.Invoices}", ObligationNetworkGenerator.Generate(sardex.Firms, sardex.Invoices, seed)),
        };
        result["reference_note"] = ReferenceLabel + "; ratio = ours / reference.";
        return Task.FromResult(result);
    }

    private static JsonObject RunShared(string directory, SharedCase c, int runs)
    {
        Console.Error.WriteLine($"clearing: {c.File}");
        var path = Path.Combine(directory, c.File);
        var clock = Stopwatch.StartNew();
        var csv = Read(path);
        var readSeconds = clock.Elapsed.TotalSeconds;
        var expected = ExpectedCleared(directory, c.File);
        var (solved, times) = Measure(csv.Obligations, runs);
        var median = Median(times);
        var node = Describe(Path.GetFileNameWithoutExtension(c.File), "shared", solved, times);
        node["read_s"] = Round(readSeconds);
        node["csv_errors"] = csv.ErrorCount;
        node["expected_cleared"] = expected;
        node["equal_to_expected"] = solved.TotalCleared == expected;
        node["target_s"] = c.TargetSeconds;
        node["within_target"] = median <= c.TargetSeconds;
        node["reference"] = new JsonObject
        {
            ["label"] = ReferenceLabel,
            ["algorithm"] = "network simplex after splitting into strongly connected components (one run)",
            ["solve_s"] = c.ReferenceSeconds,
        };
        node["ratio_to_reference"] = Round(median / c.ReferenceSeconds);
        Console.Error.WriteLine($"  cleared {solved.TotalCleared} (expected {expected}) in {median:F3} s");
        return node;
    }

    private static JsonObject RunGenerated(GeneratedCase c, long seed, int runs)
    {
        Console.Error.WriteLine($"clearing: generated {c.Firms} firms / {c.Invoices} invoices");
        var clock = Stopwatch.StartNew();
        var obligations = ObligationNetworkGenerator.Generate(c.Firms, c.Invoices, seed);
        var generateSeconds = clock.Elapsed.TotalSeconds;
        var (solved, times) = Measure(obligations, runs);
        var median = Median(times);
        var node = Describe($"generated_{c.Firms}_{c.Invoices}", "generated", solved, times);
        node["seed"] = seed;
        node["generate_s"] = Round(generateSeconds);
        node["cleared_share"] = Math.Round((double)solved.TotalCleared / solved.TotalSubmitted, 4);
        if (c.TargetSeconds is { } target)
        {
            node["target_s"] = target;
            node["within_target"] = median <= target;
        }

        if (c.TargetMemoryMb is { } memory)
        {
            node["target_peak_working_set_mb"] = memory;
            node["within_memory_target"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0 <= memory;
        }

        if (c.CostScalingSeconds is { } costScaling && c.NetworkSimplexSeconds is { } simplex)
        {
            node["reference"] = new JsonObject
            {
                ["label"] = ReferenceLabel + " on a generated network of this size (not necessarily this generator)",
                ["cost_scaling_s"] = costScaling,
                ["network_simplex_s"] = simplex,
            };
            node["ratio_to_cost_scaling"] = Round(median / costScaling);
            node["ratio_to_network_simplex"] = Round(median / simplex);
        }

        Console.Error.WriteLine($"  cleared {solved.TotalCleared} of {solved.TotalSubmitted} in {median:F3} s");
        return node;
    }

    private static JsonObject RunFile(string path, int runs, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"clearing: {path}");
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var csv = Read(path);
        var readSeconds = clock.Elapsed.TotalSeconds;
        var node = new JsonObject { ["path"] = Path.GetFullPath(path), ["read_s"] = Round(readSeconds), ["csv_errors"] = csv.ErrorCount };
        if (csv.ErrorCount > 0)
        {
            var errors = new JsonArray();
            foreach (var e in csv.Errors.Take(20))
            {
                errors.Add($"line {e.LineNumber}: {e.Reason}");
            }

            node["first_errors"] = errors;
        }

        var (solved, times) = Measure(csv.Obligations, runs);
        foreach (var (key, value) in Describe(Path.GetFileName(path), "file", solved, times))
        {
            node[key] = value?.DeepClone();
        }

        Console.Error.WriteLine($"  cleared {solved.TotalCleared} of {solved.TotalSubmitted} in {Median(times):F3} s");
        return node;
    }

    /// <summary>How much a naive greedy pass leaves on the table compared with the exact optimum.</summary>
    private static JsonObject RunGreedy(string name, IReadOnlyList<Obligation> obligations)
    {
        Console.Error.WriteLine($"clearing: greedy baseline on {name}");
        var optimal = ClearingSolver.Solve(obligations).TotalCleared;
        GreedyCycleCancelling.Clear(obligations);
        var clock = Stopwatch.StartNew();
        var cleared = GreedyCycleCancelling.Clear(obligations);
        var seconds = clock.Elapsed.TotalSeconds;
        return new JsonObject
        {
            ["network"] = name,
            ["algorithm"] = "naive greedy cycle cancelling (cancel cycles as a walk meets them until none is left)",
            ["cleared"] = cleared,
            ["optimal_cleared"] = optimal,
            ["left_on_the_table"] = optimal - cleared,
            ["share_of_optimum"] = Math.Round((double)cleared / optimal, 4),
            ["solve_s"] = Round(seconds),
        };
    }

    private static (ClearingResult Result, List<double> Seconds) Measure(IReadOnlyList<Obligation> obligations, int runs)
    {
        var result = ClearingSolver.Solve(obligations); // warm-up: JIT and first-touch page faults
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            result = ClearingSolver.Solve(obligations);
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return (result, times);
    }

    private static JsonObject Describe(string name, string kind, ClearingResult result, List<double> times)
    {
        var s = result.Statistics;
        var runs = new JsonArray();
        foreach (var t in times)
        {
            runs.Add(Round(t));
        }

        return new JsonObject
        {
            ["name"] = name,
            ["kind"] = kind,
            ["members"] = s.Members,
            ["pairs"] = s.Pairs,
            ["largest_component"] = s.LargestComponent,
            ["pairs_in_components"] = s.IntraComponentPairs,
            ["total_submitted"] = result.TotalSubmitted,
            ["cleared"] = result.TotalCleared,
            ["certified_optimal"] = result.FindCertificateViolation() is null,
            ["solve_s"] = Round(Median(times)),
            ["solve_s_runs"] = runs,
            ["phases"] = s.Phases,
            ["proved_early"] = s.ProvedEarly,
            ["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
        };
    }

    private static ObligationCsvResult Read(string path)
    {
        using var reader = new StreamReader(path);
        return ObligationCsvReader.Read(reader);
    }

    /// <summary>The "optimal cleared" column of the README table beside the networks.</summary>
    private static long ExpectedCleared(string directory, string file)
    {
        foreach (var line in File.ReadLines(Path.Combine(directory, "README.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length == 5 && cells[0] == file)
            {
                return long.Parse(cells[4].Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{file} has no row in the README of {directory}");
    }

    /// <summary>shared/data/obligations beside the repository root (the folder holding Maillage.slnx).</summary>
    private static string LocateShared()
    {
        foreach (var startDir in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(startDir); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Maillage.slnx")))
                {
                    var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "obligations"));
                    if (Directory.Exists(shared))
                    {
                        return shared;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException("shared/data/obligations not found beside the repository; pass --shared DIR");
    }

    private static double Median(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return Stats.Percentile(sorted, 50);
    }

    private static double Round(double seconds) => Math.Round(seconds, 3);

    private sealed record SharedCase(string File, double TargetSeconds, double ReferenceSeconds);

    private sealed record GeneratedCase(
        int Firms,
        int Invoices,
        double? TargetSeconds,
        double? CostScalingSeconds,
        double? NetworkSimplexSeconds,
        bool Quick,
        double? TargetMemoryMb = null);
}
