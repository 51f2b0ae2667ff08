using Maillage.Domain.Chambers;
using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Currency;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Tests.Currency;

/// <summary>
/// The ledger on a real database, through the single writer with group commit: concurrent payments, retries,
/// refusals and tampering, each followed by a full verification of the invariants and the hash chain.
/// Each test opens the currency of a fresh chamber, so tests share the app without sharing balances.
/// </summary>
public abstract class LedgerPersistenceTests(MaillageApp app)
{
    private static readonly LedgerActor Member = new(null, "member");
    private static readonly LedgerActor Staff = new(Guid.NewGuid(), "staff");

    private LedgerWriter Writer => app.Services.GetRequiredService<LedgerWriter>();

    [Fact]
    public async Task Concurrent_payments_from_sixteen_clients_keep_every_invariant_and_share_commits()
    {
        var ledger = await OpenLedgerAsync(members: 10, creditLimit: 3_000);
        var (transactionsBefore, commandsBefore, durabilityBefore) = (Writer.Transactions, Writer.Commands, Writer.Durability);

        var clients = Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            int applied = 0, refused = 0;
            for (var i = 0; i < 20; i++)
            {
                var payer = random.Next(10);
                var payee = (payer + 1 + random.Next(9)) % 10;
                try
                {
                    await ledger.PayAsync(payer, payee, random.Next(1, 1_500));
                    applied++;
                }
                catch (LedgerException e) when (e.Code == LedgerErrors.InsufficientFunds)
                {
                    refused++;
                }
            }

            return (applied, refused);
        })).ToList();
        var results = await Task.WhenAll(clients);

        var applied = results.Sum(r => r.applied);
        applied.ShouldBeGreaterThan(100);
        (await VerifyAsync(ledger)).ShouldBeEmpty();
        (await app.WithDbAsync(db => db.Set<Operation>().CountAsync(o => o.ChamberId == ledger.ChamberId))).ShouldBe(applied);
        (Writer.Commands - commandsBefore).ShouldBe(16 * 20);
        (Writer.Transactions - transactionsBefore).ShouldBeLessThan(16 * 20, "several payments must share a durable commit");
        (Writer.Durability.Batches - durabilityBefore.Batches).ShouldBeGreaterThan(0, "commits are made durable beside the writer on both engines");
        (Writer.Durability.Flushes - durabilityBefore.Flushes).ShouldBeLessThanOrEqualTo(Writer.Durability.Batches - durabilityBefore.Batches);
    }

    [Fact]
    public async Task Retries_under_one_key_apply_once_even_when_they_arrive_together()
    {
        var ledger = await OpenLedgerAsync(members: 2);
        var pay = ledger.Payment(0, 1, 1_000) with { IdempotencyKey = "till-7/receipt-123" };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ledger.ExecuteAsync(pay))));
        var later = await ledger.ExecuteAsync(pay with { At = pay.At.AddMinutes(5) });

        outcomes.Select(o => o.ResultId).Append(later.ResultId).Distinct().ShouldHaveSingleItem();
        outcomes.Count(o => !o.Replayed).ShouldBe(1);
        later.Replayed.ShouldBeTrue();
        (await ledger.BalancesAsync()).ShouldBe([-1_010, 1_000]);
        var reused = await Should.ThrowAsync<LedgerException>(() => ledger.ExecuteAsync(pay with { Amount = 2_000 }));
        reused.Code.ShouldBe(LedgerErrors.IdempotencyKeyReused);
        (await VerifyAsync(ledger)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_payment_and_its_fee_are_stored_together_and_a_failed_write_stores_neither()
    {
        var ledger = await OpenLedgerAsync(members: 3);
        var existingRequest = Guid.NewGuid();
        await ledger.ExecuteAsync(new RequestPayment(ledger.ChamberId, existingRequest, ledger.Accounts[1], ledger.Accounts[0], 500, "invoice", DateTime.UtcNow.AddDays(1), Member, DateTime.UtcNow));

        // A request under an id that already exists passes the rules but fails at the database: its batch is rolled
        // back and retried command by command, so the payments queued beside it still commit, each with its fee.
        var duplicate = new RequestPayment(ledger.ChamberId, existingRequest, ledger.Accounts[2], ledger.Accounts[0], 700, "copy", DateTime.UtcNow.AddDays(1), Member, DateTime.UtcNow);
        var payments = Enumerable.Range(0, 6).Select(i => ledger.PayAsync(i % 2, 2, 1_000)).ToList();
        var failing = ledger.ExecuteAsync(duplicate);
        payments.AddRange(Enumerable.Range(0, 6).Select(i => ledger.PayAsync(i % 2, 2, 1_000)));

        await Should.ThrowAsync<DbUpdateException>(() => failing);
        await Task.WhenAll(payments);
        var stored = await app.WithDbAsync(db => db.Set<Operation>().Include(o => o.Entries).Where(o => o.ChamberId == ledger.ChamberId).ToListAsync());
        stored.Count.ShouldBe(12);
        stored.ShouldAllBe(o => o.Entries.Count == 3 && o.Fee == 10 && o.Entries.Sum(e => e.Amount) == 0);
        (await ledger.BalanceAsync(ledger.FeeAccountId)).ShouldBe(120);
        (await app.WithDbAsync(db => db.Set<PaymentRequest>().CountAsync(r => r.ChamberId == ledger.ChamberId))).ShouldBe(1);
        (await VerifyAsync(ledger)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_payment_refused_in_the_middle_of_a_batch_is_written_nowhere_and_its_neighbours_commit()
    {
        var ledger = await OpenLedgerAsync(members: 4, creditLimit: 1_000);
        var (transactionsBefore, commandsBefore) = (Writer.Transactions, Writer.Commands);

        // Hold the ledger lock so that the writer blocks on its first command and the next four queue up behind it:
        // they are then applied as one batch, in one transaction, whatever the machine's timing.
        Task<LedgerOutcome> first, second, fourth, fifth;
        Task<LedgerOutcome> refused;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Maillage.Web.Data.MaillageDbContext>();
            await using var holder = await db.Database.BeginTransactionAsync();
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LedgerWriter.AdvisoryLockKey})");
            }

            first = ledger.PayAsync(0, 1, 100);
            await Task.Delay(300);
            second = ledger.PayAsync(1, 2, 200);
            refused = ledger.ExecuteAsync(ledger.Payment(3, 0, 5_000) with { IdempotencyKey = "too-much" });
            fourth = ledger.PayAsync(2, 3, 300);
            fifth = ledger.ExecuteAsync(ledger.Payment(3, 1, 400) with { IdempotencyKey = "fine" });
            await Task.Delay(300);
            first.IsCompleted.ShouldBeFalse("the writer waits for the ledger lock");
            await holder.RollbackAsync();
        }

        var applied = await Task.WhenAll(first, second, fourth, fifth);
        var refusal = await Should.ThrowAsync<LedgerException>(() => refused);
        refusal.Code.ShouldBe(LedgerErrors.InsufficientFunds);
        (Writer.Transactions - transactionsBefore).ShouldBe(2, "the four commands behind the first share one transaction");
        (Writer.Commands - commandsBefore).ShouldBe(5);

        // The four others are stored in arrival order with contiguous sequences; the refused one left no operation, no entry, no key.
        var stored = await app.WithDbAsync(db => db.Set<Operation>().AsNoTracking().Include(o => o.Entries).Where(o => o.ChamberId == ledger.ChamberId).OrderBy(o => o.Sequence).ToListAsync());
        stored.Select(o => o.Id).ShouldBe(applied.Select(a => a.ResultId));
        stored.Select(o => o.Sequence).ShouldBe([1L, 2, 3, 4]);
        stored.Select(o => o.Amount).ShouldBe([100L, 200, 300, 400]);
        stored.ShouldAllBe(o => o.Entries.Count == 3 && o.Entries.Sum(e => e.Amount) == 0);
        var keys = await app.WithDbAsync(db => db.Set<IdempotencyRecord>().AsNoTracking().Where(k => k.ChamberId == ledger.ChamberId).Select(k => k.Key).ToListAsync());
        keys.ShouldBe(["fine"]);
        (await ledger.BalancesAsync()).ShouldBe([-101, 100 - 202 + 400, 200 - 303, 300 - 404]);
        (await ledger.BalanceAsync(ledger.FeeAccountId)).ShouldBe(10);
        (await VerifyAsync(ledger)).ShouldBeEmpty();

        // The refused key is free: the same request with the funds it lacked now applies.
        await ledger.ExecuteAsync(new ChangeLimit(ledger.ChamberId, ledger.Accounts[3], 10_000, null, "More credit", Staff, DateTime.UtcNow));
        (await ledger.ExecuteAsync(ledger.Payment(3, 0, 5_000) with { IdempotencyKey = "too-much" })).Replayed.ShouldBeFalse();
        (await VerifyAsync(ledger)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Bad_input_is_refused_with_its_code_and_writes_nothing()
    {
        var ledger = await OpenLedgerAsync(members: 3, creditLimit: 1_000);
        var other = await OpenLedgerAsync(members: 1);
        await ledger.ExecuteAsync(new SetBlocked(ledger.ChamberId, ledger.Accounts[2], true, "Unpaid fee", Staff, DateTime.UtcNow));
        var operationsBefore = await app.WithDbAsync(db => db.Set<Operation>().CountAsync(o => o.ChamberId == ledger.ChamberId));
        var balancesBefore = await ledger.BalancesAsync();

        var cases = new (LedgerCommand Command, string Code)[]
        {
            (ledger.Payment(0, 1, 0), LedgerErrors.AmountNotPositive),
            (ledger.Payment(0, 1, -5), LedgerErrors.AmountNotPositive),
            (ledger.Payment(0, 1, Amounts.MaxMinorUnits(2) + 1), LedgerErrors.AmountTooLarge),
            (ledger.Payment(0, 0, 100), LedgerErrors.SameAccount),
            (ledger.Payment(0, 2, 100), LedgerErrors.AccountBlocked),
            (ledger.Payment(0, 1, 5_000), LedgerErrors.InsufficientFunds),
            (ledger.Payment(0, 1, 100) with { PayeeAccountId = Guid.NewGuid() }, LedgerErrors.UnknownAccount),
            (ledger.Payment(0, 1, 100) with { PayeeAccountId = other.Accounts[0] }, LedgerErrors.OtherChamber),
            (new AcceptRequest(ledger.ChamberId, Guid.NewGuid(), ledger.Accounts[0], Member, DateTime.UtcNow), LedgerErrors.UnknownRequest),
            (new ChangeLimit(ledger.ChamberId, ledger.Accounts[0], -1, null, "x", Staff, DateTime.UtcNow), LedgerErrors.AmountNotPositive),
        };
        foreach (var (command, code) in cases)
        {
            var refusal = await Should.ThrowAsync<LedgerException>(() => ledger.ExecuteAsync(command));
            refusal.Code.ShouldBe(code, command.ToString());
        }

        var insufficient = await Should.ThrowAsync<LedgerException>(() => ledger.PayAsync(0, 1, 5_000));
        insufficient.Available.ShouldBe(1_000);
        (await app.WithDbAsync(db => db.Set<Operation>().CountAsync(o => o.ChamberId == ledger.ChamberId))).ShouldBe(operationsBefore);
        (await ledger.BalancesAsync()).ShouldBe(balancesBefore);
        (await VerifyAsync(ledger)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Requests_reversals_limits_and_standing_orders_round_trip_through_the_database()
    {
        var ledger = await OpenLedgerAsync(members: 3);
        var now = DateTime.UtcNow;
        var requestId = Guid.NewGuid();
        await ledger.ExecuteAsync(new RequestPayment(ledger.ChamberId, requestId, ledger.Accounts[1], ledger.Accounts[0], 2_000, "Workshop", now.AddDays(3), Member, now));
        var payment = await ledger.ExecuteAsync(new AcceptRequest(ledger.ChamberId, requestId, ledger.Accounts[0], Member, now));
        var reversal = await ledger.ExecuteAsync(new Reverse(ledger.ChamberId, payment.ResultId, "Workshop cancelled", Staff, now));
        var again = await Should.ThrowAsync<LedgerException>(() => ledger.ExecuteAsync(new Reverse(ledger.ChamberId, payment.ResultId, "Twice", Staff, now)));
        await ledger.ExecuteAsync(new ChangeLimit(ledger.ChamberId, ledger.Accounts[2], 80_000, 200_000, "Housing cooperative", Staff, now));
        var orderId = Guid.NewGuid();
        await ledger.ExecuteAsync(new SetUpRecurringPayment(ledger.ChamberId, orderId, ledger.Accounts[2], ledger.Accounts[1], 3_000, "Rent", DateOnly.FromDateTime(now), RecurrenceInterval.Monthly, null, Member, now));
        await ledger.ExecuteAsync(new PayRecurringOccurrence(ledger.ChamberId, orderId, 0, LedgerActor.System, now));
        var replay = await ledger.ExecuteAsync(new PayRecurringOccurrence(ledger.ChamberId, orderId, 0, LedgerActor.System, now));

        again.Code.ShouldBe(LedgerErrors.AlreadyReversed);
        replay.Replayed.ShouldBeTrue();
        var request = await app.WithDbAsync(db => db.Set<PaymentRequest>().SingleAsync(r => r.Id == requestId));
        (request.State, request.PaymentOperationId).ShouldBe((PaymentRequestState.Accepted, payment.ResultId));
        var stored = await app.WithDbAsync(db => db.Set<Operation>().SingleAsync(o => o.Id == reversal.ResultId));
        stored.ReversesOperationId.ShouldBe(payment.ResultId);
        (await ledger.BalancesAsync()).ShouldBe([0, 3_000, -3_030]);
        (await VerifyAsync(ledger)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Verification_detects_an_entry_edited_or_an_operation_deleted_in_the_database()
    {
        var ledger = await OpenLedgerAsync(members: 2);
        for (var i = 0; i < 4; i++)
        {
            await ledger.PayAsync(i % 2, (i + 1) % 2, 100 * (i + 1));
        }

        (await VerifyAsync(ledger)).ShouldBeEmpty();
        var third = await app.WithDbAsync(db => db.Set<Operation>().SingleAsync(o => o.ChamberId == ledger.ChamberId && o.Sequence == 3));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "LedgerEntries" SET "Amount" = "Amount" + 1 WHERE "OperationId" = {third.Id} AND "Index" = 1"""));

        var violations = await VerifyAsync(ledger);
        violations.ShouldContain(v => v.Invariant == 1);
        violations.ShouldContain(v => v.Invariant == 5 && v.Detail.Contains("#3 was edited", StringComparison.Ordinal));

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""DELETE FROM "LedgerEntries" WHERE "OperationId" = {third.Id}"""));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""DELETE FROM "LedgerOperations" WHERE "Id" = {third.Id}"""));
        (await VerifyAsync(ledger)).ShouldContain(v => v.Invariant == 5 && v.Detail.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_changed_behind_the_writer_by_another_instance_or_by_staff_are_read_again_before_they_are_relied_on()
    {
        // Each batch reads its rows under the ledger lock, so nothing the writer saw before is trusted: a second writer
        // plays another instance on the same database, a direct UPDATE a staff change made there.
        var ledger = await OpenLedgerAsync(members: 3, creditLimit: 10_000);
        await ledger.PayAsync(0, 1, 1_000);
        await ledger.PayAsync(0, 1, 1_000);
        var keyed = ledger.Payment(1, 2, 300) with { IdempotencyKey = "till-9/receipt-1" };
        var first = await ledger.ExecuteAsync(keyed);

        var other = new LedgerWriter(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<ILogger<LedgerWriter>>());
        try
        {
            await other.SubmitAsync(ledger.Payment(0, 2, 7_000));
        }
        finally
        {
            await other.DisposeAsync();
        }

        // The payer's balance moved elsewhere: -2,020 - 7,070 = -9,090; this payment must start from there.
        await ledger.PayAsync(0, 1, 500);
        (await ledger.BalanceAsync(ledger.Accounts[0])).ShouldBe(-9_595);
        var refused = await Should.ThrowAsync<LedgerException>(() => ledger.PayAsync(0, 1, 1_000));
        refused.Code.ShouldBe(LedgerErrors.InsufficientFunds);
        refused.Available.ShouldBe(405);

        // A retry under a key stored before is a replay.
        var replay = await ledger.ExecuteAsync(keyed with { At = keyed.At.AddSeconds(1) });
        replay.Replayed.ShouldBeTrue();
        replay.ResultId.ShouldBe(first.ResultId);

        // Staff raised the fee meanwhile (as another instance's settings page would): the next payment pays the new one.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Currencies" SET "FeeBasisPoints" = 200 WHERE "ChamberId" = {ledger.ChamberId}"""));
        var balancesBefore = await ledger.BalancesAsync();
        await ledger.PayAsync(1, 2, 1_000);
        (await ledger.BalancesAsync()).ShouldBe([balancesBefore[0], balancesBefore[1] - 1_020, balancesBefore[2] + 1_000]);

        (await VerifyAsync(ledger)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Rows_the_writer_remembers_send_a_batch_back_to_the_database_whenever_they_changed_behind_it()
    {
        // Batches of payments go straight to their write with the rows the writer remembers (LedgerRowCache). Each
        // change below is made behind it, as another instance or a staff page would: what the remembered rows would
        // have written (or refused) must be dropped, and the batch run again on what the database holds.
        var ledger = await OpenLedgerAsync(members: 3, creditLimit: 10_000);
        var other = new LedgerWriter(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<ILogger<LedgerWriter>>());
        var fromCacheAtStart = Writer.BatchesFromCache;
        async Task<T> TrapAsync<T>(Func<Task> changeBehind, Func<Task<T>> act)
        {
            for (var i = 0; i < 4; i++)
            {
                await ledger.PayAsync(1, 2, 10); // the rows are remembered, and trusted again
            }

            await changeBehind();
            var redos = Writer.CacheRedos;
            var result = await act();
            (Writer.CacheRedos - redos).ShouldBe(1, "the remembered rows were tried, found stale, and the batch ran again");
            return result;
        }

        Task SetBlockedAsync(bool blocked) =>
            app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "LedgerAccounts" SET "IsBlocked" = {blocked} WHERE "Id" = {ledger.Accounts[0]}"""));

        try
        {
            // Another instance spent from the payer: the write finds the balance moved.
            var before = await ledger.BalanceAsync(ledger.Accounts[0]);
            await TrapAsync(() => other.SubmitAsync(ledger.Payment(0, 2, 7_000)), () => ledger.PayAsync(0, 1, 500));
            (await ledger.BalanceAsync(ledger.Accounts[0])).ShouldBe(before - 7_070 - 505);

            // Another instance paid the payer: the remembered balance would refuse what the real one allows.
            before = await ledger.BalanceAsync(ledger.Accounts[0]);
            var amount = before + 10_000;
            var allowed = await TrapAsync(() => other.SubmitAsync(ledger.Payment(2, 0, 9_000)), () => ledger.PayAsync(0, 1, amount));
            (await ledger.BalanceAsync(ledger.Accounts[0])).ShouldBe(before + 9_000 - amount - allowed.Operation!.Fee);

            // Staff blocked the payer, then unblocked it: refused, then allowed, each on the row as it is.
            var blocked = await TrapAsync(() => SetBlockedAsync(true), () => Should.ThrowAsync<LedgerException>(() => ledger.PayAsync(0, 1, 10)));
            blocked.Code.ShouldBe(LedgerErrors.AccountBlocked);
            await TrapAsync(() => SetBlockedAsync(false), () => ledger.PayAsync(0, 1, 10));

            // Staff raised the fee: the payment pays the new one.
            var paid = await TrapAsync(
                () => app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Currencies" SET "FeeBasisPoints" = 200 WHERE "ChamberId" = {ledger.ChamberId}""")),
                () => ledger.PayAsync(1, 2, 1_000));
            paid.Operation!.Fee.ShouldBe(20);

            // Another instance stored a key first: the same request here is a replay, not a second payment.
            var keyed = ledger.Payment(1, 2, 300) with { IdempotencyKey = "till-3/receipt-77" };
            LedgerOutcome? first = null;
            var replay = await TrapAsync(async () => first = await other.SubmitAsync(keyed), () => ledger.ExecuteAsync(keyed));
            replay.Replayed.ShouldBeTrue();
            replay.ResultId.ShouldBe(first!.ResultId);
        }
        finally
        {
            await other.DisposeAsync();
        }

        (Writer.BatchesFromCache - fromCacheAtStart).ShouldBeGreaterThan(0);
        (await VerifyAsync(ledger)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_writer_keeps_writing_after_the_schema_and_the_statistics_change_under_its_prepared_statements()
    {
        // The writer keeps its statements prepared (SQLite) or planned once (PostgreSQL) across batches; a migration or
        // a fresh ANALYZE on the live database invalidates them, and the next batch must prepare or plan them again.
        var ledger = await OpenLedgerAsync(members: 3);
        for (var i = 0; i < 6; i++)
        {
            await ledger.PayAsync(i % 3, (i + 1) % 3, 100 + i);
        }

        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("""CREATE INDEX "IX_Test_LedgerEntries_Amount" ON "LedgerEntries" ("Amount")""");
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "LedgerAccounts" """);
        });
        await ledger.PayAsync(0, 1, 1_000);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_Test_LedgerEntries_Amount" """));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => ledger.PayAsync(i % 3, (i + 2) % 3, 10 + i)));

        (await ledger.BalancesAsync()).Sum().ShouldBe(-(await ledger.BalanceAsync(ledger.FeeAccountId)), "every payment and its fee stored");
        (await VerifyAsync(ledger)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_writer_that_stops_leaves_no_connection_with_its_settings_in_the_pool()
    {
        var ledger = await OpenLedgerAsync(members: 2);
        var writer = new LedgerWriter(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<ILogger<LedgerWriter>>());
        await writer.SubmitAsync(ledger.Payment(0, 1, 1_000));
        await writer.DisposeAsync();

        // Hold many pooled connections at once, so the writer's, if it went back to the pool, is among them.
        var scopes = Enumerable.Range(0, 20).Select(_ => app.Services.CreateScope()).ToList();
        try
        {
            foreach (var scope in scopes)
            {
                var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
                await db.Database.OpenConnectionAsync();
                var settings = db.Database.IsSqlite()
                    ? $"synchronous {await ScalarAsync(db, "PRAGMA synchronous")}, wal_autocheckpoint {await ScalarAsync(db, "PRAGMA wal_autocheckpoint")}"
                    : $"{await ScalarAsync(db, "SELECT string_agg(name || ' ' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('enable_hashjoin', 'enable_seqscan', 'plan_cache_mode', 'synchronous_commit') AND setting = reset_val")}";
                settings.ShouldBe(
                    db.Database.IsSqlite() ? "synchronous 2, wal_autocheckpoint 1000" : $"enable_hashjoin on, enable_seqscan on, plan_cache_mode auto, synchronous_commit {await ScalarAsync(db, "SELECT reset_val FROM pg_settings WHERE name = 'synchronous_commit'")}",
                    "commits of other code are synchronous, checkpointed and planned as by default");
            }
        }
        finally
        {
            scopes.ForEach(s => s.Dispose());
        }
    }

    private static async Task<string?> ScalarAsync(MaillageDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<IReadOnlyList<LedgerViolation>> VerifyAsync(TestLedger ledger) =>
        app.WithDbAsync(db => new LedgerService(db, Writer, TimeProvider.System).VerifyAsync(ledger.ChamberId));

    /// <summary>A fresh chamber with a currency (1 % fee) and one account per new member organisation.</summary>
    private async Task<TestLedger> OpenLedgerAsync(int members, long creditLimit = 100_000)
    {
        var now = DateTime.UtcNow;
        var chamber = new Chamber("t" + Guid.NewGuid().ToString("N")[..10], "Chambre de test", "Test", "GE", now);
        var organisations = Enumerable.Range(0, members)
            .Select(i => new Organisation(chamber.Id, "membre-" + i, new OrganisationProfile { Name = "Membre " + i, Town = "Genève" }, MembershipType.Collective, DateOnly.FromDateTime(now), now))
            .ToList();
        await app.WithDbAsync(async db =>
        {
            db.Add(chamber);
            db.AddRange(organisations);
            await db.SaveChangesAsync();
        });

        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<LedgerService>();
        var currency = await service.OpenCurrencyAsync(chamber.Id, "Léman", "LEM", "L", 2, feeBasisPoints: 100, referralReward: 1_000, defaultCreditLimit: creditLimit, issuingCreditLimit: 1_000_000);
        var accounts = new List<Guid>();
        foreach (var organisation in organisations)
        {
            accounts.Add((await service.OpenAccountAsync(chamber.Id, organisation.Id)).Id);
        }

        return new TestLedger(app, Writer, chamber.Id, currency.FeeAccountId, accounts);
    }

    private sealed record TestLedger(MaillageApp App, LedgerWriter Writer, Guid ChamberId, Guid FeeAccountId, IReadOnlyList<Guid> Accounts)
    {
        public Pay Payment(int payer, int payee, long amount) =>
            new(ChamberId, Accounts[payer], Accounts[payee], amount, "Service", null, Member, DateTime.UtcNow);

        public Task<LedgerOutcome> PayAsync(int payer, int payee, long amount) => ExecuteAsync(Payment(payer, payee, amount));

        public Task<LedgerOutcome> ExecuteAsync(LedgerCommand command) => Writer.SubmitAsync(command);

        public Task<long> BalanceAsync(Guid accountId) =>
            App.WithDbAsync(db => db.Set<LedgerAccount>().Where(a => a.Id == accountId).Select(a => a.Balance).SingleAsync());

        public async Task<long[]> BalancesAsync()
        {
            var balances = new List<long>();
            foreach (var account in Accounts)
            {
                balances.Add(await BalanceAsync(account));
            }

            return [.. balances];
        }
    }
}

public sealed class LedgerPersistenceTestsOnSqlite(SqliteApp app) : LedgerPersistenceTests(app), IClassFixture<SqliteApp>;

public sealed class LedgerPersistenceTestsOnPostgreSQL(PostgresApp app) : LedgerPersistenceTests(app), IClassFixture<PostgresApp>;
