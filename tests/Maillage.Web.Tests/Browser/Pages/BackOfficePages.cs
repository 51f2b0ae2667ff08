using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/gestion/demandes: the open applications.</summary>
public sealed class ApplicationsPage(IPage page) : SiteChrome(page)
{
    public ILocator Table => Page.GetByRole(AriaRole.Table);

    public ILocator Application(string name) => Table.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public static async Task<ApplicationsPage> OpenAsync(IPage page, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/gestion/demandes");
        return new ApplicationsPage(page);
    }

    public async Task<ReviewPage> OpenApplicationAsync(string name)
    {
        await Application(name).ClickAsync();
        var review = new ReviewPage(Page);
        await Assertions.Expect(review.Heading).ToHaveTextAsync(name);
        return review;
    }
}

/// <summary>/{chamber}/gestion/demandes/{id}: staff weigh an application and decide.</summary>
public sealed class ReviewPage(IPage page) : SiteChrome(page)
{
    public ILocator State => Page.Locator("#application-state");

    public ILocator Text => Page.GetByLabel(Fields.Label("Commentaire, question ou motif"));

    public ILocator AdmitButton => Page.GetByRole(AriaRole.Button, new() { Name = "Admettre", Exact = true });

    public ILocator RefuseButton => Page.GetByRole(AriaRole.Button, new() { Name = "Refuser", Exact = true });

    public ILocator Errors => Page.Locator(".error-summary");

    public async Task AdmitAsync()
    {
        await AdmitButton.ClickAsync();
        await Assertions.Expect(State).ToHaveTextAsync("Admise");
    }

    /// <summary>Presses "Refuser" (site.js asks for confirmation; the session accepts) with the given reason.</summary>
    public async Task RefuseAsync(string reason)
    {
        await Text.FillAsync(reason);
        await RefuseButton.ClickAsync();
    }
}
