using Maillage.Domain.Common;
using Maillage.Domain.Needs;

namespace Maillage.Domain.Tests.Needs;

public class NeedTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static NeedDetails Valid() => new()
    {
        Title = "Traiteur pour 80 personnes",
        Description = "Buffet végétarien pour notre assemblée générale.",
        Category = "traiteur/buffets",
        DateFrom = new DateOnly(2027, 3, 12),
        Town = "Genève",
        Canton = "GE",
        BudgetMinor = 2400_00,
        CurrencyPossible = true,
        CurrencyAmountMinor = 400_00,
    };

    private static IEnumerable<string> Codes(NeedDetails d, string field) => d.Validate(Today).Where(e => e.Field == field).Select(e => e.Code);

    [Fact]
    public void A_complete_need_is_valid()
    {
        Valid().Validate(Today).ShouldBeEmpty();
    }

    [Fact]
    public void Every_problem_is_reported_next_to_its_field()
    {
        var d = Valid();
        d.Title = "  ";
        Codes(d, "Title").ShouldBe([ValidationCodes.Required]);

        d = Valid();
        d.DateUntil = d.DateFrom!.Value.AddDays(-1);
        Codes(d, "DateUntil").ShouldBe([NeedCodes.EndBeforeStart]);

        d = Valid();
        d.BudgetMinor = -5_00;
        Codes(d, "BudgetMinor").ShouldBe([NeedCodes.BudgetNotPositive]);

        d = Valid();
        d.BudgetMinor = 100_00;
        d.CurrencyAmountMinor = 200_00;
        Codes(d, "CurrencyAmountMinor").ShouldBe([NeedCodes.CurrencyAboveBudget]);

        d = Valid();
        d.DateFrom = Today.AddDays(-3);
        Codes(d, "DateFrom").ShouldBe([NeedCodes.InThePast]);

        d = Valid();
        d.Category = "inconnue";
        d.Canton = "ZZ";
        Codes(d, "Category").ShouldBe([ValidationCodes.InvalidChoice]);
        Codes(d, "Canton").ShouldBe([ValidationCodes.InvalidCanton]);
    }

    [Fact]
    public void A_need_closes_once_with_an_outcome_and_names_only_another_member_met_inside()
    {
        var org = Guid.NewGuid();
        var need = new Need(Guid.NewGuid(), org, Guid.NewGuid(), Valid(), Today, DateTime.UtcNow);
        Should.Throw<DomainException>(() => need.Close(NeedOutcome.FoundOutside, Guid.NewGuid(), DateTime.UtcNow)).Code.ShouldBe(NeedCodes.OrganisationOnlyInside);
        Should.Throw<DomainException>(() => need.Close(NeedOutcome.FoundInNetwork, org, DateTime.UtcNow)).Code.ShouldBe(NeedCodes.OwnOrganisation);
        need.IsOpen.ShouldBeTrue();

        var supplier = Guid.NewGuid();
        need.Close(NeedOutcome.FoundInNetwork, supplier, DateTime.UtcNow);
        (need.State, need.Outcome, need.FoundOrganisationId).ShouldBe((NeedState.Closed, NeedOutcome.FoundInNetwork, (Guid?)supplier));
        Should.Throw<DomainException>(() => need.Close(NeedOutcome.Abandoned, null, DateTime.UtcNow)).Code.ShouldBe(NeedCodes.AlreadyClosed);
        Should.Throw<DomainException>(() => need.Edit(Valid(), Today, DateTime.UtcNow)).Code.ShouldBe(NeedCodes.AlreadyClosed);
    }

    [Fact]
    public void Not_paying_in_currency_drops_the_amount_and_a_same_day_end_is_a_single_date()
    {
        var d = Valid();
        d.CurrencyPossible = false;
        d.DateUntil = d.DateFrom;
        var need = new Need(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), d, Today, DateTime.UtcNow);
        need.Details.CurrencyAmountMinor.ShouldBeNull();
        need.Details.DateUntil.ShouldBeNull();
        need.Details.LastDay.ShouldBe(d.DateFrom);
    }

    [Fact]
    public void The_share_met_inside_counts_only_needs_that_were_met()
    {
        var stats = NeedStatistics.Of([
            (NeedState.Open, null), (NeedState.Closed, NeedOutcome.FoundInNetwork), (NeedState.Closed, NeedOutcome.FoundInNetwork),
            (NeedState.Closed, NeedOutcome.FoundInNetwork), (NeedState.Closed, NeedOutcome.FoundOutside), (NeedState.Closed, NeedOutcome.Abandoned),
        ]);
        stats.ShouldBe(new NeedStatistics(1, 3, 1, 1));
        stats.ShareMetInside.ShouldBe(0.75);
        NeedStatistics.Of([(NeedState.Closed, NeedOutcome.Abandoned)]).ShareMetInside.ShouldBeNull();
    }
}
