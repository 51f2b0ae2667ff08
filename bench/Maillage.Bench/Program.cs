using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maillage.Bench;

// The harness: `dotnet run -c Release --project bench/Maillage.Bench -- <suite> [--quick] [suite options]`.
// Progress goes to stderr; the last line on stdout is one JSON object with the suite's figures and references.
IBenchSuite[] suites =
[
    new DirectorySuite(),
    new SearchSuite(),
    new ClearingSuite(),
    new LedgerSuite(),
    new AgendaSuite(),
    new ProcurementSuite(),
    new MailSuite(),
];

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: Maillage.Bench <suite> [--quick] [options]");
    foreach (var s in suites)
    {
        Console.Error.WriteLine($"  {s.Name,-12} {s.Description}");
    }

    return args.Length == 0 ? 2 : 0;
}

var suite = suites.FirstOrDefault(s => s.Name == args[0]);
if (suite is null)
{
    Console.Error.WriteLine($"unknown suite '{args[0]}'; known: {string.Join(", ", suites.Select(s => s.Name))}");
    return 2;
}

var rest = args.Skip(1).ToList();
var quick = rest.Remove("--quick");
var clock = Stopwatch.StartNew();
JsonObject result = await suite.RunAsync(new BenchOptions(quick, rest), CancellationToken.None);
var summary = new JsonObject
{
    ["suite"] = suite.Name,
    ["quick"] = quick,
    ["machine"] = new JsonObject
    {
        ["cores"] = Environment.ProcessorCount,
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
    },
    ["elapsed_s"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
};
foreach (var (key, value) in result)
{
    summary[key] = value?.DeepClone();
}

Console.Out.WriteLine(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
return 0;
