using Microsoft.Playwright;

namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>/{chamber}/adhesion: the membership application, found by its French labels.</summary>
public sealed class ApplyPage(IPage page) : SiteChrome(page)
{
    public static async Task<ApplyPage> OpenAsync(IPage page, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"/{chamber}/adhesion");
        return new ApplyPage(page);
    }

    public ILocator OrganisationName => Page.GetByLabel(Fields.Label("Nom de l'organisation"));

    public ILocator LegalForm => Page.GetByLabel(Fields.Label("Forme juridique"));

    public ILocator Status => Page.GetByLabel(Fields.Label("Statut ESS"));

    public ILocator ShortDescription => Page.GetByLabel(Fields.Label("Description courte"));

    public ILocator Description => Page.GetByLabel(Fields.Label("Présentation détaillée"));

    public ILocator NogaSection => Page.GetByLabel(Fields.Label("Activité principale (NOGA 2008)"));

    public ILocator Street => Page.GetByLabel(Fields.Label("Rue et numéro"));

    public ILocator PostalCode => Page.GetByLabel(Fields.Label("NPA"));

    public ILocator Town => Page.GetByLabel(Fields.Label("Localité"));

    public ILocator Canton => Page.GetByLabel(Fields.Label("Canton"));

    public ILocator FirstName => Page.GetByLabel(Fields.Label("Prénom"));

    public ILocator LastName => Page.GetByLabel(Fields.Label("Nom"));

    public ILocator ContactEmail => Page.GetByLabel(Fields.Label("Courriel de la personne de contact"));

    public ILocator Password => Page.GetByLabel(Fields.Label("Mot de passe"));

    public ILocator PasswordConfirmation => Page.GetByLabel(Fields.Label("Confirmer le mot de passe"));

    public ILocator Consent => Page.GetByRole(AriaRole.Checkbox, new() { Name = "J'accepte que la chambre traite ces données" });

    public ILocator SubmitButton => Page.GetByRole(AriaRole.Button, new() { Name = "Déposer la demande", Exact = true });

    /// <summary>One fieldset per criterion of the chamber's charter.</summary>
    public ILocator Criteria => Page.Locator("fieldset.criterion");

    public ILocator ErrorSummary => Page.Locator("#error-summary");

    public ILocator ErrorSummaryItems => ErrorSummary.GetByRole(AriaRole.Listitem);

    public static ILocator Level(ILocator criterion, string level) =>
        criterion.GetByRole(AriaRole.Radio, new() { Name = level, Exact = true });

    public static ILocator Justification(ILocator criterion) => criterion.GetByLabel(Fields.Label("Justification"));

    public ILocator Sector(string label) => Page.GetByRole(AriaRole.Checkbox, new() { Name = label, Exact = true });

    /// <summary>Fills every part of the form and ticks the consent; returns the number of criteria answered.</summary>
    public async Task<int> FillAsync(ApplicationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        await OrganisationName.FillAsync(form.Name);
        await LegalForm.SelectOptionAsync(new SelectOptionValue { Label = form.LegalForm });
        await Status.SelectOptionAsync(new SelectOptionValue { Label = form.Status });
        await ShortDescription.FillAsync(form.ShortDescription);
        await Description.FillAsync(form.Description);
        await NogaSection.SelectOptionAsync(new SelectOptionValue { Value = form.NogaSection });
        foreach (var sector in form.Sectors)
        {
            await Sector(sector).CheckAsync();
        }

        await Street.FillAsync(form.Street);
        await PostalCode.FillAsync(form.PostalCode);
        await Town.FillAsync(form.Town);
        await Canton.SelectOptionAsync(new SelectOptionValue { Value = form.Canton });
        await FirstName.FillAsync(form.FirstName);
        await LastName.FillAsync(form.LastName);
        await ContactEmail.FillAsync(form.ContactEmail);
        await Password.FillAsync(form.Password);
        await PasswordConfirmation.FillAsync(form.Password);
        var count = await AnswerAllCriteriaAsync(form.Level, form.Justification);
        await Consent.CheckAsync();
        return count;
    }

    public async Task<int> AnswerAllCriteriaAsync(string level, string justification)
    {
        var count = await Criteria.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var criterion = Criteria.Nth(i);
            await Level(criterion, level).CheckAsync();
            await Justification(criterion).FillAsync(justification);
        }

        return count;
    }

    public async Task<SubmittedPage> SubmitAsync()
    {
        await SubmitButton.ClickAsync();
        var submitted = new SubmittedPage(Page);
        await Assertions.Expect(submitted.Heading).ToHaveTextAsync(SubmittedPage.HeadingText);
        return submitted;
    }

    /// <summary>Submits a form that is expected to come back with errors.</summary>
    public async Task SubmitWithErrorsAsync()
    {
        await SubmitButton.ClickAsync();
        await Assertions.Expect(ErrorSummary).ToBeVisibleAsync();
    }
}
