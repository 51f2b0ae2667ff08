using Maillage.Domain.Currency;

namespace Maillage.Domain.Tests.Currency;

/// <summary>
/// Seeded random sequences of every kind of command, interleaved as if from many clients, with bad input mixed in.
/// After every command the six invariants are checked (<see cref="LedgerInvariants"/>); a refused command must leave
/// the ledger unchanged. A failure names its seed and step: run <see cref="LedgerSimulation.Run"/> with that seed to
/// replay it exactly.
/// </summary>
public class LedgerSimulationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(20260301)]
    public void Random_command_sequences_keep_every_invariant(int seed)
    {
        var result = LedgerSimulation.Run(seed, steps: 1_500);

        result.Applied.ShouldBeGreaterThan(400, "most commands should succeed, or the simulation proves little");
        result.Refused.ShouldBeGreaterThan(50, "bad input and overdrafts must be exercised too");
        result.Replayed.ShouldBeGreaterThan(10, "retries must be exercised too");
        result.KindsApplied.ShouldBe(Enum.GetValues<OperationKind>().ToHashSet(), ignoreOrder: true);
    }

    [Fact]
    public void The_same_seed_replays_the_same_history()
    {
        var first = LedgerSimulation.Run(7, steps: 300);
        var second = LedgerSimulation.Run(7, steps: 300);

        second.Trace.ShouldBe(first.Trace);
    }
}

internal sealed record SimulationResult(int Applied, int Refused, int Replayed, IReadOnlySet<OperationKind> KindsApplied, IReadOnlyList<string> Trace);

internal static class LedgerSimulation
{
    public static SimulationResult Run(int seed, int steps)
    {
        var random = new Random(seed);
        var world = new LedgerWorld(members: 12, creditLimit: 20_000);
        var clients = Enumerable.Range(0, 8).Select(i => new LedgerActor(Guid.NewGuid(), "client " + i)).ToArray();
        var now = LedgerWorld.Start;
        var keys = new List<LedgerCommand>();
        var requests = new List<Guid>();
        var orders = new List<Guid>();
        var trace = new List<string>();
        int applied = 0, refused = 0, replayed = 0;
        for (var step = 0; step < steps; step++)
        {
            now = now.AddMinutes(random.Next(0, 180));
            var client = clients[random.Next(clients.Length)];
            var command = Draw(random, world, client, now, keys, requests, orders);
            var before = world.Snapshot();
            try
            {
                var outcome = world.Execute(command);
                if (outcome.Replayed)
                {
                    replayed++;
                    Assert.True(before == world.Snapshot(), $"seed {seed}, step {step}: a replay changed the ledger ({command})");
                }
                else
                {
                    applied++;
                }

                if (command.IdempotencyKey is not null)
                {
                    keys.Add(command);
                }

                trace.Add($"{step}:{command.GetType().Name}:ok:{outcome.Replayed}");
            }
            catch (LedgerException refusal)
            {
                refused++;
                Assert.True(before == world.Snapshot(), $"seed {seed}, step {step}: refused {refusal.Code} but the ledger changed ({command})");
                trace.Add($"{step}:{command.GetType().Name}:{refusal.Code}");
            }

            var violations = LedgerInvariants.Check(world.State);
            Assert.True(violations.Count == 0, $"seed {seed}, step {step} ({command}): {string.Join("; ", violations.Select(v => $"[{v.Invariant}] {v.Detail}"))}");
        }

        var kinds = world.State.Journal.Select(o => o.Kind).ToHashSet();
        return new SimulationResult(applied, refused, replayed, kinds, trace);
    }

    private static LedgerCommand Draw(Random random, LedgerWorld world, LedgerActor client, DateTime now, List<LedgerCommand> keyed, List<Guid> requests, List<Guid> orders)
    {
        var members = world.Members;
        Guid Member() => members[random.Next(members.Count)].Id;
        long Amount() => random.Next(20) switch
        {
            0 => 0,
            1 => -random.Next(1, 1_000),
            2 => Amounts.MaxMinorUnits(2) + 1,
            3 => random.Next(20_000, 60_000),
            _ => random.Next(1, 5_000),
        };
        string? Key() => random.Next(3) == 0 ? "k" + random.Next(1_000_000) : null;
        var chamber = world.ChamberId;
        switch (random.Next(100))
        {
            case < 40:
                var payee = random.Next(30) == 0 ? Guid.NewGuid() : Member();
                return new Pay(chamber, Member(), payee, Amount(), "goods", null, client, now, Key());
            case < 46 when keyed.Count > 0:
                var earlier = keyed[random.Next(keyed.Count)];
                return random.Next(4) == 0 && earlier is Pay pay
                    ? pay with { Amount = pay.Amount + 1, At = now }
                    : earlier with { At = now };
            case < 56:
                var id = Guid.NewGuid();
                requests.Add(id);
                return new RequestPayment(chamber, id, Member(), Member(), Amount(), "invoice", now.AddHours(random.Next(-1, 48)), client, now, Key());
            case < 66 when requests.Count > 0:
                var requestId = requests[random.Next(requests.Count)];
                var request = world.State.Requests.GetValueOrDefault(requestId);
                var payer = request is not null && random.Next(10) > 0 ? request.PayerAccountId : Member();
                return random.Next(3) switch
                {
                    0 => new DeclineRequest(chamber, requestId, payer, client, now),
                    1 => new ExpireRequest(chamber, requestId, LedgerActor.System, now),
                    _ => new AcceptRequest(chamber, requestId, payer, client, now, Key()),
                };
            case < 70:
                var orderId = Guid.NewGuid();
                orders.Add(orderId);
                return new SetUpRecurringPayment(chamber, orderId, Member(), Member(), Amount(), "rent", DateOnly.FromDateTime(now), random.Next(2) == 0 ? RecurrenceInterval.Weekly : RecurrenceInterval.Monthly, null, client, now);
            case < 78 when orders.Count > 0:
                var order = world.State.RecurringPayments.GetValueOrDefault(orders[random.Next(orders.Count)]);
                if (order is not null && random.Next(4) == 0)
                {
                    // Sometimes inside the retry days (refused), sometimes after them (the occurrence is given up).
                    return new SkipRecurringOccurrence(chamber, order.Id, order.OccurrencesPaid, LedgerActor.System, now.AddDays(random.Next(0, 40)));
                }

                return order is null
                    ? new PayRecurringOccurrence(chamber, Guid.NewGuid(), 0, LedgerActor.System, now)
                    : new PayRecurringOccurrence(chamber, order.Id, order.OccurrencesPaid + (random.Next(8) == 0 ? 1 : 0), LedgerActor.System, now.AddDays(random.Next(0, 40)));
            case < 84 when world.State.Journal.Count > 0:
                var target = world.State.Journal[random.Next(world.State.Journal.Count)];
                return new Reverse(chamber, target.Id, random.Next(10) == 0 ? "" : "dispute", LedgerWorld.Staff, now, Key());
            case < 90:
                var ceiling = random.Next(4) == 0 ? random.Next(0, 40_000) : (long?)null;
                return new ChangeLimit(chamber, Member(), random.Next(0, 40_000), ceiling, "review", LedgerWorld.Staff, now, Key());
            case < 93:
                // A clearing round's settlement: a payer and one or two receivers, sometimes unbalanced or too large.
                var settlementPayer = Member();
                var receivers = members.Where(m => m.Id != settlementPayer).OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
                var parts = receivers.Select(r => new SettlementTransfer(r.Id, Math.Max(1, Amount()))).ToList();
                var paid = parts.Sum(p => p.Amount) + (random.Next(15) == 0 ? 1 : 0);
                return new SettleClearing(chamber, Guid.NewGuid(), [new SettlementTransfer(settlementPayer, -paid), .. parts], LedgerWorld.Staff, now);
            case < 96:
                return new SetBlocked(chamber, Member(), random.Next(3) == 0, "membership fee", LedgerWorld.Staff, now);
            default:
                return new RewardReferral(chamber, Member(), Guid.NewGuid(), LedgerWorld.Staff, now);
        }
    }
}
