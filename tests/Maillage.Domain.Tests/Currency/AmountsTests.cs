using System.Globalization;
using Maillage.Domain.Currency;

namespace Maillage.Domain.Tests.Currency;

public class AmountsTests
{
    [Theory]
    [InlineData("12", 1_200)]
    [InlineData("12.5", 1_250)]
    [InlineData("12,50", 1_250)]
    [InlineData("1'234.50", 123_450)]
    [InlineData("1’234.50", 123_450)]
    [InlineData("1 234,50", 123_450)]
    [InlineData("1\u202F234,50", 123_450)]
    [InlineData("1'000'000", 100_000_000)]
    [InlineData("  0.05 ", 5)]
    [InlineData("+3", 300)]
    [InlineData(".5", 50)]
    [InlineData("7.", 700)]
    [InlineData("1.230", 123)]
    public void Swiss_typed_amounts_parse_to_exact_minor_units(string text, long expected) =>
        Amounts.Parse(text, 2).ShouldBe(expected);

    [Theory]
    [InlineData("", LedgerErrors.AmountRequired)]
    [InlineData("   ", LedgerErrors.AmountRequired)]
    [InlineData(null, LedgerErrors.AmountRequired)]
    [InlineData("0", LedgerErrors.AmountNotPositive)]
    [InlineData("0.00", LedgerErrors.AmountNotPositive)]
    [InlineData("-5", LedgerErrors.AmountNotPositive)]
    [InlineData("−5", LedgerErrors.AmountNotPositive)]
    [InlineData("abc", LedgerErrors.AmountNotNumeric)]
    [InlineData("12abc", LedgerErrors.AmountNotNumeric)]
    [InlineData("1e5", LedgerErrors.AmountNotNumeric)]
    [InlineData("1,234.50", LedgerErrors.AmountNotNumeric)]
    [InlineData("1.234,50", LedgerErrors.AmountNotNumeric)]
    [InlineData("1.2.3", LedgerErrors.AmountNotNumeric)]
    [InlineData("12'34", LedgerErrors.AmountNotNumeric)]
    [InlineData("1 2", LedgerErrors.AmountNotNumeric)]
    [InlineData("'123", LedgerErrors.AmountNotNumeric)]
    [InlineData(".", LedgerErrors.AmountNotNumeric)]
    [InlineData("1.005", LedgerErrors.AmountTooPrecise)]
    [InlineData("0.001", LedgerErrors.AmountTooPrecise)]
    [InlineData("1000000001", LedgerErrors.AmountTooLarge)]
    [InlineData("1000000000.01", LedgerErrors.AmountTooLarge)]
    [InlineData("99999999999999999999999999", LedgerErrors.AmountTooLarge)]
    public void Bad_amounts_are_refused_with_a_stable_code(string? text, string code)
    {
        Amounts.TryParse(text, 2, AmountRule.Positive, out var value, out var error).ShouldBeFalse();
        error.ShouldBe(code);
        value.ShouldBe(0);
        Should.Throw<LedgerException>(() => Amounts.Parse(text, 2)).Code.ShouldBe(code);
    }

    [Fact]
    public void Zero_is_allowed_only_where_the_rule_says_so_and_a_currency_without_minor_unit_refuses_decimals()
    {
        Amounts.Parse("0", 2, AmountRule.ZeroOrPositive).ShouldBe(0);
        Amounts.Parse("1'000'000'000", 2).ShouldBe(100_000_000_000);
        Amounts.Parse("12", 0).ShouldBe(12);
        Should.Throw<LedgerException>(() => Amounts.Parse("12.5", 0)).Code.ShouldBe(LedgerErrors.AmountTooPrecise);
        Should.Throw<LedgerException>(() => Amounts.Validate(0, 2)).Code.ShouldBe(LedgerErrors.AmountNotPositive);
        Should.Throw<LedgerException>(() => Amounts.Validate(Amounts.MaxMinorUnits(2) + 1, 2)).Code.ShouldBe(LedgerErrors.AmountTooLarge);
    }

    [Theory]
    [InlineData("fr-CH")]
    [InlineData("en-CH")]
    [InlineData("de-CH")]
    public void Formatting_for_people_parses_back_to_the_same_amount(string culture)
    {
        foreach (var minor in new long[] { 5, 123_450, 99_999_999_999, 7 })
        {
            var text = Amounts.Format(minor, 2, CultureInfo.GetCultureInfo(culture));
            Amounts.Parse(text, 2).ShouldBe(minor, $"'{text}' in {culture}");
        }
    }

    [Fact]
    public void Invariant_format_has_a_dot_no_grouping_and_exact_digits()
    {
        Amounts.FormatInvariant(123_450, 2).ShouldBe("1234.50");
        Amounts.FormatInvariant(-5, 2).ShouldBe("-0.05");
        Amounts.FormatInvariant(42, 0).ShouldBe("42");
        Amounts.FormatInvariant(1, 4).ShouldBe("0.0001");
    }
}
