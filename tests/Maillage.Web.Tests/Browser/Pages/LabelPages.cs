using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/gestion/label/{org}: staff weigh the member's self-assessment and decide on its label.</summary>
public sealed class LabelDecisionPage(IPage page) : SiteChrome(page)
{
    public ILocator ValidFrom => Page.GetByLabel(Fields.Label("Valide dès le"));

    public ILocator ValidUntil => Page.GetByLabel(Fields.Label("Valide jusqu'au"));

    public ILocator State => Page.Locator("#label-state");

    public ILocator SelfAssessment => Page.Locator("#self-assessment, #no-assessment");

    public static async Task<LabelDecisionPage> OpenAsync(IPage page, string chamber, string organisationSlug)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/gestion/label/{organisationSlug}");
        return new LabelDecisionPage(page);
    }

    public async Task GrantAsync(string from, string until)
    {
        await ValidFrom.FillAsync(from);
        await ValidUntil.FillAsync(until);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Attribuer le label", Exact = true }).ClickAsync();
    }
}

/// <summary>/{chamber}/label/{code}: what a consumer or a buyer reads about a label.</summary>
public sealed class LabelVerificationPage(IPage page) : SiteChrome(page)
{
    public ILocator Verdict => Page.Locator("#verdict-status");

    public ILocator Text => Page.Locator("#verdict-text");

    public ILocator Holder => Page.Locator("#verdict-organisation");
}
