using AngleSharp.Html.Dom;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Tests.Membership;

/// <summary>From the online application to admission, through the real pages, on each engine.</summary>
public abstract class ApplicationFlowTests(MaillageApp app)
{
    private static List<KeyValuePair<string, string>> ApplicationForm(IHtmlDocument page, string name, string email, string? referrerId = null, string password = "Un-mot-de-passe-2026")
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Profile.Name", name),
            new("Input.Profile.LegalForm", "Cooperative"),
            new("Input.Profile.Status", "NonProfit"),
            new("Input.Profile.NogaSection", "I"),
            new("Input.Profile.EssSectors", "traiteur"),
            new("Input.Profile.EssSectors", "insertion"),
            new("Input.Profile.Street", "Rue des Bains 12"),
            new("Input.Profile.PostalCode", "1205"),
            new("Input.Profile.Town", "Genève"),
            new("Input.Profile.Canton", "GE"),
            new("Input.Profile.ShortDescription", "Traiteur coopératif qui forme des personnes réfugiées aux métiers de la cuisine."),
            new("Input.Profile.Website", "www.saveurs-test.example"),
            new("Input.MembershipType", "Collective"),
            new("Input.ReferredBy", referrerId ?? string.Empty),
            new("Input.FirstName", "Amina"),
            new("Input.LastName", "Diallo"),
            new("Input.ContactEmail", email),
            new("Input.ContactRole", "Coordinatrice"),
            new("Input.Password", password),
            new("Input.PasswordConfirmation", password),
            new("Input.Consent", "true"),
        };
        var criteria = page.QuerySelectorAll("input[name$='.CriterionId']").Select(i => (Name: i.GetAttribute("name")!, Id: i.GetAttribute("value")!)).ToList();
        criteria.ShouldNotBeEmpty();
        foreach (var (fieldName, id) in criteria)
        {
            var prefix = fieldName[..fieldName.LastIndexOf('.')];
            fields.Add(new(fieldName, id));
            fields.Add(new(prefix + ".Level", "Fully"));
            fields.Add(new(prefix + ".Justification", "Notre coopérative applique ce principe au quotidien."));
        }

        return fields;
    }

    private static string UniqueEmail() => $"amina.{Guid.NewGuid():N}@saveurs-test.example";

    [Fact]
    public async Task An_organisation_applies_and_is_told_what_happens_next()
    {
        using var visitor = new WebClient(app);
        var form = await visitor.GetPageAsync("/ge/adhesion");
        var name = "Saveurs Test " + Guid.NewGuid().ToString("N")[..6];
        var email = UniqueEmail();
        var referrer = await app.WithDbAsync(db => db.Organisations.Where(o => o.Profile.Canton == "GE").Select(o => o.Id).FirstAsync());

        var done = await visitor.SubmitAsync(form, "form.long-form", ApplicationForm(form, name, email, referrer.ToString()));

        done.QuerySelector("h1")!.TextContent.ShouldBe("Merci, votre demande est déposée");
        done.Text().ShouldContain("confirmez votre adresse");
        var application = await app.WithDbAsync(db => db.Applications.Include(a => a.Answers).AsNoTracking().FirstAsync(a => a.Organisation.Name == name));
        application.State.ShouldBe(ApplicationState.Submitted);
        application.ReferredByOrganisationId.ShouldBe(referrer);
        application.Contact.Email.ShouldBe(email);
        application.Organisation.Website.ShouldBe("https://www.saveurs-test.example");
        application.Answers.Count.ShouldBe(form.QuerySelectorAll("input[name$='.CriterionId']").Length);
        var mails = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.ToAddress == email).Select(m => m.Kind).ToListAsync());
        mails.ShouldBe([EmailKinds.ConfirmEmail, EmailKinds.ApplicationReceived], ignoreOrder: true);
    }

    [Fact]
    public async Task Invalid_input_is_explained_in_french_next_to_each_field_keeps_what_was_typed_and_writes_nothing()
    {
        using var visitor = new WebClient(app);
        var form = await visitor.GetPageAsync("/ge/adhesion");
        var fields = ApplicationForm(form, "Saveurs Erreur", "pas-un-courriel");
        fields.RemoveAll(f => f.Key == "Input.Profile.Street" || f.Key == "Input.Consent" || f.Key == "Input.Answers[0].Justification");
        fields.Add(new("Input.Profile.Uid", "CHE-123.456.789"));
        fields.Add(new("Input.Answers[0].Justification", "court"));
        var applicationsBefore = await app.CountAsync<MembershipApplication>();
        var usersBefore = await app.WithDbAsync(db => db.Users.CountAsync());

        var page = await visitor.SubmitAsync(form, "form.long-form", fields);

        page.QuerySelector(".error-summary").ShouldNotBeNull();
        page.FieldError("Input.ContactEmail").ShouldBe("Adresse de courriel invalide (p. ex. nom@exemple.ch).");
        page.FieldError("Input.Profile.Street").ShouldBe("Ce champ est obligatoire.");
        page.FieldError("Input.Profile.Uid")!.ShouldStartWith("Numéro IDE invalide");
        page.FieldError("Input.Answers[0].Justification").ShouldBe("10 caractères au moins.");
        page.Text().ShouldContain("Votre accord est nécessaire pour déposer la demande.");
        page.FieldValue("Input.Profile.Name").ShouldBe("Saveurs Erreur");
        page.FieldValue("Input.Profile.ShortDescription")!.ShouldStartWith("Traiteur coopératif");
        page.QuerySelector("input[name='Input.Profile.EssSectors'][value='traiteur']")!.HasAttribute("checked").ShouldBeTrue();
        (await app.CountAsync<MembershipApplication>()).ShouldBe(applicationsBefore);
        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(usersBefore);
    }

    [Fact]
    public async Task Staff_admit_an_application_and_the_organisation_appears_with_its_admin_and_referral()
    {
        using var visitor = new WebClient(app);
        var form = await visitor.GetPageAsync("/ge/adhesion");
        var name = "Saveurs Admises " + Guid.NewGuid().ToString("N")[..6];
        var email = UniqueEmail();
        var referrer = await app.WithDbAsync(db => db.Organisations.Where(o => o.Profile.Canton == "GE").Select(o => o.Id).FirstAsync());
        await visitor.SubmitAsync(form, "form.long-form", ApplicationForm(form, name, email, referrer.ToString()));
        var applicationId = await app.WithDbAsync(db => db.Applications.Where(a => a.Organisation.Name == name).Select(a => a.Id).FirstAsync());

        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var list = await staff.GetPageAsync("/ge/gestion/demandes");
        list.QuerySelectorAll("table.data a").Select(a => a.TextContent).ShouldContain(name);
        var review = await staff.GetPageAsync($"/ge/gestion/demandes/{applicationId}");
        review.QuerySelectorAll("table.criteria-compare tbody tr").Length.ShouldBeGreaterThanOrEqualTo(8);
        review.Text().ShouldContain("100 %");

        await staff.PostFormAsync($"/ge/gestion/demandes/{applicationId}?handler=StartReview", [], tokenFrom: $"/ge/gestion/demandes/{applicationId}");
        var admitted = await staff.PostFormAsync($"/ge/gestion/demandes/{applicationId}?handler=Admit", [new("Text", "Bienvenue !")], tokenFrom: $"/ge/gestion/demandes/{applicationId}");
        admitted.QuerySelector("#application-state")!.TextContent.ShouldBe("Admise");

        var (organisation, adminRole, events, applicant) = await app.WithDbAsync(async db =>
        {
            var application = await db.Applications.Include(a => a.Events).AsNoTracking().FirstAsync(a => a.Id == applicationId);
            var org = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == application.OrganisationId);
            var role = await db.OrganisationMembers.Where(m => m.OrganisationId == org.Id && m.UserId == application.ApplicantUserId).Select(m => (OrganisationRole?)m.Role).FirstOrDefaultAsync();
            return (org, role, application.Events.Select(e => (e.Kind, e.ActorName)).ToList(), application.ApplicantUserId);
        });
        organisation.ReferredByOrganisationId.ShouldBe(referrer);
        organisation.AdmittedFromApplicationId.ShouldBe(applicationId);
        adminRole.ShouldBe(OrganisationRole.MemberAdmin);
        applicant.ShouldNotBeNull();
        events.Select(e => e.Kind).ShouldBe([ApplicationEventKind.Submitted, ApplicationEventKind.ReviewStarted, ApplicationEventKind.Admitted]);
        events[^1].ActorName.ShouldStartWith("Camille Favre");
        (await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.ToAddress == email && m.Kind == EmailKinds.Admitted))).ShouldBeTrue();

        using var anyone = new WebClient(app);
        var directory = await anyone.GetPageAsync($"/ge/membres?q={Uri.EscapeDataString(name)}");
        directory.QuerySelectorAll(".org-card h2 a").Select(a => a.TextContent).ShouldBe([name]);
        var profile = await anyone.GetPageAsync($"/ge/membres/{organisation.Slug}");
        profile.QuerySelector("h1")!.TextContent.ShouldBe(name);
    }

    [Fact]
    public async Task A_question_from_staff_is_answered_by_the_applicant_on_the_tracking_page()
    {
        var password = "Un-mot-de-passe-2026";
        using var applicant = new WebClient(app);
        var form = await applicant.GetPageAsync("/ge/adhesion");
        var name = "Saveurs Question " + Guid.NewGuid().ToString("N")[..6];
        var email = UniqueEmail();
        await applicant.SubmitAsync(form, "form.long-form", ApplicationForm(form, name, email, password: password));
        var applicationId = await app.WithDbAsync(db => db.Applications.Where(a => a.Organisation.Name == name).Select(a => a.Id).FirstAsync());

        // Unconfirmed accounts cannot sign in yet.
        var refused = await applicant.PostFormAsync("/compte/connexion", [new("Email", email), new("Password", password)]);
        refused.Text().ShouldContain("Confirmez d'abord votre adresse");
        var resent = await applicant.SubmitAsync(refused, "form[action*='handler=Resend']", [new("Email", email)]);
        resent.Text().ShouldContain("un nouveau lien vient d'être envoyé");
        (await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.ToAddress == email && m.Kind == EmailKinds.ConfirmEmail))).ShouldBe(2);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.FirstAsync(u => u.Email == email);
            user.EmailConfirmed = true;
            await db.SaveChangesAsync();
        });

        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var reviewUrl = $"/ge/gestion/demandes/{applicationId}";
        var missing = await staff.PostFormAsync($"{reviewUrl}?handler=RequestInformation", [new("Text", "   ")], tokenFrom: reviewUrl);
        missing.Text().ShouldContain("Écrivez la question à poser.");
        await staff.PostFormAsync($"{reviewUrl}?handler=RequestInformation", [new("Text", "Pouvez-vous envoyer vos statuts ?")], tokenFrom: reviewUrl);
        await staff.PostFormAsync($"{reviewUrl}?handler=Comment", [new("Text", "Note interne : à voir en comité.")], tokenFrom: reviewUrl);

        await applicant.SignInAsync(email, password);
        var tracking = await applicant.GetPageAsync($"/ge/adhesion/{applicationId}");
        tracking.Text().ShouldContain("Pouvez-vous envoyer vos statuts ?");
        tracking.Text().ShouldNotContain("Note interne");
        var answered = await applicant.PostFormAsync($"/ge/adhesion/{applicationId}?handler=Reply", [new("Reply", "Les voici, article 12.")], tokenFrom: $"/ge/adhesion/{applicationId}");
        answered.Text().ShouldContain("En examen");

        using var stranger = new WebClient(app);
        await stranger.SignInAsync(DemoAccounts.VaudMember);
        await stranger.GetPageAsync($"/ge/adhesion/{applicationId}", System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_application_duplicating_a_member_is_flagged_and_cannot_be_admitted_twice()
    {
        var existing = await app.WithDbAsync(db => db.Organisations.AsNoTracking().Where(o => o.Profile.Canton == "GE").OrderBy(o => o.Slug).FirstAsync());
        using var visitor = new WebClient(app);
        var form = await visitor.GetPageAsync("/ge/adhesion");
        var fields = ApplicationForm(form, existing.Profile.Name.ToUpperInvariant(), UniqueEmail());
        fields.RemoveAll(f => f.Key is "Input.Profile.Town" or "Input.Profile.PostalCode");
        fields.Add(new("Input.Profile.Town", existing.Profile.Town));
        fields.Add(new("Input.Profile.PostalCode", existing.Profile.PostalCode));
        await visitor.SubmitAsync(form, "form.long-form", fields);
        var email = fields.First(f => f.Key == "Input.ContactEmail").Value;
        var applicationId = await app.WithDbAsync(db => db.Applications.Where(a => a.Contact.Email == email).Select(a => a.Id).FirstAsync());

        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var reviewUrl = $"/ge/gestion/demandes/{applicationId}";
        var review = await staff.GetPageAsync(reviewUrl);
        review.QuerySelector(".notice.warning")!.TextContent.ShouldContain(existing.Profile.Name);
        var organisationsBefore = await app.CountAsync<Organisation>();

        var blocked = await staff.PostFormAsync($"{reviewUrl}?handler=Admit", [], tokenFrom: reviewUrl);

        blocked.Text().ShouldContain("Impossible d'admettre");
        (await app.CountAsync<Organisation>()).ShouldBe(organisationsBefore);
        (await app.WithDbAsync(db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.State).FirstAsync())).ShouldBe(ApplicationState.Submitted);
    }
}

public sealed class ApplicationFlowTestsOnSqlite(SqliteApp app) : ApplicationFlowTests(app), IClassFixture<SqliteApp>;

public sealed class ApplicationFlowTestsOnPostgreSQL(PostgresApp app) : ApplicationFlowTests(app), IClassFixture<PostgresApp>;
