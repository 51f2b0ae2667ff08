using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Web.Tests.Api;

/// <summary>The JSON API: the same directory as the pages, errors as RFC 9457 problem details, and an exact OpenAPI document.</summary>
public abstract class DirectoryApiTests(MaillageApp app)
{
    [Fact]
    public async Task Chambers_and_sectors_are_listed()
    {
        using var client = app.CreateClient();
        var chambers = await client.GetFromJsonAsync<JsonElement>("/api/v1/chambers");
        chambers.EnumerateArray().Select(c => c.GetProperty("slug").GetString()).ShouldBe(["ge", "vd"]);
        chambers[0].GetProperty("members").GetInt32().ShouldBeGreaterThan(30);

        var sectors = await client.GetFromJsonAsync<JsonElement>("/api/v1/sectors");
        sectors.EnumerateArray().Count(s => s.GetProperty("kind").GetString() == "noga").ShouldBe(21);
        sectors.EnumerateArray().ShouldContain(s => s.GetProperty("code").GetString() == "insertion");
    }

    [Fact]
    public async Task The_directory_pages_through_every_member_exactly_once()
    {
        using var client = app.CreateClient();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/chambers/vd/organisations?pageSize=7");
        var total = first.GetProperty("total").GetInt32();
        var seen = new List<string>();
        for (var page = 1; page <= (total + 6) / 7; page++)
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/v1/chambers/vd/organisations?pageSize=7&page={page}");
            seen.AddRange(result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!));
        }

        seen.Count.ShouldBe(total);
        seen.Distinct().Count().ShouldBe(total);
    }

    [Fact]
    public async Task Filters_give_the_same_answers_as_the_page()
    {
        using var client = app.CreateClient();
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/chambers/ge/organisations?sector=insertion&status=NonProfit&pageSize=100");
        var items = api.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        items.ShouldAllBe(i => i.GetProperty("status").GetString() == "NonProfit");
        items.ShouldAllBe(i => i.GetProperty("sectors").EnumerateArray().Any(s => s.GetString() == "insertion"));

        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/ge/membres?sector=insertion&status=NonProfit");
        page.QuerySelector("#result-count")!.TextContent.ShouldBe($"{api.GetProperty("total").GetInt32()} organisation(s)");
    }

    [Fact]
    public async Task One_organisation_has_its_full_public_profile()
    {
        using var client = app.CreateClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/chambers/ge/organisations?pageSize=1");
        var slug = list.GetProperty("items")[0].GetProperty("slug").GetString();
        var organisation = await client.GetFromJsonAsync<JsonElement>($"/api/v1/chambers/ge/organisations/{slug}");
        organisation.GetProperty("slug").GetString().ShouldBe(slug);
        organisation.GetProperty("canton").GetString().ShouldBe("GE");
        organisation.GetProperty("url").GetString()!.ShouldEndWith($"/ge/membres/{slug}");
    }

    [Fact]
    public async Task Invalid_parameters_get_400_problem_details_naming_each_field()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri("/api/v1/chambers/ge/organisations?page=abc&pageSize=1000&sector=licornes&canton=ZZ&status=Rich", UriKind.Relative));
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["page", "pageSize", "sector", "canton", "status"], ignoreOrder: true);
        errors.GetProperty("pageSize")[0].GetString().ShouldBe("La valeur doit être comprise entre 1 et 100.");
        problem.GetProperty("codes").GetProperty("sector")[0].GetString().ShouldBe("InvalidSector");
    }

    [Theory]
    [InlineData("/api/v1/chambers/zz/organisations")]
    [InlineData("/api/v1/chambers/ge/organisations/nobody-here")]
    [InlineData("/api/v1/chambers/zz/criteria")]
    [InlineData("/api/v1/nothing-here")]
    public async Task Unknown_resources_get_404_problem_details(string url)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task A_staff_member_creates_an_organisation_and_bad_or_duplicate_input_writes_nothing()
    {
        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var before = await app.CountAsync<Domain.Organisations.Organisation>();

        var bad = await staff.Http.PostAsJsonAsync("/api/v1/chambers/ge/organisations", new { name = "X", legalForm = "Empire", status = "NonProfit", sectors = new[] { "culture" }, canton = "GE" });
        bad.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain("legalForm");
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain("name");
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain("street");

        var good = new
        {
            name = "Atelier API Solidaire " + Guid.NewGuid().ToString("N")[..6],
            legalForm = "Association",
            status = "NonProfit",
            nogaSection = "S",
            sectors = new[] { "culture", "insertion" },
            street = "Rue du Test 1",
            postalCode = "1204",
            town = "Genève",
            canton = "GE",
            shortDescription = "Un atelier créé par l'API pour un test.",
        };
        var created = await staff.Http.PostAsJsonAsync("/api/v1/chambers/ge/organisations", good);
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldStartWith("/api/v1/chambers/ge/organisations/atelier-api-solidaire-");

        var duplicate = await staff.Http.PostAsJsonAsync("/api/v1/chambers/ge/organisations", good with { });
        duplicate.StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
        (await app.CountAsync<Domain.Organisations.Organisation>()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_has_a_wrong_type_gets_400_naming_the_field()
    {
        using var staff = new WebClient(app);
        await staff.SignInAsync(DemoAccounts.GenevaStaff);
        var before = await app.CountAsync<Domain.Organisations.Organisation>();

        using var wrongType = new StringContent("{\"name\": \"Atelier\", \"foundedYear\": \"mille neuf cent\"}", System.Text.Encoding.UTF8, "application/json");
        var response = await staff.Http.PostAsync(new Uri("/api/v1/chambers/ge/organisations", UriKind.Relative), wrongType);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["foundedYear"]);

        using var broken = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        var brokenResponse = await staff.Http.PostAsync(new Uri("/api/v1/chambers/ge/organisations", UriKind.Relative), broken);
        brokenResponse.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        brokenResponse.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await brokenResponse.Content.ReadAsStringAsync()).ShouldNotContain("   at ");
        (await app.CountAsync<Domain.Organisations.Organisation>()).ShouldBe(before);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_api_route()
    {
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        document.GetProperty("openapi").GetString()!.ShouldStartWith("3.");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        var routes = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace((e.RoutePattern.RawText ?? string.Empty).TrimStart('/'), "{([A-Za-z]+):[^}]+}", "{$1}"))
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        routes.Count.ShouldBeGreaterThanOrEqualTo(6, string.Join(", ", app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().Select(e => e.RoutePattern.RawText)));
        paths.ShouldBe(routes, ignoreOrder: true);
    }
}

public sealed class DirectoryApiTestsOnSqlite(SqliteApp app) : DirectoryApiTests(app), IClassFixture<SqliteApp>;

public sealed class DirectoryApiTestsOnPostgreSQL(PostgresApp app) : DirectoryApiTests(app), IClassFixture<PostgresApp>;
