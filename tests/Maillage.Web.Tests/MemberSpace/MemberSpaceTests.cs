using System.Text.RegularExpressions;
using Maillage.Domain.Organisations;
using Maillage.Web.Features.Email;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Tests.MemberSpace;

/// <summary>A member admin looks after the organisation's profile and team.</summary>
public abstract partial class MemberSpaceTests(MaillageApp app)
{
    [Fact]
    public async Task Bad_profile_input_comes_back_with_French_messages_by_the_fields_keeps_what_was_typed_and_saves_nothing()
    {
        var organisation = await app.OrganisationOfAsync(DemoAccounts.GenevaMember);
        using var member = await SignedInAsync(DemoAccounts.GenevaMember);
        var url = $"/ge/espace/{organisation.Slug}";
        var form = (await member.GetPageAsync(url)).FormValues("form.long-form")
            .With("Input.ShortDescription", "Une nouvelle description qui ne doit pas être enregistrée.")
            .With("Input.Website", "pas une adresse")
            .With("Input.Email", "pas-un-courriel")
            .With("Input.PostalCode", "12")
            .With("Input.Name", string.Empty);

        var page = await member.PostAsync(url, form);

        page.FieldError("Input.Website").ShouldBe("Adresse web invalide (p. ex. https://www.exemple.ch).");
        page.FieldError("Input.Email").ShouldBe("Adresse de courriel invalide (p. ex. nom@exemple.ch).");
        page.FieldError("Input.PostalCode").ShouldBe("NPA invalide : 4 chiffres (5 pour la France).");
        page.FieldError("Input.Name").ShouldBe("Ce champ est obligatoire.");
        page.QuerySelector("#error-summary").ShouldNotBeNull();
        page.FieldValue("Input.Website").ShouldBe("pas une adresse");
        page.FieldValue("Input.Email").ShouldBe("pas-un-courriel");
        page.FieldValue("Input.PostalCode").ShouldBe("12");
        page.FieldValue("Input.ShortDescription").ShouldBe("Une nouvelle description qui ne doit pas être enregistrée.");
        var after = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id));
        after.Profile.ShortDescription.ShouldBe(organisation.Profile.ShortDescription);
        after.Profile.Email.ShouldBe(organisation.Profile.Email);
        after.UpdatedAt.ShouldBe(organisation.UpdatedAt);
    }

    [Fact]
    public async Task Good_profile_input_is_saved_and_shown_on_the_public_profile()
    {
        var organisation = await app.OrganisationOfAsync(DemoAccounts.GenevaMember);
        using var member = await SignedInAsync(DemoAccounts.GenevaMember);
        var url = $"/ge/espace/{organisation.Slug}";
        var shortDescription = $"Atelier coopératif de vélos d'occasion, ouvert le samedi ({Guid.NewGuid():N}).";
        var form = (await member.GetPageAsync(url)).FormValues("form.long-form")
            .With("Input.ShortDescription", shortDescription)
            .With("Input.Phone", "+41 22 321 00 00")
            .With("Input.Website", "www.rayons-du-rhone.example");

        var saved = await member.PostAsync(url, form);

        saved.QuerySelector(".flash")!.TextContent.ShouldBe($"Profil enregistré : {organisation.Profile.Name}");
        var after = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id));
        after.Profile.ShortDescription.ShouldBe(shortDescription);
        after.Profile.Phone.ShouldBe("+41 22 321 00 00");
        after.Profile.Website.ShouldBe("https://www.rayons-du-rhone.example");
        after.Profile.EssSectors.ShouldBe(organisation.Profile.EssSectors, ignoreOrder: true, "fields left alone stay as they were");

        using var visitor = new WebClient(app);
        var profile = await visitor.GetPageAsync($"/ge/membres/{organisation.Slug}");
        profile.QuerySelector(".lead")!.TextContent.ShouldBe(shortDescription);
        profile.Text().ShouldContain("+41 22 321 00 00");
    }

    [Fact]
    public async Task A_colleague_added_by_email_is_invited_sets_a_password_and_then_sees_the_organisation()
    {
        var organisation = await app.OrganisationOfAsync(DemoAccounts.GenevaMember);
        var email = $"zoe.{Guid.NewGuid():N}@example.ch";
        using var admin = await SignedInAsync(DemoAccounts.GenevaMember);
        var team = await admin.GetPageAsync($"/ge/espace/{organisation.Slug}/equipe");

        var after = await admin.SubmitAsync(team, "form[action*='handler=Invite']",
        [
            new("Input.Email", email),
            new("Input.FirstName", "Zoé"),
            new("Input.LastName", "Brélaz"),
            new("Input.Role", nameof(OrganisationRole.MemberUser)),
        ]);

        after.QuerySelector(".flash")!.TextContent.ShouldBe("Zoé Brélaz fait maintenant partie de l'équipe.");
        after.Text().ShouldContain(email);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        user.EmailConfirmed.ShouldBeFalse();
        (await app.WithDbAsync(db => db.OrganisationMembers.SingleAsync(m => m.UserId == user.Id))).OrganisationId.ShouldBe(organisation.Id);
        var invitation = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.ToAddress == email));
        invitation.Kind.ShouldBe(EmailKinds.Invitation);
        invitation.Subject.ShouldBe($"Invitation à rejoindre {organisation.Profile.Name} sur Maillage");

        // Not yet: the address is unconfirmed and there is no password.
        using var colleague = new WebClient(app);
        var early = await colleague.PostFormAsync("/compte/connexion", [new("Email", email), new("Password", "Un-mot-de-passe-2026")]);
        early.QuerySelector(".error-summary").ShouldNotBeNull();

        var link = new Uri(InvitationLink().Match(invitation.TextBody).Value).PathAndQuery;
        var welcome = await colleague.GetPageAsync(link);
        welcome.QuerySelector("h1")!.TextContent.ShouldBe("Bienvenue : choisissez votre mot de passe");
        var done = await colleague.PostAsync(link, welcome.FormValues("form.panel")
            .With("Password", "Un-mot-de-passe-2026")
            .With("PasswordConfirmation", "Un-mot-de-passe-2026"));
        done.QuerySelector("p.notice[role=status]")!.TextContent.ShouldBe("Votre mot de passe est enregistré.");
        (await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.EmailConfirmed).SingleAsync())).ShouldBeTrue();

        await colleague.SignInAsync(email, "Un-mot-de-passe-2026");
        var account = await colleague.GetPageAsync("/compte");
        account.QuerySelector($"a[href='/ge/espace/{organisation.Slug}']")!.TextContent.ShouldBe(organisation.Profile.Name);
        (await colleague.GetPageAsync($"/ge/espace/{organisation.Slug}")).QuerySelector("h1")!.TextContent.ShouldBe(organisation.Profile.Name);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_removed()
    {
        var organisation = await app.OrganisationOfAsync(DemoAccounts.GenevaMember);
        var adminId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.GenevaMember).Select(u => u.Id).SingleAsync());
        using var admin = await SignedInAsync(DemoAccounts.GenevaMember);
        var team = await admin.GetPageAsync($"/ge/espace/{organisation.Slug}/equipe");

        var page = await admin.SubmitAsync(team, $"form[action*='handler=Remove'][action*='userId={adminId}']", []);

        page.QuerySelector("#error-summary")!.TextContent.ShouldContain("L'organisation doit garder au moins un·e administrateur·rice.");
        var membership = await app.WithDbAsync(db => db.OrganisationMembers.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == adminId && m.OrganisationId == organisation.Id));
        membership.ShouldNotBeNull();
        membership.Role.ShouldBe(OrganisationRole.MemberAdmin);
        (await admin.GetPageAsync($"/ge/espace/{organisation.Slug}/equipe")).Text().ShouldContain(DemoAccounts.GenevaMember);
    }

    [GeneratedRegex(@"https?://\S+/compte/nouveau-mot-de-passe\?\S+")]
    private static partial Regex InvitationLink();

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }
}

public sealed class MemberSpaceTestsOnSqlite(SqliteApp app) : MemberSpaceTests(app), IClassFixture<SqliteApp>;

public sealed class MemberSpaceTestsOnPostgreSQL(PostgresApp app) : MemberSpaceTests(app), IClassFixture<PostgresApp>;
