using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/marches: the chamber's open notices, with the links to the member's watch and consortia.</summary>
public sealed class TenderNoticesPage(IPage page) : SiteChrome(page)
{
    public static async Task<TenderNoticesPage> OpenFromNavigationAsync(IPage page, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}");
        await new SiteChrome(page).Navigation.GetByRole(AriaRole.Link, new() { Name = "Marchés publics", Exact = true }).ClickAsync();
        var notices = new TenderNoticesPage(page);
        await Assertions.Expect(notices.Heading).ToHaveTextAsync("Appels d'offres publics");
        return notices;
    }

    public async Task<WatchPage> OpenWatchAsync(string organisationName)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Veille de {organisationName}", Exact = true }).ClickAsync();
        var watch = new WatchPage(Page);
        await Assertions.Expect(watch.Heading).ToHaveTextAsync("Veille des marchés publics");
        return watch;
    }
}

/// <summary>/{chamber}/espace/{org}/veille: the organisation's watch profiles and the form of a new one.</summary>
public sealed class WatchPage(IPage page) : SiteChrome(page)
{
    public ILocator Form => Page.Locator("#profile-form");

    public ILocator Name => Form.GetByLabel(Fields.Label("Nom du profil"));

    public ILocator Keywords => Form.GetByLabel(Fields.Label("Mots-clés"));

    public ILocator CpvPrefixes => Form.GetByLabel(Fields.Label("Préfixes CPV"));

    public ILocator MinValue => Form.GetByLabel(Fields.Label("Valeur minimale (CHF)"));

    public ILocator SaveButton => Form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true });

    public ILocator Canton(string code) => Form.GetByRole(AriaRole.Group, new() { Name = "Cantons" }).GetByLabel(code, new() { Exact = true });

    /// <summary>Submits a profile the form must refuse; the page stays with its errors.</summary>
    public async Task SubmitInvalidAsync(string name, string keywords, string cpvPrefixes)
    {
        await Name.FillAsync(name);
        await Keywords.FillAsync(keywords);
        await CpvPrefixes.FillAsync(cpvPrefixes);
        await SaveButton.ClickAsync();
        await Assertions.Expect(Page.Locator(".error-summary")).ToBeVisibleAsync();
    }

    /// <summary>Saves a new profile and lands on its page.</summary>
    public async Task<WatchProfilePage> SaveAsync(string name, string keywords, params string[] cantons)
    {
        await Name.FillAsync(name);
        await Keywords.FillAsync(keywords);
        await CpvPrefixes.FillAsync(string.Empty);
        foreach (var canton in cantons)
        {
            await Canton(canton).CheckAsync();
        }

        await Form.GetByLabel(Fields.Label("Résumé par courriel")).SelectOptionAsync(new SelectOptionValue { Label = "Quotidien" });
        await SaveButton.ClickAsync();
        var profile = new WatchProfilePage(Page);
        await Assertions.Expect(profile.Flash).ToHaveTextAsync("Profil de veille enregistré.");
        await Assertions.Expect(profile.Heading).ToHaveTextAsync(name);
        return profile;
    }
}

/// <summary>/{chamber}/espace/{org}/veille/{id}: the open notices a profile matches, and why.</summary>
public sealed class WatchProfilePage(IPage page) : SiteChrome(page)
{
    public ILocator NoMatches => Page.Locator("#no-matches");

    public ILocator Matches => Page.Locator("#matches > li");

    public ILocator Match(string title) => Matches.Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true }) });

    public async Task<TenderNoticePage> OpenNoticeAsync(string title)
    {
        await Match(title).GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        var notice = new TenderNoticePage(Page);
        await Assertions.Expect(notice.Heading).ToHaveTextAsync(title);
        return notice;
    }
}

/// <summary>/{chamber}/gestion/marches/nouveau: staff type a notice published without OCDS (simap.ch).</summary>
public sealed class ManualNoticePage(IPage page) : SiteChrome(page)
{
    public ILocator Form => Page.Locator("#manual-form");

    public ILocator Title => Form.GetByLabel(Fields.Label("Titre"));

    public ILocator Cpv => Form.GetByLabel(Fields.Label("Codes CPV"));

    public ILocator Value => Form.GetByLabel(Fields.Label("Valeur estimée"));

    public ILocator Deadline => Form.GetByLabel(Fields.Label("Délai de remise des offres"));

    public ILocator SaveButton => Form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true });

    public static async Task<ManualNoticePage> OpenAsync(IPage page, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/gestion/marches");
        await page.GetByRole(AriaRole.Link, new() { Name = "Saisir un appel d'offres", Exact = true }).ClickAsync();
        var form = new ManualNoticePage(page);
        await Assertions.Expect(form.Heading).ToHaveTextAsync("Saisir un appel d'offres");
        return form;
    }

    public async Task<TenderNoticePage> SaveAsync(string reference, string title, string buyer, string canton, string cpv, string value, DateTime deadline, params string[] lots)
    {
        await Form.GetByLabel(Fields.Label("Référence (simap, n° d'avis)")).FillAsync(reference);
        await Title.FillAsync(title);
        await Form.GetByLabel(Fields.Label("Acheteur")).FillAsync(buyer);
        await Form.GetByLabel(Fields.Label("Canton")).SelectOptionAsync(canton);
        await Cpv.FillAsync(cpv);
        await Value.FillAsync(value);
        await Deadline.FillAsync(deadline.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Form.GetByLabel(Fields.Label("Lots (un par ligne)")).FillAsync(string.Join('\n', lots));
        await SaveButton.ClickAsync();
        var notice = new TenderNoticePage(Page);
        await Assertions.Expect(notice.Flash).ToHaveTextAsync("Appel d'offres enregistré.");
        await Assertions.Expect(notice.Heading).ToHaveTextAsync(title);
        return notice;
    }
}

/// <summary>/{chamber}/marches/{id}: a notice, who fits it, and "looking for partners".</summary>
public sealed class TenderNoticePage(IPage page) : SiteChrome(page)
{
    public ILocator Lots => Page.GetByRole(AriaRole.Table, new() { Name = "Lots" }).Locator("tbody tr");

    public async Task<ConsortiumPage> LookForPartnersAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Chercher des partenaires", Exact = true }).ClickAsync();
        var workspace = new ConsortiumPage(Page);
        await Assertions.Expect(workspace.Heading).ToHaveTextAsync("Espace du groupement");
        return workspace;
    }
}

/// <summary>/{chamber}/consortiums/{id}: the consortium's workspace.</summary>
public sealed class ConsortiumPage(IPage page) : SiteChrome(page)
{
    public ILocator Members => Page.GetByRole(AriaRole.Table, new() { Name = "Membres du groupement" });

    public ILocator Member(string organisation) => Members.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Cell, new() { Name = organisation, Exact = true }) });

    public ILocator Suggestions => Page.GetByRole(AriaRole.List, new() { Name = "Membres suggérés" }).Locator("> li");

    public ILocator Suggestion(string organisation) => Suggestions.Filter(new() { HasText = organisation });

    public ILocator Coverage => Page.Locator("#coverage");

    /// <summary>The lead invites a suggested member in a role.</summary>
    public async Task InviteAsync(string organisation, string role)
    {
        var suggestion = Suggestion(organisation);
        await suggestion.GetByLabel($"Rôle de {organisation}", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = role });
        await suggestion.GetByRole(AriaRole.Button, new() { Name = $"Inviter {organisation}", Exact = true }).ClickAsync();
        await Assertions.Expect(Flash).ToHaveTextAsync("Invitation envoyée.");
    }

    public async Task AcceptAsync()
    {
        await Page.GetByRole(AriaRole.Region, new() { Name = "Invitation" }).GetByRole(AriaRole.Button, new() { Name = "Accepter", Exact = true }).ClickAsync();
        await Assertions.Expect(Flash).ToHaveTextAsync("Vous faites partie du groupement.");
    }
}

/// <summary>/{chamber}/espace/{org}/consortiums: the organisation's invitations and consortia.</summary>
public sealed class MyConsortiaPage(IPage page) : SiteChrome(page)
{
    public ILocator Invitations => Page.GetByRole(AriaRole.List, new() { Name = "Invitations" });

    public ILocator Joined => Page.GetByRole(AriaRole.List, new() { Name = "Nos groupements" });

    public static async Task<MyConsortiaPage> OpenAsync(IPage page, string organisationSlug, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/espace/{organisationSlug}/consortiums");
        var mine = new MyConsortiaPage(page);
        await Assertions.Expect(mine.Heading).ToHaveTextAsync("Groupements");
        return mine;
    }

    public async Task<ConsortiumPage> OpenAsync(ILocator list, string noticeTitle)
    {
        ArgumentNullException.ThrowIfNull(list);
        await list.GetByRole(AriaRole.Link, new() { Name = noticeTitle, Exact = true }).ClickAsync();
        var workspace = new ConsortiumPage(Page);
        await Assertions.Expect(workspace.Heading).ToHaveTextAsync("Espace du groupement");
        return workspace;
    }
}
