using System.Data.Common;
using System.Text.Json.Nodes;
using Maillage.Domain.Chambers;
using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Currency;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Maillage.Bench;

/// <summary>
/// The currency's payments through <see cref="LedgerService"/> and its single writer (in-process), side by side
/// with the raw one-payment-per-transaction limit of the same database on the same data shape. 10,000 organisation
/// accounts in one chamber; workloads "uniform" (random payer and payee, no fee) and "hot" (1 % fee: every payment
/// also credits the chamber's one fee account); 1 and 16 closed-loop clients; then open-loop at half the peak rate.
/// SQLite is a file as the app opens it (write-ahead log, synchronous FULL: durable commits); PostgreSQL must run with
/// fsync and synchronous_commit on (MAILLAGE_PG_DURABLE=1 scripts/postgres.sh start).
/// </summary>
public sealed class LedgerSuite : IBenchSuite
{
    public const int AccountCount = 10_000;
    private static readonly LedgerActor Actor = new(null, "bench");

    public string Name => "ledger";

    public string Description => "currency payments/s and p50/p99 through the ledger writer vs raw one-payment transactions";

    public async Task<JsonObject> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var duration = TimeSpan.FromSeconds(double.Parse(options.Value("--seconds") ?? (options.Quick ? "2" : "10"), System.Globalization.CultureInfo.InvariantCulture));
        var result = new JsonObject
        {
            ["accounts"] = AccountCount,
            ["seconds_per_run"] = duration.TotalSeconds,
            ["note"] = "closed loop: each client waits for its answer; open loop: arrivals at half the peak rate, latency from the planned arrival",
        };
        // --engine sqlite|postgresql runs one engine only (e.g. to compare two builds of the writer quickly).
        var engine = options.Value("--engine");
        result["sqlite"] = engine is null or "sqlite"
            ? await RunEngineAsync(DatabaseProvider.Sqlite, duration, options, cancellationToken)
            : "skipped: --engine " + engine;
        if (engine == "sqlite")
        {
            result["postgresql"] = "skipped: --engine sqlite";
        }
        else if (Environment.GetEnvironmentVariable("MAILLAGE_BENCH_POSTGRES") is { Length: > 0 })
        {
            result["postgresql"] = await RunEngineAsync(DatabaseProvider.PostgreSQL, duration, options, cancellationToken);
        }
        else
        {
            result["postgresql"] = "skipped: set MAILLAGE_BENCH_POSTGRES to a durable server (MAILLAGE_PG_DURABLE=1 scripts/postgres.sh start prints one)";
        }

        return result;
    }

    private static async Task<JsonObject> RunEngineAsync(DatabaseProvider provider, TimeSpan duration, BenchOptions options, CancellationToken ct)
    {
        var (connectionString, cleanup) = await CreateDatabaseAsync(provider);
        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(TimeProvider.System);
            services.AddMaillageDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, Environment.CurrentDirectory);
            services.AddCurrency();
            await using var root = services.BuildServiceProvider();
            var ledger = await BenchLedger.SeedAsync(root, provider, ct);
            var figures = new JsonObject { ["durability"] = await DescribeDurabilityAsync(root) };
            var label = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

            // The raw reference, on its own tables of the same database.
            var raw = new JsonObject();
            var pgbench = provider == DatabaseProvider.PostgreSQL ? RawReference.FindPgbench() : null;
            raw["tool"] = provider == DatabaseProvider.Sqlite ? "ADO.NET loop, prepared statements, one lock shared by the clients (SQLite has one writer)" : pgbench is null ? "Npgsql loop (pgbench not found)" : "pgbench -M prepared, custom script";
            await using (var connection = ledger.Connect())
            {
                await connection.OpenAsync(ct);
                await RawReference.CreateAsync(connection, provider == DatabaseProvider.PostgreSQL, AccountCount);
            }

            var rawFigures = new Dictionary<string, LoadFigures>();
            await RawReference.RunLoopAsync(ledger.Connect, provider == DatabaseProvider.Sqlite, hot: false, 1, AccountCount, TimeSpan.FromSeconds(0.5));
            foreach (var (workload, hot) in new[] { ("uniform", false), ("hot", true) })
            {
                foreach (var clients in new[] { 1, 16 })
                {
                    var f = pgbench is null
                        ? await RawReference.RunLoopAsync(ledger.Connect, provider == DatabaseProvider.Sqlite, hot, clients, AccountCount, duration)
                        : await RawReference.RunPgbenchAsync(pgbench, connectionString, hot, clients, AccountCount, duration);
                    rawFigures[$"{workload}_{clients}"] = f;
                    raw[$"{workload}_{clients}_clients"] = f.ToJson();
                    Console.Error.WriteLine($"{label} raw      {workload,-7} {clients,2} clients: {f}");
                }
            }

            // The same loop with no sync at commit: what the raw work costs when durability is free, so the most any
            // grouping of durable commits could gain over it on this machine (a ceiling for the "2x raw" target).
            var withoutSync = pgbench is null
                ? await RawReference.RunLoopAsync(RawTransaction.WithoutSync(ledger.Connect, provider == DatabaseProvider.Sqlite), provider == DatabaseProvider.Sqlite, hot: false, 1, AccountCount, duration)
                : await RawReference.RunPgbenchAsync(pgbench, connectionString, hot: false, 1, AccountCount, duration, durable: false);
            raw["uniform_1_clients_no_sync"] = withoutSync.ToJson();
            Console.Error.WriteLine($"{label} raw      uniform  1 clients, no sync: {withoutSync}");
            figures["raw"] = raw;

            // The same transaction on the ledger's own row shape (GUID keys as stored, the operation's columns).
            var shaped = new JsonObject { ["tool"] = ShapedRawReference.Tool };
            var shapedFigures = new Dictionary<string, LoadFigures>();
            Guid feeAccount;
            await using (var connection = ledger.Connect())
            {
                await connection.OpenAsync(ct);
                await ShapedRawReference.CreateAsync(connection, provider == DatabaseProvider.PostgreSQL);
                feeAccount = await BenchLedger.FeeAccountAsync(connection);
            }

            foreach (var (workload, fee) in new[] { ("uniform", (Guid?)null), ("hot", feeAccount) })
            {
                var f = await ShapedRawReference.RunAsync(ledger.Connect, provider == DatabaseProvider.Sqlite, ledger.ChamberId, ledger.Accounts, fee, 1, duration);
                shapedFigures[workload] = f;
                shaped[$"{workload}_1_client"] = f.ToJson();
                Console.Error.WriteLine($"{label} raw shaped {workload,-7}  1 client:  {f}");
            }

            var shapedWithoutSync = await ShapedRawReference.RunAsync(RawTransaction.WithoutSync(ledger.Connect, provider == DatabaseProvider.Sqlite), provider == DatabaseProvider.Sqlite, ledger.ChamberId, ledger.Accounts, null, 1, duration);
            shaped["uniform_1_client_no_sync"] = shapedWithoutSync.ToJson();
            Console.Error.WriteLine($"{label} raw shaped uniform  1 client, no sync: {shapedWithoutSync}");
            figures["raw_ledger_shape"] = shaped;

            // Maillage in-process: LedgerService → LedgerWriter (group commit) → durable commit → answer.
            var maillage = new JsonObject();
            var maillageFigures = new Dictionary<string, LoadFigures>();
            // Warm-up of both workloads with 16 clients, so that neither measured run pays for the caches or the log's
            // first growth (the run measured first used to be the slower one whatever it was), then with 16 and 1
            // client until the JIT has settled, so that no measured run pays for its compilation.
            foreach (var fee in new[] { 0, 100 })
            {
                await ledger.SetFeeAsync(fee);
                await LoadDriver.ClosedLoopAsync(16, TimeSpan.FromSeconds(1), (_, random) => ledger.PayAsync(random));
            }

            var jitLimit = TimeSpan.FromSeconds(options.Quick ? 8 : 20);
            var warmUp = await WarmUp.UntilJitSettlesAsync(
                async slice =>
                {
                    await LoadDriver.ClosedLoopAsync(16, slice / 2, (_, random) => ledger.PayAsync(random));
                    await LoadDriver.ClosedLoopAsync(1, slice / 2, (_, random) => ledger.PayAsync(random));
                },
                TimeSpan.FromSeconds(1),
                jitLimit);
            maillage["warm_up"] = warmUp.ToJson();
            Console.Error.WriteLine($"{label} Maillage warm-up: {warmUp}");

            var fees = new Dictionary<string, int> { ["uniform"] = 0, ["hot"] = 100 };

            // One measured run of a workload: its figures and what the writer did meanwhile.
            async Task<(LoadFigures Figures, WriterWork Work)> MeasureAsync(string workload, int clients)
            {
                await ledger.SetFeeAsync(fees[workload]);
                var before = WriterWork.Of(ledger.Writer);
                var f = await LoadFigures.WithCpuAsync(() => LoadDriver.ClosedLoopAsync(clients, duration, (_, random) => ledger.PayAsync(random)));
                return (f, WriterWork.Of(ledger.Writer) - before);
            }

            void Report(string workload, int clients, LoadFigures f, WriterWork work)
            {
                maillageFigures[$"{workload}_{clients}"] = f;
                var json = f.ToJson();
                work.AddTo(json);
                maillage[$"{workload}_{clients}_clients"] = json;
                Console.Error.WriteLine(FormattableString.Invariant($"{label} Maillage {workload,-7} {clients,2} clients: {f}  ({work})"));
            }

            foreach (var workload in fees.Keys)
            {
                var (f, work) = await MeasureAsync(workload, 1);
                Report(workload, 1, f, work);
            }

            // With 16 clients the two workloads are compared in the order uniform, hot, hot, uniform: the database grows
            // with every payment (its indexes deepen, fewer of their pages are cached), so whichever ran second would
            // otherwise pay for the first one's rows; the mirrored order cancels that drift.
            var halves = new Dictionary<string, List<(LoadFigures Figures, WriterWork Work)>> { ["uniform"] = [], ["hot"] = [] };
            foreach (var workload in new[] { "uniform", "hot", "hot", "uniform" })
            {
                halves[workload].Add(await MeasureAsync(workload, 16));
            }

            foreach (var (workload, runs) in halves)
            {
                Report(workload, 16, LoadFigures.Combine(runs.Select(r => r.Figures).ToList()), runs[0].Work + runs[1].Work);
            }

            // The one-client references once more, right after those runs: the machine drifts between runs (the raw
            // loops have moved by up to 1.8x between consecutive runs), so the ratios are taken against the references
            // measured before and after Maillage's runs together, as uniform and hot are mirrored above.
            var rawAfter = pgbench is null
                ? await RawReference.RunLoopAsync(ledger.Connect, provider == DatabaseProvider.Sqlite, hot: false, 1, AccountCount, duration)
                : await RawReference.RunPgbenchAsync(pgbench, connectionString, hot: false, 1, AccountCount, duration);
            var shapedAfter = await ShapedRawReference.RunAsync(ledger.Connect, provider == DatabaseProvider.Sqlite, ledger.ChamberId, ledger.Accounts, null, 1, duration);
            raw["uniform_1_clients_after_maillage"] = rawAfter.ToJson();
            shaped["uniform_1_client_after_maillage"] = shapedAfter.ToJson();
            var rawBeforeAndAfter = LoadFigures.Combine([rawFigures["uniform_1"], rawAfter]);
            var shapedBeforeAndAfter = LoadFigures.Combine([shapedFigures["uniform"], shapedAfter]);
            raw["uniform_1_clients_before_and_after"] = rawBeforeAndAfter.ToJson();
            shaped["uniform_1_client_before_and_after"] = shapedBeforeAndAfter.ToJson();
            Console.Error.WriteLine($"{label} raw      uniform  1 clients, after Maillage: {rawAfter}; before and after: {rawBeforeAndAfter}");
            Console.Error.WriteLine($"{label} raw shaped uniform  1 client, after Maillage: {shapedAfter}; before and after: {shapedBeforeAndAfter}");

            foreach (var workload in fees.Keys)
            {
                await ledger.SetFeeAsync(fees[workload]);
                var peak = Math.Max(maillageFigures[$"{workload}_1"].PerSecond, maillageFigures[$"{workload}_16"].PerSecond);
                var half = await LoadDriver.OpenLoopAsync(peak / 2, duration, (_, random) => ledger.PayAsync(random));
                maillageFigures[$"{workload}_half"] = half;
                maillage[$"{workload}_half_peak_open_loop"] = half.ToJson();
                Console.Error.WriteLine($"{label} Maillage {workload,-7} open loop at {peak / 2:F0}/s: {half}");
            }

            figures["maillage_in_process"] = maillage;

            // The same payments through the HTTP API of the real app (tokens, idempotency keys, JSON, problem details).
            await ledger.SetFeeAsync(0);
            var http = new JsonObject { ["note"] = "uniform workload; payers: 64 organisations with a token each, payees: any other member" };
            var httpFigures = new Dictionary<int, LoadFigures>();
            // --http-seconds lengthens only the HTTP runs (e.g. to attach a profiler to them).
            var httpDuration = options.Value("--http-seconds") is { } httpSeconds ? TimeSpan.FromSeconds(double.Parse(httpSeconds, System.Globalization.CultureInfo.InvariantCulture)) : duration;
            var wrk = WrkLoad.Find();
            http["tool"] = wrk is null
                ? "HttpClient in this process (wrk not found: apt-get install wrk measures from a separate process)"
                : "wrk, one thread, in a separate process; a Lua script gives each request its own Idempotency-Key";
            await using (var api = await HttpLoad.StartAsync(provider, connectionString, ledger.ChamberId, ledger.Organisations.Take(64).ToList(), ledger.Accounts.Skip(64).ToList()))
            {
                // wrk when installed, else the in-process client; the same choice for payments and for /health.
                Task<LoadFigures> Pay(int clients, TimeSpan time) => wrk is null
                    ? LoadDriver.ClosedLoopAsync(clients, time, (client, random) => ledger.CountAsync(api.PayAsync(client, random)))
                    : RunWrkAsync(wrk, api, ledger, clients, time);
                Task<LoadFigures> Health(int clients, TimeSpan time) => wrk is null
                    ? LoadDriver.ClosedLoopAsync(clients, time, (_, _) => api.HealthAsync())
                    : WrkLoad.RunAsync(wrk, api.BaseAddress, WrkRequest.Get("/health"), clients, time);

                await LoadDriver.ClosedLoopAsync(1, TimeSpan.FromSeconds(0.5), (client, random) => ledger.CountAsync(api.PayAsync(client, random)));
                // The app has just started: its code is still being recompiled with the tiered JIT's optimisations
                // (measured: CPU per payment halves between the first two seconds and the steady state). Warm both
                // routes up with 16 clients until then, so the figures are those of a running server.
                await Pay(16, TimeSpan.FromSeconds(options.Quick ? 6 : 15));
                await Health(16, TimeSpan.FromSeconds(2));
                var httpWarmUp = await WarmUp.UntilJitSettlesAsync(
                    async slice =>
                    {
                        await Pay(16, slice / 2);
                        await Pay(1, slice / 4);
                        await Health(16, slice / 4);
                    },
                    TimeSpan.FromSeconds(2),
                    jitLimit);
                http["warm_up"] = httpWarmUp.ToJson();
                Console.Error.WriteLine($"{label} HTTP warm-up: {httpWarmUp} (after the fixed warm-up)");

                foreach (var clients in new[] { 1, 16 })
                {
                    var before = WriterWork.Of(api.Writer);
                    var f = await LoadFigures.WithCpuAsync(() => Pay(clients, httpDuration));
                    var work = WriterWork.Of(api.Writer) - before;
                    httpFigures[clients] = f;
                    var json = f.ToJson();
                    work.AddTo(json);
                    http[$"uniform_{clients}_clients"] = json;
                    Console.Error.WriteLine(FormattableString.Invariant($"{label} HTTP API uniform {clients,2} clients: {f}  ({work})"));
                }

                // The floor of the HTTP figure: the same client and pipeline on /health (no ledger, one database check).
                var floor = await LoadFigures.WithCpuAsync(() => Health(16, httpDuration));
                http["health_16_clients"] = floor.ToJson();
                http["payments_over_health_16"] = Math.Round(httpFigures[16].PerSecond / floor.PerSecond, 2);
                Console.Error.WriteLine($"{label} HTTP GET /health  16 clients: {floor}");
            }

            figures["http_api"] = http;

            var uniform16 = maillageFigures["uniform_16"].PerSecond;
            var ratios = new JsonObject
            {
                ["maillage16_over_raw16"] = Math.Round(uniform16 / rawFigures["uniform_16"].PerSecond, 2),
                ["maillage16_over_raw1"] = Math.Round(uniform16 / rawBeforeAndAfter.PerSecond, 2),
                ["maillage16_over_raw1_ledger_shape"] = Math.Round(uniform16 / shapedBeforeAndAfter.PerSecond, 2),
                ["raw1_no_sync_over_raw1"] = Math.Round(withoutSync.PerSecond / rawFigures["uniform_1"].PerSecond, 2),
                ["raw1_no_sync_over_raw1_ledger_shape"] = Math.Round(shapedWithoutSync.PerSecond / shapedFigures["uniform"].PerSecond, 2),
                ["hot_over_uniform_16"] = Math.Round(maillageFigures["hot_16"].PerSecond / uniform16, 2),
                ["hot_over_uniform_1"] = Math.Round(maillageFigures["hot_1"].PerSecond / maillageFigures["uniform_1"].PerSecond, 2),
                ["http16_over_in_process16"] = Math.Round(httpFigures[16].PerSecond / uniform16, 2),
                ["http1_over_in_process1"] = Math.Round(httpFigures[1].PerSecond / maillageFigures["uniform_1"].PerSecond, 2),
            };
            // "One payment per durable commit" is the sequential raw loop; with 16 connections PostgreSQL already
            // flushes several backends' commits together (its own group commit), reported beside it.
            var best = rawBeforeAndAfter.PerSecond;
            figures["ratios"] = ratios;
            figures["targets"] = new JsonObject
            {
                ["in_process_16_at_least_2x_raw"] = uniform16 >= 2 * best,
                ["in_process_16_at_least_2x_raw_ledger_shape"] = uniform16 >= 2 * shapedBeforeAndAfter.PerSecond,
                ["hot_at_least_0_9x_uniform"] = maillageFigures["hot_16"].PerSecond >= 0.9 * uniform16,
                ["p99_under_50ms_at_half_peak"] = maillageFigures["uniform_half"].P99Ms < 50 && maillageFigures["hot_half"].P99Ms < 50,
                ["http_at_least_0_5x_in_process"] = httpFigures[16].PerSecond >= 0.5 * uniform16,
            };

            // Every acknowledged payment is stored and the whole ledger verifies.
            var (stored, violations) = await ledger.VerifyAsync(ct);
            figures["check"] = new JsonObject
            {
                ["acknowledged"] = ledger.Acknowledged,
                ["sent_unanswered_at_most"] = ledger.Unanswered,
                ["stored"] = stored,
                ["violations"] = violations.Count,
            };
            // wrk drops the requests still in flight when its time is up: those may be stored without an answer.
            if (stored < ledger.Acknowledged || stored > ledger.Acknowledged + ledger.Unanswered || violations.Count > 0)
            {
                throw new InvalidOperationException($"{label}: {ledger.Acknowledged} acknowledged (+ up to {ledger.Unanswered} sent but not answered), {stored} stored, {violations.Count} violations: {string.Join("; ", violations.Take(3))}");
            }

            Console.Error.WriteLine($"{label}: {stored} payments stored, verify clean; ratios {ratios.ToJsonString()}");
            return figures;
        }
        finally
        {
            await cleanup();
        }
    }

    private static async Task<LoadFigures> RunWrkAsync(string wrk, HttpLoad api, BenchLedger ledger, int clients, TimeSpan duration)
    {
        var figures = await WrkLoad.RunAsync(wrk, api.BaseAddress, api.PaymentRequest, clients, duration);
        ledger.Count(figures.Operations, unansweredAtMost: clients);
        return figures;
    }

    private static async Task<string> DescribeDurabilityAsync(IServiceProvider root)
    {
        using var scope = root.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        if (connection is SqliteConnection)
        {
            command.CommandText = "PRAGMA journal_mode";
            var journal = await command.ExecuteScalarAsync();
            command.CommandText = "PRAGMA synchronous";
            var synchronous = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            return $"journal_mode={journal} synchronous={(synchronous == 2 ? "FULL" : synchronous.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
        }

        command.CommandText = "SELECT current_setting('fsync') || ' ' || current_setting('synchronous_commit')";
        var settings = ((string)(await command.ExecuteScalarAsync())!).Split(' ');
        if (settings[0] != "on" || settings[1] != "on")
        {
            throw new InvalidOperationException("The PostgreSQL server runs without durability (fsync or synchronous_commit off): start one with MAILLAGE_PG_DURABLE=1 scripts/postgres.sh start.");
        }

        return $"fsync={settings[0]} synchronous_commit={settings[1]}";
    }

    internal static async Task<(string ConnectionString, Func<Task> Cleanup)> CreateDatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "maillage-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            return ($"Data Source={Path.Combine(folder, "ledger.db")}", () =>
            {
                SqliteConnection.ClearAllPools();
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

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 100 };
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

    /// <summary>One chamber with its currency and 10,000 member accounts, and the payment the clients send.</summary>
    private sealed class BenchLedger
    {
        private readonly IServiceProvider _root;
        private readonly LedgerService _service;
        private readonly string _rawConnectionString;
        private readonly bool _sqlite;
        private long _acknowledged;

        private BenchLedger(IServiceProvider root, Guid chamberId, IReadOnlyList<Guid> organisations, IReadOnlyList<Guid> accounts, string rawConnectionString, bool sqlite)
        {
            _root = root;
            ChamberId = chamberId;
            Organisations = organisations;
            Accounts = accounts;
            _rawConnectionString = rawConnectionString;
            _sqlite = sqlite;

            // LedgerService only hands commands to the singleton writer: one instance serves every client.
            _service = root.CreateScope().ServiceProvider.GetRequiredService<LedgerService>();
        }

        public Guid ChamberId { get; }

        /// <summary>The member organisations, in the order of their <see cref="Accounts"/>.</summary>
        public IReadOnlyList<Guid> Organisations { get; }

        public IReadOnlyList<Guid> Accounts { get; }

        public LedgerWriter Writer => _root.GetRequiredService<LedgerWriter>();

        public long Acknowledged => Interlocked.Read(ref _acknowledged);

        /// <summary>Payments sent by an outside load generator that stopped before their answer came.</summary>
        public long Unanswered { get; private set; }

        public DbConnection Connect() => _sqlite ? new SqliteConnection(_rawConnectionString) : new NpgsqlConnection(_rawConnectionString);

        public static async Task<BenchLedger> SeedAsync(IServiceProvider root, DatabaseProvider provider, CancellationToken ct)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var scope = root.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
            var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
            await new MigrationRunner(db, options, NullLogger<MigrationRunner>.Instance).MigrateAsync(ct);

            var now = DateTime.UtcNow;
            var chamber = new Chamber("bench", "Chambre de mesure", "MESURE", "GE", now);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Add(chamber);
            var organisations = Enumerable.Range(0, AccountCount)
                .Select(i => new Organisation(chamber.Id, FormattableString.Invariant($"org-{i}"), new OrganisationProfile { Name = FormattableString.Invariant($"Organisation {i}"), Town = "Genève" }, MembershipType.Collective, new DateOnly(2020, 1, 1), now))
                .ToList();
            db.AddRange(organisations);
            await db.SaveChangesAsync(ct);

            var service = scope.ServiceProvider.GetRequiredService<LedgerService>();
            var currency = await service.OpenCurrencyAsync(chamber.Id, "Léman", "LEM", "L", 2, feeBasisPoints: 0, referralReward: 0, defaultCreditLimit: 100_000_000, issuingCreditLimit: 0, ct);
            var accounts = organisations.Select(o => currency.OpenOrganisationAccount(o.Id, now)).ToList();
            db.AddRange(accounts);
            await db.SaveChangesAsync(ct);
            Console.Error.WriteLine($"{provider}: seeded {AccountCount} organisations and accounts in {clock.Elapsed.TotalSeconds:F1} s");
            var raw = provider == DatabaseProvider.Sqlite
                ? DatabaseSetup.ResolveConnectionString(options, Environment.CurrentDirectory)
                : options.ConnectionString;
            return new BenchLedger(root, chamber.Id, [.. organisations.Select(o => o.Id)], [.. accounts.Select(a => a.Id)], raw, provider == DatabaseProvider.Sqlite);
        }

        /// <summary>A payment between two random members, with an idempotency key as every page and API call has.</summary>
        public async Task PayAsync(Random random)
        {
            var payer = random.Next(Accounts.Count);
            var payee = (payer + 1 + random.Next(Accounts.Count - 1)) % Accounts.Count;
            var pay = new Pay(ChamberId, Accounts[payer], Accounts[payee], random.Next(100, 10_000), "Mesure", null, Actor, DateTime.UtcNow, "bench-" + Guid.NewGuid().ToString("N"));
            await _service.ExecuteAsync(pay);
            Interlocked.Increment(ref _acknowledged);
        }

        /// <summary>Counts a payment acknowledged elsewhere (through the HTTP API).</summary>
        public async Task CountAsync(Task payment)
        {
            await payment;
            Interlocked.Increment(ref _acknowledged);
        }

        public static async Task<Guid> FeeAccountAsync(DbConnection connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Id" FROM "LedgerAccounts" WHERE "Kind" = 'Fees'""";
            var id = await command.ExecuteScalarAsync();
            return id is Guid guid ? guid : Guid.Parse((string)id!, System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Counts payments acknowledged to an outside load generator.</summary>
        public void Count(long acknowledged, int unansweredAtMost)
        {
            Interlocked.Add(ref _acknowledged, acknowledged);
            Unanswered += unansweredAtMost;
        }

        public async Task SetFeeAsync(int basisPoints)
        {
            using var scope = _root.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
            await db.Database.ExecuteSqlAsync($"""UPDATE "Currencies" SET "FeeBasisPoints" = {basisPoints} WHERE "ChamberId" = {ChamberId}""");
        }

        public async Task<(long Stored, IReadOnlyList<LedgerViolation> Violations)> VerifyAsync(CancellationToken ct)
        {
            using var scope = _root.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
            var stored = await db.Set<Operation>().LongCountAsync(o => o.ChamberId == ChamberId, ct);
            var violations = await scope.ServiceProvider.GetRequiredService<LedgerService>().VerifyAsync(ChamberId, ct);
            return (stored, violations);
        }
    }
}

/// <summary>What the ledger writer did during a run: batches, commands, time per step and the flushes beside it.</summary>
internal readonly record struct WriterWork(
    long Batches, long Commands, LedgerWriterTimings Timings, long Flushes, long FlushedBatches, long FlushTicks, long LogWaits, TimeSpan LogWaitTime, long FromCache, long CacheRedos)
{
    public static WriterWork Of(LedgerWriter writer) => new(
        writer.Transactions, writer.Commands, writer.Timings, writer.Durability.Flushes, writer.Durability.Batches, writer.Durability.Ticks, writer.LogWaits.Count, writer.LogWaits.Time,
        writer.BatchesFromCache, writer.CacheRedos);

    public static WriterWork operator -(WriterWork after, WriterWork before) => new(
        after.Batches - before.Batches, after.Commands - before.Commands,
        new LedgerWriterTimings(after.Timings.Read - before.Timings.Read, after.Timings.Apply - before.Timings.Apply, after.Timings.Write - before.Timings.Write, after.Timings.Commit - before.Timings.Commit),
        after.Flushes - before.Flushes, after.FlushedBatches - before.FlushedBatches, after.FlushTicks - before.FlushTicks,
        after.LogWaits - before.LogWaits, after.LogWaitTime - before.LogWaitTime, after.FromCache - before.FromCache, after.CacheRedos - before.CacheRedos);

    public static WriterWork operator +(WriterWork a, WriterWork b) => new(
        a.Batches + b.Batches, a.Commands + b.Commands, a.Timings.Add(b.Timings.Read, b.Timings.Apply, b.Timings.Write, b.Timings.Commit),
        a.Flushes + b.Flushes, a.FlushedBatches + b.FlushedBatches, a.FlushTicks + b.FlushTicks, a.LogWaits + b.LogWaits, a.LogWaitTime + b.LogWaitTime,
        a.FromCache + b.FromCache, a.CacheRedos + b.CacheRedos);

    private (double Read, double Apply, double Write, double Commit) PerBatch => Timings.PerBatchSince(new LedgerWriterTimings(0, 0, 0, 0), Batches);

    private double PaymentsPerCommit => Math.Round(Commands / (double)Math.Max(1, Batches), 1);

    private double CommitsPerFlush => FlushedBatches / (double)Math.Max(1, Flushes);

    private double UsPerFlush => FlushTicks * 1e6 / System.Diagnostics.Stopwatch.Frequency / Math.Max(1, Flushes);

    public void AddTo(JsonObject json)
    {
        var (read, apply, write, commit) = PerBatch;
        json["payments_per_commit"] = PaymentsPerCommit;
        json["us_per_commit"] = new JsonObject { ["read"] = Math.Round(read), ["apply"] = Math.Round(apply), ["write"] = Math.Round(write), ["commit"] = Math.Round(commit) };

        // The flushes that made the commits durable beside the writer (see docs/ledger-design.md).
        json["commits_per_flush"] = Math.Round(CommitsPerFlush, 1);
        json["us_per_flush"] = Math.Round(UsPerFlush);

        // SQLite: commits after which the writer waited for a checkpoint because the log had passed its bound.
        json["log_waits"] = LogWaits;
        json["log_wait_ms"] = Math.Round(LogWaitTime.TotalMilliseconds, 1);

        // Commits whose rows came from the writer's cache (no read before the write), and batches it misled that ran again.
        json["commits_from_cache"] = FromCache;
        json["cache_redos"] = CacheRedos;
    }

    public override string ToString()
    {
        var (read, apply, write, commit) = PerBatch;
        return FormattableString.Invariant($"{PaymentsPerCommit} payments per commit; per commit µs: read {read:F0}, apply {apply:F0}, write {write:F0}, commit {commit:F0}; {CommitsPerFlush:F1} commits per flush of {UsPerFlush:F0} µs; {LogWaits} waits for the log ({LogWaitTime.TotalMilliseconds:F0} ms); {FromCache} commits from the cache, {CacheRedos} run again");
    }
}
