using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maillage.Bench;

/// <summary>
/// HTTP throughput of /api/v1/search against /health, measured with wrk in the same run on the app itself: the
/// Release build of Maillage.Web on Kestrel, started by the suite on a SQLite database holding the generated catalogue
/// (so the app builds its index from its own tables, as in production). Also the server's peak memory (VmHWM).
/// </summary>
internal static partial class HttpThroughput
{
    private const int OffersPerOrganisation = 20;

    public static async Task<JsonObject> RunAsync(int size, IReadOnlyList<SearchSuite.BenchQuery> queries, bool quick, CancellationToken ct)
    {
        if (WrkLoad.Find() is not { } wrk)
        {
            return new JsonObject { ["skipped"] = "wrk not found: apt-get install wrk" };
        }

        var app = FindAppAssembly();
        var folder = Path.Combine(Path.GetTempPath(), "maillage-bench-http-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "search.db")}";
        Process? server = null;
        try
        {
            var seedClock = Stopwatch.StartNew();
            await SeedAsync(connectionString, size, ct);
            Console.Error.WriteLine($"search/http: {size:N0} offers written to the app's SQLite database in {seedClock.Elapsed.TotalSeconds:F1} s");

            var port = FreePort();
            var root = $"http://127.0.0.1:{port}";
            server = StartServer(app, root, connectionString);
            var loadClock = Stopwatch.StartNew();
            await WaitUntilSearchableAsync(root, server, ct);
            var loadSeconds = loadClock.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"search/http: app up with its index loaded in {loadSeconds:F1} s (pid {server.Id})");

            var paths = queries.Select(ToPath).ToList();
            var script = Path.Combine(folder, "search.lua");
            await File.WriteAllTextAsync(script, LuaScript(paths), ct);

            var duration = quick ? 5 : 30;
            var (threads, connections) = (2, 32);

            // Warm both routes (JIT, connection pools) before measuring; then health and search back to back.
            var warmUp = quick ? "-d2s" : "-d5s";
            await WrkLoad.RunProcessAsync(wrk, ["-t2", "-c8", warmUp, root + "/health"], ct);
            await WrkLoad.RunProcessAsync(wrk, ["-t2", "-c8", warmUp, "-s", script, root], ct);
            var health = Parse(await WrkLoad.RunProcessAsync(wrk, [$"-t{threads}", $"-c{connections}", $"-d{duration}s", "--timeout", "10s", "--latency", root + "/health"], ct));
            var search = Parse(await WrkLoad.RunProcessAsync(wrk, [$"-t{threads}", $"-c{connections}", $"-d{duration}s", "--timeout", "10s", "--latency", "-s", script, root], ct));
            var (peakMb, residentMb) = ReadMemory(server.Id);
            Console.Error.WriteLine($"search/http: /api/v1/search {search.RequestsPerSecond:F0} req/s, /health {health.RequestsPerSecond:F0} req/s, peak memory {peakMb:F0} MB");

            return new JsonObject
            {
                ["offers"] = size,
                ["organisations"] = size / OffersPerOrganisation,
                ["server"] = "Maillage.Web Release on Kestrel, SQLite, started by the suite",
                ["client"] = $"wrk -t{threads} -c{connections} -d{duration}s on the same machine (it shares the cores with the server)",
                ["distinct_queries"] = paths.Distinct(StringComparer.Ordinal).Count(),
                ["index_load_s"] = Math.Round(loadSeconds, 1),
                ["search"] = search.ToJson(),
                ["health"] = health.ToJson(),
                ["search_over_health_throughput"] = Math.Round(search.RequestsPerSecond / health.RequestsPerSecond, 3),
                ["server_peak_memory_mb"] = Math.Round(peakMb, 1),
                ["server_resident_memory_mb_after"] = Math.Round(residentMb, 1),
            };
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
            }

            server?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One chamber, an organisation per twenty offers (placed where its first offer is), every offer published.</summary>
    private static async Task SeedAsync(string connectionString, int size, CancellationToken ct)
    {
        var builder = new DbContextOptionsBuilder<MaillageDbContext>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, connectionString);
        var options = builder.Options;
        await using (var db = new MaillageDbContext(options))
        {
            await new MigrationRunner(db, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString }, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct);
        }

        var now = DateTime.UtcNow;
        var chamber = new Maillage.Domain.Chambers.Chamber("ge", "Chambre de mesure", "MESURE", "GE", now);
        await using (var db = new MaillageDbContext(options))
        {
            db.Chambers.Add(chamber);
            await db.SaveChangesAsync(ct);
        }

        var offers = FrenchCatalogue.Generate(size, seed: 2026).ToList();
        var organisationIds = new Guid[(size + OffersPerOrganisation - 1) / OffersPerOrganisation];
        const int Batch = 5_000;
        for (var start = 0; start < size; start += Batch)
        {
            await using var db = new MaillageDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(size, start + Batch); i++)
            {
                var offer = offers[i];
                var owner = i / OffersPerOrganisation;
                if (i % OffersPerOrganisation == 0)
                {
                    var profile = new OrganisationProfile
                    {
                        Name = $"Coopérative {offer.Category} {owner}",
                        LegalForm = LegalForm.Cooperative,
                        Status = owner % 3 == 0 ? OrganisationStatus.LimitedProfit : OrganisationStatus.NonProfit,
                        NogaSection = "S",
                        EssSectors = [],
                        Street = "Rue du Marché 1",
                        PostalCode = "1204",
                        Town = "Genève",
                        Canton = offer.Canton,
                        Latitude = offer.Location.Latitude,
                        Longitude = offer.Location.Longitude,
                        ShortDescription = "Une organisation de l'économie sociale et solidaire.",
                        Description = offer.Body,
                    };
                    var organisation = new Organisation(chamber.Id, $"org-{owner}", profile, MembershipType.Collective, new DateOnly(2020, 1, 1), now);
                    organisationIds[owner] = organisation.Id;
                    db.Organisations.Add(organisation);
                }

                var entity = new Offer(chamber.Id, organisationIds[owner], new OfferDetails
                {
                    Kind = i % 4 == 0 ? OfferKind.Good : OfferKind.Service,
                    Title = offer.Title,
                    Description = offer.Body,
                    Category = offer.Category,
                    Audience = offer.Audience switch { "public" => OfferAudience.Public, "entreprises" => OfferAudience.Companies, _ => OfferAudience.PublicBodies },
                    CurrencySharePercent = offer.Currency ? 30 : 0,
                }, now);
                entity.Publish(now);
                db.Add(entity);
            }

            await db.SaveChangesAsync(ct);
        }
    }

    private static Process StartServer(string app, string root, string connectionString)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(root);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Maillage__RequireHttps"] = "false";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Database__SeedDemo"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Error";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the app");

        // Drain its output so that it never blocks on a full pipe; show warnings and errors on stderr.
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.Error.WriteLine("  app: " + line[..Math.Min(line.Length, 300)]); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.Error.WriteLine("  app: " + line[..Math.Min(line.Length, 300)]); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilSearchableAsync(string root, Process server, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the app exited with code {server.ExitCode}");
            }

            try
            {
                // The search waits for the index's first load: a 200 with results means the catalogue is in memory.
                var response = await http.GetAsync(new Uri(root + "/api/v1/search?q=traiteur&pageSize=1"), ct);
                if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?["total"]?.GetValue<int>() > 0)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Still loading.
            }

            await Task.Delay(500, ct);
        }

        throw new TimeoutException("the app did not answer searches within ten minutes");
    }

    private static string ToPath(SearchSuite.BenchQuery query)
    {
        var parameters = new List<KeyValuePair<string, string?>> { new("q", query.Text) };
        if (query.Category is { } category)
        {
            parameters.Add(new("categorie", category));
        }

        if (query.Canton is { } canton)
        {
            parameters.Add(new("canton", canton));
        }

        if (query.Near)
        {
            parameters.Add(new("pres", "Lausanne"));
            parameters.Add(new("km", "25"));
        }

        return QueryHelpers.AddQueryString("/api/v1/search", parameters);
    }

    /// <summary>Each wrk thread walks the fixed list of queries in turn (threads start at different places).</summary>
    private static string LuaScript(IReadOnlyList<string> paths)
    {
        var lua = new StringBuilder("local paths = {\n");
        foreach (var path in paths)
        {
            lua.Append("  \"").Append(path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\",\n");
        }

        lua.Append("""
            }
            local counter = 0
            local offset = 0
            function setup(thread)
              thread:set("offset", counter * 7)
              counter = counter + 1
            end
            function init(args)
              offset = tonumber(wrk.thread:get("offset")) or 0
            end
            request = function()
              offset = offset + 1
              return wrk.format("GET", paths[(offset % #paths) + 1])
            end
            """);
        return lua.ToString();
    }

    private sealed record WrkFigures(double RequestsPerSecond, long Requests, long Errors, long NonSuccess, double P50Ms, double P90Ms, double P99Ms)
    {
        public JsonObject ToJson() => new()
        {
            ["requests_per_s"] = Math.Round(RequestsPerSecond, 1),
            ["requests"] = Requests,
            ["latency_p50_ms"] = P50Ms,
            ["latency_p90_ms"] = P90Ms,
            ["latency_p99_ms"] = P99Ms,
            ["socket_errors"] = Errors,
            ["non_2xx_responses"] = NonSuccess,
        };
    }

    private static WrkFigures Parse(string output)
    {
        static double Latency(string output, string percentile)
        {
            var match = Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!match.Success)
            {
                return double.NaN;
            }

            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return Math.Round(match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value }, 3);
        }

        var rate = RequestsPerSecondPattern().Match(output);
        if (!rate.Success)
        {
            throw new InvalidOperationException("unexpected wrk output: " + output);
        }

        var requests = RequestsPattern().Match(output);
        var errors = SocketErrorsPattern().Matches(output).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var nonSuccess = NonSuccessPattern().Match(output);
        return new WrkFigures(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            requests.Success ? long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            errors,
            nonSuccess.Success ? long.Parse(nonSuccess.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            Latency(output, "50"),
            Latency(output, "90"),
            Latency(output, "99"));
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecondPattern();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrorsPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessPattern();

    /// <summary>Peak and current resident memory of a process, from Linux's /proc (VmHWM, VmRSS), in MB.</summary>
    private static (double PeakMb, double ResidentMb) ReadMemory(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        static double Kb(string[] lines, string key) =>
            lines.Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
                .Select(l => double.Parse(l[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
                .FirstOrDefault(double.NaN);
        return (Kb(status, "VmHWM") / 1024, Kb(status, "VmRSS") / 1024);
    }

    /// <summary>The Release build of the web app, built alongside this harness (the project reference).</summary>
    private static string FindAppAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Maillage.slnx")))
        {
            directory = directory.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var candidates = directory is null ? [] : Directory.GetFiles(Path.Combine(directory.FullName, "src", "Maillage.Web", "bin", configuration), "Maillage.Web.dll", SearchOption.AllDirectories);
        return candidates.OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new FileNotFoundException($"Maillage.Web.dll ({configuration}) not found: build with dotnet build -c {configuration}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
