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
/// spread over two independent "app instances" (two service providers on one database). Reports throughput and
/// latency, and checks the outcome: exactly C seated, the others waitlisted, arrival numbers 1..N without gap, the
/// seated ones being the first C arrivals, one registration per email.
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
        var result = new JsonObject { ["registrations"] = registrations, ["capacity"] = capacity, ["instances"] = 2 };
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
                await using var scope = instances[i % 2].CreateAsyncScope();
                var service = scope.ServiceProvider.GetRequiredService<AgendaRegistrations>();
                var timer = Stopwatch.StartNew();
                var outcome = await service.RegisterAsync(chamberId, eventId, new RegistrationRequest(email, "Prénom", $"Nom {i}", null), new Registrant(null, email), ct);
                latencies.Add(timer.Elapsed.TotalMilliseconds);
                if (!outcome.Succeeded)
                {
                    failures.Add(string.Join(",", outcome.Errors.Select(e => e.Code)));
                }
            }, ct)).ToList();
            await Task.WhenAll(tasks);
            var elapsed = clock.Elapsed.TotalSeconds;

            await using var check = instances[0].CreateAsyncScope();
            var db = check.ServiceProvider.GetRequiredService<MaillageDbContext>();
            var rows = await db.Set<Registration>().AsNoTracking().Where(r => r.EventId == eventId).Select(r => new { r.State, r.ArrivalNumber, r.Email }).ToListAsync(ct);
            var agendaEvent = await db.Set<AgendaEvent>().AsNoTracking().SingleAsync(e => e.Id == eventId, ct);
            var seated = rows.Where(r => r.State == RegistrationState.Confirmed).ToList();
            var waiting = rows.Where(r => r.State == RegistrationState.Waitlisted).ToList();
            var numbers = rows.Select(r => r.ArrivalNumber ?? 0).OrderBy(n => n).ToList();
            var checks = new JsonObject
            {
                ["confirmed_exactly_capacity"] = seated.Count == capacity && agendaEvent.ConfirmedCount == capacity,
                ["others_waitlisted"] = waiting.Count == count - capacity,
                ["arrival_numbers_1_to_n"] = numbers.SequenceEqual(Enumerable.Range(1, count).Select(n => (long)n)),
                ["seated_are_first_arrivals"] = seated.Count == 0 || seated.Max(r => r.ArrivalNumber) == capacity,
                ["one_per_email"] = rows.Select(r => r.Email).Distinct().Count() == rows.Count,
                ["failed_requests"] = failures.Count,
            };
            var (p50, p95, p99) = Stats.Summarise([.. latencies]);
            Console.Error.WriteLine($"{provider}: {count} registrations in {elapsed:F2} s, p50 {p50} ms, p99 {p99} ms, {seated.Count} seated, {waiting.Count} waiting");
            return new JsonObject
            {
                ["throughput_per_s"] = Math.Round(count / elapsed, 1),
                ["elapsed_s"] = Math.Round(elapsed, 2),
                ["latency_ms"] = new JsonObject { ["p50"] = p50, ["p95"] = p95, ["p99"] = p99 },
                ["confirmed"] = seated.Count,
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

    /// <summary>One "app instance": its own services and connection pool, the same database.</summary>
    private static ServiceProvider Instance(DatabaseProvider provider, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.Configure<MaillageOptions>(o => o.PublicBaseUrl = "https://maillage.example");
        services.AddDbContext<MaillageDbContext>(b => DatabaseSetup.Configure(b, provider, connectionString));
        services.AddScoped<EmailOutbox>();
        services.AddAgenda();
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

            // A long busy timeout: 2,000 transactions queue for the one write lock.
            return ($"Data Source={Path.Combine(folder, "bench.db")};Foreign Keys=True;Default Timeout=300", () =>
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

        // Requests wait for a pooled connection (50 per instance) and for the event's row lock.
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50, Timeout = 300, CommandTimeout = 300 };
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
