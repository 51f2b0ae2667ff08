using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Maillage.Bench;

/// <summary>
/// HTTP load from <c>wrk</c>, a separate native process: on a 2-core machine an in-process <see cref="HttpClient"/>
/// takes a large share of the CPU the server needs, so the HTTP figure would measure the client as much as the app.
/// A Lua script gives each request its own Idempotency-Key, a till's token (round robin) and a random payee.
/// </summary>
public static class WrkLoad
{
    /// <summary>The wrk on the PATH, if any (also used by the search suite's HTTP figures).</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "wrk"))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs wrk with <paramref name="arguments"/> and returns what it printed; throws when it fails.</summary>
    public static async Task<string> RunProcessAsync(string wrk, IEnumerable<string> arguments, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start wrk");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await error}{await output}");
        }

        return await output;
    }

    /// <summary>Closed loop: <paramref name="clients"/> connections, each waits for its answer before the next request.</summary>
    /// <remarks>Every request must be answered 2xx, else the run throws.</remarks>
    public static async Task<LoadFigures> RunAsync(string wrk, Uri baseAddress, WrkRequest request, int clients, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(request);
        var folder = Path.Combine(Path.GetTempPath(), "maillage-wrk-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var script = Path.Combine(folder, "load.lua");
            await File.WriteAllTextAsync(script, request.ToLua(Guid.NewGuid().ToString("N")[..12]));
            var output = await RunProcessAsync(wrk,
            [
                "-t", "1", "-c", clients.ToString(CultureInfo.InvariantCulture),
                "-d", FormattableString.Invariant($"{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s"),
                "--timeout", "10s", "-s", script, new Uri(baseAddress, request.Path).ToString(),
            ]);
            var line = output.Split('\n').LastOrDefault(l => l.StartsWith("WRK ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("wrk printed no summary: " + output);

            var json = JsonDocument.Parse(line[4..]).RootElement;
            var (statusErrors, socketErrors) = (json.GetProperty("status_errors").GetInt64(), json.GetProperty("socket_errors").GetInt64());
            if (statusErrors > 0 || socketErrors > 0)
            {
                throw new InvalidOperationException($"wrk on {request.Path}: {statusErrors} answers that were not 2xx, {socketErrors} socket errors.");
            }

            return new LoadFigures(clients, json.GetProperty("requests").GetInt64(), json.GetProperty("duration_us").GetInt64() / 1e6, json.GetProperty("p50_us").GetDouble() / 1_000, json.GetProperty("p99_us").GetDouble() / 1_000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>A request shape for wrk: a plain GET, or the payment a till sends.</summary>
public sealed record WrkRequest(string Path, IReadOnlyList<string> Tokens, IReadOnlyList<Guid> Payees)
{
    public static WrkRequest Get(string path) => new(path, [], []);

    public static WrkRequest Payment(IReadOnlyList<string> tokens, IReadOnlyList<Guid> payees) => new("/api/v1/currency/payments", tokens, payees);

    public string ToLua(string runId)
    {
        var lua = new StringBuilder();
        lua.AppendLine("""
            local done_line = function(summary, latency)
              local e = summary.errors
              io.write(string.format('WRK {"requests":%d,"duration_us":%d,"status_errors":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d}\n',
                summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
                latency:percentile(50), latency:percentile(99)))
            end
            function done(summary, latency, requests) done_line(summary, latency) end
            """);
        if (Tokens.Count == 0)
        {
            return lua.ToString();
        }

        lua.Append("local tokens = {");
        lua.AppendJoin(',', Tokens.Select(t => "\"" + t + "\""));
        lua.AppendLine("}");
        lua.Append("local payees = {");
        lua.AppendJoin(',', Payees.Select(p => "\"" + p.ToString("D") + "\""));
        lua.AppendLine("}");
        lua.Append(CultureInfo.InvariantCulture, $"local run = \"{runId}\"").AppendLine();
        lua.AppendLine("""
            local counter = 0
            function init(args) math.randomseed(os.time()) end
            function request()
              counter = counter + 1
              local body = string.format('{"payeeAccountId":"%s","amount":"%d.%02d","description":"Mesure"}',
                payees[math.random(#payees)], math.random(1, 99), math.random(0, 99))
              local headers = {
                ["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1],
                ["Idempotency-Key"] = run .. "-" .. counter,
                ["Content-Type"] = "application/json",
              }
              return wrk.format("POST", nil, headers, body)
            end
            """);
        return lua.ToString();
    }
}
