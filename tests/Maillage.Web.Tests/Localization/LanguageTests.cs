using Maillage.Web.Tests.Infrastructure;

namespace Maillage.Web.Tests.Localization;

/// <summary>French by default, English on request, Swiss formats for dates and numbers.</summary>
public abstract class LanguageTests(MaillageApp app)
{
    [Fact]
    public async Task Pages_are_french_by_default_whatever_the_browser_asks()
    {
        using var visitor = new WebClient(app);
        visitor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var page = await visitor.GetPageAsync("/ge/membres");
        page.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        page.QuerySelector("h1")!.TextContent.ShouldStartWith("Annuaire des membres");
    }

    [Fact]
    public async Task The_language_button_switches_to_english_and_back_and_keeps_the_page()
    {
        using var visitor = new WebClient(app);
        var english = await visitor.PostFormAsync("/langue", [new("culture", "en"), new("returnUrl", "/ge/membres?sector=insertion")], tokenFrom: "/ge/membres");
        english.DocumentElement.GetAttribute("lang").ShouldBe("en");
        english.QuerySelector("h1")!.TextContent.ShouldBe("APRÈS-GE member directory");
        (english.QuerySelector("#sector option[selected]")?.GetAttribute("value")).ShouldBe("insertion");
        english.QuerySelector(".tag")!.TextContent.ShouldBe("Work integration");

        var french = await visitor.PostFormAsync("/langue", [new("culture", "fr"), new("returnUrl", "/ge/membres")], tokenFrom: "/ge/membres");
        french.DocumentElement.GetAttribute("lang").ShouldBe("fr");
    }

    [Fact]
    public async Task The_language_switch_never_redirects_elsewhere()
    {
        using var visitor = new WebClient(app, followRedirects: false);
        await visitor.PostFormAsync("/langue", [new("culture", "en"), new("returnUrl", "https://evil.example/")], tokenFrom: "/", expected: System.Net.HttpStatusCode.Redirect);
        visitor.LastResponse!.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task Dates_are_written_the_swiss_french_way()
    {
        var organisation = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Organisations));
        var chamber = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Chambers, c => c.Id == organisation.ChamberId));
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync($"/{chamber.Slug}/membres/{organisation.Slug}");
        var months = new[] { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre" };
        page.Text().ShouldContain($"membre depuis le {organisation.MemberSince.Day} {months[organisation.MemberSince.Month - 1]} {organisation.MemberSince.Year}");
    }
}

public sealed class LanguageTestsOnSqlite(SqliteApp app) : LanguageTests(app), IClassFixture<SqliteApp>;

public sealed class LanguageTestsOnPostgreSQL(PostgresApp app) : LanguageTests(app), IClassFixture<PostgresApp>;
