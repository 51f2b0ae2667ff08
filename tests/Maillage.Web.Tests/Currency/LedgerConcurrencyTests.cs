using System.Collections.Concurrent;
using Maillage.Domain.Currency;
using Maillage.Web.Features.Currency;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maillage.Web.Tests.Currency;

/// <summary>
/// Property tests of the persisted ledger: many concurrent clients send seeded random sequences of every command
/// (pay, request, accept, decline, expire, standing orders and their runs, reverse, change limit, block and
/// unblock, referral rewards, retries under a key and keys reused for another request) through one writer, or
/// through two writers on one database as two app hosts would. Afterwards the six invariants hold, verify is
/// clean, every acknowledged operation is stored exactly once and nothing unacknowledged is.
/// The seed fixes what each client sends (the interleaving is the machine's); a failure names its seed, and
/// MAILLAGE_LEDGER_SEED=&lt;seed&gt; runs these tests with that seed only.
/// </summary>
public abstract class LedgerConcurrencyTests(MaillageApp app)
{
    public const string SeedVariable = "MAILLAGE_LEDGER_SEED";
    private const int Clients = 8;
    private const int StepsPerClient = 40;
    private static readonly LedgerActor Staff = new(Guid.NewGuid(), "staff");
    private static readonly Guid[] ReferredOrganisations = [.. Enumerable.Range(0, 4).Select(_ => Guid.NewGuid())];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        if (int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var replay))
        {
            seeds.Add(replay);
        }
        else
        {
            seeds.Add(20_261_122);
            seeds.Add(4_711);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public Task Random_operations_from_many_clients_through_one_writer_keep_every_invariant(int seed) => RunAsync(seed, writers: 1);

    [Theory]
    [MemberData(nameof(Seeds))]
    public Task Random_operations_through_two_writers_on_one_database_keep_every_invariant(int seed) => RunAsync(seed, writers: 2);

    private async Task RunAsync(int seed, int writers)
    {
        try
        {
            await RunUnlabelledAsync(seed, writers);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"Seed {seed} failed ({writers} writer(s), {app.Engine}); replay with {SeedVariable}={seed} dotnet test --filter \"FullyQualifiedName~LedgerConcurrency\": {e.Message}", e);
        }
    }

    private async Task RunUnlabelledAsync(int seed, int writers)
    {
        var bed = await LedgerTestBed.OpenAsync(app, members: 10, creditLimit: 5_000);
        var instances = new List<LedgerWriter> { app.Services.GetRequiredService<LedgerWriter>() };
        for (var i = 1; i < writers; i++)
        {
            // A second app host: its own writer, queue and connections, the same database.
            instances.Add(new LedgerWriter(app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<LedgerWriter>.Instance));
        }

        var world = new World(bed);
        try
        {
            var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(() => ClientAsync(world, instances[client % instances.Count], new Random((seed * 31) + client), client))).ToList();
            await Task.WhenAll(clients);
        }
        finally
        {
            foreach (var extra in instances.Skip(1))
            {
                await extra.DisposeAsync();
            }
        }

        (await bed.VerifyAsync(app)).ShouldBeEmpty();
        var stored = await bed.OperationsAsync(app);
        var expected = world.Acknowledged.Where(a => a.MakesOperation).Select(a => a.ResultId).ToHashSet();
        stored.Select(o => o.Id).Order().ShouldBe(expected.Order(), "every acknowledged operation is stored once, and nothing else");
        foreach (var group in world.Acknowledged.Where(a => a.Key is not null).GroupBy(a => a.Key))
        {
            group.Select(a => a.ResultId).Distinct().Count().ShouldBe(1, $"key {group.Key} gave several results");
            group.Count(a => !a.Replayed).ShouldBeLessThanOrEqualTo(1, $"key {group.Key} was applied more than once");
        }

        var requests = await app.WithDbAsync(db => db.Set<PaymentRequest>().AsNoTracking().Where(r => r.ChamberId == bed.ChamberId).ToDictionaryAsync(r => r.Id));
        foreach (var answer in world.Acknowledged.Where(a => a.Answers is not null))
        {
            var request = requests[answer.Answers!.Value];
            request.State.ShouldBe(answer.Kind switch
            {
                "accept" => PaymentRequestState.Accepted,
                "decline" => PaymentRequestState.Declined,
                _ => PaymentRequestState.Expired,
            });
            if (answer.Kind == "accept")
            {
                request.PaymentOperationId.ShouldBe(answer.ResultId);
            }
        }

        world.Refusals.ShouldBeGreaterThan(0, "the sequences must exercise refusals too");
        // A floor on how much the run exercised, not an invariant: how many commands succeed depends on the
        // interleaving (seed 4711 gave 78 to 100 operations over repeated runs on both engines), so it sits well below.
        expected.Count.ShouldBeGreaterThan(Clients * StepsPerClient / 5);
    }

    private static async Task ClientAsync(World world, LedgerWriter writer, Random random, int client)
    {
        var sentWithKey = new List<(Pay Command, string Kind)>();
        for (var step = 0; step < StepsPerClient; step++)
        {
            var now = DateTime.UtcNow;
            var (command, kind, answers) = Next(world, random, client, step, now, sentWithKey);
            try
            {
                var outcome = await writer.SubmitAsync(command);
                world.Record(new Acknowledged(kind, outcome.ResultId, outcome.Replayed, command.EffectiveIdempotencyKey, answers, MakesOperation(command)), command);
            }
            catch (LedgerException)
            {
                world.CountRefusal();
            }
        }
    }

    private static bool MakesOperation(LedgerCommand command) =>
        command is Pay or AcceptRequest or Reverse or ChangeLimit or SetBlocked or RewardReferral or PayRecurringOccurrence;

    private static (LedgerCommand Command, string Kind, Guid? Answers) Next(World world, Random random, int client, int step, DateTime now, List<(Pay Command, string Kind)> sentWithKey)
    {
        var bed = world.Bed;
        Guid Account() => bed.Accounts[random.Next(bed.Accounts.Count)];
        var member = new LedgerActor(null, "client-" + client);
        var roll = random.Next(100);
        switch (roll)
        {
            case < 28:
                var pay = new Pay(bed.ChamberId, Account(), Account(), random.Next(1, 3_000), "Service " + step, random.Next(4) == 0 ? "FAC-" + step : null, member, now,
                    random.Next(2) == 0 ? $"c{client}-s{step}" : null);
                if (pay.IdempotencyKey is not null)
                {
                    sentWithKey.Add((pay, "pay"));
                }

                return (pay, "pay", null);
            case < 36 when sentWithKey.Count > 0:
                // A retry: the same request under its key (a replay), or another request under a used key (refused).
                var earlier = sentWithKey[random.Next(sentWithKey.Count)].Command;
                return random.Next(3) == 0 ? (earlier with { Amount = earlier.Amount + 1, At = now }, "pay", null) : (earlier with { At = now }, "pay", null);
            case < 46:
                var id = Guid.NewGuid();
                var (payee, payer) = (Account(), Account());
                var expires = now.AddDays(1 + random.Next(3));
                world.AddRequest(new(id, payer, expires));
                return (new RequestPayment(bed.ChamberId, id, payee, payer, random.Next(1, 2_500), "Facture " + step, expires, member, now, random.Next(2) == 0 ? $"c{client}-r{step}" : null), "request", null);
            case < 56 when world.PickRequest(random) is { } request:
                var byPayer = random.Next(8) == 0 ? Account() : request.Payer;
                return (new AcceptRequest(bed.ChamberId, request.Id, byPayer, member, now), "accept", request.Id);
            case < 61 when world.PickRequest(random) is { } request:
                return (new DeclineRequest(bed.ChamberId, request.Id, request.Payer, member, now), "decline", request.Id);
            case < 66 when world.PickRequest(random) is { } request:
                var at = random.Next(3) == 0 ? now : request.ExpiresAt.AddMinutes(1);
                return (new ExpireRequest(bed.ChamberId, request.Id, LedgerActor.System, at), "expire", request.Id);
            case < 70:
                var orderId = Guid.NewGuid();
                var start = DateOnly.FromDateTime(now);
                world.AddOrder(new(orderId, start));
                return (new SetUpRecurringPayment(bed.ChamberId, orderId, Account(), Account(), random.Next(1, 1_500), "Loyer", start, RecurrenceInterval.Monthly, null, member, now), "order", null);
            case < 77 when world.PickOrder(random) is { } order:
                var occurrence = random.Next(3);
                return (new PayRecurringOccurrence(bed.ChamberId, order.Id, occurrence, LedgerActor.System, order.Start.AddMonths(occurrence).ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc)), "run", null);
            case < 83 when world.PickPayment(random) is { } payment:
                return (new Reverse(bed.ChamberId, payment, "Erreur de saisie", Staff, now), "reverse", null);
            case < 88:
                var ceiling = random.Next(4) == 0 ? (long?)random.Next(2_000, 20_000) : null;
                return (new ChangeLimit(bed.ChamberId, Account(), random.Next(0, 8_000), ceiling, "Révision", Staff, now), "limit", null);
            case < 94:
                return (new SetBlocked(bed.ChamberId, Account(), random.Next(3) == 0, "Contrôle", Staff, now), "block", null);
            default:
                return (new RewardReferral(bed.ChamberId, Account(), ReferredOrganisations[random.Next(ReferredOrganisations.Length)], LedgerActor.System, now), "reward", null);
        }
    }

    private sealed record Acknowledged(string Kind, Guid ResultId, bool Replayed, string? Key, Guid? Answers, bool MakesOperation);

    private sealed record KnownRequest(Guid Id, Guid Payer, DateTime ExpiresAt);

    private sealed record KnownOrder(Guid Id, DateOnly Start);

    /// <summary>What the clients learned from acknowledged answers, shared so that they act on each other's results.</summary>
    private sealed class World(LedgerTestBed bed)
    {
        private readonly Lock _gate = new();
        private readonly List<KnownRequest> _requests = [];
        private readonly List<KnownOrder> _orders = [];
        private readonly List<Guid> _payments = [];

        private int _refusals;

        public int Refusals => Volatile.Read(ref _refusals);

        public void CountRefusal() => Interlocked.Increment(ref _refusals);

        public LedgerTestBed Bed { get; } = bed;

        public ConcurrentQueue<Acknowledged> Acknowledged { get; } = new();

        public void AddRequest(KnownRequest request)
        {
            lock (_gate)
            {
                _requests.Add(request);
            }
        }

        public void AddOrder(KnownOrder order)
        {
            lock (_gate)
            {
                _orders.Add(order);
            }
        }

        public KnownRequest? PickRequest(Random random)
        {
            lock (_gate)
            {
                return _requests.Count == 0 ? null : _requests[random.Next(_requests.Count)];
            }
        }

        public KnownOrder? PickOrder(Random random)
        {
            lock (_gate)
            {
                return _orders.Count == 0 ? null : _orders[random.Next(_orders.Count)];
            }
        }

        public Guid? PickPayment(Random random)
        {
            lock (_gate)
            {
                return _payments.Count == 0 ? null : _payments[random.Next(_payments.Count)];
            }
        }

        public void Record(Acknowledged acknowledged, LedgerCommand command)
        {
            Acknowledged.Enqueue(acknowledged);
            if (command is Pay or AcceptRequest or RewardReferral or PayRecurringOccurrence)
            {
                lock (_gate)
                {
                    _payments.Add(acknowledged.ResultId);
                }
            }
        }
    }
}

public sealed class LedgerConcurrencyTestsOnSqlite(SqliteApp app) : LedgerConcurrencyTests(app), IClassFixture<SqliteApp>;

public sealed class LedgerConcurrencyTestsOnPostgreSQL(PostgresApp app) : LedgerConcurrencyTests(app), IClassFixture<PostgresApp>;
