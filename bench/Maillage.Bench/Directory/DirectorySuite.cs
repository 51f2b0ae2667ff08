using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Maillage.Domain.Organisations;
using Maillage.Domain.Sectors;
using Maillage.Web.Data;
using Maillage.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Maillage.Bench;

/// <summary>
/// The public directory (search + filters + paging + town facet) through Maillage's query, side by side with the
/// same answers computed by hand-written SQL on the same database: the ratio is what the application layer costs.
/// SQLite always; PostgreSQL too when MAILLAGE_BENCH_POSTGRES holds an admin connection string.
/// </summary>
public sealed class DirectorySuite : IBenchSuite
{
    private static readonly string[] Words = ["vélo", "traiteur", "insertion", "réemploi", "coopérative", "jardin", "formation", "nettoyage", "culture", "énergie", "logement", "conseil"];
    private static readonly string[] Towns = ["Genève", "Carouge", "Lancy", "Vernier", "Meyrin", "Lausanne", "Renens", "Vevey", "Nyon", "Morges"];

    public string Name => "directory";

    public string Description => "directory search latency, Maillage vs raw SQL on the same data";

    public async Task<JsonObject> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = options.Quick ? 5_000 : 50_000;
        var queries = options.Quick ? 200 : 300;
        var result = new JsonObject { ["organisations"] = size, ["queries_per_kind"] = queries };
        result["sqlite"] = await RunEngineAsync(DatabaseProvider.Sqlite, size, queries, cancellationToken);
        if (Environment.GetEnvironmentVariable("MAILLAGE_BENCH_POSTGRES") is { Length: > 0 })
        {
            result["postgresql"] = await RunEngineAsync(DatabaseProvider.PostgreSQL, size, queries, cancellationToken);
        }
        else
        {
            result["postgresql"] = "skipped: set MAILLAGE_BENCH_POSTGRES (scripts/postgres.sh start prints one)";
        }

        return result;
    }

    private static async Task<JsonObject> RunEngineAsync(DatabaseProvider provider, int size, int queries, CancellationToken ct)
    {
        var (connectionString, cleanup) = await CreateDatabaseAsync(provider);
        try
        {
            var builder = new DbContextOptionsBuilder<MaillageDbContext>();
            DatabaseSetup.Configure(builder, provider, connectionString);
            var options = builder.Options;
            var chamberId = await SeedAsync(options, provider, connectionString, size, ct);

            var kinds = new (string Name, Func<Random, DirectoryFilter> Filter)[]
            {
                ("browse", r => new DirectoryFilter(null, null, null, null, null, 1 + r.Next(5))),
                ("one_word", r => new DirectoryFilter(Words[r.Next(Words.Length)], null, null, null, null)),
                ("two_words", r => new DirectoryFilter(Words[r.Next(Words.Length)] + " " + Towns[r.Next(Towns.Length)], null, null, null, null)),
                ("sector_status", r => new DirectoryFilter(null, SectorCatalogue.Ess[r.Next(SectorCatalogue.Ess.Count)].Code, OrganisationStatus.NonProfit, null, null)),
                ("town", r => new DirectoryFilter(null, null, null, null, Towns[r.Next(Towns.Length)])),
            };
            var figures = new JsonObject();
            foreach (var (name, make) in kinds)
            {
                var maillage = new List<double>();
                var reference = new List<double>();
                var random = new Random(17);
                await using var connection = provider == DatabaseProvider.Sqlite
                    ? (DbConnection)new Microsoft.Data.Sqlite.SqliteConnection(DatabaseSetup.ResolveConnectionString(new DatabaseOptions { ConnectionString = connectionString }, Environment.CurrentDirectory))
                    : new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                for (var i = 0; i < queries + 20; i++)
                {
                    var filter = make(random);
                    var clock = Stopwatch.StartNew();
                    await using (var db = new MaillageDbContext(options))
                    {
                        var page = await new DirectoryQuery(db).SearchAsync(chamberId, filter, ct);
                        clock.Stop();
                        var raw = Stopwatch.StartNew();
                        var rawTotal = await RawSearchAsync(connection, provider, chamberId, filter, ct);
                        raw.Stop();
                        if (rawTotal != page.Total)
                        {
                            throw new InvalidOperationException($"{name}: Maillage found {page.Total}, raw SQL {rawTotal}");
                        }

                        // The first 20 warm caches and JIT on both sides.
                        if (i >= 20)
                        {
                            maillage.Add(clock.Elapsed.TotalMilliseconds);
                            reference.Add(raw.Elapsed.TotalMilliseconds);
                        }
                    }
                }

                var (m50, m95, m99) = Stats.Summarise(maillage);
                var (r50, r95, r99) = Stats.Summarise(reference);
                figures[name] = new JsonObject
                {
                    ["maillage_ms"] = new JsonObject { ["p50"] = m50, ["p95"] = m95, ["p99"] = m99 },
                    ["raw_sql_ms"] = new JsonObject { ["p50"] = r50, ["p95"] = r95, ["p99"] = r99 },
                    ["ratio_p50"] = Math.Round(m50 / r50, 2),
                    ["ratio_p95"] = Math.Round(m95 / r95, 2),
                };
                Console.Error.WriteLine($"{provider} {name}: Maillage p50 {m50} ms p95 {m95} ms; raw SQL p50 {r50} ms p95 {r95} ms");
            }

            return figures;
        }
        finally
        {
            await cleanup();
        }
    }

    /// <summary>The reference: the same page, count and town facet in hand-written SQL, no ORM, no mapping.</summary>
    private static async Task<int> RawSearchAsync(DbConnection connection, DatabaseProvider provider, Guid chamberId, DirectoryFilter filter, CancellationToken ct)
    {
        var where = new List<string> { "\"ChamberId\" = @chamber", "\"State\" = 'Active'" };
        var parameters = new List<(string, object)> { ("@chamber", provider == DatabaseProvider.Sqlite ? chamberId.ToString().ToUpperInvariant() : chamberId) };
        var terms = Maillage.Domain.Common.TextNormalizer.Terms(filter.Q);
        for (var i = 0; i < terms.Count; i++)
        {
            where.Add($"\"SearchText\" LIKE @t{i}");
            parameters.Add(($"@t{i}", "%" + terms[i] + "%"));
        }

        if (filter.Sector is { } sector)
        {
            where.Add("\"ProfileEssSectors\" LIKE @sector");
            parameters.Add(("@sector", "%," + sector + ",%"));
        }

        if (filter.Status is { } status)
        {
            where.Add("\"ProfileStatus\" = @status");
            parameters.Add(("@status", status.ToString()));
        }

        if (filter.Town is { } town)
        {
            where.Add("\"ProfileTown\" = @town");
            parameters.Add(("@town", town));
        }

        var condition = string.Join(" AND ", where);
        var sql = $"SELECT COUNT(*) FROM \"Organisations\" WHERE {condition}; " +
                  $"SELECT \"Id\", \"Slug\", \"ProfileName\", \"ProfileTown\", \"ProfileShortDescription\", \"ProfileEssSectors\" FROM \"Organisations\" WHERE {condition} ORDER BY \"NormalizedName\", \"Id\" LIMIT 20 OFFSET {(filter.Page - 1) * filter.PageSize}; " +
                  "SELECT \"ProfileTown\", COUNT(*) FROM \"Organisations\" WHERE \"ChamberId\" = @chamber AND \"State\" = 'Active' GROUP BY \"ProfileTown\"";
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Built from constants; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            _ = reader.GetString(2);
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            _ = reader.GetString(0);
        }

        return total;
    }

    private static async Task<Guid> SeedAsync(DbContextOptions<MaillageDbContext> options, DatabaseProvider provider, string connectionString, int size, CancellationToken ct)
    {
        await using (var db = new MaillageDbContext(options))
        {
            await new MigrationRunner(db, new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct);
        }

        var now = DateTime.UtcNow;
        var chamber = new Maillage.Domain.Chambers.Chamber("ge", "Chambre de test", "TEST", "GE", now);
        await using (var db = new MaillageDbContext(options))
        {
            db.Chambers.Add(chamber);
            await db.SaveChangesAsync(ct);
        }

        var random = new Random(2026);
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < size; start += 2_000)
        {
            await using var db = new MaillageDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(size, start + 2_000); i++)
            {
                var word = Words[random.Next(Words.Length)];
                var town = Towns[random.Next(Towns.Length)];
                var profile = new OrganisationProfile
                {
                    Name = $"{(random.Next(2) == 0 ? "Coopérative" : "Association")} {word} {i}",
                    LegalForm = random.Next(2) == 0 ? LegalForm.Cooperative : LegalForm.Association,
                    Status = random.Next(3) == 0 ? OrganisationStatus.LimitedProfit : OrganisationStatus.NonProfit,
                    NogaSection = SectorCatalogue.Noga[random.Next(19)].Code,
                    EssSectors = [SectorCatalogue.Ess[random.Next(SectorCatalogue.Ess.Count)].Code, SectorCatalogue.Ess[random.Next(SectorCatalogue.Ess.Count)].Code],
                    Street = $"Rue du Marché {random.Next(1, 99)}",
                    PostalCode = "1204",
                    Town = town,
                    Canton = "GE",
                    ShortDescription = $"Une organisation de {word} active à {town} depuis {1980 + random.Next(45)}.",
                    Description = $"Nous proposons des services de {Words[random.Next(Words.Length)]} et de {Words[random.Next(Words.Length)]} avec une équipe en insertion.",
                };
                db.Organisations.Add(new Organisation(chamber.Id, $"org-{i}", profile, MembershipType.Collective, new DateOnly(2020, 1, 1), now));
            }

            await db.SaveChangesAsync(ct);
        }

        Console.Error.WriteLine($"{provider}: seeded {size} organisations in {clock.Elapsed.TotalSeconds:F1} s");
        return chamber.Id;
    }

    private static async Task<(string ConnectionString, Func<Task> Cleanup)> CreateDatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "maillage-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            return ($"Data Source={Path.Combine(folder, "bench.db")}", () =>
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

        return (new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, async () =>
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
