using Maillage.Domain.Procurement;

namespace Maillage.Domain.Tests.Procurement;

public class OcdsDateTests
{
    [Theory]
    [InlineData("2010-04-08T18:00:00Z", "2010-04-08T18:00:00")]
    [InlineData("2010-04-08T20:00:00+02:00", "2010-04-08T18:00:00")]
    [InlineData("2010-04-08T18:00:00.123Z", "2010-04-08T18:00:00.123")]
    [InlineData("2010-04-08T18:00:00", "2010-04-08T18:00:00")]
    [InlineData("2010-04-08", "2010-04-08T00:00:00")]
    [InlineData("2014-04-15 14:00 Eastern Daylight Time (EDT)", "2014-04-15T18:00:00")]
    [InlineData("15.04.2014 14:00", "2014-04-15T14:00:00")]
    [InlineData("15.04.2014 14h00 CEST", "2014-04-15T12:00:00")]
    [InlineData("2014-04-15 14:00 UTC+01:00", "2014-04-15T13:00:00")]
    public void Odd_dates_are_read_as_UTC(string text, string expected)
    {
        var parsed = OcdsDate.Parse(text);

        parsed.ShouldBe(DateTime.SpecifyKind(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
        parsed!.Value.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("2014-13-45")]
    [InlineData("31.02.2024")]
    public void Text_that_is_no_date_gives_null(string? text) => OcdsDate.Parse(text).ShouldBeNull();
}
