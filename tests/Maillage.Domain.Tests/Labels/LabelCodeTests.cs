using System.Security.Cryptography;
using Maillage.Domain.Labels;

namespace Maillage.Domain.Tests.Labels;

public class LabelCodeTests
{
    [Fact]
    public void New_codes_are_twelve_characters_in_three_groups_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 5000).Select(_ => LabelCode.Create(RandomNumberGenerator.GetBytes(LabelCode.Length))).ToList();
        codes.ShouldAllBe(c => c.Length == 14 && c[4] == '-' && c[9] == '-');
        codes.Distinct().Count().ShouldBe(codes.Count);
        codes.ShouldAllBe(c => LabelCode.Normalize(c) == c);
    }

    [Theory]
    [InlineData("k7m3 q9tz 4hwx", "K7M3-Q9TZ-4HWX")]
    [InlineData("K7M3Q9TZ4HWX", "K7M3-Q9TZ-4HWX")]
    [InlineData(" 0O1I-L234-5678 ", "0011-1234-5678")]
    public void Typed_codes_are_read_leniently(string typed, string expected) => LabelCode.Normalize(typed).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K7M3-Q9TZ-4HW")]
    [InlineData("K7M3-Q9TZ-4HWXX")]
    [InlineData("K7M3-Q9TZ-4HWU")]
    [InlineData("'; DROP TABLE x")]
    [InlineData("K7M3-Q9TZ-4HW\u00C9")]
    public void Anything_else_is_not_a_code(string? typed) => LabelCode.Normalize(typed).ShouldBeNull();
}
