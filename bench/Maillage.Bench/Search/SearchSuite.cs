using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Maillage.Domain.Common;
using Maillage.Domain.Search;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Maillage.Bench;

/// <summary>
/// The portal's search: Maillage's in-memory French index against SQLite FTS5 (MATCH + bm25) and PostgreSQL full
/// text ('french' + unaccent, GIN), on the same generated catalogue and the same query mix (single words, accents
/// dropped, plurals, typos, 2–4 words, with and without facet filters and a radius), each answering the top 20 and
/// the facet counts. PostgreSQL runs when MAILLAGE_BENCH_POSTGRES holds an admin connection string.
/// </summary>
public sealed class SearchSuite : IBenchSuite
{
    private static readonly string[] FacetNames = ["category", "canton", "audience", "labelled", "currency"];
    private static readonly GeoPoint Lausanne = new(46.5197, 6.6323);

    public string Name => "search";

    public string Description => "portal search: Maillage index vs SQLite FTS5 and PostgreSQL full text, latency and relevance";

    internal sealed record BenchQuery(string Kind, string Text, string? Category, string? Canton, bool Near, string? Target);

    private sealed record EngineRun(string Engine, List<double> Latencies, int TargetsFound, int TargetsAsked, Dictionary<string, List<double>> ByKind);

    public async Task<JsonObject> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        int[] sizes = options.Value("--sizes") is { } custom
            ? custom.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
            : options.Quick ? [20_000] : [100_000, 1_000_000];
        var queries = BuildQueries(options.Quick ? 200 : 500, seed: 99);
        var result = new JsonObject { ["queries"] = queries.Count, ["query_kinds"] = new JsonArray([.. queries.Select(q => q.Kind).Distinct().Select(k => (JsonNode)k!)]) };
        var runs = new JsonArray();
        foreach (var size in sizes)
        {
            runs.Add(await RunSizeAsync(size, queries, cancellationToken));
        }

        result["sizes"] = runs;

        // The app over HTTP (100k offers by default, 5k with --quick): wrk on /api/v1/search against /health.
        var httpSize = options.Value("--http-size") is { } httpCustom ? int.Parse(httpCustom, CultureInfo.InvariantCulture) : options.Quick ? 5_000 : 100_000;
        result["http"] = httpSize > 0 ? await HttpThroughput.RunAsync(httpSize, queries, options.Quick, cancellationToken) : "skipped (--http-size 0)";
        return result;
    }

    private static async Task<JsonObject> RunSizeAsync(int size, List<BenchQuery> queries, CancellationToken ct)
    {
        Console.Error.WriteLine($"search: generating {size:N0} offers");
        var offers = FrenchCatalogue.Generate(size, seed: 2026).ToList();
        var figures = new JsonObject { ["offers"] = size };

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        using var index = new SearchIndex();
        foreach (var offer in offers)
        {
            index.Upsert(ToDocument(offer));
        }

        var buildSeconds = clock.Elapsed.TotalSeconds;
        var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.Error.WriteLine($"search: Maillage index built in {buildSeconds:F1} s, {indexBytes / 1e6:F0} MB");
        var titleByKey = offers.ToDictionary(o => o.Id.ToString(CultureInfo.InvariantCulture), o => o.Title);
        var runs = new List<EngineRun> { Measure("maillage", queries, q => MaillageSearch(index, q, titleByKey)) };

        await using (var sqlite = await BuildSqliteAsync(offers, ct))
        {
            runs.Add(Measure("sqlite_fts5", queries, q => SqliteSearch(sqlite, q)));
        }

        if (Environment.GetEnvironmentVariable("MAILLAGE_BENCH_POSTGRES") is { Length: > 0 } admin)
        {
            var (connectionString, drop) = await CreatePostgresAsync(admin, offers, ct);
            try
            {
                await using var pg = new NpgsqlConnection(connectionString);
                await pg.OpenAsync(ct);
                runs.Add(Measure("postgresql_fts", queries, q => PostgresSearch(pg, q)));
            }
            finally
            {
                await drop();
            }
        }

        var engines = new JsonObject();
        foreach (var run in runs)
        {
            var (p50, p95, p99) = Stats.Summarise(run.Latencies);
            engines[run.Engine] = new JsonObject
            {
                ["p50_ms"] = p50,
                ["p95_ms"] = p95,
                ["p99_ms"] = p99,
                ["typo_accent_targets_in_top5"] = $"{run.TargetsFound}/{run.TargetsAsked}",
                ["p95_ms_by_kind"] = new JsonObject(run.ByKind.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, Stats.Summarise(kv.Value).P95))),
            };
        }

        figures["engines"] = engines;
        figures["maillage_index_build_s"] = Math.Round(buildSeconds, 2);
        figures["maillage_index_mb"] = Math.Round(indexBytes / 1e6, 1);
        figures["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, 1);
        var maillageP95 = Stats.Summarise(runs[0].Latencies).P95;
        var bestReference = runs.Skip(1).Select(r => Stats.Summarise(r.Latencies).P95).DefaultIfEmpty(double.NaN).Min();
        figures["best_reference_p95_over_maillage_p95"] = Math.Round(bestReference / maillageP95, 2);
        figures["target"] = size >= 1_000_000 ? "p95 ≤ 50 ms, ≥ 5× faster than the best reference" : "p95 ≤ 10 ms, ≥ 5× faster than the best reference";
        return figures;
    }

    private static EngineRun Measure(string engine, List<BenchQuery> queries, Func<BenchQuery, List<string>> search)
    {
        // Warm-up: JIT, caches and the first prefix table on every engine alike.
        foreach (var query in queries.Take(20))
        {
            search(query);
        }

        var latencies = new List<double>();
        var byKind = new Dictionary<string, List<double>>();
        var found = 0;
        var asked = 0;
        foreach (var query in queries)
        {
            var clock = Stopwatch.StartNew();
            var titles = search(query);
            clock.Stop();
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            (byKind.TryGetValue(query.Kind, out var list) ? list : byKind[query.Kind] = []).Add(clock.Elapsed.TotalMilliseconds);
            if (query.Target is { } target)
            {
                asked++;
                if (titles.Take(5).Any(t => TextNormalizer.Fold(t).Contains(target, StringComparison.Ordinal)))
                {
                    found++;
                }
            }
        }

        Console.Error.WriteLine($"search: {engine} p50 {Stats.Summarise([.. latencies]).P50} ms, p95 {Stats.Summarise([.. latencies]).P95} ms, targets {found}/{asked}");
        return new EngineRun(engine, latencies, found, asked, byKind);
    }

    private static SearchDocument ToDocument(CatalogueOffer offer) => new(
        offer.Id.ToString(CultureInfo.InvariantCulture),
        offer.Title,
        offer.Body,
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["category"] = [offer.Category],
            ["canton"] = [offer.Canton],
            ["audience"] = [offer.Audience],
            ["labelled"] = [offer.Labelled ? "yes" : "no"],
            ["currency"] = [offer.Currency ? "yes" : "no"],
        },
        offer.Location,
        offer.Labelled ? 1.2 : 1.0);

    private static List<string> MaillageSearch(SearchIndex index, BenchQuery query, Dictionary<string, string> titleByKey)
    {
        var filters = new Dictionary<string, IReadOnlyCollection<string>>();
        if (query.Category is { } category)
        {
            filters["category"] = [category];
        }

        if (query.Canton is { } canton)
        {
            filters["canton"] = [canton];
        }

        var results = index.Search(new SearchRequest(query.Text, filters, query.Near ? new GeoFilter(Lausanne, 25) : null, FacetNames));
        return results.Hits.Select(h => titleByKey[h.Key]).ToList();
    }

    private static async Task<SqliteConnection> BuildSqliteAsync(List<CatalogueOffer> offers, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"maillage-search-{Guid.NewGuid():N}.db");
        var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = OFF;
            CREATE TABLE offers (id INTEGER PRIMARY KEY, title TEXT, category TEXT, canton TEXT, audience TEXT, labelled INTEGER, currency INTEGER, lat REAL, lon REAL);
            CREATE VIRTUAL TABLE offers_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
            CREATE INDEX offers_category ON offers(category);
            CREATE INDEX offers_canton ON offers(canton);
            """);
        var clock = Stopwatch.StartNew();
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            await using var insertOffer = connection.CreateCommand();
            insertOffer.Transaction = transaction;
            insertOffer.CommandText = "INSERT INTO offers VALUES ($id, $title, $category, $canton, $audience, $labelled, $currency, $lat, $lon)";
            await using var insertText = connection.CreateCommand();
            insertText.Transaction = transaction;
            insertText.CommandText = "INSERT INTO offers_fts (rowid, title, body) VALUES ($id, $title, $body)";
            foreach (var offer in offers)
            {
                insertOffer.Parameters.Clear();
                insertOffer.Parameters.AddWithValue("$id", offer.Id);
                insertOffer.Parameters.AddWithValue("$title", offer.Title);
                insertOffer.Parameters.AddWithValue("$category", offer.Category);
                insertOffer.Parameters.AddWithValue("$canton", offer.Canton);
                insertOffer.Parameters.AddWithValue("$audience", offer.Audience);
                insertOffer.Parameters.AddWithValue("$labelled", offer.Labelled ? 1 : 0);
                insertOffer.Parameters.AddWithValue("$currency", offer.Currency ? 1 : 0);
                insertOffer.Parameters.AddWithValue("$lat", offer.Location.Latitude);
                insertOffer.Parameters.AddWithValue("$lon", offer.Location.Longitude);
                await insertOffer.ExecuteNonQueryAsync(ct);
                insertText.Parameters.Clear();
                insertText.Parameters.AddWithValue("$id", offer.Id);
                insertText.Parameters.AddWithValue("$title", offer.Title);
                insertText.Parameters.AddWithValue("$body", offer.Body);
                await insertText.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }

        Console.Error.WriteLine($"search: SQLite FTS5 built in {clock.Elapsed.TotalSeconds:F1} s");
        return connection;
    }

    /// <summary>The reference as documented: words ANDed as quoted FTS5 strings (so no input is syntax), bm25 with title weight 3.</summary>
    private static List<string> SqliteSearch(SqliteConnection connection, BenchQuery query)
    {
        var words = TextNormalizer.Terms(query.Text);
        var match = string.Join(' ', words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        var (where, parameters) = SqlFilters(query, "o.");
        var titles = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = words.Count == 0
                ? $"SELECT o.title FROM offers o WHERE 1 = 1 {where} LIMIT 20"
                : $"SELECT o.title FROM offers_fts f JOIN offers o ON o.id = f.rowid WHERE offers_fts MATCH $match {where} ORDER BY bm25(offers_fts, 3.0, 1.0) LIMIT 20";
            command.Parameters.AddWithValue("$match", match);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                titles.Add(reader.GetString(0));
            }
        }

        foreach (var facet in FacetNames)
        {
            using var command = connection.CreateCommand();
            command.CommandText = words.Count == 0
                ? $"SELECT o.{facet}, COUNT(*) FROM offers o WHERE 1 = 1 {where} GROUP BY o.{facet}"
                : $"SELECT o.{facet}, COUNT(*) FROM offers_fts f JOIN offers o ON o.id = f.rowid WHERE offers_fts MATCH $match {where} GROUP BY o.{facet}";
            command.Parameters.AddWithValue("$match", match);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _ = reader.GetValue(0);
            }
        }

        return titles;
    }

    private static (string Where, List<(string Name, object Value)> Parameters) SqlFilters(BenchQuery query, string alias)
    {
        var where = new List<string>();
        var parameters = new List<(string, object)>();
        if (query.Category is { } category)
        {
            where.Add($"{alias}category = $category");
            parameters.Add(("$category", category));
        }

        if (query.Canton is { } canton)
        {
            where.Add($"{alias}canton = $canton");
            parameters.Add(("$canton", canton));
        }

        if (query.Near)
        {
            // A bounding box of about 25 km around Lausanne: what an index-friendly SQL radius filter does first.
            where.Add($"{alias}lat BETWEEN 46.295 AND 46.744 AND {alias}lon BETWEEN 6.306 AND 6.958");
        }

        return (where.Count == 0 ? string.Empty : " AND " + string.Join(" AND ", where), parameters);
    }

    private static async Task<(string ConnectionString, Func<Task> Drop)> CreatePostgresAsync(string admin, List<CatalogueOffer> offers, CancellationToken ct)
    {
        var name = "maillage_search_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var clock = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            // Loaded in batches so that a million offers fit in memory and time: rows are copied into an unlogged
            // staging table 100,000 at a time, then moved with their tsvector computed, 100,000 per transaction.
            await ExecuteAsync(connection, """
                CREATE EXTENSION IF NOT EXISTS unaccent;
                CREATE UNLOGGED TABLE offers_load (id int PRIMARY KEY, title text, body text, category text, canton text, audience text, labelled bool, currency bool, lat float8, lon float8);
                CREATE TABLE offers (id int PRIMARY KEY, title text, body text, category text, canton text, audience text, labelled bool, currency bool, lat float8, lon float8, tsv tsvector);
                """);
            const int Batch = 100_000;
            foreach (var chunk in offers.Chunk(Batch))
            {
                await using var writer = await connection.BeginBinaryImportAsync("COPY offers_load (id, title, body, category, canton, audience, labelled, currency, lat, lon) FROM STDIN (FORMAT BINARY)", ct);
                foreach (var offer in chunk)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(offer.Id, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(offer.Title, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(offer.Body, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(offer.Category, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(offer.Canton, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(offer.Audience, NpgsqlDbType.Text, ct);
                    await writer.WriteAsync(offer.Labelled, NpgsqlDbType.Boolean, ct);
                    await writer.WriteAsync(offer.Currency, NpgsqlDbType.Boolean, ct);
                    await writer.WriteAsync(offer.Location.Latitude, NpgsqlDbType.Double, ct);
                    await writer.WriteAsync(offer.Location.Longitude, NpgsqlDbType.Double, ct);
                }

                await writer.CompleteAsync(ct);
            }

            for (var start = 0; start < offers.Count; start += Batch)
            {
                await ExecuteAsync(connection, $"""
                    INSERT INTO offers (id, title, body, category, canton, audience, labelled, currency, lat, lon, tsv)
                    SELECT id, title, body, category, canton, audience, labelled, currency, lat, lon,
                           setweight(to_tsvector('french', unaccent(title)), 'A') || setweight(to_tsvector('french', unaccent(body)), 'B')
                    FROM offers_load WHERE id >= {start} AND id < {start + Batch};
                    """);
                if (offers.Count > Batch)
                {
                    Console.Error.WriteLine($"search: PostgreSQL {Math.Min(offers.Count, start + Batch):N0}/{offers.Count:N0} offers indexed ({clock.Elapsed.TotalSeconds:F0} s)");
                }
            }

            await ExecuteAsync(connection, """
                DROP TABLE offers_load;
                CREATE INDEX offers_tsv ON offers USING gin (tsv);
                CREATE INDEX offers_category ON offers (category);
                CREATE INDEX offers_canton ON offers (canton);
                ANALYZE offers;
                """, timeoutSeconds: 3600);
        }

        Console.Error.WriteLine($"search: PostgreSQL full text built in {clock.Elapsed.TotalSeconds:F1} s");
        return (connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
        );
    }

    private static List<string> PostgresSearch(NpgsqlConnection connection, BenchQuery query)
    {
        var (where, parameters) = SqlFilters(query, string.Empty);
        where = where.Replace("$", "@", StringComparison.Ordinal);
        var hasWords = TextNormalizer.Terms(query.Text).Count > 0;
        var titles = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = hasWords
                ? $"SELECT title FROM offers, plainto_tsquery('french', unaccent(@q)) q WHERE tsv @@ q {where} ORDER BY ts_rank(tsv, q) DESC LIMIT 20"
                : $"SELECT title FROM offers WHERE true {where} LIMIT 20";
            command.Parameters.AddWithValue("q", query.Text);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name.TrimStart('$'), value);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                titles.Add(reader.GetString(0));
            }
        }

        foreach (var facet in FacetNames)
        {
            using var command = connection.CreateCommand();
            command.CommandText = hasWords
                ? $"SELECT {facet}, COUNT(*) FROM offers, plainto_tsquery('french', unaccent(@q)) q WHERE tsv @@ q {where} GROUP BY {facet}"
                : $"SELECT {facet}, COUNT(*) FROM offers WHERE true {where} GROUP BY {facet}";
            command.Parameters.AddWithValue("q", query.Text);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name.TrimStart('$'), value);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _ = reader.GetValue(0);
            }
        }

        return titles;
    }

    /// <summary>A fixed, seeded mix of what people type, each kind equally often.</summary>
    private static List<BenchQuery> BuildQueries(int count, int seed)
    {
        var random = new Random(seed);
        var queries = new List<BenchQuery>();
        var categories = FrenchCatalogue.Categories;
        for (var i = 0; i < count; i++)
        {
            var (category, nouns, qualifiers) = categories[random.Next(categories.Length)];
            var noun = nouns[random.Next(nouns.Length)];
            var folded = TextNormalizer.Fold(noun);
            var word = folded.Split(' ')[0];
            queries.Add((i % 8) switch
            {
                0 => new BenchQuery("single_word", noun, null, null, false, null),
                1 => new BenchQuery("no_accents", folded, null, null, false, word),
                2 => new BenchQuery("plural", word.EndsWith('s') ? word : word + "s", null, null, false, word),
                3 => new BenchQuery("typo", Typo(word, random), null, null, false, word.Length >= 5 ? word : null),
                4 => new BenchQuery("two_words", $"{noun} {qualifiers[random.Next(qualifiers.Length)]}", null, null, false, null),
                5 => new BenchQuery("three_four_words", $"{noun} {qualifiers[random.Next(qualifiers.Length)]} {FrenchCatalogue.Cantons[random.Next(3)] switch { "GE" => "Genève", "VD" => "Lausanne", _ => "Fribourg" }}", null, null, false, null),
                6 => new BenchQuery("word_and_facets", noun, category, FrenchCatalogue.Cantons[random.Next(FrenchCatalogue.Cantons.Length)], false, null),
                _ => new BenchQuery("word_and_radius", noun, null, null, true, null),
            });
        }

        return queries;
    }

    /// <summary>One plausible slip: a letter replaced by a neighbour, dropped, or two letters swapped.</summary>
    private static string Typo(string word, Random random)
    {
        if (word.Length < 5)
        {
            return word;
        }

        var position = 1 + random.Next(word.Length - 2);
        var letters = word.ToCharArray();
        switch (random.Next(3))
        {
            case 0:
                letters[position] = letters[position] == 'e' ? 'a' : 'e';
                return new string(letters);
            case 1:
                return word.Remove(position, 1);
            default:
                (letters[position], letters[position + 1]) = (letters[position + 1], letters[position]);
                return new string(letters);
        }
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql, int timeoutSeconds = 600)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Fixed statements of the benchmark, no input.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.CommandTimeout = timeoutSeconds;
        await command.ExecuteNonQueryAsync();
    }
}
