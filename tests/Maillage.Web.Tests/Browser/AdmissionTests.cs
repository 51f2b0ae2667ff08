using System.Text.Json;
using System.Text.RegularExpressions;
using Maillage.Domain.Membership;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Identity;
using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>Membership in a real browser: applying, confirming the address, admission, refusal, bad input.</summary>
public abstract partial class AdmissionTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task An_organisation_applies_is_admitted_shows_in_the_directory_and_edits_its_own_profile() => RunAsync(async session =>
    {
        var form = new ApplicationForm
        {
            Name = "Coopérative Éphémère des Pédaleurs",
            ShortDescription = "Atelier de réparation de vélos en libre-service, ouvert à tout le quartier.",
            Town = "Genève",
            ContactEmail = "aurelie@pedaleurs.example",
        };

        // The organisation applies; its contact person creates an account on the way.
        var applicant = await session.NewPersonAsync("applicant");
        var apply = await ApplyPage.OpenAsync(applicant);
        (await apply.FillAsync(form)).ShouldBeGreaterThan(0, "the chamber has criteria to answer");
        var submitted = await apply.SubmitAsync();
        await Expect(submitted.NextSteps).ToContainTextAsync("confirmez votre adresse");
        var application = await App.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Contact.Email == form.ContactEmail));
        application.State.ShouldBe(ApplicationState.Submitted);
        applicant.Url.ShouldContain($"/ge/adhesion/envoyee/{application.Id}");

        // The contact person confirms the address with the link of the email.
        var confirm = await ConfirmEmailPage.OpenAsync(applicant, await ConfirmationLinkAsync(form.ContactEmail));
        await confirm.ConfirmButton.ClickAsync();
        await Expect(confirm.Outcome).ToHaveTextAsync("Merci, votre adresse est confirmée. Vous pouvez vous connecter.");

        // The chamber's staff admit the organisation.
        var staff = await session.NewPersonAsync("staff");
        await LoginPage.SignInAsync(staff, DemoAccounts.GenevaStaff);
        var review = await (await ApplicationsPage.OpenAsync(staff)).OpenApplicationAsync(form.Name);
        await Expect(review.State).ToHaveTextAsync("Déposée");
        await review.AdmitAsync();
        await Expect(review.Flash).ToHaveTextAsync($"{form.Name} est maintenant membre.");

        // Anyone finds it in the directory, with or without the accents.
        var visitor = await session.NewPersonAsync("visitor");
        var directory = await DirectoryPage.OpenAsync(visitor);
        await directory.SearchAsync("Pédaleurs");
        await Expect(directory.ResultLinks).ToHaveTextAsync([form.Name]);
        await directory.SearchAsync("ephemere pedaleurs");
        await Expect(directory.ResultLinks).ToHaveTextAsync([form.Name]);
        await Expect(directory.ResultCount).ToHaveTextAsync("1 organisation(s)");

        var profile = await directory.OpenAsync(form.Name);
        await Expect(profile.ShortDescription).ToHaveTextAsync(form.ShortDescription);
        await Expect(profile.Address).ToContainTextAsync($"{form.PostalCode} {form.Town} (GE)");
        await Expect(profile.Sectors).ToContainTextAsync("Recyclage & réemploi");
        await Expect(profile.Sectors).ToContainTextAsync("Insertion professionnelle");
        using (var jsonLd = JsonDocument.Parse(await profile.JsonLd.TextContentAsync() ?? string.Empty))
        {
            jsonLd.RootElement.GetProperty("@type").GetString().ShouldBe("Organization");
            jsonLd.RootElement.GetProperty("name").GetString().ShouldBe(form.Name);
            jsonLd.RootElement.GetProperty("address").GetProperty("addressLocality").GetString().ShouldBe(form.Town);
        }

        // The contact person, now member admin, edits the profile from the member space.
        const string newDescription = "Atelier de réparation de vélos et école du vélo pour les enfants du quartier.";
        await LoginPage.SignInAsync(applicant, form.ContactEmail, form.Password);
        var account = await AccountPage.OpenFromMenuAsync(applicant);
        var space = await account.OpenOrganisationAsync(form.Name);
        await Expect(space.ShortDescription).ToHaveValueAsync(form.ShortDescription);
        await space.ShortDescription.FillAsync(newDescription);
        await space.SaveAsync();
        var ownProfile = await space.OpenPublicProfileAsync();
        await Expect(ownProfile.ShortDescription).ToHaveTextAsync(newDescription);

        await visitor.ReloadAsync();
        await Expect(profile.ShortDescription).ToHaveTextAsync(newDescription);
        session.Requests.Where(u => u.Authority != App.RootUri.Authority).ShouldBeEmpty("every request stays on the app");
    });

    [Fact]
    public Task A_form_with_a_bad_email_and_an_empty_town_comes_back_in_French_keeping_what_was_typed() => RunAsync(async session =>
    {
        var applications = await App.CountAsync<MembershipApplication>();
        var users = await App.CountAsync<AppUser>();
        var messages = await App.CountAsync<OutboxMessage>();
        var form = new ApplicationForm
        {
            Name = "Association Les Mains Vertes",
            ShortDescription = "Jardins partagés et compost collectif dans les préaux d'école.",
            Town = string.Empty,
            ContactEmail = "pas-un-courriel",
        };

        var page = await session.NewPersonAsync("applicant");
        var apply = await ApplyPage.OpenAsync(page);
        await apply.FillAsync(form);
        await apply.SubmitWithErrorsAsync();

        // The summary takes the focus and lists exactly the two problems; each field says its own, in French.
        await Expect(apply.ErrorSummary).ToBeFocusedAsync();
        await Expect(apply.ErrorSummary).ToContainTextAsync("Le formulaire contient des erreurs : corrigez les champs signalés.");
        await Expect(apply.ErrorSummaryItems).ToHaveCountAsync(2);
        (await apply.ContactEmail.ErrorMessageAsync()).ShouldBe("Adresse de courriel invalide (p. ex. nom@exemple.ch).");
        (await apply.Town.ErrorMessageAsync()).ShouldBe("Ce champ est obligatoire.");
        await Expect(apply.ContactEmail).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(apply.Town).ToHaveAttributeAsync("aria-invalid", "true");
        (await apply.OrganisationName.ErrorMessageAsync()).ShouldBeNull();

        // What was typed is still there (passwords excepted, by design).
        await Expect(apply.OrganisationName).ToHaveValueAsync(form.Name);
        await Expect(apply.ShortDescription).ToHaveValueAsync(form.ShortDescription);
        await Expect(apply.LegalForm).ToHaveValueAsync("Cooperative");
        await Expect(apply.NogaSection).ToHaveValueAsync(form.NogaSection);
        await Expect(apply.Sector("Recyclage & réemploi")).ToBeCheckedAsync();
        await Expect(apply.Sector("Alimentation & agriculture")).Not.ToBeCheckedAsync();
        await Expect(apply.Street).ToHaveValueAsync(form.Street);
        await Expect(apply.PostalCode).ToHaveValueAsync(form.PostalCode);
        await Expect(apply.FirstName).ToHaveValueAsync(form.FirstName);
        await Expect(apply.LastName).ToHaveValueAsync(form.LastName);
        await Expect(apply.ContactEmail).ToHaveValueAsync(form.ContactEmail);
        await Expect(ApplyPage.Level(apply.Criteria.Last, form.Level)).ToBeCheckedAsync();
        await Expect(ApplyPage.Justification(apply.Criteria.Last)).ToHaveValueAsync(form.Justification);
        await Expect(apply.Consent).ToBeCheckedAsync();

        // Nothing was written.
        (await App.CountAsync<MembershipApplication>()).ShouldBe(applications);
        (await App.CountAsync<AppUser>()).ShouldBe(users);
        (await App.CountAsync<OutboxMessage>()).ShouldBe(messages);
    });

    [Fact]
    public Task Staff_refuse_an_open_application_only_with_a_reason() => RunAsync(async session =>
    {
        const string name = "Léman Propreté Services Sàrl";
        const string reason = "Les statuts ne limitent pas la distribution des bénéfices : la charte demande une lucrativité limitée.";
        var staff = await session.NewPersonAsync("staff");
        await LoginPage.SignInAsync(staff, DemoAccounts.GenevaStaff);
        var review = await (await ApplicationsPage.OpenAsync(staff)).OpenApplicationAsync(name);
        await Expect(review.State).ToHaveTextAsync("Déposée");

        // Without a reason: refused by the page, not by the browser.
        await review.RefuseAsync(string.Empty);
        await Expect(review.Errors).ToHaveTextAsync("Un refus doit être motivé : écrivez le motif.");
        await Expect(review.State).ToHaveTextAsync("Déposée");

        await review.RefuseAsync(reason);
        await Expect(review.Flash).ToHaveTextAsync("Enregistré.");
        await Expect(review.State).ToHaveTextAsync("Refusée");
        await Expect(review.Page.Locator("blockquote", new() { HasTextString = reason })).ToBeVisibleAsync();
        await Expect(review.RefuseButton).ToHaveCountAsync(0);
        session.Dialogs.ShouldBe(["Confirmer cette action ?", "Confirmer cette action ?"]);

        var stored = await App.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Organisation.Name == name));
        stored.State.ShouldBe(ApplicationState.Refused);
        stored.DecisionReason.ShouldBe(reason);
        var open = await ApplicationsPage.OpenAsync(staff);
        await Expect(open.Application(name)).ToHaveCountAsync(0);
    });

    private async Task<string> ConfirmationLinkAsync(string email)
    {
        var body = await App.WithDbAsync(db => db.Outbox.AsNoTracking()
            .Where(m => m.ToAddress == email && m.Kind == EmailKinds.ConfirmEmail)
            .Select(m => m.TextBody)
            .SingleAsync());
        var link = ConfirmationLink().Match(body);
        link.Success.ShouldBeTrue($"no confirmation link in: {body}");
        return link.Value;
    }

    [GeneratedRegex(@"https?://\S+/compte/confirmer\?\S+")]
    private static partial Regex ConfirmationLink();
}

[Collection(BrowserTestGroup.Name)]
public sealed class AdmissionTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : AdmissionTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class AdmissionTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : AdmissionTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
