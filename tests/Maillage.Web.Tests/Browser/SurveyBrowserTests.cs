using Maillage.Web.Features.Surveys;
using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Infrastructure;
using Maillage.Web.Tests.Surveys;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>A candidate answers part of a survey from the public link, saves, comes back later with the resume link and finishes; staff see the chart.</summary>
public abstract class SurveyBrowserTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task A_respondent_saves_half_comes_back_with_the_resume_link_finishes_and_staff_see_the_chart() => RunAsync(async session =>
    {
        var survey = await App.NewSurveyAsync();
        var q = survey.InOrder();

        var first = await session.NewPersonAsync("candidate");
        var form = await SurveyAnswerPage.OpenAsync(first, SurveyServices.AnswerPath("ge", survey.PublicToken!));
        await form.FillNameAsync("Aïcha Benali (liste Écologie et quartiers)");
        await form.TickAsync("Besoins ?", "Locaux");
        await form.WriteAsync("Une idée ?", "Ouvrir les locaux communaux vacants aux associations.");
        await form.SaveDraftAsync();
        await Expect(first.Locator("#draft-saved")).ToBeVisibleAsync();
        var resume = await form.ResumeLink.GetAttributeAsync("href");
        resume.ShouldNotBeNull();

        // Later, from another browser: everything typed is there; a submit missing a required answer keeps it all.
        var later = await session.NewPersonAsync("candidate-later");
        var back = await SurveyAnswerPage.OpenAsync(later, new Uri(resume).PathAndQuery);
        await Expect(back.Question("Besoins ?").GetByLabel("Locaux", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(back.Question("Une idée ?").Locator("textarea")).ToHaveValueAsync("Ouvrir les locaux communaux vacants aux associations.");
        await back.TickAsync("Taille de l'organisation ?", "5 à 20");
        await back.SubmitAsync();
        await Expect(back.ErrorOf("Satisfaction ?")).ToHaveTextAsync("Répondez à cette question.");
        await Expect(back.Question("Taille de l'organisation ?").GetByLabel("5 à 20", new() { Exact = true })).ToBeCheckedAsync();
        await back.TickAsync("Satisfaction ?", "4");
        await back.SubmitAsync();
        await Expect(back.Thanks).ToBeVisibleAsync();

        var staffPage = await session.NewPersonAsync("staff");
        await LoginPage.SignInAsync(staffPage, DemoAccounts.GenevaStaff);
        var results = await SurveyResultsPage.OpenAsync(staffPage, survey.Id);
        await Expect(results.Chart(q[0].Id)).ToHaveAttributeAsync("aria-label", "Répartition des réponses : Taille de l'organisation ?");
        await Expect(results.Chart(q[0].Id).Locator("rect")).ToHaveCountAsync(3);
        await Expect(results.Row(q[0].Id, "5 à 20")).ToContainTextAsync("100\u00A0%");
        await Expect(results.Result(q[3].Id)).ToContainTextAsync("Ouvrir les locaux communaux vacants");

        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
    });
}

[Collection(BrowserTestGroup.Name)]
public sealed class SurveyBrowserTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : SurveyBrowserTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class SurveyBrowserTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : SurveyBrowserTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
