using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/enquete/{token}: answering a survey, saving a draft, coming back.</summary>
public sealed class SurveyAnswerPage(IPage page) : SiteChrome(page)
{
    public ILocator ResumeLink => Page.Locator("#resume-link");

    public ILocator Thanks => Page.Locator("#thanks");

    public static async Task<SurveyAnswerPage> OpenAsync(IPage page, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(path);
        return new SurveyAnswerPage(page);
    }

    /// <summary>The fieldset of a question, found by its legend.</summary>
    public ILocator Question(string legend) => Page.Locator("fieldset.question").Filter(new() { Has = Page.Locator("legend", new() { HasText = legend }) });

    public ILocator ErrorOf(string legend) => Question(legend).Locator(".field-error");

    public Task TickAsync(string legend, string option) => Question(legend).GetByLabel(option, new() { Exact = true }).CheckAsync();

    public Task WriteAsync(string legend, string text) => Question(legend).Locator("textarea, input[type=text]").FillAsync(text);

    public Task FillNameAsync(string name) => Page.GetByLabel(Fields.Label("Votre nom (et votre liste ou parti)")).FillAsync(name);

    public Task SaveDraftAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et terminer plus tard" }).ClickAsync();

    public Task SubmitAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mes réponses" }).ClickAsync();
}

/// <summary>/{chamber}/gestion/enquetes/{id}/resultats: staff's live results.</summary>
public sealed class SurveyResultsPage(IPage page) : SiteChrome(page)
{
    public static async Task<SurveyResultsPage> OpenAsync(IPage page, Guid surveyId, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/gestion/enquetes/{surveyId}/resultats");
        return new SurveyResultsPage(page);
    }

    public ILocator Result(Guid questionId) => Page.Locator($"#result-{questionId}");

    public ILocator Chart(Guid questionId) => Result(questionId).Locator("svg[role=img]");

    public ILocator Row(Guid questionId, string option) => Result(questionId).Locator("tbody tr").Filter(new() { HasText = option });
}
