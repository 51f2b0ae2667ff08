using Maillage.Domain.Invoices;
using Maillage.Domain.Organisations;
using Maillage.Web.Features.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Web.Tests.Clearing;

/// <summary>A fresh member organisation of a chamber with its own member admin (email and password of the demo).</summary>
public sealed record TestMember(Guid Id, string Slug, string Name, string Email, string Uid)
{
    public string InvoicesUrl(string chamber = "ge") => $"/{chamber}/espace/{Slug}/factures";
}

/// <summary>Fresh members and invoices, so that each test's network is its own whatever the others did.</summary>
public static class ClearingFixtures
{
    public static async Task<TestMember> NewMemberAsync(this MaillageApp app, string chamber = "ge", string? name = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var chamberId = await app.ChamberIdAsync(chamber);
        var organisation = new Organisation(
            chamberId,
            $"membre-{tag}",
            new OrganisationProfile { Name = name ?? $"Coopérative {tag}", Uid = SwissUid.FromSeed(Random.Shared.Next()), LegalForm = LegalForm.Cooperative, Status = OrganisationStatus.NonProfit, NogaSection = "I", Street = "Rue du Test 1", PostalCode = "1205", Town = "Genève", Canton = "GE", ShortDescription = "Une coopérative de test." },
            MembershipType.Collective,
            new DateOnly(2024, 1, 1),
            DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
        });
        var user = await app.CreateUserAsync(organisation.Id, OrganisationRole.MemberAdmin);
        return new TestMember(organisation.Id, organisation.Slug, organisation.Profile.Name, user.Email!, organisation.Profile.Uid!);
    }

    /// <summary>A confirmed invoice straight in the database (the pages are tested elsewhere).</summary>
    public static async Task<Guid> ConfirmedInvoiceAsync(this MaillageApp app, TestMember debtor, TestMember creditor, long amount, string? number = null, string chamber = "ge", DateOnly? due = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(debtor);
        ArgumentNullException.ThrowIfNull(creditor);
        var chamberId = await app.ChamberIdAsync(chamber);
        var issued = new DateOnly(2026, 9, 1);
        var invoice = InterMemberInvoice.Declare(chamberId, debtor.Id, creditor.Id, number ?? "F-" + Guid.NewGuid().ToString("N")[..10], amount, issued, due ?? issued.AddDays(30), InvoiceSide.Creditor, null, DateTime.UtcNow);
        invoice.Confirm(InvoiceSide.Debtor, DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Set<InterMemberInvoice>().Add(invoice);
            await db.SaveChangesAsync();
        });
        return invoice.Id;
    }

    public static Task<InterMemberInvoice> InvoiceAsync(this MaillageApp app, Guid id) =>
        app.WithDbAsync(db => db.Set<InterMemberInvoice>().AsNoTracking().SingleAsync(i => i.Id == id));

    public static Task<List<InterMemberInvoice>> InvoicesOfAsync(this MaillageApp app, Guid organisationId) =>
        app.WithDbAsync(db => db.Set<InterMemberInvoice>().AsNoTracking().Where(i => i.DebtorId == organisationId || i.CreditorId == organisationId).ToListAsync());

    /// <summary>Runs a round directly through the service, as the scheduler does.</summary>
    public static async Task<RoundOutcome> RunRoundAsync(this MaillageApp app, string chamber = "ge", Func<ClearingPlan, Task>? beforeBooking = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var chamberId = await app.ChamberIdAsync(chamber);
        using var scope = app.Services.CreateScope();
        var rounds = scope.ServiceProvider.GetRequiredService<ClearingRounds>();
        rounds.BeforeBookingAsync = beforeBooking;
        return await rounds.RunAsync(chamberId, chamber, ClearingTrigger.Staff, null, "Test", CancellationToken.None);
    }

    public static Task<ClearingRound> RoundAsync(this MaillageApp app, Guid id) =>
        app.WithDbAsync(db => db.Set<ClearingRound>().AsNoTracking().AsSplitQuery().Include(r => r.Entries).Include(r => r.Exclusions).Include(r => r.Cycles).SingleAsync(r => r.Id == id));
}
