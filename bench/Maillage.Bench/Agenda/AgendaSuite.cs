using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Maillage.Domain.Agenda;
using Maillage.Web.Data;
using Maillage.Web.Features.Agenda;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Maillage.Bench;

/// <summary>
/// A rush on one event: N concurrent registrations (verified emails, so each is admitted at once) for C seats,
/// spread over two independent "app instances" (two service providers on one database), then C/5 (at most 20)
/// seated people cancel at once. Reports throughput and latency of the rush, and checks the outcome: exactly C
/// seated, the others waitlisted, arrival numbers 1..N without gap, the seated ones being the first arrivals, the
/// freed seats given to the next arrivals in order, one registration per email. A request gives up after 2 min and
/// the run fails with a message after 10 min: it never hangs.
/// </summary>
public sealed class AgendaSuite : IBenchSuite
{
    public string Name => "agenda";

    public string Description => "2,000 concurrent registrations for 100 seats: throughput, p50/p99, exact seats and waiting list";

    public async Task<JsonObject> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registrations = options.Quick ? 400 : 2_000;
        var capacity = options.Quick ? 20 : 100;
        var result = new JsonObject
        {
            ["registrations"] = registrations,
            ["capacity"] = capacity,
            ["instances"] = 2,
            ["request_slots_per_instance"] = AgendaAdmissionGate.RequestSlots,
            ["admission_wait_s"] = (RequestTimeout - TimeSpan.FromSeconds(10)).TotalSeconds,
        };
        result["sqlite"] = await RunEngineAsync(DatabaseProvider.Sqlite, registrations, capacity, cancellationToken);
        if (Environment.GetEnvironmentVariable("MAILLAGE_BENCH_POSTGRES") is { Length: > 0 })
        {
            result["postgresql"] = await RunEngineAsync(DatabaseProvider.PostgreSQL, registrations, capacity, cancellationToken);
        }
        else
        {
            result["postgresql"] = "skipped: set MAILLAGE_BENCH_POSTGRES (scripts/postgres.sh start prints one)";
        }

        return result;
    }

    private static async Task<JsonObject> RunEngineAsync(DatabaseProvider provider, int count, int capacity, CancellationToken ct)
    {
        var (connectionString, cleanup) = await CreateDatabaseAsync(provider);
        var instances = new[] { Instance(provider, connectionString), Instance(provider, connectionString) };
        try
        {
            var (chamberId, eventId) = await SeedAsync(instances[0], provider, connectionString, capacity, ct);
            var latencies = new ConcurrentBag<double>();
            var failures = new ConcurrentBag<string>();
            var clock = Stopwatch.StartNew();
            var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
            {
                var email = $"personne{i}@exemple.ch";
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(RequestTimeout);
                var timer = Stopwatch.StartNew();
                try
                {
                    await using var scope = instances[i % 2].CreateAsyncScope();
                    var service = scope.ServiceProvider.GetRequiredService<AgendaRegistrations>();
                    var outcome = await service.RegisterAsync(chamberId, eventId, new RegistrationRequest(email, "Prénom", $"Nom {i}", null), new Registrant(null, email), timeout.Token);
                    if (!outcome.Succeeded)
                    {
                        failures.Add(string.Join(",", outcome.Errors.Select(e => e.Code)));
                    }
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // One failed request is a figure of the run, not the end of it.
                    failures.Add(e is OperationCanceledException ? $"no answer within {RequestTimeout.TotalSeconds} s" : e.GetType().Name + ": " + e.Message);
                }

                latencies.Add(timer.Elapsed.TotalMilliseconds);
            }, ct)).ToList();
            await WithinAsync(Task.WhenAll(tasks), RunTimeout, () => $"{provider}: the rush did not finish in {RunTimeout.TotalMinutes} min ({latencies.Count} of {count} answered, {failures.Count} failed)");
            var elapsed = clock.Elapsed.TotalSeconds;

            // Then seated people cancel at the same time: the head of the waiting list must take their seats, in order.
            var leaving = Math.Min(capacity / 5, 20);
            var tokens = await TokensAsync(instances[0], eventId, leaving, ct);
            var cancelFailures = new ConcurrentBag<string>();
            await WithinAsync(Task.WhenAll(tokens.Select((token, i) => Task.Run(async () =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(RequestTimeout);
                await using var scope = instances[i % 2].CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<AgendaRegistrations>().CancelAsync(chamberId, token, timeout.Token);
                if (!outcome.Succeeded)
                {
                    cancelFailures.Add(string.Join(",", outcome.Errors.Select(e => e.Code)));
                }
            }, ct))), RunTimeout, () => $"{provider}: {leaving} cancellations did not finish in {RunTimeout.TotalMinutes} min");

            await using var check = instances[0].CreateAsyncScope();
            var db = check.ServiceProvider.GetRequiredService<MaillageDbContext>();
            var rows = await db.Set<Registration>().AsNoTracking().Where(r => r.EventId == eventId).Select(r => new { r.State, r.ArrivalNumber, r.Email, r.PromotedAt }).ToListAsync(ct);
            var agendaEvent = await db.Set<AgendaEvent>().AsNoTracking().SingleAsync(e => e.Id == eventId, ct);
            var seated = rows.Where(r => r.State == RegistrationState.Confirmed).ToList();
            var waiting = rows.Where(r => r.State == RegistrationState.Waitlisted).ToList();
            var cancelled = rows.Where(r => r.State == RegistrationState.Cancelled).ToList();
            var numbers = rows.Select(r => r.ArrivalNumber ?? 0).OrderBy(n => n).ToList();
            var promoted = seated.Where(r => r.PromotedAt is not null).Select(r => r.ArrivalNumber ?? 0).OrderBy(n => n).ToList();
            var checks = new JsonObject
            {
                ["confirmed_exactly_capacity"] = seated.Count == capacity && agendaEvent.ConfirmedCount == capacity,
                ["others_waitlisted"] = waiting.Count == count - capacity - leaving && cancelled.Count == leaving,
                ["arrival_numbers_1_to_n"] = numbers.SequenceEqual(Enumerable.Range(1, count).Select(n => (long)n)),
                ["seated_are_first_arrivals"] = seated.Count == 0 || seated.Max(r => r.ArrivalNumber) == capacity + leaving,
                ["promoted_in_arrival_order"] = promoted.SequenceEqual(Enumerable.Range(capacity + 1, leaving).Select(n => (long)n)),
                ["one_per_email"] = rows.Select(r => r.Email).Distinct().Count() == rows.Count,
                ["failed_requests"] = failures.Count + cancelFailures.Count,
            };
            foreach (var failure in failures.Concat(cancelFailures).GroupBy(f => f))
            {
                Console.Error.WriteLine($"{provider}: {failure.Count()} × {failure.Key}");
            }

            var (p50, p95, p99) = Stats.Summarise([.. latencies]);
            Console.Error.WriteLine($"{provider}: {count} registrations in {elapsed:F2} s, p50 {p50} ms, p99 {p99} ms; after {leaving} cancellations {seated.Count} seated ({promoted.Count} promoted), {waiting.Count} waiting");
            return new JsonObject
            {
                ["throughput_per_s"] = Math.Round(count / elapsed, 1),
                ["elapsed_s"] = Math.Round(elapsed, 2),
                ["latency_ms"] = new JsonObject { ["p50"] = p50, ["p95"] = p95, ["p99"] = p99 },
                ["confirmed"] = seated.Count,
                ["cancelled_then_promoted"] = promoted.Count,
                ["waitlisted"] = waiting.Count,
                ["checks"] = checks,
                ["ok"] = checks.All(c => c.Value is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : v.GetValue<int>() == 0)),
            };
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }

            await cleanup();
        }
    }

    /// <summary>One request gives up after this; the run is failed (not left hanging) after <see cref="RunTimeout"/>.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    private static async Task WithinAsync(Task work, TimeSpan limit, Func<string> message)
    {
        try
        {
            await work.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(message());
        }
    }

    private static async Task<List<string>> TokensAsync(ServiceProvider services, Guid eventId, int count, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
        return await db.Set<Registration>().AsNoTracking().Where(r => r.EventId == eventId && r.State == RegistrationState.Confirmed)
            .OrderBy(r => r.ArrivalNumber).Select(r => r.Token).Take(count).ToListAsync(ct);
    }

    /// <summary>One "app instance": its own services and connection pool, the same database.</summary>
    private static ServiceProvider Instance(DatabaseProvider provider, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.Configure<MaillageOptions>(o => o.PublicBaseUrl = "https://maillage.example");
        services.AddDbContext<MaillageDbContext>(b => DatabaseSetup.Configure(b, provider, connectionString));
        services.AddScoped<EmailOutbox>();
        services.AddAgenda();

        // Every one of the 2,000 simultaneous requests is meant to get its answer: each waits for its turns as long
        // as the bench waits for it (the app's default of 30 s would tell the last ones of an overloaded machine to
        // try again, which the checks would count as failures).
        services.Configure<AgendaOptions>(o => o.AdmissionWait = RequestTimeout - TimeSpan.FromSeconds(10));
        return services.BuildServiceProvider();
    }

    private static async Task<(Guid Chamber, Guid Event)> SeedAsync(ServiceProvider services, DatabaseProvider provider, string connectionString, int capacity, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
        await new MigrationRunner(db, new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct);
        var now = DateTime.UtcNow;
        var chamber = new Maillage.Domain.Chambers.Chamber("ge", "Chambre de test", "TEST", "GE", now);
        db.Chambers.Add(chamber);
        var start = EventTime.ToLocal(now, EventTime.DefaultZone).Date.AddDays(20).AddHours(18);
        var agendaEvent = AgendaEvent.Create(chamber.Id, new EventDetails
        {
            Kind = EventKind.Conference,
            Title = "Conférence très demandée",
            VenueName = "Uni Mail",
            Town = "Genève",
            Sessions = [new EventSession { LocalStart = start, LocalEnd = start.AddHours(2) }],
            Capacity = capacity,
        }, EventStatus.Published, null, now);
        db.Set<AgendaEvent>().Add(agendaEvent);
        await db.SaveChangesAsync(ct);
        return (chamber.Id, agendaEvent.Id);
    }

    private static async Task<(string ConnectionString, Func<Task> Cleanup)> CreateDatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "maillage-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);

            // The app's own settings (DatabaseSetup): the gate keeps the queue for the write lock in memory.
            return ($"Data Source={Path.Combine(folder, "bench.db")};Foreign Keys=True;Default Timeout=30", () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            }
            );
        }

        var admin = Environment.GetEnvironmentVariable("MAILLAGE_BENCH_POSTGRES")!;
        var name = "maillage_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        // The admission gate sends one request per event and instance at a time to the database, so a rush needs
        // few connections: a pool of 20 per instance (Npgsql's default is 100). The 2,000 requests all arrive at
        // once, so most wait for a connection: that wait is bounded like a request (2 min), not by Npgsql's 15 s.
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20, Timeout = 120, CommandTimeout = 30 };
        return (builder.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        );
    }
}
