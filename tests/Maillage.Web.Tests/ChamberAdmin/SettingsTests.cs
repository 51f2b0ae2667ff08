using Maillage.Domain.Chambers;
using Maillage.Web.Features.Email;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Tests.ChamberAdmin;

/// <summary>A chamber admin runs the chamber: settings, criteria, team. Staff who are not admins cannot.</summary>
public abstract class SettingsTests(MaillageApp app)
{
    [Fact]
    public async Task Closing_online_applications_shows_visitors_a_notice_instead_of_the_form()
    {
        using var admin = new WebClient(app);
        await admin.SignInAsync(DemoAccounts.GenevaStaff);
        var page = await admin.GetPageAsync("/ge/gestion/parametres");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Name", page.FieldValue("Input.Name")!),
            new("Input.ShortName", "APRÈS-GE"),
            new("Input.Tagline", "Un réseau vivant."),
            new("Input.ContactEmail", "info@apres-ge.example"),
            new("Input.Website", ""),
            new("Input.AcceptsApplications", "false"),
            new("Input.AdmissionScoreThreshold", "70"),
        };
        await admin.PostFormAsync("/ge/gestion/parametres?handler=Save", fields, tokenFrom: "/ge/gestion/parametres");
        try
        {
            using var visitor = new WebClient(app);
            var apply = await visitor.GetPageAsync("/ge/adhesion");
            apply.QuerySelector("form.long-form").ShouldBeNull();
            apply.Text().ShouldContain("ne reçoit pas de demandes en ligne");
            (await visitor.GetPageAsync("/ge")).Text().ShouldContain("Un réseau vivant.");
        }
        finally
        {
            fields[5] = new("Input.AcceptsApplications", "true");
            await admin.PostFormAsync("/ge/gestion/parametres?handler=Save", fields, tokenFrom: "/ge/gestion/parametres");
        }

        (await app.WithDbAsync(db => db.Chambers.Where(c => c.Slug == "ge").Select(c => c.AdmissionScoreThreshold).FirstAsync())).ShouldBe(70);
    }

    [Fact]
    public async Task Bad_settings_are_refused_next_to_the_field_and_nothing_changes()
    {
        using var admin = new WebClient(app);
        await admin.SignInAsync(DemoAccounts.GenevaStaff);
        var page = await admin.PostFormAsync("/ge/gestion/parametres?handler=Save", [new("Input.Name", "X"), new("Input.ShortName", "GE"), new("Input.ContactEmail", "pas un courriel"), new("Input.AdmissionScoreThreshold", "150")], tokenFrom: "/ge/gestion/parametres");
        page.FieldError("Input.Name").ShouldBe("3 caractères au moins.");
        page.FieldError("Input.ContactEmail")!.ShouldStartWith("Adresse de courriel invalide");
        page.FieldError("Input.AdmissionScoreThreshold").ShouldBe("La valeur doit être comprise entre 0 et 100.");
        (await app.WithDbAsync(db => db.Chambers.Where(c => c.Slug == "ge").Select(c => c.ShortName).FirstAsync())).ShouldBe("APRÈS-GE");
    }

    [Fact]
    public async Task Staff_who_are_not_chamber_admins_cannot_open_settings_or_criteria()
    {
        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.VaudStaff);
        (await staff.GetPageAsync("/vd/gestion")).QuerySelector("h1")!.TextContent.ShouldContain("Après-VD");
        var denied = await staff.GetPageAsync("/vd/gestion/parametres", System.Net.HttpStatusCode.Forbidden);
        denied.QuerySelector("h1")!.TextContent.ShouldBe("Accès refusé");
        await staff.GetPageAsync("/vd/gestion/criteres", System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_adds_a_new_colleague_who_sets_a_password_and_reaches_the_back_office()
    {
        var email = $"nouvelle.{Guid.NewGuid():N}@apres-ge.example";
        using var admin = new WebClient(app);
        await admin.SignInAsync(DemoAccounts.GenevaStaff);
        var page = await admin.PostFormAsync("/ge/gestion/parametres?handler=AddStaff", [new("NewStaff.Email", email), new("NewStaff.FirstName", "Inès"), new("NewStaff.LastName", "Bonvin"), new("NewStaff.Role", "Staff")], tokenFrom: "/ge/gestion/parametres");
        page.QuerySelectorAll("table.data th[scope=row]").Select(t => t.TextContent).ShouldContain("Inès Bonvin");

        var body = await app.WithDbAsync(db => db.Outbox.Where(m => m.ToAddress == email && m.Kind == EmailKinds.Invitation).Select(m => m.TextBody).SingleAsync());
        var link = body.Split('\n').Single(l => l.Contains("/compte/nouveau-mot-de-passe", StringComparison.Ordinal)).Trim();
        var path = new Uri(link).PathAndQuery;
        using var colleague = new WebClient(app);
        var form = await colleague.GetPageAsync(path);
        var done = await colleague.SubmitAsync(form, "form.panel", [new("UserId", form.FieldValue("UserId")!), new("Token", form.FieldValue("Token")!), new("Password", "Bienvenue-2026-GE"), new("PasswordConfirmation", "Bienvenue-2026-GE")]);
        done.Text().ShouldContain("Votre mot de passe est enregistré.");

        await colleague.SignInAsync(email, "Bienvenue-2026-GE");
        (await colleague.GetPageAsync("/ge/gestion")).QuerySelector("h1")!.TextContent.ShouldContain("APRÈS-GE");
        await colleague.GetPageAsync("/ge/gestion/parametres", System.Net.HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.ChamberStaff.CountAsync(s => s.Role == ChamberRole.Staff && db.Users.Any(u => u.Id == s.UserId && u.Email == email)))).ShouldBe(1);
    }

    [Fact]
    public async Task The_last_chamber_admin_cannot_be_removed()
    {
        using var admin = new WebClient(app);
        await admin.SignInAsync(DemoAccounts.GenevaStaff);
        var adminId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.GenevaStaff).Select(u => u.Id).FirstAsync());
        var page = await admin.PostFormAsync($"/ge/gestion/parametres?handler=RemoveStaff&userId={adminId}", [], tokenFrom: "/ge/gestion/parametres");
        page.Text().ShouldContain("au moins un·e administrateur·rice");
        (await app.WithDbAsync(db => db.ChamberStaff.AnyAsync(s => s.UserId == adminId))).ShouldBeTrue();
    }

    [Fact]
    public async Task An_admin_adapts_a_criterion_and_adds_one_and_applicants_see_them()
    {
        using var admin = new WebClient(app);
        await admin.SignInAsync(DemoAccounts.GenevaStaff);
        var transparency = await app.WithDbAsync(db => db.Criteria.AsNoTracking().FirstAsync(c => c.Code == "transparency" && c.ChamberId == db.Chambers.First(x => x.Slug == "ge").Id));
        await admin.PostFormAsync("/ge/gestion/criteres?handler=Save",
        [
            new("Input.Id", transparency.Id.ToString()), new("Input.Title", "Transparence financière"), new("Input.Guidance", "Les comptes annuels sont publiés en ligne chaque année."),
            new("Input.ExpectedLevel", "Fully"), new("Input.Weight", "2"), new("Input.Position", transparency.Position.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], tokenFrom: "/ge/gestion/criteres");
        var title = "Mobilité douce " + Guid.NewGuid().ToString("N")[..4];
        await admin.PostFormAsync("/ge/gestion/criteres?handler=Save",
            [new("Input.Title", title), new("Input.Guidance", "Les déplacements professionnels se font à vélo ou en transports publics."), new("Input.ExpectedLevel", "Partly"), new("Input.Weight", "1"), new("Input.Position", "50")],
            tokenFrom: "/ge/gestion/criteres");
        var invalid = await admin.PostFormAsync("/ge/gestion/criteres?handler=Save", [new("Input.Title", ""), new("Input.Guidance", "court"), new("Input.Weight", "9")], tokenFrom: "/ge/gestion/criteres");
        invalid.FieldError("Input.Weight").ShouldBe("La valeur doit être comprise entre 1 et 5.");

        var adapted = await app.WithDbAsync(db => db.Criteria.AsNoTracking().FirstAsync(c => c.Id == transparency.Id));
        adapted.BaseCriterionId.ShouldNotBeNull("an adapted criterion keeps its link to the network's base");
        adapted.ExpectedLevel.ShouldBe(Domain.Criteria.CriterionLevel.Fully);

        using var visitor = new WebClient(app);
        var apply = await visitor.GetPageAsync("/ge/adhesion");
        apply.Text().ShouldContain("Transparence financière");
        apply.Text().ShouldContain(title);
        using var vaud = new WebClient(app);
        (await vaud.GetPageAsync("/vd/adhesion")).Text().ShouldNotContain(title);
    }
}

public sealed class SettingsTestsOnSqlite(SqliteApp app) : SettingsTests(app), IClassFixture<SqliteApp>;

public sealed class SettingsTestsOnPostgreSQL(PostgresApp app) : SettingsTests(app), IClassFixture<PostgresApp>;
