using System.Globalization;
using Maillage.Domain.Labels;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Web.Features.Labels;
using Maillage.Web.Tests.Browser.Pages;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Maillage.Web.Tests.Browser;

/// <summary>The label in a real browser: staff grant it, a visitor sees the badge on an offer and checks it.</summary>
public abstract class LabelBrowserTests(MaillageApp app, ChromiumFixture chromium) : BrowserTest(app, chromium)
{
    [Fact]
    public Task Staff_grant_the_label_and_a_visitor_sees_the_badge_on_the_offer_and_verifies_it() => RunAsync(async session =>
    {
        var (member, offerId) = await App.WithDbAsync(async db =>
        {
            var chamberId = await db.Chambers.Where(c => c.Slug == "ge").Select(c => c.Id).SingleAsync();
            var organisation = await db.Organisations.AsNoTracking()
                .Where(o => o.ChamberId == chamberId && o.State == OrganisationState.Active && !db.Set<EssLabel>().Any(l => l.OrganisationId == o.Id)
                    && db.Set<Offer>().Any(f => f.OrganisationId == o.Id && f.State == OfferState.Published))
                .OrderBy(o => o.NormalizedName).FirstAsync();
            var offer = await db.Set<Offer>().Where(f => f.OrganisationId == organisation.Id && f.State == OfferState.Published).Select(f => f.Id).FirstAsync();
            return (organisation, offer);
        });

        var visitor = await session.NewPersonAsync("visitor");
        await visitor.GotoAsync($"/ge/offres/{offerId}");
        await Expect(visitor.Locator(".badge-label")).ToHaveCountAsync(0);

        var staff = await session.NewPersonAsync("staff");
        await LoginPage.SignInAsync(staff, DemoAccounts.GenevaStaff);
        var decision = await LabelDecisionPage.OpenAsync(staff, "ge", member.Slug);
        await Expect(decision.SelfAssessment).ToBeVisibleAsync();
        var today = Maillage.Domain.ChamberDays.Of(DateTime.UtcNow);
        var until = today.AddYears(2).AddDays(-1);
        await decision.GrantAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(decision.State).ToHaveTextAsync("Valide");

        await visitor.ReloadAsync();
        var badge = visitor.Locator(".badge-label");
        await Expect(badge).ToHaveCountAsync(1);
        await badge.ClickAsync();
        var verification = new LabelVerificationPage(visitor);
        await Expect(verification.Verdict).ToHaveTextAsync("VALIDE");
        await Expect(verification.Text).ToContainTextAsync($"valide jusqu'au {until.ToString("d MMMM yyyy", new CultureInfo("fr-CH"))} inclus");
        await Expect(verification.Holder).ToHaveTextAsync(member.Profile.Name);
        session.ConsoleErrors.ShouldBeEmpty("a console error (a CSP violation shows up here)");
        session.Requests.Where(u => u.Host != App.RootUri.Host).ShouldBeEmpty();
    });
}

[Collection(BrowserTestGroup.Name)]
public sealed class LabelBrowserTestsOnSqlite(BrowserSqliteApp app, ChromiumFixture chromium)
    : LabelBrowserTests(app, chromium), IClassFixture<BrowserSqliteApp>, IClassFixture<ChromiumFixture>;

[Collection(BrowserTestGroup.Name)]
public sealed class LabelBrowserTestsOnPostgreSQL(BrowserPostgresApp app, ChromiumFixture chromium)
    : LabelBrowserTests(app, chromium), IClassFixture<BrowserPostgresApp>, IClassFixture<ChromiumFixture>;
