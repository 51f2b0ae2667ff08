using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Domain.Labels;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Web.Features.Labels;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Labels;

/// <summary>The "ESS made" label: public verification, staff-only decisions, the search's label facet and boost.</summary>
public abstract class LabelTests(MaillageApp app)
{
    private static DateOnly Today => Maillage.Domain.ChamberDays.Of(DateTime.UtcNow);

    private Task<(EssLabel Label, Organisation Organisation)> DemoLabelAsync(string chamber, LabelStatus status) =>
        app.WithDbAsync(async db =>
        {
            var chamberId = await db.Chambers.Where(c => c.Slug == chamber).Select(c => c.Id).SingleAsync();
            var labels = await db.Set<EssLabel>().AsNoTracking().Where(l => l.ChamberId == chamberId).ToListAsync();
            var label = labels.First(l => l.StatusOn(Today) == status);
            return (label, await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == label.OrganisationId));
        });

    /// <summary>An active member of the chamber without any label, with at least one published offer.</summary>
    private Task<Organisation> UnlabelledMemberAsync(string chamber, int skip = 0) =>
        app.WithDbAsync(async db =>
        {
            var chamberId = await db.Chambers.Where(c => c.Slug == chamber).Select(c => c.Id).SingleAsync();
            return await db.Organisations.AsNoTracking()
                .Where(o => o.ChamberId == chamberId && o.State == OrganisationState.Active && !db.Set<EssLabel>().Any(l => l.OrganisationId == o.Id)
                    && db.Set<Offer>().Any(f => f.OrganisationId == o.Id && f.State == OfferState.Published))
                .OrderBy(o => o.NormalizedName).Skip(skip).FirstAsync();
        });

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }

    [Fact]
    public async Task The_verification_page_says_valid_expired_or_revoked_with_the_dates_and_reason()
    {
        using var visitor = new WebClient(app);
        var (valid, holder) = await DemoLabelAsync("ge", LabelStatus.Valid);
        var page = await visitor.GetPageAsync($"/ge/label/{valid.Code}");
        page.QuerySelector("#verdict-status")!.TextContent.Trim().ShouldBe("VALIDE");
        page.QuerySelector("#verdict-text")!.TextContent.ShouldContain($"valide jusqu'au {valid.ValidUntil.ToString("d MMMM yyyy", new System.Globalization.CultureInfo("fr-CH"))} inclus");
        page.QuerySelector("#verdict-organisation")!.GetAttribute("href").ShouldBe($"/ge/membres/{holder.Slug}");
        page.QuerySelector("#verdict-organisation")!.TextContent.ShouldBe(holder.Profile.Name);

        var (expired, _) = await DemoLabelAsync("ge", LabelStatus.Expired);
        page = await visitor.GetPageAsync($"/ge/label/{expired.Code}");
        page.QuerySelector("#verdict-status")!.TextContent.Trim().ShouldBe("ÉCHU");
        page.QuerySelector("#verdict-text")!.TextContent.ShouldContain($"n'est plus valide depuis le {expired.ValidUntil.AddDays(1).ToString("d MMMM yyyy", new System.Globalization.CultureInfo("fr-CH"))}");

        var (revoked, _) = await DemoLabelAsync("vd", LabelStatus.Revoked);
        page = await visitor.GetPageAsync($"/vd/label/{revoked.Code}");
        page.QuerySelector("#verdict-status")!.TextContent.Trim().ShouldBe("RETIRÉ");
        page.QuerySelector("#verdict-text")!.TextContent.ShouldContain("a retiré ce label le");
        page.QuerySelector("#verdict-reason")!.TextContent.ShouldContain(revoked.RevokedReason!);

        // A typed code, in lower case with spaces, leads to the same page.
        page = await visitor.GetPageAsync("/ge/label?q=" + Uri.EscapeDataString(valid.Code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant()));
        visitor.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe($"/ge/label/{valid.Code}");
        page.QuerySelector("#verdict-status")!.TextContent.Trim().ShouldBe("VALIDE");
        page = await visitor.GetPageAsync("/ge/label?q=pas-un-code");
        page.QuerySelector("#q-error")!.TextContent.ShouldContain("Ce n'est pas un code de label");
    }

    [Fact]
    public async Task Unknown_codes_and_another_chambers_codes_are_not_found()
    {
        using var visitor = new WebClient(app);
        var page = await visitor.GetPageAsync("/ge/label/ZZZZ-ZZZZ-ZZZZ", HttpStatusCode.NotFound);
        page.QuerySelector("#not-found")!.TextContent.ShouldContain("Label introuvable");
        page.QuerySelector("#verify-form").ShouldNotBeNull();
        await visitor.GetPageAsync("/ge/label/%3Cscript%3E", HttpStatusCode.NotFound);

        var (geneva, holder) = await DemoLabelAsync("ge", LabelStatus.Valid);
        page = await visitor.GetPageAsync($"/vd/label/{geneva.Code}", HttpStatusCode.NotFound);
        page.Text().ShouldNotContain(holder.Profile.Name);
        await visitor.GetPageAsync($"/xx/label/{geneva.Code}", HttpStatusCode.NotFound);

        using var client = app.CreateClient();
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/labels/{geneva.Code.ToLowerInvariant()}");
        found.GetProperty("status").GetString().ShouldBe("Valid");
        found.GetProperty("organisation").GetString().ShouldBe(holder.Profile.Name);
        found.GetProperty("chamber").GetString().ShouldBe("ge");
        found.GetProperty("validUntil").GetString().ShouldBe(geneva.ValidUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var (revoked, _) = await DemoLabelAsync("ge", LabelStatus.Revoked);
        var gone = await client.GetFromJsonAsync<JsonElement>($"/api/v1/labels/{revoked.Code}");
        gone.GetProperty("status").GetString().ShouldBe("Revoked");
        gone.GetProperty("revokedReason").GetString().ShouldBe(revoked.RevokedReason);

        var missing = await client.GetAsync(new Uri("/api/v1/labels/ZZZZ-ZZZZ-ZZZZ", UriKind.Relative));
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("LabelNotFound");
    }

    [Fact]
    public async Task Only_the_chambers_staff_grant_renew_and_revoke_and_every_decision_is_recorded()
    {
        var member = await UnlabelledMemberAsync("ge");
        var decide = $"/ge/gestion/label/{member.Slug}";
        var period = new List<KeyValuePair<string, string>> { new("ValidFrom", Today.Iso()), new("ValidUntil", Today.AddYears(2).Iso()) };

        using (var memberAdmin = await SignedInAsync(DemoAccounts.GenevaMember))
        {
            await memberAdmin.GetPageAsync(decide, HttpStatusCode.Forbidden);
            await memberAdmin.GetPageAsync("/ge/gestion/label", HttpStatusCode.Forbidden);
            await memberAdmin.PostFormAsync(decide + "?handler=Grant", period, tokenFrom: "/ge", expected: HttpStatusCode.Forbidden);
        }

        using (var vaudStaff = await SignedInAsync(DemoAccounts.VaudStaff))
        {
            await vaudStaff.PostFormAsync(decide + "?handler=Grant", period, tokenFrom: "/vd/gestion", expected: HttpStatusCode.Forbidden);
            var vaudMember = await UnlabelledMemberAsync("vd");
            await vaudStaff.GetPageAsync($"/vd/gestion/label/{vaudMember.Slug}");
            await vaudStaff.GetPageAsync($"/vd/gestion/label/{member.Slug}", HttpStatusCode.NotFound);
        }

        (await app.WithDbAsync(db => db.Set<EssLabel>().AnyAsync(l => l.OrganisationId == member.Id))).ShouldBeFalse();

        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var form = await staff.GetPageAsync(decide);
        form.QuerySelector("#self-assessment, #no-assessment").ShouldNotBeNull();
        var bad = await staff.PostFormAsync(decide + "?handler=Grant", [new("ValidFrom", Today.Iso()), new("ValidUntil", Today.AddYears(7).Iso())], tokenFrom: decide);
        bad.FieldError("ValidUntil").ShouldBe("Une période dure 5 ans au plus.");
        await staff.PostFormAsync(decide + "?handler=Grant", [.. period, new("Note", "Visite du 3 novembre concluante.")], tokenFrom: decide);

        var label = await app.WithDbAsync(db => db.Set<EssLabel>().AsNoTracking().Include(l => l.Events).SingleAsync(l => l.OrganisationId == member.Id));
        label.StatusOn(Today).ShouldBe(LabelStatus.Valid);
        label.Events.ShouldHaveSingleItem().ActorName.ShouldStartWith("Camille Favre");
        LabelCode.Normalize(label.Code).ShouldBe(label.Code);

        var noReason = await staff.PostFormAsync(decide + "?handler=Revoke", [new("Reason", "  ")], tokenFrom: decide);
        noReason.FieldError("Reason").ShouldBe("Indiquez le motif du retrait.");
        var shorter = await staff.PostFormAsync(decide + "?handler=Renew", [new("ValidFrom", Today.Iso()), new("ValidUntil", Today.AddYears(1).Iso())], tokenFrom: decide);
        shorter.FieldError("ValidUntil").ShouldBe("Le renouvellement doit se terminer après la période actuelle.");
        await staff.PostFormAsync(decide + "?handler=Renew", [new("ValidFrom", Today.AddYears(2).AddDays(1).Iso()), new("ValidUntil", Today.AddYears(4).Iso())], tokenFrom: decide);
        await staff.PostFormAsync(decide + "?handler=Revoke", [new("Reason", "Statuts modifiés : la lucrativité n'est plus limitée.")], tokenFrom: decide);

        label = await app.WithDbAsync(db => db.Set<EssLabel>().AsNoTracking().Include(l => l.Events).SingleAsync(l => l.OrganisationId == member.Id));
        label.Events.OrderBy(e => e.At).Select(e => e.Kind).ShouldBe([LabelEventKind.Granted, LabelEventKind.Renewed, LabelEventKind.Revoked]);
        label.ValidUntil.ShouldBe(Today.AddYears(4));
        var audit = await app.WithDbAsync(db => db.Audit.AsNoTracking().Where(a => a.EntityId == label.Id).OrderBy(a => a.At).Select(a => new { a.Action, a.UserId }).ToListAsync());
        audit.Select(a => a.Action).ShouldBe(["label.granted", "label.renewed", "label.revoked"]);
        var staffId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.GenevaStaff).Select(u => u.Id).SingleAsync());
        audit.ShouldAllBe(a => a.UserId == staffId);

        using var visitor = new WebClient(app);
        var verdict = await visitor.GetPageAsync($"/ge/label/{label.Code}");
        verdict.QuerySelector("#verdict-status")!.TextContent.Trim().ShouldBe("RETIRÉ");
        verdict.QuerySelector("#verdict-reason")!.TextContent.ShouldContain("Statuts modifiés");
        var history = await staff.GetPageAsync(decide);
        history.QuerySelectorAll("#label-history li").Length.ShouldBe(3);
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/search?" + query, UriKind.Relative));

    private static int FacetCount(JsonElement results, string facet, string value) =>
        results.GetProperty("facets").TryGetProperty(facet, out var counts)
            ? counts.EnumerateArray().Where(c => c.GetProperty("value").GetString() == value).Select(c => c.GetProperty("count").GetInt32()).SingleOrDefault()
            : 0;

    [Fact]
    public async Task The_label_facet_counts_labelled_results_and_labelled_offers_rank_first()
    {
        using var client = app.CreateClient();

        // The facet's count is what filtering by it finds, and every labelled result carries the badge link.
        var all = await SearchAsync(client, "pageSize=100");
        var labelledCount = FacetCount(all, "label", "yes");
        labelledCount.ShouldBeGreaterThan(0);
        (labelledCount + FacetCount(all, "label", "no")).ShouldBe(all.GetProperty("total").GetInt32());
        var onlyLabelled = await SearchAsync(client, "label=oui&pageSize=100");
        onlyLabelled.GetProperty("total").GetInt32().ShouldBe(labelledCount);
        onlyLabelled.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("labelled").GetBoolean() && i.GetProperty("labelUrl").GetString()!.Contains("/label/", StringComparison.Ordinal));

        // Brute force: visible offers and active organisations whose owner holds a label valid today.
        var expected = await app.WithDbAsync(async db =>
        {
            var today = Today;
            var labelled = await db.Set<EssLabel>().Where(l => l.RevokedAt == null && l.ValidFrom <= today && l.ValidUntil >= today).Select(l => l.OrganisationId).ToListAsync();
            var organisations = await db.Organisations.CountAsync(o => labelled.Contains(o.Id) && o.State == OrganisationState.Active);
            var offers = (await db.Set<Offer>().AsNoTracking().Where(o => labelled.Contains(o.OrganisationId)).ToListAsync()).Count(o => o.IsVisible(Maillage.Domain.ChamberDays.Of(DateTime.UtcNow)));
            return organisations + offers;
        });
        labelledCount.ShouldBe(expected);

        // Two offers alike but for their seller: the labelled seller's comes first; the label moves, the order follows.
        var first = await UnlabelledMemberAsync("ge", 0);
        var second = await UnlabelledMemberAsync("ge", 1);
        var word = "Zorglub" + Guid.NewGuid().ToString("N")[..6];
        await app.WithDbAsync(async db =>
        {
            foreach (var owner in new[] { first, second })
            {
                var offer = new Offer(owner.ChamberId, owner.Id, new OfferDetails
                {
                    Kind = OfferKind.Service,
                    Title = $"Atelier {word}",
                    Description = "Un atelier de réparation ouvert à toutes et à tous, le samedi matin.",
                    Category = "recyclage/reparation",
                    Audience = OfferAudience.Public,
                    PriceKind = PriceKind.OnQuote,
                }, DateTime.UtcNow);
                offer.Publish(DateTime.UtcNow);
                db.Add(offer);
            }

            await db.SaveChangesAsync();
        });

        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        async Task GrantAsync(Organisation owner)
        {
            var decide = $"/ge/gestion/label/{owner.Slug}";
            await staff.PostFormAsync(decide + "?handler=Grant", [new("ValidFrom", Today.Iso()), new("ValidUntil", Today.AddYears(1).Iso())], tokenFrom: decide);
        }

        async Task<List<string>> SellersAsync()
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var results = await SearchAsync(client, "q=" + word);
                if (results.GetProperty("total").GetInt32() == 2)
                {
                    return results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("organisation").GetString()!).ToList();
                }

                await Task.Delay(100);
            }

            throw new ShouldAssertException("the two offers never appeared");
        }

        await GrantAsync(second);
        (await SellersAsync()).ShouldBe([second.Profile.Name, first.Profile.Name]);
        FacetCount(await SearchAsync(client, "q=" + word), "label", "yes").ShouldBe(1);

        var decideSecond = $"/ge/gestion/label/{second.Slug}";
        await staff.PostFormAsync(decideSecond + "?handler=Revoke", [new("Reason", "Erreur de dossier.")], tokenFrom: decideSecond);
        await GrantAsync(first);
        (await SellersAsync()).ShouldBe([first.Profile.Name, second.Profile.Name]);
        var after = await SearchAsync(client, "q=" + word);
        FacetCount(after, "label", "yes").ShouldBe(1);
        after.GetProperty("items")[1].GetProperty("labelled").GetBoolean().ShouldBeFalse();
    }

    /// <summary>The app as it runs on a later day: labels whose period has ended stop counting with no write at all.</summary>
    private sealed class LaterInstance(TestDatabase database, TimeSpan later) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("Database:ConnectionString", database.ConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new ShiftedClock(later)));
        }
    }

    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }

    [Fact]
    public async Task A_label_stops_counting_in_search_the_day_after_its_period_without_any_write()
    {
        var member = await UnlabelledMemberAsync("ge", 2);
        using (var staff = await SignedInAsync(DemoAccounts.GenevaStaff))
        {
            var decide = $"/ge/gestion/label/{member.Slug}";
            await staff.PostFormAsync(decide + "?handler=Grant", [new("ValidFrom", Today.Iso()), new("ValidUntil", Today.AddDays(3).Iso())], tokenFrom: decide);
        }

        var query = "q=" + Uri.EscapeDataString(member.Profile.Name) + "&chambre=ge&type=organisation";
        using var today = app.CreateClient();
        (await SearchAsync(today, query)).GetProperty("items").EnumerateArray().First(i => i.GetProperty("organisation").GetString() == member.Profile.Name).GetProperty("labelled").GetBoolean().ShouldBeTrue();

        await using var later = new LaterInstance(app.Database, TimeSpan.FromDays(5));
        using var laterClient = later.CreateClient();
        var results = await SearchAsync(laterClient, query);
        var hit = results.GetProperty("items").EnumerateArray().First(i => i.GetProperty("organisation").GetString() == member.Profile.Name);
        hit.GetProperty("labelled").GetBoolean().ShouldBeFalse();
        var code = await app.WithDbAsync(db => db.Set<EssLabel>().Where(l => l.OrganisationId == member.Id).Select(l => l.Code).SingleAsync());
        (await laterClient.GetFromJsonAsync<JsonElement>($"/api/v1/labels/{code}")).GetProperty("status").GetString().ShouldBe("Expired");
        var all = await SearchAsync(laterClient, "pageSize=1&label=oui&q=" + Uri.EscapeDataString(member.Profile.Name));
        all.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("organisation").GetString() == member.Profile.Name);
    }

    [Fact]
    public async Task Members_see_their_label_and_their_offers_carry_the_badge()
    {
        var organisation = await app.OrganisationOfAsync(DemoAccounts.GenevaMember);
        var label = await app.WithDbAsync(db => db.Set<EssLabel>().AsNoTracking().SingleAsync(l => l.OrganisationId == organisation.Id));
        using var member = await SignedInAsync(DemoAccounts.GenevaMember);
        var space = await member.GetPageAsync($"/ge/espace/{organisation.Slug}/label");
        space.QuerySelector("#member-label-status")!.TextContent.ShouldBe("Valide");
        space.Text().ShouldContain(label.Code);
        var offers = await member.GetPageAsync($"/ge/espace/{organisation.Slug}/offres");
        offers.QuerySelector("h1 .badge-label")!.GetAttribute("href").ShouldBe($"/ge/label/{label.Code}");

        using var visitor = new WebClient(app);
        var profile = await visitor.GetPageAsync($"/ge/membres/{organisation.Slug}");
        profile.QuerySelector(".badge-label")!.GetAttribute("href").ShouldBe($"/ge/label/{label.Code}");
        var offerId = await app.WithDbAsync(db => db.Set<Offer>().Where(o => o.OrganisationId == organisation.Id && o.State == OfferState.Published).Select(o => o.Id).FirstAsync());
        var offer = await visitor.GetPageAsync($"/ge/offres/{offerId}");
        offer.QuerySelector(".badge-label")!.GetAttribute("href").ShouldBe($"/ge/label/{label.Code}");
        var search = await visitor.GetPageAsync("/recherche?label=oui&chambre=ge");
        search.QuerySelectorAll(".offer-card .badge-label").Length.ShouldBeGreaterThan(0);
        search.QuerySelectorAll(".offer-card").Length.ShouldBe(search.QuerySelectorAll(".offer-card .badge-label").Length);
        (search.QuerySelector("#facet-label input[name=label]") as AngleSharp.Html.Dom.IHtmlInputElement)!.IsChecked.ShouldBeTrue();

        // Staff of the chamber see the list with the demo's expired and revoked labels.
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);
        var (_, revokedHolder) = await DemoLabelAsync("ge", LabelStatus.Revoked);
        var list = await staff.GetPageAsync("/ge/gestion/label?etat=retire");
        list.QuerySelectorAll("#label-members tbody th").Select(th => th.TextContent).ShouldContain(t => t.Contains(revokedHolder.Profile.Name, StringComparison.Ordinal));
        list.QuerySelectorAll("#label-members tbody tr").ShouldAllBe(tr => tr.TextContent.Contains("Retiré", StringComparison.Ordinal));
    }
}

internal static class DateText
{
    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class LabelTestsOnSqlite(SqliteApp app) : LabelTests(app), IClassFixture<SqliteApp>;

public sealed class LabelTestsOnPostgreSQL(PostgresApp app) : LabelTests(app), IClassFixture<PostgresApp>;
