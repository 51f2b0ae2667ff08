using Maillage.Domain.Agenda;
using Maillage.Domain.Common;

namespace Maillage.Domain.Tests.Agenda;

public sealed class EventRulesTests
{
    [Fact]
    public void End_before_start_a_skipped_hour_and_an_unknown_zone_are_refused()
    {
        var details = AgendaWorld.Details();
        details.Sessions = [new EventSession { LocalStart = new DateTime(2026, 12, 3, 12, 0, 0), LocalEnd = new DateTime(2026, 12, 3, 10, 0, 0) }];
        details.Validate().Select(e => (e.Field, e.Code)).ShouldBe([("End", AgendaCodes.EndBeforeStart)]);

        details.Sessions = [new EventSession { LocalStart = new DateTime(2027, 3, 28, 2, 30, 0), LocalEnd = new DateTime(2027, 3, 28, 4, 0, 0) }];
        details.Validate().Select(e => (e.Field, e.Code)).ShouldBe([("Start", AgendaCodes.SkippedTime)]);

        details.TimeZoneId = "Mars/Olympus";
        details.Validate().Select(e => e.Code).ShouldBe([AgendaCodes.UnknownZone]);
    }

    [Fact]
    public void Ten_oclock_in_geneva_stays_ten_oclock_on_both_sides_of_the_autumn_change()
    {
        var summer = EventTime.ToUtc(new DateTime(2026, 10, 24, 10, 0, 0), "Europe/Zurich");
        var winter = EventTime.ToUtc(new DateTime(2026, 10, 26, 10, 0, 0), "Europe/Zurich");
        summer.ShouldBe(new DateTime(2026, 10, 24, 8, 0, 0, DateTimeKind.Utc));
        winter.ShouldBe(new DateTime(2026, 10, 26, 9, 0, 0, DateTimeKind.Utc));
        EventTime.ToLocal(winter, "Europe/Zurich").ShouldBe(new DateTime(2026, 10, 26, 10, 0, 0));
    }

    [Fact]
    public void An_unconfirmed_registration_expires_at_the_end_of_its_lifetime_and_a_confirmed_one_never()
    {
        var roster = new Roster(AgendaWorld.Event(capacity: 1));
        var pending = roster.Register("lent@exemple.ch", "Lent", "Escargot", EventPrice.For(roster.Event, false), AgendaWorld.Now);
        var day = TimeSpan.FromHours(24);
        pending.IsExpired(AgendaWorld.Now + day - TimeSpan.FromSeconds(1), day).ShouldBeFalse();
        pending.IsExpired(AgendaWorld.Now + day, day).ShouldBeTrue();

        var seated = roster.Register("vite@exemple.ch", "Vite", "Lièvre", EventPrice.For(roster.Event, false), AgendaWorld.Now);
        roster.ConfirmEmail(seated, AgendaWorld.Now);
        seated.IsExpired(AgendaWorld.Now + (day * 10), day).ShouldBeFalse();
        Should.Throw<DomainException>(() => seated.Expire(AgendaWorld.Now + day)).Code.ShouldBe(AgendaCodes.InvalidTransition);

        pending.Expire(AgendaWorld.Now + day);
        (pending.State, pending.IsActive, pending.ArrivalNumber).ShouldBe((RegistrationState.Cancelled, false, (long?)null));
        Roster.Check(roster.Event, roster.Registrations).ShouldBeEmpty("it held no seat: the counters are unchanged");
        roster.Register("lent@exemple.ch", "Lent", "Escargot", EventPrice.For(roster.Event, false), AgendaWorld.Now + day).State.ShouldBe(RegistrationState.PendingEmail, "the address is free again");
    }

    [Fact]
    public void Capacity_below_the_seats_taken_is_refused_with_the_number_taken()
    {
        AgendaWorld.Details(capacity: 3).Validate(confirmedRegistrations: 5).Single().ShouldBe(new ValidationError("Capacity", AgendaCodes.CapacityBelowConfirmed, 5), new ValidationErrorComparer());
    }

    [Fact]
    public void A_member_pays_the_member_price_and_a_forged_member_price_is_refused()
    {
        var training = AgendaWorld.Event(member: 120_00, nonMember: 180_00);
        EventPrice.For(training, isMember: true).ShouldBe(new EventPrice(PriceCategory.Member, 120_00));
        var visitor = EventPrice.For(training, isMember: false);
        visitor.ShouldBe(new EventPrice(PriceCategory.NonMember, 180_00));

        EventPrice.Refusal(visitor, PriceCategory.Member, null).ShouldBe(AgendaCodes.MemberPriceRefused);
        EventPrice.Refusal(visitor, null, 120_00).ShouldBe(AgendaCodes.MemberPriceRefused);
        EventPrice.Refusal(visitor, PriceCategory.NonMember, 180_00).ShouldBeNull();
        EventPrice.Refusal(EventPrice.For(AgendaWorld.Event(), false), null, null).ShouldBeNull();
    }

    [Fact]
    public void A_member_price_above_the_non_member_price_and_a_share_above_100_percent_are_refused()
    {
        var details = AgendaWorld.Details(member: 200_00, nonMember: 100_00);
        details.CurrencySharePercent = 120;
        details.Validate().Select(e => e.Field).ShouldBe(["MemberPrice", "CurrencySharePercent"]);
    }

    [Fact]
    public void A_duplicate_keeps_the_details_but_no_registration_and_every_change_raises_the_sequence()
    {
        var original = AgendaWorld.Event(capacity: 1);
        var roster = new Roster(original);
        roster.ConfirmEmail(roster.Register("a@exemple.ch", "A", "B", new EventPrice(PriceCategory.Free, 0), AgendaWorld.Now), AgendaWorld.Now);
        var copy = original.Duplicate(AgendaWorld.Now);
        (copy.Title, copy.Capacity, copy.ConfirmedCount, copy.ArrivalCount).ShouldBe((original.Title, 1, 0, 0L));
        copy.Id.ShouldNotBe(original.Id);

        var sequence = original.Sequence;
        original.Cancel(null, AgendaWorld.Now);
        original.Sequence.ShouldBeGreaterThan(sequence);
    }

    private sealed class ValidationErrorComparer : IEqualityComparer<ValidationError>
    {
        public bool Equals(ValidationError? x, ValidationError? y) =>
            x is not null && y is not null && x.Field == y.Field && x.Code == y.Code && x.Arguments.SequenceEqual(y.Arguments);

        public int GetHashCode(ValidationError obj) => obj.Field.GetHashCode(StringComparison.Ordinal);
    }
}
