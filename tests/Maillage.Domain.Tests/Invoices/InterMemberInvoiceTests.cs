using Maillage.Domain.Common;
using Maillage.Domain.Invoices;

namespace Maillage.Domain.Tests.Invoices;

public class InterMemberInvoiceTests
{
    private static readonly DateTime Now = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Issued = new(2026, 10, 1);
    private static readonly Guid Chamber = Guid.NewGuid();
    private static readonly Guid Debtor = Guid.NewGuid();
    private static readonly Guid Creditor = Guid.NewGuid();

    private static InterMemberInvoice Declared(long amount = 100_00, InvoiceSide by = InvoiceSide.Creditor) =>
        InterMemberInvoice.Declare(Chamber, Debtor, Creditor, "F-2026-001", amount, Issued, Issued.AddDays(30), by, null, Now);

    [Fact]
    public void A_declared_invoice_owes_its_whole_amount_in_CHF_and_waits_for_the_other_side()
    {
        var invoice = Declared(1234_50);
        invoice.State.ShouldBe(InvoiceState.Declared);
        invoice.Remaining.ShouldBe(1234_50);
        invoice.Currency.ShouldBe("CHF");
        invoice.TakesPartInClearing.ShouldBeFalse();
        invoice.SideOf(Debtor).ShouldBe(InvoiceSide.Debtor);
        invoice.SideOf(Guid.NewGuid()).ShouldBeNull();
    }

    [Theory]
    [InlineData(0, InvoiceErrors.AmountNotPositive)]
    [InlineData(-5, InvoiceErrors.AmountNotPositive)]
    [InlineData(InterMemberInvoice.MaxAmount + 1, InvoiceErrors.AmountTooLarge)]
    public void Amounts_must_be_positive_and_sane(long amount, string code)
    {
        InterMemberInvoice.Validate(Debtor, Creditor, "F-1", amount, Issued, Issued).ShouldHaveSingleItem().Code.ShouldBe(code);
        Should.Throw<DomainException>(() => Declared(amount)).Code.ShouldBe(code);
    }

    [Fact]
    public void An_invoice_to_oneself_due_before_issue_without_number_reports_every_problem()
    {
        var errors = InterMemberInvoice.Validate(Debtor, Debtor, "  ", 10, Issued, Issued.AddDays(-1));
        errors.Select(e => e.Code).ShouldBe([InvoiceErrors.NumberRequired, InvoiceErrors.DueBeforeIssue, InvoiceErrors.SelfInvoice], ignoreOrder: true);
        InterMemberInvoice.Validate(Debtor, Creditor, new string('x', InterMemberInvoice.NumberMax + 1), 10, Issued, Issued)
            .ShouldHaveSingleItem().Code.ShouldBe(InvoiceErrors.NumberTooLong);
    }

    [Fact]
    public void Only_the_other_side_confirms_or_disputes_and_only_the_declarer_withdraws()
    {
        var invoice = Declared(by: InvoiceSide.Creditor);
        Should.Throw<DomainException>(() => invoice.Confirm(InvoiceSide.Creditor, Now));
        Should.Throw<DomainException>(() => invoice.Dispute(InvoiceSide.Creditor, "non", Now));
        Should.Throw<DomainException>(() => invoice.Withdraw(InvoiceSide.Debtor, Now));
        Should.Throw<DomainException>(() => invoice.Dispute(InvoiceSide.Debtor, " ", Now)).Code.ShouldBe(InvoiceErrors.ReasonRequired);

        invoice.Dispute(InvoiceSide.Debtor, "Prestation non livrée", Now);
        invoice.State.ShouldBe(InvoiceState.Disputed);
        invoice.DisputeReason.ShouldBe("Prestation non livrée");
        invoice.Confirm(InvoiceSide.Debtor, Now);
        invoice.State.ShouldBe(InvoiceState.Confirmed);
        invoice.DisputeReason.ShouldBeNull();
        invoice.TakesPartInClearing.ShouldBeTrue();
        Should.Throw<DomainException>(() => invoice.Withdraw(InvoiceSide.Creditor, Now), "a confirmed invoice cannot be withdrawn");
    }

    [Fact]
    public void Clearing_reduces_what_is_owed_to_partly_cleared_then_cleared_and_never_below_zero()
    {
        var invoice = Declared(100_00);
        invoice.Confirm(InvoiceSide.Debtor, Now);
        invoice.ApplyClearing(40_00, Now);
        invoice.State.ShouldBe(InvoiceState.PartlyCleared);
        invoice.Remaining.ShouldBe(60_00);
        Should.Throw<DomainException>(() => invoice.ApplyClearing(60_01, Now));
        invoice.ApplyClearing(60_00, Now);
        invoice.State.ShouldBe(InvoiceState.Cleared);
        invoice.Remaining.ShouldBe(0);
        invoice.TakesPartInClearing.ShouldBeFalse();
        Should.Throw<DomainException>(() => invoice.ApplyClearing(1, Now));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_operation_sequences_keep_every_invariant(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 200; run++)
        {
            var amount = random.NextInt64(1, 1_000_00);
            var invoice = Declared(amount, random.Next(2) == 0 ? InvoiceSide.Creditor : InvoiceSide.Debtor);
            var version = invoice.Version;
            for (var step = 0; step < 20; step++)
            {
                var side = random.Next(2) == 0 ? InvoiceSide.Creditor : InvoiceSide.Debtor;
                var before = (invoice.State, invoice.Remaining, invoice.Version);
                try
                {
                    switch (random.Next(4))
                    {
                        case 0:
                            invoice.Confirm(side, Now);
                            break;
                        case 1:
                            invoice.Dispute(side, random.Next(5) == 0 ? string.Empty : "Montant erroné", Now);
                            break;
                        case 2:
                            invoice.Withdraw(side, Now);
                            break;
                        default:
                            invoice.ApplyClearing(random.NextInt64(-10, invoice.Remaining + 10), Now);
                            break;
                    }

                    invoice.Version.ShouldBe(before.Version + 1, "every change bumps the version");
                }
                catch (DomainException)
                {
                    (invoice.State, invoice.Remaining, invoice.Version).ShouldBe(before, "a refused operation changes nothing");
                }

                invoice.Remaining.ShouldBeInRange(0, invoice.Amount);
                (invoice.Remaining == 0).ShouldBe(invoice.State == InvoiceState.Cleared);
                if (invoice.State is InvoiceState.Declared or InvoiceState.Confirmed or InvoiceState.Withdrawn)
                {
                    invoice.Remaining.ShouldBe(invoice.Amount);
                }

                if (invoice.State == InvoiceState.Disputed)
                {
                    invoice.DisputeReason.ShouldNotBeNullOrWhiteSpace("a dispute always says why");
                }
                invoice.Version.ShouldBeGreaterThanOrEqualTo(version);
                version = invoice.Version;
            }
        }
    }

    [Fact]
    public void A_monthly_schedule_runs_next_on_its_day_and_refuses_impossible_days()
    {
        var schedule = new ClearingSchedule(Chamber);
        schedule.RunMonthly(15, new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc));
        schedule.NextRunAt.ShouldBe(new DateTime(2026, 12, 15, ClearingSchedule.RunHourUtc, 0, 0, DateTimeKind.Utc));
        ClearingSchedule.NextOccurrence(28, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc)).ShouldBe(new DateTime(2026, 2, 28, ClearingSchedule.RunHourUtc, 0, 0, DateTimeKind.Utc));
        Should.Throw<DomainException>(() => schedule.RunMonthly(31, Now));
        schedule.RunOnDemandOnly();
        schedule.NextRunAt.ShouldBeNull();
    }
}
