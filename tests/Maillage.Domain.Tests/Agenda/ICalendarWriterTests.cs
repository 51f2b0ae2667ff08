using System.Text;
using Maillage.Domain.Agenda;

namespace Maillage.Domain.Tests.Agenda;

public sealed class ICalendarWriterTests
{
    private static CalendarEntry Entry(string summary, string? description = null) => new(
        "evt-1@maillage", 2, new DateTime(2026, 10, 26, 10, 0, 0), new DateTime(2026, 10, 26, 12, 0, 0), "Europe/Zurich",
        summary, description, "Genève", null, false, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Every_physical_line_fits_in_75_octets_without_splitting_a_character_and_unfolds_to_the_original()
    {
        var description = string.Concat(Enumerable.Repeat("Économie sociale et solidaire — café 🌱 ", 12));
        var text = ICalendarWriter.Write("Agenda", [Entry("Résumé", description)], DateTime.UnixEpoch);

        text.ShouldEndWith("\r\n");
        text.Replace("\r\n", string.Empty, StringComparison.Ordinal).ShouldNotContain("\n");
        foreach (var line in text.Split("\r\n"))
        {
            Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75, line);
            line.ShouldNotContain("\uFFFD");
        }

        var unfolded = text.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        unfolded.ShouldContain("DESCRIPTION:" + description.Replace(",", "\\,", StringComparison.Ordinal) + "\r\n");
    }

    [Fact]
    public void Text_values_are_escaped()
    {
        ICalendarWriter.EscapeText("a,b;c\\d\r\ne\nf").ShouldBe(@"a\,b\;c\\d\ne\nf");
    }

    [Fact]
    public void Times_are_written_in_the_zone_with_a_vtimezone_and_other_zones_in_utc()
    {
        var text = ICalendarWriter.Write("Agenda", [Entry("A"), Entry("B") with { TimeZoneId = "Europe/London" }], DateTime.UnixEpoch);
        text.ShouldContain("DTSTART;TZID=Europe/Zurich:20261026T100000\r\n");
        text.ShouldContain("DTSTART:20261026T100000Z\r\n", Case.Sensitive, "10:00 in London in winter is 10:00 UTC");
        text.ShouldContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich");
    }
}
