using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/compte/connexion.</summary>
public sealed class LoginPage(IPage page) : SiteChrome(page)
{
    public ILocator Email => Page.GetByLabel(Fields.Label("Courriel"));

    public ILocator Password => Page.GetByLabel(Fields.Label("Mot de passe"));

    public ILocator SubmitButton => Page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true });

    public static async Task<LoginPage> OpenAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/compte/connexion");
        return new LoginPage(page);
    }

    /// <summary>Signs in and waits until the header offers to sign out.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = Maillage.Web.Data.DemoSeeder.DemoPassword)
    {
        var login = await OpenAsync(page);
        await login.Email.FillAsync(email);
        await login.Password.FillAsync(password);
        await login.SubmitButton.ClickAsync();
        await Assertions.Expect(login.SignOutButton).ToBeVisibleAsync();
    }
}

/// <summary>/compte/confirmer?userId=…&amp;token=…: the link of the confirmation email.</summary>
public sealed class ConfirmEmailPage(IPage page) : SiteChrome(page)
{
    public ILocator ConfirmButton => Page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon adresse", Exact = true });

    public ILocator Outcome => Page.GetByRole(AriaRole.Status);

    public static async Task<ConfirmEmailPage> OpenAsync(IPage page, string link)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(link);
        return new ConfirmEmailPage(page);
    }
}

/// <summary>/compte: the person's organisations, chambers and applications.</summary>
public sealed class AccountPage(IPage page) : SiteChrome(page)
{
    /// <summary>The organisation's card (its heading links to the member space; applications are listed apart).</summary>
    public ILocator Organisation(string name) =>
        Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 3 }).GetByRole(AriaRole.Link);

    public static async Task<AccountPage> OpenFromMenuAsync(IPage page)
    {
        var chrome = new SiteChrome(page);
        await chrome.MyAccountLink.ClickAsync();
        // Polls the address only: WaitForURLAsync also waits for a load state once the address matches, and that
        // wait timed out in CI with the page already loaded (see DirectoryPage.SearchAsync).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compte$"));
        return new AccountPage(page);
    }

    public async Task<MemberSpacePage> OpenOrganisationAsync(string name)
    {
        await Organisation(name).ClickAsync();
        var space = new MemberSpacePage(Page);
        await Assertions.Expect(space.Heading).ToHaveTextAsync(name);
        return space;
    }
}

/// <summary>/{chamber}/espace/{org}: the member admin edits the organisation's profile.</summary>
public sealed class MemberSpacePage(IPage page) : SiteChrome(page)
{
    public ILocator ShortDescription => Page.GetByLabel(Fields.Label("Description courte"));

    public ILocator SaveButton => Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true });

    public ILocator PublicProfileLink => Page.GetByRole(AriaRole.Link, new() { Name = "Voir le profil public", Exact = true });

    public async Task SaveAsync()
    {
        await SaveButton.ClickAsync();
        await Assertions.Expect(Flash).ToContainTextAsync("Profil enregistré");
    }

    public async Task<ProfilePage> OpenPublicProfileAsync()
    {
        await PublicProfileLink.ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/membres/[^/]+$"));
        return new ProfilePage(Page);
    }
}
