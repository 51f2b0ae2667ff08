using System.Net;
using System.Net.Http.Json;
using System.Text;
using Maillage.Domain.Invoices;
using Maillage.Web.Features.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebClient = Maillage.Web.Tests.Infrastructure.WebClient;

namespace Maillage.Web.Tests.Clearing;

/// <summary>Clearing rounds end to end: exact clearing, invariants, exclusions, concurrency, isolation, notices, API.</summary>
public abstract class RoundTests(MaillageApp app)
{
    [Fact]
    public async Task Staff_run_a_round_that_clears_a_three_member_cycle_exactly_and_books_per_invoice_reductions()
    {
        var (a, b, c) = (await app.NewMemberAsync(), await app.NewMemberAsync(), await app.NewMemberAsync());
        var ab = await app.ConfirmedInvoiceAsync(a, b, 500_00);
        var bc = await app.ConfirmedInvoiceAsync(b, c, 300_00);
        var ca = await app.ConfirmedInvoiceAsync(c, a, 400_00);
        var positionsBefore = await NetPositionsAsync();
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);

        var list = await staff.GetPageAsync("/ge/gestion/compensation");
        var result = await staff.SubmitAsync(list, "#run-form", []);

        result.QuerySelector(".flash")!.TextContent.ShouldStartWith("Tour terminé : CHF ");
        (await app.InvoiceAsync(ab)).Remaining.ShouldBe(200_00);
        (await app.InvoiceAsync(bc)).Remaining.ShouldBe(0);
        (await app.InvoiceAsync(bc)).State.ShouldBe(InvoiceState.Cleared);
        (await app.InvoiceAsync(ca)).Remaining.ShouldBe(100_00);
        (await app.InvoiceAsync(ca)).State.ShouldBe(InvoiceState.PartlyCleared);

        var roundId = await app.WithDbAsync(db => db.Set<ClearingRound>().OrderByDescending(r => r.StartedAt).Select(r => r.Id).FirstAsync());
        var round = await app.RoundAsync(roundId);
        round.State.ShouldBe(ClearingRoundState.Completed);
        round.Entries.Where(e => e.InvoiceId == ab || e.InvoiceId == bc || e.InvoiceId == ca).Select(e => e.Reduction).ShouldBe([300_00L, 300_00L, 300_00L]);
        round.TotalCleared.ShouldBe(round.Entries.Sum(e => e.Reduction), "the round total is the sum of its reductions");
        round.TotalSubmitted.ShouldBe(round.Entries.Sum(e => e.AmountBefore));
        round.Entries.ShouldAllBe(e => e.Reduction >= 0 && e.Reduction <= e.AmountBefore);
        (await NetPositionsAsync()).ShouldBe(positionsBefore, "every member's net position is unchanged");
        round.Cycles.Select(cy => cy.Members.ToHashSet()).ShouldContain(set => set.SetEquals(new[] { a.Id, b.Id, c.Id }));

        // The result page: figures, the cycle, the network before and after (SVG, no inline style), the CSV.
        result.QuerySelector("#total-cleared")!.TextContent.ShouldBe(MoneyText.Format(round.TotalCleared));
        result.QuerySelector("#members-helped")!.TextContent.ShouldBe(round.MembersHelped.ToString(System.Globalization.CultureInfo.InvariantCulture));
        result.QuerySelector("#cycles")!.TextContent.ShouldContain($"{a.Name}");
        result.QuerySelectorAll("svg.network").Length.ShouldBe(2);
        result.QuerySelectorAll("svg.network path.network-arc").Length.ShouldBeGreaterThan(2);
        result.QuerySelectorAll("[style]").ShouldBeEmpty("the CSP forbids inline styles");
        var csv = await staff.Http.GetAsync(new Uri($"/ge/gestion/compensation/{roundId}?handler=Csv", UriKind.Relative));
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = await csv.Content.ReadAsStringAsync();
        text.ShouldContain($";{a.Name};{b.Name};500.00;300.00;200.00");
        text.ShouldContain($"total;");
    }

    [Fact]
    public async Task A_disputed_invoice_takes_no_part_and_is_listed_as_excluded_with_its_reason()
    {
        var (a, b, c) = (await app.NewMemberAsync(), await app.NewMemberAsync(), await app.NewMemberAsync());
        var ab = await app.ConfirmedInvoiceAsync(a, b, 500_00);
        var bc = await app.ConfirmedInvoiceAsync(b, c, 300_00);
        var ca = await app.ConfirmedInvoiceAsync(c, a, 400_00);
        await app.WithDbAsync(async db =>
        {
            var invoice = await db.Set<InterMemberInvoice>().SingleAsync(i => i.Id == bc);
            invoice.Dispute(InvoiceSide.Debtor, "Prestation non conforme", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var outcome = await app.RunRoundAsync();

        var round = await app.RoundAsync(outcome.Round!.Id);
        round.Exclusions.ShouldContain(e => e.InvoiceId == bc && e.Reason == ExclusionReason.Disputed);
        round.Entries.ShouldNotContain(e => e.InvoiceId == bc);
        (await app.InvoiceAsync(ab)).Remaining.ShouldBe(500_00, "without the disputed link there is no cycle");
        (await app.InvoiceAsync(ca)).Remaining.ShouldBe(400_00);
        (await app.InvoiceAsync(bc)).State.ShouldBe(InvoiceState.Disputed);
    }

    [Fact]
    public async Task An_invoice_disputed_while_the_round_computes_is_excluded_and_the_rest_is_booked_consistently()
    {
        var (a, b, c, d) = (await app.NewMemberAsync(), await app.NewMemberAsync(), await app.NewMemberAsync(), await app.NewMemberAsync());
        var ab = await app.ConfirmedInvoiceAsync(a, b, 100_00);
        var ba = await app.ConfirmedInvoiceAsync(b, a, 100_00);
        var cd = await app.ConfirmedInvoiceAsync(c, d, 70_00);
        var dc = await app.ConfirmedInvoiceAsync(d, c, 50_00);
        var positionsBefore = await NetPositionsAsync();
        var disputedOnce = false;

        var outcome = await app.RunRoundAsync(beforeBooking: async plan =>
        {
            if (disputedOnce)
            {
                return;
            }

            // The debtor disputes a planned invoice from another request, between computation and booking.
            plan.Lines.ShouldContain(l => l.InvoiceId == ab && l.Reduction == 100_00);
            disputedOnce = true;
            await app.WithDbAsync(async db =>
            {
                var invoice = await db.Set<InterMemberInvoice>().SingleAsync(i => i.Id == ab);
                invoice.Dispute(InvoiceSide.Debtor, "Erreur de quantité", DateTime.UtcNow);
                await db.SaveChangesAsync();
            });
        });

        var round = await app.RoundAsync(outcome.Round!.Id);
        round.State.ShouldBe(ClearingRoundState.Completed);
        round.Exclusions.ShouldContain(e => e.InvoiceId == ab && e.Reason == ExclusionReason.ChangedDuringRound);
        (await app.InvoiceAsync(ab)).Remaining.ShouldBe(100_00);
        (await app.InvoiceAsync(ab)).State.ShouldBe(InvoiceState.Disputed);
        (await app.InvoiceAsync(ba)).Remaining.ShouldBe(100_00, "its partner link lost its cycle, so it stays whole");
        (await app.InvoiceAsync(cd)).Remaining.ShouldBe(20_00);
        (await app.InvoiceAsync(dc)).Remaining.ShouldBe(0);
        round.TotalCleared.ShouldBe(round.Entries.Sum(e => e.Reduction));
        (await NetPositionsAsync()).ShouldBe(positionsBefore);
    }

    [Fact]
    public async Task Two_rounds_started_at_once_book_the_cycle_once()
    {
        var (a, b, c) = (await app.NewMemberAsync(), await app.NewMemberAsync(), await app.NewMemberAsync());
        var ab = await app.ConfirmedInvoiceAsync(a, b, 90_00);
        var bc = await app.ConfirmedInvoiceAsync(b, c, 90_00);
        var ca = await app.ConfirmedInvoiceAsync(c, a, 90_00);

        var outcomes = await Task.WhenAll(app.RunRoundAsync(), app.RunRoundAsync());

        foreach (var id in new[] { ab, bc, ca })
        {
            (await app.InvoiceAsync(id)).Remaining.ShouldBe(0);
        }

        var reductions = await app.WithDbAsync(db => db.Set<ClearingEntry>().AsNoTracking().Where(e => e.InvoiceId == ab || e.InvoiceId == bc || e.InvoiceId == ca).Select(e => e.Reduction).ToListAsync());
        reductions.Sum().ShouldBe(270_00L, "the cycle is cleared once, not twice");
        outcomes.Count(o => o.Round is { State: ClearingRoundState.Completed }).ShouldBeGreaterThanOrEqualTo(1);
        outcomes.ShouldNotContain(o => o.Round != null && o.Round.State == ClearingRoundState.Failed);
        var running = await app.WithDbAsync(db => db.Set<ClearingSchedule>().AsNoTracking().Where(s => s.RunningRoundId != null).CountAsync());
        running.ShouldBe(0, "every round released the chamber");
    }

    [Fact]
    public async Task Each_member_downloads_its_set_off_notice_as_a_page_and_as_CSV_and_nobody_else_can()
    {
        var (a, b, c) = (await app.NewMemberAsync(), await app.NewMemberAsync(), await app.NewMemberAsync());
        await app.ConfirmedInvoiceAsync(a, b, 120_00, "NA-1");
        await app.ConfirmedInvoiceAsync(b, c, 120_00, "NB-1");
        await app.ConfirmedInvoiceAsync(c, a, 120_00, "NC-1");
        var round = (await app.RunRoundAsync()).Round!;
        var outsider = await app.NewMemberAsync();

        using var member = await SignedInAsync(a.Email);
        var invoices = await member.GetPageAsync(a.InvoicesUrl());
        invoices.QuerySelector("#owed-by-us tr[data-invoice='NB-1']").ShouldBeNull();
        invoices.QuerySelector("#owed-to-us tr[data-invoice='NC-1'] .remaining")!.TextContent.ShouldBe("0.00");
        invoices.QuerySelector("#owed-to-us tr[data-invoice='NC-1'] .state")!.TextContent.ShouldBe("Compensée");
        var noticeUrl = $"{a.InvoicesUrl()}/compensation/{round.Id}";
        invoices.QuerySelector($"#notices a[href='{noticeUrl}']").ShouldNotBeNull();

        var notice = await member.GetPageAsync(noticeUrl);
        notice.QuerySelector("h1")!.TextContent.ShouldBe("Avis de compensation");
        notice.QuerySelector("#notice-organisation")!.TextContent.ShouldContain(a.Name);
        notice.QuerySelectorAll("#notice-lines tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ShouldBe(["NA-1", "NC-1"], ignoreOrder: true);
        notice.QuerySelector("#total-payables")!.TextContent.ShouldBe("120.00");
        notice.QuerySelector("#total-receivables")!.TextContent.ShouldBe("120.00");
        var csv = await member.Http.GetAsync(new Uri(noticeUrl + "?handler=Csv", UriKind.Relative));
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(Encoding.UTF8.GetPreamble());
        var text = Encoding.UTF8.GetString(bytes[3..]);
        text.ShouldStartWith("chambre;organisation;ide;tour;date;numero;sens;contrepartie;montant_avant;compense;montant_apres");
        text.ShouldContain($";NA-1;dette;{b.Name};120.00;120.00;0.00");
        text.ShouldContain($";NC-1;creance;{c.Name};120.00;120.00;0.00");
        var mails = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.ToAddress == a.Email && m.Kind == Features.Email.EmailKinds.SetOff).Select(m => m.TextBody).ToListAsync());
        mails.ShouldHaveSingleItem().ShouldContain(noticeUrl);

        using var stranger = await SignedInAsync(outsider.Email);
        await stranger.GetPageAsync(noticeUrl, HttpStatusCode.NotFound);
        await stranger.GetPageAsync($"{outsider.InvoicesUrl()}/compensation/{round.Id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Vaud_staff_and_members_can_neither_see_nor_run_Geneva_rounds_on_pages_or_API()
    {
        var round = (await app.RunRoundAsync()).Round!;
        using var vaud = await SignedInAsync(DemoAccounts.VaudStaff);
        (await vaud.Http.GetAsync(new Uri("/ge/gestion/compensation", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await vaud.Http.GetAsync(new Uri($"/ge/gestion/compensation/{round.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await vaud.Http.GetAsync(new Uri("/api/v1/chambers/ge/clearing/rounds", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await vaud.Http.GetAsync(new Uri($"/api/v1/chambers/ge/clearing/rounds/{round.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var before = await app.CountAsync<ClearingRound>();
        (await vaud.Http.PostAsync(new Uri("/api/v1/chambers/ge/clearing/rounds", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var own = await vaud.GetPageAsync("/vd/gestion/compensation");
        await vaud.PostAsync("/ge/gestion/compensation?handler=Run", [new("__RequestVerificationToken", own.Token())], HttpStatusCode.Forbidden);
        (await app.CountAsync<ClearingRound>()).ShouldBe(before, "nothing ran");

        // Their own chamber's round page does not open a Geneva round either.
        (await vaud.Http.GetAsync(new Uri($"/vd/gestion/compensation/{round.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await vaud.Http.GetAsync(new Uri($"/api/v1/chambers/vd/clearing/rounds/{round.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var member = await SignedInAsync(DemoAccounts.GenevaMember);
        (await member.Http.GetAsync(new Uri("/ge/gestion/compensation", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await member.Http.PostAsync(new Uri("/api/v1/chambers/ge/clearing/rounds", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_API_runs_lists_and_details_rounds_for_staff()
    {
        var (a, b) = (await app.NewMemberAsync(), await app.NewMemberAsync());
        var ab = await app.ConfirmedInvoiceAsync(a, b, 40_00);
        await app.ConfirmedInvoiceAsync(b, a, 25_00);
        using var staff = await SignedInAsync(DemoAccounts.GenevaStaff);

        var created = await staff.Http.PostAsync(new Uri("/api/v1/chambers/ge/clearing/rounds", UriKind.Relative), null);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var summary = (await created.Content.ReadFromJsonAsync<ClearingRoundSummaryDto>())!;
        summary.State.ShouldBe("Completed");
        summary.Currency.ShouldBe("CHF");
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/chambers/ge/clearing/rounds/{summary.Id}");
        var list = await staff.Http.GetFromJsonAsync<List<ClearingRoundSummaryDto>>("/api/v1/chambers/ge/clearing/rounds");
        list!.Select(r => r.Id).ShouldContain(summary.Id);
        var detail = await staff.Http.GetFromJsonAsync<ClearingRoundDto>($"/api/v1/chambers/ge/clearing/rounds/{summary.Id}");
        var entry = detail!.Entries.Single(e => e.InvoiceId == ab);
        (entry.AmountBefore, entry.Reduction, entry.AmountAfter, entry.Debtor).ShouldBe((40_00L, 25_00L, 15_00L, a.Name));
        detail.Entries.Sum(e => e.Reduction).ShouldBe(detail.Round.TotalCleared);

        var missing = await staff.Http.GetAsync(new Uri($"/api/v1/chambers/ge/clearing/rounds/{Guid.NewGuid()}", UriKind.Relative));
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_due_schedule_runs_one_round_even_when_two_instances_check_at_once()
    {
        var (a, b) = (await app.NewMemberAsync(), await app.NewMemberAsync());
        var ab = await app.ConfirmedInvoiceAsync(a, b, 60_00);
        await app.ConfirmedInvoiceAsync(b, a, 60_00);
        var chamberId = await app.ChamberIdAsync("ge");
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClearingRounds>().ScheduleAsync(chamberId, CancellationToken.None);
        }

        // A monthly schedule whose time came a minute ago.
        await app.WithDbAsync(db => db.Set<ClearingSchedule>().Where(s => s.ChamberId == chamberId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DayOfMonth, 1).SetProperty(x => x.NextRunAt, DateTime.UtcNow.AddMinutes(-1))));
        var roundsBefore = await app.CountAsync<ClearingRound>();

        async Task<int> CheckAsync()
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ClearingRounds>().RunDueSchedulesAsync(CancellationToken.None);
        }

        var ran = await Task.WhenAll(CheckAsync(), CheckAsync());

        ran.Sum().ShouldBe(1, "one instance claims the schedule");
        (await app.CountAsync<ClearingRound>()).ShouldBe(roundsBefore + 1);
        (await app.InvoiceAsync(ab)).Remaining.ShouldBe(0);
        var next = await app.WithDbAsync(db => db.Set<ClearingSchedule>().AsNoTracking().Where(s => s.ChamberId == chamberId).Select(s => s.NextRunAt).SingleAsync());
        next!.Value.Day.ShouldBe(1);
        next.Value.ShouldBeGreaterThan(DateTime.UtcNow);
    }

    /// <summary>What each organisation owes minus what it is owed, over every open invoice.</summary>
    private Task<List<(Guid Organisation, long Net)>> NetPositionsAsync() => app.WithDbAsync(async db =>
    {
        var invoices = await db.Set<InterMemberInvoice>().AsNoTracking().Select(i => new { i.DebtorId, i.CreditorId, i.Remaining }).ToListAsync();
        return invoices.SelectMany(i => new[] { (Id: i.DebtorId, Amount: i.Remaining), (Id: i.CreditorId, Amount: -i.Remaining) })
            .GroupBy(x => x.Id).Select(g => (g.Key, g.Sum(x => x.Amount))).OrderBy(x => x.Key).ToList();
    });

    private async Task<WebClient> SignedInAsync(string email)
    {
        var client = new WebClient(app);
        await client.SignInAsync(email);
        return client;
    }
}

public sealed class RoundTestsOnSqlite(SqliteApp app) : RoundTests(app), IClassFixture<SqliteApp>;

public sealed class RoundTestsOnPostgreSQL(PostgresApp app) : RoundTests(app), IClassFixture<PostgresApp>;
