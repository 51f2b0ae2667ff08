using Maillage.Domain.Clearing;

namespace Maillage.Domain.Tests.Clearing;

public class ObligationCsvReaderTests
{
    [Fact]
    public void Well_formed_rows_are_read_in_order()
    {
        var csv = Read("debtor,creditor,amount\n0,1779,53070\n0,15121,209901\r\n1779,5,1111823\n");

        csv.IsValid.ShouldBeTrue();
        csv.Obligations.ShouldBe([new Obligation(0, 1779, 53070), new Obligation(0, 15121, 209901), new Obligation(1779, 5, 1111823)]);
    }

    [Fact]
    public void Spaces_quotes_a_byte_order_mark_and_blank_lines_are_tolerated()
    {
        var csv = Read("\uFEFF\n Debtor , CREDITOR,amount\n\n 1 , \"2\" , 30 \n   \n");

        csv.IsValid.ShouldBeTrue();
        csv.Obligations.ShouldBe([new Obligation(1, 2, 30)]);
        csv.LineOf(0).ShouldBe(4);
    }

    [Fact]
    public void Bad_rows_are_reported_with_line_number_and_reason_and_good_rows_kept()
    {
        var csv = Read(string.Join('\n',
            "debtor,creditor,amount",
            "1,2,10",
            "1,2",
            "x,2,10",
            "1,y,10",
            "1,2,1.50",
            "1,2,0",
            "1,2,-4",
            "3,3,10",
            "1,2,3,4",
            "1,2,99999999999999999999",
            "4,5,6"));

        csv.Obligations.ShouldBe([new Obligation(1, 2, 10), new Obligation(4, 5, 6)]);
        csv.LineOf(0).ShouldBe(2);
        csv.LineOf(1).ShouldBe(12);
        csv.ErrorCount.ShouldBe(9);
        csv.Errors.Select(e => e.LineNumber).ShouldBe([3L, 4, 5, 6, 7, 8, 9, 10, 11]);
        csv.Errors[0].Reason.ShouldContain("found 2");
        csv.Errors[1].Reason.ShouldContain("debtor 'x'");
        csv.Errors[2].Reason.ShouldContain("creditor 'y'");
        csv.Errors[3].Reason.ShouldContain("amount '1.50'");
        csv.Errors[4].Reason.ShouldContain("must be positive");
        csv.Errors[5].Reason.ShouldContain("must be positive");
        csv.Errors[6].Reason.ShouldContain("same member");
        csv.Errors[7].Reason.ShouldContain("found 4");
        csv.Errors[8].Reason.ShouldContain("not an integer");
    }

    [Fact]
    public void A_missing_header_is_reported_on_line_one()
    {
        var csv = Read("1,2,10\n2,1,5\n");

        csv.Errors.ShouldHaveSingleItem().LineNumber.ShouldBe(1);
        csv.Errors[0].Reason.ShouldContain("header");
        csv.Obligations.ShouldBe([new Obligation(2, 1, 5)]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    public void An_empty_file_is_reported(string text)
    {
        var csv = Read(text);

        csv.Errors.ShouldHaveSingleItem().Reason.ShouldContain("empty");
        csv.Obligations.ShouldBeEmpty();
    }

    [Fact]
    public void The_error_list_is_capped_but_every_error_is_counted()
    {
        var text = "debtor,creditor,amount\n" + string.Concat(Enumerable.Repeat("bad\n", 50));

        var csv = ObligationCsvReader.Read(new StringReader(text), maxErrors: 10);

        csv.Errors.Count.ShouldBe(10);
        csv.ErrorCount.ShouldBe(50);
        csv.IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task The_async_reader_gives_the_same_result()
    {
        const string text = "debtor,creditor,amount\n1,2,10\n2,1\n";

        var csv = await ObligationCsvReader.ReadAsync(new StringReader(text));

        csv.Obligations.ShouldBe([new Obligation(1, 2, 10)]);
        csv.Errors.ShouldBe([new CsvRowError(3, "expected 3 fields (debtor,creditor,amount), found 2")]);
    }

    private static ObligationCsvResult Read(string text) => ObligationCsvReader.Read(new StringReader(text));
}
