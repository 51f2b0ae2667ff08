using System.Net;
using System.Text.Json;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Account;

/// <summary>A person downloads what the platform holds about them, or erases their account (revDSG / GDPR).</summary>
public abstract class PersonalDataTests(MaillageApp app)
{
    private const string MyData = "/compte/mes-donnees";

    [Fact]
    public async Task A_signed_in_member_downloads_their_data_as_JSON_with_their_email_and_organisation()
    {
        var organisation = await app.OrganisationOfAsync(DemoAccounts.GenevaMember);
        using var member = new WebClient(app);
        await member.SignInAsync(DemoAccounts.GenevaMember);

        var response = await member.PostForFileAsync(MyData + "?handler=Export", [], tokenFrom: MyData);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        data.GetProperty("account").GetProperty("email").GetString().ShouldBe(DemoAccounts.GenevaMember);
        var organisations = data.GetProperty("organisations").EnumerateArray().ToList();
        organisations.Count.ShouldBe(1);
        organisations[0].GetProperty("organisation").GetString().ShouldBe(organisation.Profile.Name);
        organisations[0].GetProperty("role").GetString().ShouldBe(nameof(OrganisationRole.MemberAdmin));
    }

    [Fact]
    public async Task The_download_needs_the_antiforgery_token_and_a_signed_in_person()
    {
        using var visitor = new WebClient(app, followRedirects: false);
        var anonymous = await visitor.PostForFileAsync(MyData + "?handler=Export", [], tokenFrom: "/compte/connexion");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.OriginalString.ShouldContain("/compte/connexion");

        using var member = new WebClient(app);
        await member.SignInAsync(DemoAccounts.GenevaMember);
        using var noToken = new FormUrlEncodedContent([]);
        var forged = await member.Http.PostAsync(new Uri(MyData + "?handler=Export", UriKind.Relative), noToken);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).ShouldNotContain(DemoAccounts.GenevaMember);
    }

    [Fact]
    public async Task Erasure_with_a_wrong_password_erases_nothing()
    {
        var organisation = await app.OtherOrganisationAsync("ge", Guid.Empty, skip: 3);
        var user = await app.CreateUserAsync(organisation.Id);
        using var person = new WebClient(app);
        await person.SignInAsync(user.Email!);

        var page = await person.PostFormAsync(MyData + "?handler=Erase", [new("Password", "Pas-le-bon-mot-de-passe")], tokenFrom: MyData);

        page.FieldError("Password").ShouldBe("Mot de passe incorrect : rien n'a été effacé.");
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id))).ShouldBeTrue();
        (await app.WithDbAsync(db => db.OrganisationMembers.AnyAsync(m => m.UserId == user.Id && m.OrganisationId == organisation.Id))).ShouldBeTrue();
        (await person.GetPageAsync("/compte")).Text().ShouldContain(organisation.Profile.Name);
    }

    [Fact]
    public async Task Erasure_with_the_right_password_removes_the_person_and_their_memberships_but_not_the_organisation()
    {
        var organisation = await app.OtherOrganisationAsync("ge", Guid.Empty, skip: 4);
        var user = await app.CreateUserAsync(organisation.Id);
        using var person = new WebClient(app);
        await person.SignInAsync(user.Email!);

        var home = await person.PostFormAsync(MyData + "?handler=Erase", [new("Password", DemoSeeder.DemoPassword)], tokenFrom: MyData);

        home.QuerySelector(".flash")!.TextContent.ShouldBe("Votre compte a été effacé.");
        person.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/");
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id || u.Email == user.Email))).ShouldBeFalse("the account row is deleted");
        (await app.WithDbAsync(db => db.OrganisationMembers.AnyAsync(m => m.UserId == user.Id))).ShouldBeFalse("the memberships are removed");
        var kept = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisation.Id));
        kept.ShouldNotBeNull();
        kept.State.ShouldBe(OrganisationState.Active);

        // Signed out, cannot sign in again; the organisation is still in the directory.
        await person.GetPageAsync("/compte");
        person.LastResponse.RequestMessage.RequestUri.AbsolutePath.ShouldBe("/compte/connexion");
        var again = await person.PostFormAsync("/compte/connexion", [new("Email", user.Email!), new("Password", DemoSeeder.DemoPassword)]);
        again.QuerySelector(".error-summary")!.TextContent.Trim().ShouldBe("Adresse ou mot de passe incorrect.");
        (await person.GetPageAsync($"/ge/membres/{organisation.Slug}")).QuerySelector("h1")!.TextContent.ShouldBe(organisation.Profile.Name);
        (await person.GetPageAsync($"/ge/membres?q={Uri.EscapeDataString(organisation.Profile.Name)}")).Text().ShouldContain(organisation.Profile.Name);
    }
}

public sealed class PersonalDataTestsOnSqlite(SqliteApp app) : PersonalDataTests(app), IClassFixture<SqliteApp>;

public sealed class PersonalDataTestsOnPostgreSQL(PostgresApp app) : PersonalDataTests(app), IClassFixture<PostgresApp>;
