using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Web.Data;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Security;

/// <summary>The defences every response and every form relies on, through the real pipeline.</summary>
public abstract class SecurityTests(MaillageApp app)
{
    private const string LockedOut = "Trop d'essais infructueux : le compte est bloqué pendant 15 minutes.";
    private const string LoginFailed = "Adresse ou mot de passe incorrect.";

    [Theory]
    [InlineData("/")]
    [InlineData("/ge")]
    [InlineData("/ge/membres")]
    [InlineData("/ge/membres/cooperative-rayons-du-rhone")]
    [InlineData("/ge/adhesion")]
    [InlineData("/compte/connexion")]
    [InlineData("/chambre-inconnue")]
    [InlineData("/css/site.css")]
    [InlineData("/api/v1/chambers")]
    [InlineData("/api/v1/chambers/ge/organisations?page=abc")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var visitor = new WebClient(app, followRedirects: false);

        var response = await visitor.Http.GetAsync(new Uri(url, UriKind.Relative));

        var csp = Header(response, "Content-Security-Policy");
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Referrer-Policy").ShouldBe("strict-origin-when-cross-origin");
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_writes_nothing()
    {
        var organisation = await app.OtherOrganisationAsync("ge", Guid.Empty, skip: 1);
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var url = $"/ge/gestion/membres/{organisation.Id}";
        var form = (await staff.GetPageAsync(url)).FormValues("form.long-form");
        form.ShouldContain(v => v.Key == "__RequestVerificationToken");

        var refused = await staff.PostAsync(url, form.Without("__RequestVerificationToken").With("Input.Profile.ShortDescription", "Modifié sans jeton, par un autre site."), HttpStatusCode.BadRequest);

        refused.QuerySelector("h1")!.TextContent.ShouldBe("Demande invalide");
        var after = await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id));
        after.Profile.ShortDescription.ShouldBe(organisation.Profile.ShortDescription);
        after.UpdatedAt.ShouldBe(organisation.UpdatedAt);

        // With the token the same form goes through: the refusal was the missing token.
        await staff.PostAsync(url, form.With("Input.Profile.ShortDescription", "Modifié avec le jeton du formulaire."));
        (await app.WithDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id))).Profile.ShortDescription.ShouldBe("Modifié avec le jeton du formulaire.");
    }

    [Fact]
    public async Task The_authentication_cookie_is_HttpOnly_and_SameSite_Lax()
    {
        using var person = new WebClient(app, followRedirects: false);

        await person.PostFormAsync("/compte/connexion", [new("Email", DemoAccounts.GenevaMember), new("Password", DemoSeeder.DemoPassword)], expected: HttpStatusCode.Redirect);

        var cookie = person.LastResponse!.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("maillage.auth=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        attributes.ShouldContain("httponly");
        attributes.ShouldContain("samesite=lax");
        attributes.ShouldContain("path=/");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused()
    {
        var user = await app.CreateUserAsync();
        using var person = new WebClient(app);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var page = await person.PostFormAsync("/compte/connexion", [new("Email", user.Email!), new("Password", $"Mauvais-mot-{attempt}")]);
            page.QuerySelector(".error-summary")!.TextContent.Trim().ShouldBe(attempt < 5 ? LoginFailed : LockedOut, $"attempt {attempt}");
        }

        var sixth = await person.PostFormAsync("/compte/connexion", [new("Email", user.Email!), new("Password", DemoSeeder.DemoPassword)]);

        sixth.QuerySelector(".error-summary")!.TextContent.Trim().ShouldBe(LockedOut);
        await person.GetPageAsync("/compte");
        person.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/compte/connexion", "still signed out");
        var lockoutEnd = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync());
        lockoutEnd.ShouldNotBeNull();
        lockoutEnd.Value.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Theory]
    [InlineData("/chambre-inconnue")]
    [InlineData("/zz/membres")]
    [InlineData("/zz/membres/cooperative-rayons-du-rhone")]
    [InlineData("/ge/membres/organisation-inexistante")]
    [InlineData("/vd/membres/cooperative-rayons-du-rhone")]
    [InlineData("/ge/gestion/demandes/pas-un-identifiant")]
    [InlineData("/page/qui/n/existe/pas")]
    public async Task An_unknown_chamber_or_organisation_gets_the_French_not_found_page_and_nothing_technical(string url)
    {
        using var visitor = new WebClient(app);

        var page = await visitor.GetPageAsync(url, HttpStatusCode.NotFound);

        page.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Page introuvable");
        page.Text().ShouldContain("Cette page n'existe pas ou plus.");
        var html = page.DocumentElement.OuterHtml;
        foreach (var leak in new[] { "Exception", "StackTrace", "   at ", ".cs:line", "Microsoft.", "System.", "Maillage.Web." })
        {
            html.ShouldNotContain(leak, Case.Sensitive);
        }
    }

    [Fact]
    public async Task A_bad_API_parameter_is_a_problem_naming_the_parameter_never_an_exception()
    {
        using var visitor = new WebClient(app);

        var response = await visitor.Http.GetAsync(new Uri("/api/v1/chambers/ge/organisations?page=abc", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("Exception");
        body.ShouldNotContain("   at ");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("errors").TryGetProperty("page", out var messages).ShouldBeTrue(body);
        messages[0].GetString().ShouldBe("Indiquez un nombre.");

        var unknown = await visitor.Http.GetAsync(new Uri("/api/v1/chambers/zz/organisations", UriKind.Relative));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task Markup_in_a_profile_is_shown_as_text_and_cannot_break_out_of_the_JSON_LD_block()
    {
        const string shortDescription = "<script>alert(1)</script></script><!-- atelier vélo";
        const string description = "<img src=x onerror=alert(2)> Nous réparons des vélos.";
        var organisation = await app.OtherOrganisationAsync("ge", Guid.Empty, skip: 2);
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var url = $"/ge/gestion/membres/{organisation.Id}";
        var form = (await staff.GetPageAsync(url)).FormValues("form.long-form")
            .With("Input.Profile.ShortDescription", shortDescription)
            .With("Input.Profile.Description", description);
        (await staff.PostAsync(url, form)).QuerySelector(".flash").ShouldNotBeNull("saved");

        using var visitor = new WebClient(app);
        var response = await visitor.Http.GetAsync(new Uri($"/ge/membres/{organisation.Slug}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = Forms.Parse(html);

        html.ShouldNotContain("<script>alert(1)");
        html.ShouldNotContain("<img src=x");
        html.ShouldNotContain("alert(1)</script");
        page.QuerySelector(".lead")!.TextContent.ShouldBe(shortDescription);
        page.QuerySelector(".description p")!.TextContent.ShouldBe(description);
        page.QuerySelectorAll("img").ShouldBeEmpty();
        var scripts = page.QuerySelectorAll("script").ToList();
        scripts.Count.ShouldBe(2, "the JSON-LD block and the site's own script, nothing injected");
        scripts[0].GetAttribute("type").ShouldBe("application/ld+json");
        scripts[1].GetAttribute("src")!.ShouldStartWith("/js/site.js");

        // A script element's text runs to the first "</script": all of the JSON must be there and parse.
        var json = scripts[0].TextContent;
        json.ShouldNotContain("<", Case.Sensitive, "markup characters are escaped (\\u003C) inside the JSON-LD block");
        var jsonLd = JsonDocument.Parse(json).RootElement;
        jsonLd.GetProperty("description").GetString().ShouldBe(shortDescription);
        jsonLd.GetProperty("name").GetString().ShouldBe(organisation.Profile.Name);
    }

    private static string Header(HttpResponseMessage response, string name)
    {
        response.Headers.TryGetValues(name, out var values).ShouldBeTrue($"{name} on {response.RequestMessage?.RequestUri}");
        return string.Join(", ", values!);
    }

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }
}

public sealed class SecurityTestsOnSqlite(SqliteApp app) : SecurityTests(app), IClassFixture<SqliteApp>;

public sealed class SecurityTestsOnPostgreSQL(PostgresApp app) : SecurityTests(app), IClassFixture<PostgresApp>;

/// <summary>Sign-in limited per client address: after the allowed attempts, a French "too many requests".</summary>
public abstract class SignInRateLimitTests(MaillageApp app)
{
    [Fact]
    public async Task The_fourth_sign_in_in_a_minute_gets_429_with_a_French_message_even_with_the_right_password()
    {
        using var person = new WebClient(app);
        for (var attempt = 1; attempt <= RateLimitedSqliteApp.Limit; attempt++)
        {
            var page = await person.PostFormAsync("/compte/connexion", [new("Email", DemoAccounts.GenevaMember), new("Password", "Mauvais-mot-de-passe")]);
            page.QuerySelector(".error-summary")!.TextContent.Trim().ShouldBe("Adresse ou mot de passe incorrect.");
        }

        var refused = await person.PostFormAsync(
            "/compte/connexion",
            [new("Email", DemoAccounts.GenevaMember), new("Password", DemoSeeder.DemoPassword)],
            expected: HttpStatusCode.TooManyRequests);

        refused.Text().ShouldBe("Trop de demandes : patientez quelques minutes, puis réessayez.");
        person.LastResponse!.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; charset=utf-8");
        await person.GetPageAsync("/compte");
        person.LastResponse.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/compte/connexion", "the refused sign-in signed nobody in");
    }
}

public sealed class RateLimitedSqliteApp() : MaillageApp(Engine.Sqlite)
{
    public const int Limit = 3;

    protected override int SignInPerMinute => Limit;
}

public sealed class RateLimitedPostgresApp() : MaillageApp(Engine.PostgreSQL)
{
    protected override int SignInPerMinute => RateLimitedSqliteApp.Limit;
}

public sealed class SignInRateLimitTestsOnSqlite(RateLimitedSqliteApp app) : SignInRateLimitTests(app), IClassFixture<RateLimitedSqliteApp>;

public sealed class SignInRateLimitTestsOnPostgreSQL(RateLimitedPostgresApp app) : SignInRateLimitTests(app), IClassFixture<RateLimitedPostgresApp>;
