using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Domain.Membership;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Security;

/// <summary>Each chamber's data is its own: staff of Geneva are strangers in Vaud, members are strangers elsewhere.</summary>
public abstract class IsolationTests(MaillageApp app)
{
    [Fact]
    public async Task Geneva_staff_cannot_see_the_Vaud_back_office_its_applications_or_its_members()
    {
        var vaud = await VaudDataAsync();
        using var geneva = await SignedInAsync(DemoAccounts.GenevaStaff);

        foreach (var url in new[] { "/vd/gestion", "/vd/gestion/demandes", $"/vd/gestion/demandes/{vaud.ApplicationId}", $"/vd/gestion/membres/{vaud.OrganisationId}", "/vd/gestion/membres" })
        {
            var response = await geneva.Http.GetAsync(new Uri(url, UriKind.Relative));
            var body = Forms.Parse(await response.Content.ReadAsStringAsync()).Text();
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.NotFound], url);
            body.ShouldContain(response.StatusCode == HttpStatusCode.Forbidden ? "Accès refusé" : "Page introuvable", Case.Sensitive, url);
            body.ShouldNotContain(vaud.ApplicationName, Case.Sensitive, url);
            body.ShouldNotContain(vaud.OrganisationName, Case.Sensitive, url);
        }

        // The same pages in Geneva answer: the refusal is about the chamber, not the person.
        (await geneva.GetPageAsync("/ge/gestion/demandes")).Text().ShouldNotContain(vaud.ApplicationName);
    }

    [Fact]
    public async Task Geneva_staff_admitting_a_Vaud_application_changes_nothing()
    {
        var vaud = await VaudDataAsync();
        var organisationsBefore = await app.CountAsync<Domain.Organisations.Organisation>();
        using var geneva = await SignedInAsync(DemoAccounts.GenevaStaff);

        await geneva.PostFormAsync(
            $"/vd/gestion/demandes/{vaud.ApplicationId}?handler=Admit",
            [new("Text", "Bienvenue !")],
            tokenFrom: "/ge/gestion",
            expected: HttpStatusCode.Forbidden);

        var application = await app.WithDbAsync(db => db.Applications.AsNoTracking().Include(a => a.Events).SingleAsync(a => a.Id == vaud.ApplicationId));
        application.State.ShouldBe(vaud.ApplicationState);
        application.Events.ShouldNotContain(e => e.Kind == ApplicationEventKind.Admitted);
        (await app.CountAsync<Domain.Organisations.Organisation>()).ShouldBe(organisationsBefore);
    }

    [Fact]
    public async Task The_staff_API_lists_a_chambers_applications_to_its_own_staff_only()
    {
        var vaudId = await app.ChamberIdAsync("vd");
        var vaudApplications = await app.WithDbAsync(db => db.Applications.Where(a => a.ChamberId == vaudId).Select(a => a.Id).ToListAsync());
        vaudApplications.ShouldNotBeEmpty();

        using var geneva = await SignedInAsync(DemoAccounts.GenevaStaff);
        var refused = await geneva.Http.GetAsync(new Uri("/api/v1/chambers/vd/applications", UriKind.Relative));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(403);

        using var vaud = await SignedInAsync(DemoAccounts.VaudStaff);
        var listed = await vaud.Http.GetAsync(new Uri("/api/v1/chambers/vd/applications", UriKind.Relative));
        listed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ids = (await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
        ids.ShouldBe(vaudApplications, ignoreOrder: true);
    }

    [Fact]
    public async Task Geneva_staff_cannot_create_a_Vaud_member_through_the_API()
    {
        var vaudId = await app.ChamberIdAsync("vd");
        var before = await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.ChamberId == vaudId));
        using var geneva = await SignedInAsync(DemoAccounts.GenevaStaff);

        var refused = await geneva.Http.PostAsJsonAsync(new Uri("/api/v1/chambers/vd/organisations", UriKind.Relative), NewOrganisation("Coopérative Intruse"));

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.ChamberId == vaudId))).ShouldBe(before);

        // The very same request by Vaud staff is accepted: the refusal above was the chamber boundary.
        using var vaud = await SignedInAsync(DemoAccounts.VaudStaff);
        var created = await vaud.Http.PostAsJsonAsync(new Uri("/api/v1/chambers/vd/organisations", UriKind.Relative), NewOrganisation("Coopérative Bienvenue"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await app.WithDbAsync(db => db.Organisations.CountAsync(o => o.ChamberId == vaudId))).ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_member_admin_cannot_open_or_edit_another_organisations_member_space()
    {
        var own = await app.OrganisationOfAsync(DemoAccounts.GenevaMember);
        var other = await app.OtherOrganisationAsync("ge", own.Id);
        using var member = await SignedInAsync(DemoAccounts.GenevaMember);

        (await member.GetPageAsync($"/ge/espace/{own.Slug}")).QuerySelector("h1")!.TextContent.ShouldBe(own.Profile.Name);
        var page = await member.GetPageAsync($"/ge/espace/{other.Slug}", HttpStatusCode.NotFound);
        page.Text().ShouldNotContain(other.Profile.Name);
        await member.GetPageAsync($"/ge/espace/{other.Slug}/equipe", HttpStatusCode.NotFound);

        // A profile posted to the other organisation's space, and a colleague added to its team: refused, nothing kept.
        var ownForm = await member.GetPageAsync($"/ge/espace/{own.Slug}");
        var values = ownForm.FormValues("form.long-form").With("Input.ShortDescription", "Repris par une autre organisation.");
        await member.PostAsync($"/ge/espace/{other.Slug}", values, HttpStatusCode.NotFound);
        await member.PostAsync(
            $"/ge/espace/{other.Slug}/equipe?handler=Invite",
            [new("__RequestVerificationToken", ownForm.Token()), new("Input.Email", "intrus@example.ch"), new("Input.FirstName", "In"), new("Input.LastName", "Trus"), new("Input.Role", "MemberAdmin")],
            HttpStatusCode.NotFound);

        var after = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == other.Id));
        after.Profile.ShortDescription.ShouldBe(other.Profile.ShortDescription);
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "intrus@example.ch"))).ShouldBeFalse();
        (await app.WithDbAsync(db => db.OrganisationMembers.CountAsync(m => m.OrganisationId == other.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_for_the_back_office_and_gets_401_from_the_staff_API()
    {
        using var visitor = new WebClient(app, followRedirects: false);

        var page = await visitor.Http.GetAsync(new Uri("/ge/gestion", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.ShouldContain("/compte/connexion?ReturnUrl=%2Fge%2Fgestion");

        var list = await visitor.Http.GetAsync(new Uri("/api/v1/chambers/ge/applications", UriKind.Relative));
        list.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        list.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().ShouldBe(401);

        var before = await app.CountAsync<Domain.Organisations.Organisation>();
        var create = await visitor.Http.PostAsJsonAsync(new Uri("/api/v1/chambers/ge/organisations", UriKind.Relative), NewOrganisation("Coopérative Anonyme"));
        create.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        create.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await app.CountAsync<Domain.Organisations.Organisation>()).ShouldBe(before);
    }

    [Fact]
    public async Task The_network_admin_sees_both_chambers_back_offices()
    {
        var names = await app.WithDbAsync(async db =>
        {
            var chambers = await db.Chambers.ToDictionaryAsync(c => c.Id, c => c.Slug);
            // The list shows open applications (the demo also holds admitted members' admission files).
            return (await db.Applications.AsNoTracking().ToListAsync()).Where(a => a.IsOpen).Select(a => (Chamber: chambers[a.ChamberId], a.Organisation.Name)).ToList();
        });
        using var admin = await SignedInAsync(DemoAccounts.NetworkAdmin);

        foreach (var chamber in new[] { "ge", "vd" })
        {
            (await admin.GetPageAsync($"/{chamber}/gestion")).QuerySelector("h1").ShouldNotBeNull();
            var applications = (await admin.GetPageAsync($"/{chamber}/gestion/demandes")).Text();
            foreach (var (owner, name) in names)
            {
                if (owner == chamber)
                {
                    applications.ShouldContain(name);
                }
                else
                {
                    applications.ShouldNotContain(name);
                }
            }
        }
    }

    private sealed record VaudData(Guid ApplicationId, string ApplicationName, ApplicationState ApplicationState, Guid OrganisationId, string OrganisationName);

    private Task<VaudData> VaudDataAsync() =>
        app.WithDbAsync(async db =>
        {
            var vd = await db.Chambers.SingleAsync(c => c.Slug == "vd");
            var application = await db.Applications.AsNoTracking().Where(a => a.ChamberId == vd.Id && a.State == ApplicationState.UnderReview).FirstAsync();
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == vd.Id).OrderBy(o => o.NormalizedName).FirstAsync();
            return new VaudData(application.Id, application.Organisation.Name, application.State, organisation.Id, organisation.Profile.Name);
        });

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }

    private static object NewOrganisation(string name) => new
    {
        name,
        legalForm = "Cooperative",
        status = "LimitedProfit",
        nogaSection = "G",
        sectors = new[] { "commerce" },
        street = "Rue de Bourg 8",
        postalCode = "1003",
        town = "Lausanne",
        canton = "VD",
        shortDescription = "Épicerie coopérative de produits locaux et de saison.",
    };
}

public sealed class IsolationTestsOnSqlite(SqliteApp app) : IsolationTests(app), IClassFixture<SqliteApp>;

public sealed class IsolationTestsOnPostgreSQL(PostgresApp app) : IsolationTests(app), IClassFixture<PostgresApp>;
