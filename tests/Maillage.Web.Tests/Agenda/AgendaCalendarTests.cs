using Maillage.Domain.Agenda;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HttpStatusCode = System.Net.HttpStatusCode;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Agenda;

/// <summary>iCalendar downloads and feeds, read back by the tests' own RFC 5545 reader.</summary>
public abstract class AgendaCalendarTests(MaillageApp app)
{
    [Fact]
    public async Task Ten_oclock_in_geneva_stays_ten_oclock_on_both_sides_of_the_spring_change_in_the_event_file()
    {
        // 27 March 2027 is the last Saturday of winter time, 29 March the first Monday of summer time.
        var course = await app.NewEventAsync(localStart: new DateTime(2027, 3, 27, 10, 0, 0), kind: EventKind.Training,
            more: [new EventSession { LocalStart = new DateTime(2027, 3, 29, 10, 0, 0), LocalEnd = new DateTime(2027, 3, 29, 12, 0, 0) }]);
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri($"/ge/agenda/{course.Id}/calendrier.ics", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var calendar = ICalendarReader.Parse(await response.Content.ReadAsStringAsync());

        calendar.Name.ShouldBe("VCALENDAR");
        calendar.Value("VERSION").ShouldBe("2.0");
        var events = calendar.All("VEVENT").ToList();
        events.Count.ShouldBe(2, "one VEVENT per session");
        events.Select(e => e.Value("UID")).Distinct().Count().ShouldBe(2);
        events.ShouldAllBe(e => e.Property("DTSTART")!.Parameters["TZID"] == "Europe/Zurich");
        events.Select(e => e.Property("DTSTART")!.RawValue).ShouldBe(["20270327T100000", "20270329T100000"]);
        events.Select(e => ICalendarReader.ToUtc(calendar, e.Property("DTSTART")!)).ShouldBe(
            [new DateTime(2027, 3, 27, 9, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 29, 8, 0, 0, DateTimeKind.Utc)]);
        events[0].Value("DESCRIPTION").ShouldBe(course.Description, "commas, semicolons and line breaks survive escaping");
        events[0].Value("LOCATION").ShouldBe("Maison des associations, Rue des Savoises 15, Genève");
        events[0].Value("STATUS").ShouldBe("CONFIRMED");
        events[0].Property("DTSTAMP")!.RawValue.ShouldEndWith("Z");
        int.Parse(events[0].Value("SEQUENCE"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(course.Sequence);

        // The platform's instants agree with the file's.
        events.Select(e => ICalendarReader.ToUtc(calendar, e.Property("DTEND")!)).Last().ShouldBe(EventTime.ToUtc(new DateTime(2027, 3, 29, 12, 0, 0), "Europe/Zurich"));
    }

    [Fact]
    public async Task The_chamber_feed_lists_public_events_and_marks_cancelled_ones_and_the_personal_feed_lists_ones_registrations()
    {
        var kept = await app.NewEventAsync();
        var dropped = await app.NewEventAsync();
        var hidden = await app.NewEventAsync(visibility: EventVisibility.MembersOnly);
        await app.WithDbAsync(async db =>
        {
            var e = await db.Set<AgendaEvent>().SingleAsync(x => x.Id == dropped.Id);
            e.Cancel(null, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        using var client = app.CreateClient();
        var feed = ICalendarReader.Parse(await client.GetStringAsync(new Uri("/ge/agenda/calendrier.ics", UriKind.Relative)));
        var byUid = feed.All("VEVENT").ToDictionary(e => e.Value("UID"));
        byUid[$"{kept.Id}@maillage"].Value("STATUS").ShouldBe("CONFIRMED");
        byUid[$"{dropped.Id}@maillage"].Value("STATUS").ShouldBe("CANCELLED");
        byUid[$"{dropped.Id}@maillage"].Value("SEQUENCE").ShouldBe((dropped.Sequence + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        byUid.ShouldNotContainKey($"{hidden.Id}@maillage");

        using var member = new WebClient(app);
        await member.SignInAsync(DemoAccounts.GenevaMember);
        var page = await member.GetPageAsync(kept.Url());
        var mine = await member.SubmitAsync(page, "#register-form", page.FormFields("#register-form"));
        var feedUrl = mine.QuerySelector("#personal-feed")!.GetAttribute("href")!;
        var personal = ICalendarReader.Parse(await client.GetStringAsync(new Uri(feedUrl, UriKind.Relative)));
        personal.All("VEVENT").Select(e => e.Value("UID")).ShouldContain($"{kept.Id}@maillage");
        personal.All("VEVENT").Select(e => e.Value("UID")).ShouldNotContain($"{dropped.Id}@maillage");
        (await client.GetAsync(new Uri("/agenda/mes-inscriptions/pas-une-cle/calendrier.ics", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ten_oclock_in_geneva_stays_ten_oclock_across_the_autumn_change_in_the_chamber_feed_and_the_personal_feed()
    {
        // 31 October 2027 ends summer time: 10:00 is 08:00 UTC on the 30th and 09:00 UTC on 1 November.
        var course = await app.NewEventAsync(localStart: new DateTime(2027, 10, 30, 10, 0, 0), kind: EventKind.Training,
            more: [new EventSession { LocalStart = new DateTime(2027, 11, 1, 10, 0, 0), LocalEnd = new DateTime(2027, 11, 1, 12, 0, 0) }]);
        using var member = new WebClient(app);
        await member.SignInAsync(DemoAccounts.GenevaMember);
        var page = await member.GetPageAsync(course.Url());
        var mine = await member.SubmitAsync(page, "#register-form", page.FormFields("#register-form"));
        var personalFeed = mine.QuerySelector("#personal-feed")!.GetAttribute("href")!;

        using var client = app.CreateClient();
        foreach (var url in new[] { "/ge/agenda/calendrier.ics", personalFeed })
        {
            var feed = ICalendarReader.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
            var sessions = feed.All("VEVENT").Where(e => e.Value("UID").Contains(course.Id.ToString(), StringComparison.Ordinal)).OrderBy(e => e.Property("DTSTART")!.RawValue, StringComparer.Ordinal).ToList();
            sessions.Select(e => e.Property("DTSTART")!.RawValue).ShouldBe(["20271030T100000", "20271101T100000"], url);
            sessions.ShouldAllBe(e => e.Property("DTSTART")!.Parameters["TZID"] == "Europe/Zurich");
            sessions.Select(e => ICalendarReader.ToUtc(feed, e.Property("DTSTART")!)).ShouldBe(
                [new DateTime(2027, 10, 30, 8, 0, 0, DateTimeKind.Utc), new DateTime(2027, 11, 1, 9, 0, 0, DateTimeKind.Utc)], url);
        }
    }

    [Fact]
    public async Task The_event_page_carries_schema_org_json_ld_and_the_agenda_filters_live_in_the_url()
    {
        var training = await app.NewEventAsync(member: 50_00, nonMember: 80_00, kind: EventKind.Training);
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync(training.Url());
        var json = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        json.GetProperty("@type").GetString().ShouldBe("Course");
        json.GetProperty("hasCourseInstance")[0].GetProperty("startDate").GetString().ShouldBe(EventTime.ToText(training.LocalStart) + ":00" + OffsetText(training));
        json.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("price").GetString()).ShouldBe(["50.00", "80.00"]);

        var filtered = await visitor.GetPageAsync("/ge/agenda?type=Training&prix=payant");
        filtered.QuerySelectorAll("#agenda-list li").Select(li => li.GetAttribute("data-event")).ShouldContain(training.Id.ToString());
        filtered.QuerySelectorAll("#agenda-list li").ShouldAllBe(li => li.TextContent.Contains("Formation", StringComparison.Ordinal));
        (await visitor.GetPageAsync("/ge/agenda?prix=gratuit")).QuerySelectorAll($"li[data-event='{training.Id}']").ShouldBeEmpty();
        (await visitor.GetPageAsync("/agenda?chambre=vd")).QuerySelectorAll($"li[data-event='{training.Id}']").ShouldBeEmpty();
        (await visitor.GetPageAsync("/agenda?chambre=ge&type=Training")).QuerySelectorAll($"li[data-event='{training.Id}']").ShouldNotBeEmpty();
        var month = await visitor.GetPageAsync($"/ge/agenda?vue=mois&mois={training.LocalStart:yyyy-MM}");
        month.QuerySelector("#agenda-month")!.InnerHtml.ShouldContain(training.Id.ToString());
    }

    private static string OffsetText(AgendaEvent e)
    {
        var offset = TimeZoneInfo.FindSystemTimeZoneById(e.TimeZoneId).GetUtcOffset(e.StartsAtUtc);
        return $"+{offset.Hours:00}:{offset.Minutes:00}";
    }
}

public sealed class AgendaCalendarTestsOnSqlite(SqliteApp app) : AgendaCalendarTests(app), IClassFixture<SqliteApp>;

public sealed class AgendaCalendarTestsOnPostgreSQL(PostgresApp app) : AgendaCalendarTests(app), IClassFixture<PostgresApp>;
