using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/adhesion/envoyee/{id}: the application is filed.</summary>
public sealed class SubmittedPage(IPage page) : SiteChrome(page)
{
    public const string HeadingText = "Merci, votre demande est déposée";

    public ILocator NextSteps => Page.Locator("main ol.steps");
}
