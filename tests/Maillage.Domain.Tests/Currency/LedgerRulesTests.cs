using Maillage.Domain.Currency;

namespace Maillage.Domain.Tests.Currency;

public class LedgerRulesTests
{
    private static readonly LedgerActor Member = new(null, "member");

    [Fact]
    public void A_payment_moves_the_amount_and_charges_the_fee_in_one_operation()
    {
        var world = new LedgerWorld();
        var outcome = world.Pay(0, 1, 10_000);

        outcome.Replayed.ShouldBeFalse();
        world[0].Balance.ShouldBe(-10_100);
        world[1].Balance.ShouldBe(10_000);
        world.FeeAccount.Balance.ShouldBe(100);
        var operation = world.State.FindOperation(outcome.ResultId)!;
        operation.Kind.ShouldBe(OperationKind.Payment);
        operation.Entries.Sum(e => e.Amount).ShouldBe(0);
        operation.Entries.Count.ShouldBe(3);
        operation.Sequence.ShouldBe(1);
        operation.PreviousHash.ShouldBe(HashChain.Genesis);
        world.AssertInvariants();
    }

    [Fact]
    public void Insufficient_funds_says_how_much_is_available_and_changes_nothing()
    {
        var world = new LedgerWorld(creditLimit: 50_000);
        world.Pay(0, 1, 20_000);

        var refusal = world.Refused(new Pay(world.ChamberId, world[0].Id, world[1].Id, 29_900, null, null, Member, LedgerWorld.Start), LedgerErrors.InsufficientFunds);

        refusal.Available.ShouldBe(50_000 - 20_200);
        world.Pay(0, 1, 29_500).Replayed.ShouldBeFalse("29'500 + 1 % fee = 29'795 fits in the 29'800 available");
        world.AssertInvariants();
    }

    [Fact]
    public void Bad_payments_are_refused_with_a_stable_code_and_write_nothing()
    {
        var world = new LedgerWorld();
        var other = new LedgerWorld();
        world.Execute(new SetBlocked(world.ChamberId, world[2].Id, true, "Unpaid membership fee", LedgerWorld.Staff, LedgerWorld.Start));
        Pay Payment(Guid payer, Guid payee, long amount) => new(world.ChamberId, payer, payee, amount, "x", null, Member, LedgerWorld.Start);

        world.Refused(Payment(world[0].Id, world[0].Id, 100), LedgerErrors.SameAccount);
        world.Refused(Payment(world[0].Id, Guid.NewGuid(), 100), LedgerErrors.UnknownAccount);
        world.Refused(Payment(world[0].Id, world[2].Id, 100), LedgerErrors.AccountBlocked);
        world.Refused(Payment(world[2].Id, world[0].Id, 100), LedgerErrors.AccountBlocked);
        world.Refused(Payment(world[0].Id, world[1].Id, 0), LedgerErrors.AmountNotPositive);
        world.Refused(Payment(world[0].Id, world[1].Id, -100), LedgerErrors.AmountNotPositive);
        world.Refused(Payment(world[0].Id, world[1].Id, Amounts.MaxMinorUnits(2) + 1), LedgerErrors.AmountTooLarge);
        world.Refused(Payment(world[0].Id, world[1].Id, 100) with { Description = new string('x', 301) }, LedgerErrors.DescriptionTooLong);
        world.Refused(Payment(world[0].Id, world[1].Id, 100) with { ChamberId = other.ChamberId }, LedgerErrors.NoCurrency);

        world.State.Load(other[0]);
        world.Refused(Payment(world[0].Id, other[0].Id, 100), LedgerErrors.OtherChamber);
    }

    [Fact]
    public void The_same_key_applies_once_and_a_different_request_under_it_is_refused()
    {
        var world = new LedgerWorld();
        var first = world.Pay(0, 1, 1_000, key: "till-42");
        var retry = world.Pay(0, 1, 1_000, key: "till-42", at: LedgerWorld.Start.AddMinutes(1));

        retry.ShouldBe(first with { Replayed = true });
        world[1].Balance.ShouldBe(1_000);
        world.Refused(new Pay(world.ChamberId, world[0].Id, world[1].Id, 2_000, "Service", null, new LedgerActor(null, "member"), LedgerWorld.Start, "till-42"), LedgerErrors.IdempotencyKeyReused);
        world.Refused(new Pay(world.ChamberId, world[0].Id, world[1].Id, 2_000, "Service", null, Member, LedgerWorld.Start, new string('k', 101)), LedgerErrors.IdempotencyKeyInvalid);
        world.AssertInvariants();
    }

    [Fact]
    public void A_reversal_compensates_every_entry_once_and_needs_a_reason()
    {
        var world = new LedgerWorld();
        var payment = world.Pay(0, 1, 10_000).ResultId;
        var reverse = new Reverse(world.ChamberId, payment, "Paid twice by mistake", LedgerWorld.Staff, LedgerWorld.Start.AddHours(1));

        world.Refused(reverse with { Reason = " " }, LedgerErrors.ReasonRequired);
        var reversal = world.Execute(reverse).ResultId;

        world[0].Balance.ShouldBe(0);
        world[1].Balance.ShouldBe(0);
        world.FeeAccount.Balance.ShouldBe(0);
        world.State.FindOperation(reversal)!.ReversesOperationId.ShouldBe(payment);
        world.State.Journal.Count.ShouldBe(2, "history keeps the payment and adds its reversal");
        world.Refused(reverse, LedgerErrors.AlreadyReversed);
        world.Refused(reverse with { OperationId = reversal }, LedgerErrors.NotReversible);
        world.Refused(reverse with { OperationId = Guid.NewGuid() }, LedgerErrors.UnknownOperation);
        world.AssertInvariants();
    }

    [Fact]
    public void A_reversal_that_would_overdraw_the_payee_is_refused()
    {
        var world = new LedgerWorld(creditLimit: 10_000);
        var payment = world.Pay(0, 1, 9_000).ResultId;
        world.Pay(1, 2, 18_000);

        var refusal = world.Refused(new Reverse(world.ChamberId, payment, "Dispute", LedgerWorld.Staff, LedgerWorld.Start), LedgerErrors.InsufficientFunds);
        refusal.Available.ShouldBe(9_000 - 18_180 + 10_000);
    }

    [Fact]
    public void A_limit_change_is_journaled_with_who_and_why_and_never_excludes_the_balance()
    {
        var world = new LedgerWorld(creditLimit: 50_000);
        world.Pay(0, 1, 30_000);
        var change = new ChangeLimit(world.ChamberId, world[0].Id, 20_000, null, "Risk review", LedgerWorld.Staff, LedgerWorld.Start);

        var refusal = world.Refused(change, LedgerErrors.LimitExcludesBalance);
        refusal.Arguments[0].ShouldBe(-30_300L);
        world.Refused(new ChangeLimit(world.ChamberId, world[1].Id, 0, 10_000, "Cap", LedgerWorld.Staff, LedgerWorld.Start), LedgerErrors.LimitExcludesBalance);
        world.Refused(change with { Reason = "" }, LedgerErrors.ReasonRequired);
        var recorded = world.Execute(change with { CreditLimit = 40_000, Ceiling = 100_000 }).ResultId;

        world[0].CreditLimit.ShouldBe(40_000);
        world[0].Ceiling.ShouldBe(100_000);
        var record = world.State.FindOperation(recorded)!;
        (record.Kind, record.SubjectAccountId, record.NewCreditLimit, record.ActorName, record.Reason, record.Entries.Count)
            .ShouldBe((OperationKind.LimitChange, world[0].Id, 40_000L, "Staff member", "Risk review", 0));
        world.AssertInvariants();
    }

    [Fact]
    public void A_ceiling_refuses_a_payment_that_would_exceed_it()
    {
        var world = new LedgerWorld();
        world.Execute(new ChangeLimit(world.ChamberId, world[1].Id, 0, 5_000, "Small association", LedgerWorld.Staff, LedgerWorld.Start));

        world.Refused(new Pay(world.ChamberId, world[0].Id, world[1].Id, 5_001, null, null, Member, LedgerWorld.Start), LedgerErrors.CeilingExceeded).Arguments[0].ShouldBe(5_000L);
        world.Pay(0, 1, 5_000);
        world[1].Balance.ShouldBe(5_000);
    }

    [Fact]
    public void A_request_is_paid_on_acceptance_and_never_answered_twice()
    {
        var world = new LedgerWorld();
        var requestId = Guid.NewGuid();
        world.Execute(new RequestPayment(world.ChamberId, requestId, world[1].Id, world[0].Id, 2_500, "Rent", LedgerWorld.Start.AddDays(7), Member, LedgerWorld.Start));
        var accept = new AcceptRequest(world.ChamberId, requestId, world[0].Id, Member, LedgerWorld.Start.AddDays(1));

        world.Refused(accept with { PayerAccountId = world[2].Id }, LedgerErrors.NotThePayer);
        var payment = world.Execute(accept).ResultId;

        world[1].Balance.ShouldBe(2_500);
        world.State.Requests[requestId].State.ShouldBe(PaymentRequestState.Accepted);
        world.State.Requests[requestId].PaymentOperationId.ShouldBe(payment);
        world.Refused(accept, LedgerErrors.RequestAlreadyAnswered);
        world.Refused(new DeclineRequest(world.ChamberId, requestId, world[0].Id, Member, LedgerWorld.Start), LedgerErrors.RequestAlreadyAnswered);
        world.AssertInvariants();
    }

    [Fact]
    public void An_expired_request_cannot_be_accepted_and_a_refused_acceptance_leaves_it_pending()
    {
        var world = new LedgerWorld(creditLimit: 1_000);
        var requestId = Guid.NewGuid();
        var expiry = LedgerWorld.Start.AddDays(7);
        world.Execute(new RequestPayment(world.ChamberId, requestId, world[1].Id, world[0].Id, 5_000, "Too much", expiry, Member, LedgerWorld.Start));

        world.Refused(new AcceptRequest(world.ChamberId, requestId, world[0].Id, Member, LedgerWorld.Start), LedgerErrors.InsufficientFunds);
        world.State.Requests[requestId].State.ShouldBe(PaymentRequestState.Pending);
        world.Refused(new AcceptRequest(world.ChamberId, requestId, world[0].Id, Member, expiry), LedgerErrors.RequestExpired);
        world.Refused(new ExpireRequest(world.ChamberId, requestId, LedgerActor.System, expiry.AddTicks(-1)), LedgerErrors.RequestNotExpired);
        world.Execute(new ExpireRequest(world.ChamberId, requestId, LedgerActor.System, expiry));
        world.State.Requests[requestId].State.ShouldBe(PaymentRequestState.Expired);
        world.Refused(new RequestPayment(world.ChamberId, Guid.NewGuid(), world[1].Id, world[0].Id, 5_000, "x", LedgerWorld.Start, Member, LedgerWorld.Start), LedgerErrors.InvalidExpiry);
    }

    [Fact]
    public void A_standing_order_pays_each_due_occurrence_once_keeping_month_ends()
    {
        var world = new LedgerWorld();
        var orderId = Guid.NewGuid();
        world.Execute(new SetUpRecurringPayment(world.ChamberId, orderId, world[0].Id, world[1].Id, 1_000, "Rent", new DateOnly(2026, 1, 31), RecurrenceInterval.Monthly, null, Member, LedgerWorld.Start));
        var order = world.State.RecurringPayments[orderId];

        order.DateOf(1).ShouldBe(new DateOnly(2026, 2, 28));
        order.DateOf(2).ShouldBe(new DateOnly(2026, 3, 31));
        order.DueOccurrences(new DateOnly(2026, 3, 1)).ShouldBe([0, 1]);
        world.Execute(new PayRecurringOccurrence(world.ChamberId, orderId, 0, LedgerActor.System, LedgerWorld.Start));
        world.Execute(new PayRecurringOccurrence(world.ChamberId, orderId, 0, LedgerActor.System, LedgerWorld.Start)).Replayed.ShouldBeTrue();
        world.Execute(new PayRecurringOccurrence(world.ChamberId, orderId, 1, LedgerActor.System, LedgerWorld.Start));
        world.Refused(new PayRecurringOccurrence(world.ChamberId, orderId, 2, LedgerActor.System, LedgerWorld.Start), LedgerErrors.OccurrenceNotDue);

        world[1].Balance.ShouldBe(2_000);
        order.OccurrencesPaid.ShouldBe(2);
        world.AssertInvariants();
    }

    [Fact]
    public void An_occurrence_falls_due_on_the_chambers_local_day_not_on_the_utc_one()
    {
        // Geneva is two hours ahead of UTC in spring: 22:30 UTC on 31 March is already 1 April there, when the
        // schedule pays the order due that day; 21:30 UTC on 30 April is still 30 April.
        var world = new LedgerWorld();
        var orderId = Guid.NewGuid();
        world.Execute(new SetUpRecurringPayment(world.ChamberId, orderId, world[0].Id, world[1].Id, 1_000, "Rent", new DateOnly(2026, 4, 1), RecurrenceInterval.Monthly, null, Member, LedgerWorld.Start));

        world.Execute(new PayRecurringOccurrence(world.ChamberId, orderId, 0, LedgerActor.System, new DateTime(2026, 3, 31, 22, 30, 0, DateTimeKind.Utc)));
        world.Refused(new PayRecurringOccurrence(world.ChamberId, orderId, 1, LedgerActor.System, new DateTime(2026, 4, 30, 21, 30, 0, DateTimeKind.Utc)), LedgerErrors.OccurrenceNotDue);
        world.Execute(new PayRecurringOccurrence(world.ChamberId, orderId, 1, LedgerActor.System, new DateTime(2026, 4, 30, 22, 30, 0, DateTimeKind.Utc)));

        ChamberDays.Of(new DateTime(2026, 12, 7, 23, 30, 0, DateTimeKind.Utc)).ShouldBe(new DateOnly(2026, 12, 8), "one hour ahead in winter");
        world[1].Balance.ShouldBe(2_000);
        world.AssertInvariants();
    }

    [Fact]
    public void An_occurrence_unpaid_after_its_retry_days_is_skipped_once_and_can_never_be_paid_later()
    {
        var world = new LedgerWorld();
        var orderId = Guid.NewGuid();
        var start = DateOnly.FromDateTime(LedgerWorld.Start);
        world.Execute(new SetUpRecurringPayment(world.ChamberId, orderId, world[0].Id, world[1].Id, 1_000, "Rent", start, RecurrenceInterval.Monthly, null, Member, LedgerWorld.Start));
        var order = world.State.RecurringPayments[orderId];
        var lastRetryDay = LedgerWorld.Start.AddDays(RecurringPayment.RetryDays);
        var payeeBefore = world[1].Balance;

        world.Refused(new SkipRecurringOccurrence(world.ChamberId, orderId, 0, LedgerActor.System, lastRetryDay), LedgerErrors.OccurrenceStillRetried);
        world.Refused(new SkipRecurringOccurrence(world.ChamberId, orderId, 1, LedgerActor.System, lastRetryDay.AddDays(1)), LedgerErrors.OccurrenceNotDue);
        world.Refused(new SkipRecurringOccurrence(world.ChamberId, Guid.NewGuid(), 0, LedgerActor.System, lastRetryDay.AddDays(1)), LedgerErrors.UnknownRecurringPayment);
        world.Execute(new SkipRecurringOccurrence(world.ChamberId, orderId, 0, LedgerActor.System, lastRetryDay.AddDays(1)));
        world.Execute(new SkipRecurringOccurrence(world.ChamberId, orderId, 0, LedgerActor.System, lastRetryDay.AddDays(1))).Replayed.ShouldBeTrue();

        // The skip took the occurrence's key: paying it now is a different request under the same key, refused.
        world.Refused(new PayRecurringOccurrence(world.ChamberId, orderId, 0, LedgerActor.System, lastRetryDay.AddDays(1)), LedgerErrors.IdempotencyKeyReused);
        order.OccurrencesPaid.ShouldBe(1);
        world[1].Balance.ShouldBe(payeeBefore);
        world.Execute(new PayRecurringOccurrence(world.ChamberId, orderId, 1, LedgerActor.System, LedgerWorld.Start.AddMonths(1)));
        world[1].Balance.ShouldBe(payeeBefore + 1_000);
        world.AssertInvariants();
    }

    [Fact]
    public void A_referral_is_rewarded_once_from_the_issuing_account()
    {
        var world = new LedgerWorld();
        var referred = Guid.NewGuid();
        var reward = new RewardReferral(world.ChamberId, world[3].Id, referred, LedgerWorld.Staff, LedgerWorld.Start);

        world.Execute(reward).Replayed.ShouldBeFalse();
        world.Execute(reward).Replayed.ShouldBeTrue();

        world[3].Balance.ShouldBe(2_000);
        world.IssuingAccount.Balance.ShouldBe(-2_000);
        world.AssertInvariants();
    }
}
