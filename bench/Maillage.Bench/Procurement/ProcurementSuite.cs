using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maillage.Domain.Procurement;
using Maillage.Web.Data;
using Maillage.Web.Features.Procurement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

// Lives beside the other suites' namespace so Program.cs lists it without a using.
namespace Maillage.Bench;

/// <summary>
/// Procurement: importing a generated OCDS release package (realistic structure: buyer, parties, tender with lots,
/// items with CPV classifications, documents, periods) into SQLite through Maillage's streaming importer, in
/// notices per second; and evaluating watch profiles against a day's new notices with the indexed matcher and
/// with the naive nested loop measured in the same run (both must give the same matches).
/// </summary>
public sealed class ProcurementSuite : IBenchSuite
{
    private static readonly string[] Words = ["nettoyage", "écoles", "repas", "crèches", "vélos", "réparation", "informatique", "jardins", "déménagement", "formation", "traiteur", "vitres", "bâtiments", "entretien", "transport", "mobilier", "textiles", "insertion", "conciergerie", "imprimerie", "livraison", "collecte", "déchets", "accompagnement"];
    private static readonly string[] Cpvs = ["90911200", "90919200", "55524000", "55321000", "50100000", "72500000", "77310000", "80500000", "45233130", "60130000", "79810000", "85312000", "39130000", "18110000", "90511000", "98341120"];
    private static readonly string[] Cantons = ["GE", "VD", "VS", "NE", "FR", "JU", "BE"];
    private static readonly string[] Buyers = ["Ville de Genève", "Commune de Vernier", "État de Vaud", "Ville de Lausanne", "Commune de Carouge", "Hospice général", "HUG", "Ville de Sion"];

    private const int WarmUpNotices = 2000;

    public string Name => "procurement";

    public string Description => "OCDS import into SQLite (notices/s) and watch-profile matching, indexed vs nested loop";

    public async Task<JsonObject> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var notices = int.Parse(options.Value("--notices") ?? (options.Quick ? "20000" : "100000"), CultureInfo.InvariantCulture);
        var profiles = int.Parse(options.Value("--profiles") ?? (options.Quick ? "10000" : "10000"), CultureInfo.InvariantCulture);
        var daily = int.Parse(options.Value("--daily") ?? "2000", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["import"] = await ImportAsync(notices, cancellationToken),
            ["matching"] = Matching(profiles, daily),
        };
    }

    private static async Task<JsonObject> ImportAsync(int count, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"maillage-bench-procurement-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "package.json");
        var databaseFile = Path.Combine(folder, "bench.db");
        try
        {
            var generate = Stopwatch.StartNew();
            await using (var stream = File.Create(file))
            {
                Generate(stream, count, new Random(2026));
            }

            generate.Stop();
            var bytes = new FileInfo(file).Length;
            var connectionString = $"Data Source={databaseFile}";
            var builder = new DbContextOptionsBuilder<MaillageDbContext>();
            DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, connectionString);
            var chamber = new Maillage.Domain.Chambers.Chamber("ge", "Chambre de test", "TEST", "GE", DateTime.UtcNow);
            var import = new TenderImport { ChamberId = chamber.Id, Kind = TenderImportKind.Upload, Source = "bench", CreatedAt = DateTime.UtcNow, HeartbeatAt = DateTime.UtcNow };
            await using (var db = new MaillageDbContext(builder.Options))
            {
                await new MigrationRunner(db, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString }, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct);
                db.Chambers.Add(chamber);
                db.Set<TenderImport>().Add(import);
                await db.SaveChangesAsync(ct);
            }

            // Warm-up: a long-running server compiles the importer's code once; 2,000 notices imported first, into
            // another chamber of the same database, keep that one-time JIT work out of the measured rate.
            var warmUpFile = Path.Combine(folder, "warm-up.json");
            await using (var stream = File.Create(warmUpFile))
            {
                Generate(stream, WarmUpNotices, new Random(1));
            }

            var warmUpChamber = new Maillage.Domain.Chambers.Chamber("vd", "Chambre d'échauffement", "WARM", "VD", DateTime.UtcNow);
            var warmUp = new TenderImport { ChamberId = warmUpChamber.Id, Kind = TenderImportKind.Upload, Source = "warm-up", CreatedAt = DateTime.UtcNow, HeartbeatAt = DateTime.UtcNow };
            await using (var db = new MaillageDbContext(builder.Options))
            {
                db.Chambers.Add(warmUpChamber);
                db.Set<TenderImport>().Add(warmUp);
                await db.SaveChangesAsync(ct);
            }

            await using (var db = new MaillageDbContext(builder.Options))
            await using (var stream = File.OpenRead(warmUpFile))
            {
                await new TenderImporter(db, TimeProvider.System, NullLogger<TenderImporter>.Instance).RunAsync(warmUp.Id, stream, ct);
            }

            // The floor: reading the file alone (streamed parse of every release, no database), CPU time beside wall time.
            var readCpu = Environment.CpuUsage.TotalTime;
            var readClock = Stopwatch.StartNew();
            var releasesRead = 0;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                releasesRead += OcdsReader.ReadAll(stream).Count(e => e.Release is not null);
            }

            readClock.Stop();
            readCpu = Environment.CpuUsage.TotalTime - readCpu;

            var before = GC.GetTotalAllocatedBytes();
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            TenderImport done;
            await using (var db = new MaillageDbContext(builder.Options))
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                done = await new TenderImporter(db, TimeProvider.System, NullLogger<TenderImporter>.Instance).RunAsync(import.Id, stream, ct);
            }

            clock.Stop();
            cpu = Environment.CpuUsage.TotalTime - cpu;
            var rate = done.Created / clock.Elapsed.TotalSeconds;

            // Importing the same file again must change nothing, and says how fast a daily re-poll of a feed is.
            var again = new TenderImport { ChamberId = chamber.Id, Kind = TenderImportKind.Upload, Source = "bench again", CreatedAt = DateTime.UtcNow, HeartbeatAt = DateTime.UtcNow };
            await using (var db = new MaillageDbContext(builder.Options))
            {
                db.Set<TenderImport>().Add(again);
                await db.SaveChangesAsync(ct);
            }

            var reclock = Stopwatch.StartNew();
            TenderImport reimport;
            await using (var db = new MaillageDbContext(builder.Options))
            await using (var stream = File.OpenRead(file))
            {
                reimport = await new TenderImporter(db, TimeProvider.System, NullLogger<TenderImporter>.Instance).RunAsync(again.Id, stream, ct);
            }

            reclock.Stop();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return new JsonObject
            {
                ["engine"] = "sqlite",
                ["notices"] = count,
                ["file_mb"] = Math.Round(bytes / 1048576.0, 1),
                ["generate_seconds"] = Math.Round(generate.Elapsed.TotalSeconds, 2),
                ["warm_up_notices"] = WarmUpNotices,
                ["import_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
                ["notices_per_second"] = Math.Round(rate),
                ["import_cpu_seconds"] = Math.Round(cpu.TotalSeconds, 2),
                ["notices_per_cpu_second"] = Math.Round(done.Created / Math.Max(cpu.TotalSeconds, 1e-3)),
                ["reference_read_only_seconds"] = Math.Round(readClock.Elapsed.TotalSeconds, 2),
                ["reference_read_only_cpu_seconds"] = Math.Round(readCpu.TotalSeconds, 2),
                ["reference_read_only_releases"] = releasesRead,
                ["target_notices_per_second"] = 5000,
                ["meets_target"] = rate >= 5000,
                ["state"] = done.State.ToString(),
                ["created"] = done.Created,
                ["skipped"] = done.Skipped,
                ["allocated_mb"] = Math.Round((GC.GetTotalAllocatedBytes() - before) / 1048576.0),
                ["reimport_seconds"] = Math.Round(reclock.Elapsed.TotalSeconds, 2),
                ["reimport_unchanged"] = reimport.Unchanged,
                ["reimport_changes_nothing"] = reimport.Created == 0 && reimport.Updated == 0 && reimport.Unchanged == count,
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A day's notices against members' watch profiles. Real notices draw on a large vocabulary with a few very
    /// common words (Zipf's law) and on hundreds of CPV codes, and a real profile names at least one keyword or CPV
    /// prefix of three digits or more: a profile that names nothing would match every notice and is not a watch.
    /// The domain words above are the common ones; the long tail is made of generated words.
    /// </summary>
    private static JsonObject Matching(int profileCount, int noticeCount)
    {
        var random = new Random(7);
        var vocabulary = Words.Concat(Enumerable.Range(0, 6_000).Select(i => GeneratedWord(i))).ToArray();
        var cpvCodes = Enumerable.Range(0, 600).Select(_ => Pick(random, Cpvs)[..2] + random.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture)).Distinct().ToArray();
        string ZipfWord() => vocabulary[(int)Math.Min(vocabulary.Length - 1, Math.Floor(Math.Pow(vocabulary.Length, random.NextDouble())) - 1)];
        string ZipfText(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => ZipfWord()));
        string ProfileKeyword() => vocabulary[random.Next(Words.Length, Math.Min(vocabulary.Length, Words.Length + 1_500))];
        var profiles = Enumerable.Range(0, profileCount).Select(_ =>
        {
            var keywords = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(4) == 0 ? $"{ProfileKeyword()} {ProfileKeyword()}" : ProfileKeyword()).ToList();
            var prefixes = Enumerable.Range(0, random.Next(keywords.Count == 0 ? 1 : 0, 3)).Select(_ => Pick(random, cpvCodes)[..random.Next(3, 7)]).ToList();
            return new WatchProfileSpec(
                Guid.NewGuid(),
                keywords,
                prefixes,
                random.Next(2) == 0 ? [] : [Pick(random, Cantons)],
                random.Next(4) == 0 ? 50_000m : null,
                random.Next(4) == 0 ? 2_000_000m : null,
                random.Next(8) == 0);
        }).ToList();
        var notices = Enumerable.Range(0, noticeCount).Select(i => new NoticeFacts(
            Guid.NewGuid(),
            $"{ZipfText(8)} {ZipfText(30)}",
            Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, cpvCodes)).Distinct().ToList(),
            [Pick(random, Cantons)],
            random.Next(3) == 0 ? null : random.Next(10, 5000) * 1000m,
            random.Next(10) == 0,
            random.Next(6) == 0)).ToList();

        var indexed = Stopwatch.StartNew();
        var matcher = new WatchMatcher(profiles);
        var matches = matcher.Match(notices);
        indexed.Stop();

        var naive = Stopwatch.StartNew();
        var reference = WatchMatcher.MatchNaively(profiles, notices);
        naive.Stop();

        var same = matches.Count == reference.Count
            && matches.Select(m => (m.ProfileId, m.NoticeId)).ToHashSet().SetEquals(reference.Select(m => (m.ProfileId, m.NoticeId)));
        return new JsonObject
        {
            ["profiles"] = profileCount,
            ["notices"] = noticeCount,
            ["matches"] = matches.Count,
            ["matches_per_notice"] = Math.Round(matches.Count / (double)Math.Max(1, noticeCount), 1),
            ["indexed_seconds"] = Math.Round(indexed.Elapsed.TotalSeconds, 3),
            ["target_seconds"] = 2,
            ["meets_target"] = indexed.Elapsed.TotalSeconds <= 2,
            ["reference_nested_loop_seconds"] = Math.Round(naive.Elapsed.TotalSeconds, 3),
            ["speedup"] = Math.Round(naive.Elapsed.TotalSeconds / Math.Max(indexed.Elapsed.TotalSeconds, 1e-6), 1),
            ["same_matches_as_reference"] = same,
        };
    }

    /// <summary>Writes a release package the way publishers do: one release per process, with parties, lots, items, documents.</summary>
    private static void Generate(Stream stream, int count, Random random)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("version", "1.1");
        json.WriteString("uri", "https://example.org/bench/package.json");
        json.WriteString("publishedDate", "2026-11-22T06:00:00Z");
        json.WriteStartObject("publisher");
        json.WriteString("name", "Bench publisher");
        json.WriteEndObject();
        json.WriteStartArray("releases");
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var ocid = $"ocds-bench-{i:D7}";
            var date = start.AddMinutes(i);
            var canton = Pick(random, Cantons);
            var buyer = Pick(random, Buyers);
            json.WriteStartObject();
            json.WriteString("ocid", ocid);
            json.WriteString("id", $"{ocid}-tender");
            json.WriteString("date", date);
            json.WriteString("language", "fr");
            json.WriteString("initiationType", "tender");
            json.WriteStartArray("tag");
            json.WriteStringValue("tender");
            json.WriteEndArray();
            json.WriteStartArray("parties");
            json.WriteStartObject();
            json.WriteString("id", $"CH-{canton}-{buyer.Length}");
            json.WriteString("name", buyer);
            json.WriteStartArray("roles");
            json.WriteStringValue("buyer");
            json.WriteEndArray();
            json.WriteStartObject("address");
            json.WriteString("locality", buyer);
            json.WriteString("region", canton);
            json.WriteString("countryName", "Suisse");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("buyer");
            json.WriteString("id", $"CH-{canton}-{buyer.Length}");
            json.WriteString("name", buyer);
            json.WriteEndObject();
            json.WriteStartObject("tender");
            json.WriteString("id", $"{ocid}-t");
            json.WriteString("title", Sentence(random, 7));
            json.WriteString("description", Sentence(random, 40));
            json.WriteString("status", "active");
            json.WriteString("procurementMethod", random.Next(3) == 0 ? "selective" : "open");
            json.WriteString("mainProcurementCategory", "services");
            json.WriteStartObject("value");
            json.WriteNumber("amount", random.Next(10, 5000) * 1000);
            json.WriteString("currency", "CHF");
            json.WriteEndObject();
            json.WriteStartObject("tenderPeriod");
            json.WriteString("startDate", date);
            json.WriteString("endDate", date.AddDays(30));
            json.WriteEndObject();
            json.WriteStartObject("enquiryPeriod");
            json.WriteString("endDate", date.AddDays(15));
            json.WriteEndObject();
            var lots = random.Next(0, 4);
            json.WriteStartArray("lots");
            for (var l = 1; l <= lots; l++)
            {
                json.WriteStartObject();
                json.WriteString("id", l.ToString(CultureInfo.InvariantCulture));
                json.WriteString("title", Sentence(random, 4));
                json.WriteStartObject("value");
                json.WriteNumber("amount", random.Next(10, 900) * 1000);
                json.WriteString("currency", "CHF");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("items");
            for (var t = 1; t <= Math.Max(1, lots); t++)
            {
                json.WriteStartObject();
                json.WriteString("id", t.ToString(CultureInfo.InvariantCulture));
                json.WriteString("description", Sentence(random, 5));
                json.WriteStartObject("classification");
                json.WriteString("scheme", "CPV");
                json.WriteString("id", Pick(random, Cpvs) + "-" + random.Next(10).ToString(CultureInfo.InvariantCulture));
                json.WriteEndObject();
                if (lots > 0)
                {
                    json.WriteString("relatedLot", t.ToString(CultureInfo.InvariantCulture));
                }

                json.WriteNumber("quantity", random.Next(1, 100));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("documents");
            json.WriteStartObject();
            json.WriteString("id", "1");
            json.WriteString("documentType", "tenderNotice");
            json.WriteString("title", "Avis");
            json.WriteString("url", $"https://www.simap.ch/bench/{i}");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            if (i % 1000 == 0)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Sentence(Random random, int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Pick(random, Words)));

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    /// <summary>A pronounceable word, distinct for each number (consonant-vowel syllables in base 100).</summary>
    private static string GeneratedWord(int number)
    {
        const string consonants = "bcdfglmnprstvz";
        const string vowels = "aeiou";
        var word = new System.Text.StringBuilder();
        var n = number + 100;
        while (n > 0)
        {
            var syllable = n % 70;
            word.Append(consonants[syllable % consonants.Length]).Append(vowels[syllable / consonants.Length]);
            n /= 70;
        }

        return word.ToString();
    }
}
