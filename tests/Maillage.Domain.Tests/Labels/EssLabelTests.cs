using Maillage.Domain.Common;
using Maillage.Domain.Labels;
using Maillage.Domain.Membership;

namespace Maillage.Domain.Tests.Labels;

public class EssLabelTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly Actor Staff = new(Guid.NewGuid(), "Camille Favre (APRÈS-GE)");
    private const string Code = "K7M3-Q9TZ-4HWX";

    private static EssLabel NewLabel(DateOnly? from = null, DateOnly? until = null) =>
        EssLabel.Grant(Guid.NewGuid(), Guid.NewGuid(), Code, from ?? Today, until ?? Today.AddYears(2), "Critères remplis.", Staff, Now, Today);

    [Fact]
    public void A_granted_label_is_valid_through_its_last_day_then_expired()
    {
        var label = NewLabel(Today, Today.AddDays(10));
        label.StatusOn(Today).ShouldBe(LabelStatus.Valid);
        label.StatusOn(Today.AddDays(10)).ShouldBe(LabelStatus.Valid);
        label.StatusOn(Today.AddDays(11)).ShouldBe(LabelStatus.Expired);
        label.EndedOn(Today.AddDays(30), TimeZoneInfo.Utc).ShouldBe(Today.AddDays(11));
        label.StatusOn(Today.AddDays(-1)).ShouldBe(LabelStatus.NotYetValid);
        var granted = label.Events.ShouldHaveSingleItem();
        granted.Kind.ShouldBe(LabelEventKind.Granted);
        granted.ActorName.ShouldBe(Staff.Name);
        granted.ActorUserId.ShouldBe(Staff.UserId);
        granted.At.ShouldBe(Now);
        granted.Text.ShouldBe("Critères remplis.");
    }

    [Theory]
    [InlineData(0, -1, "EndBeforeStart")]
    [InlineData(-400, -1, "PeriodInPast")]
    [InlineData(0, 366 * 5 + 2, "PeriodTooLong")]
    public void Impossible_periods_are_refused(int fromDays, int untilDays, string code)
    {
        Should.Throw<DomainException>(() => NewLabel(Today.AddDays(fromDays), Today.AddDays(untilDays))).Code.ShouldBe(code);
    }

    [Fact]
    public void A_renewal_ends_later_and_keeps_the_history()
    {
        var label = NewLabel(Today, Today.AddDays(10));
        Should.Throw<DomainException>(() => label.Renew(Today, Today.AddDays(10), null, Staff, Now, Today)).Code.ShouldBe("RenewalMustEndLater");
        label.Renew(Today.AddDays(11), Today.AddYears(1), null, Staff, Now.AddDays(1), Today);
        label.ValidFrom.ShouldBe(Today.AddDays(11));
        label.ValidUntil.ShouldBe(Today.AddYears(1));
        label.UpdatedAt.ShouldBe(Now.AddDays(1));
        label.Events.Select(e => e.Kind).ShouldBe([LabelEventKind.Granted, LabelEventKind.Renewed]);
        label.Events[0].ValidUntil.ShouldBe(Today.AddDays(10));
    }

    [Fact]
    public void Revocation_needs_a_reason_is_final_until_granted_again_and_is_remembered()
    {
        var label = NewLabel();
        Should.Throw<DomainException>(() => label.Revoke("  ", Staff, Now)).Code.ShouldBe(ValidationCodes.Required);
        Should.Throw<DomainException>(() => label.Revoke(new string('x', 501), Staff, Now)).Code.ShouldBe(ValidationCodes.TooLong);
        label.Revoke(" Non-respect de l'écart salarial. ", Staff, Now.AddHours(2));
        label.StatusOn(Today).ShouldBe(LabelStatus.Revoked);
        label.RevokedReason.ShouldBe("Non-respect de l'écart salarial.");
        label.EndedOn(Today, TimeZoneInfo.Utc).ShouldBe(Today);
        Should.Throw<DomainException>(() => label.Revoke("encore", Staff, Now)).Code.ShouldBe("LabelRevoked");
        Should.Throw<DomainException>(() => label.Renew(Today, Today.AddYears(3), null, Staff, Now, Today)).Code.ShouldBe("LabelRevoked");

        label.Regrant(Today, Today.AddYears(1), "Écart corrigé.", Staff, Now.AddDays(40), Today);
        label.StatusOn(Today).ShouldBe(LabelStatus.Valid);
        label.RevokedReason.ShouldBeNull();
        label.Events.Select(e => e.Kind).ShouldBe([LabelEventKind.Granted, LabelEventKind.Revoked, LabelEventKind.Regranted]);
        label.Events[1].Text.ShouldBe("Non-respect de l'écart salarial.");
        Should.Throw<DomainException>(() => label.Regrant(Today, Today.AddYears(1), null, Staff, Now, Today)).Code.ShouldBe("LabelNotRevoked");
    }

    [Fact]
    public void A_bad_code_is_refused() =>
        Should.Throw<DomainException>(() => EssLabel.Grant(Guid.NewGuid(), Guid.NewGuid(), "ABC", Today, Today.AddYears(1), null, Staff, Now, Today)).Code.ShouldBe("InvalidLabelCode");

    /// <summary>
    /// Invariants over seeded random decisions: every accepted decision adds exactly one event and a refused one
    /// changes nothing; the status is Revoked exactly when the last revoke-or-grant event is a revocation; the
    /// current period is the last one decided; a renewal never shortens the label.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2026)]
    public void Random_decisions_keep_the_label_consistent(int seed)
    {
        var random = new Random(seed);
        var today = Today;
        var now = Now;
        var label = NewLabel(today, today.AddDays(random.Next(0, 400)));
        for (var step = 0; step < 400; step++)
        {
            today = today.AddDays(random.Next(0, 60));
            now = now.AddDays(1);
            var from = today.AddDays(random.Next(-30, 60));
            var until = from.AddDays(random.Next(-10, 800));
            var eventsBefore = label.Events.Count;
            var untilBefore = label.ValidUntil;
            var accepted = true;
            try
            {
                switch (random.Next(3))
                {
                    case 0: label.Renew(from, until, null, Staff, now, today); break;
                    case 1: label.Revoke("Motif " + step, Staff, now); break;
                    default: label.Regrant(from, until, null, Staff, now, today); break;
                }
            }
            catch (DomainException)
            {
                accepted = false;
            }

            label.Events.Count.ShouldBe(eventsBefore + (accepted ? 1 : 0));
            var last = label.Events[^1];
            (label.StatusOn(today) == LabelStatus.Revoked).ShouldBe(last.Kind == LabelEventKind.Revoked);
            var lastPeriod = label.Events.Last(e => e.Kind != LabelEventKind.Revoked);
            (lastPeriod.ValidFrom, lastPeriod.ValidUntil).ShouldBe((label.ValidFrom, label.ValidUntil));
            if (accepted && last.Kind == LabelEventKind.Renewed)
            {
                label.ValidUntil.ShouldBeGreaterThan(untilBefore);
            }

            if (label.StatusOn(today) == LabelStatus.Valid)
            {
                (label.ValidFrom <= today && today <= label.ValidUntil && label.RevokedAt is null).ShouldBeTrue();
            }
        }
    }
}
