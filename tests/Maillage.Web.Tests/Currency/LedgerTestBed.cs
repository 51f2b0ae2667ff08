using Maillage.Domain.Chambers;
using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Maillage.Web.Features.Currency;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Web.Tests.Currency;

/// <summary>A fresh chamber with its currency (1 % fee, a referral reward) and one account per new member organisation.</summary>
internal sealed record LedgerTestBed(Guid ChamberId, Guid FeeAccountId, IReadOnlyList<Guid> Accounts)
{
    public static async Task<LedgerTestBed> OpenAsync(MaillageApp app, int members, long creditLimit, long referralReward = 500)
    {
        var now = DateTime.UtcNow;
        var chamber = new Chamber("t" + Guid.NewGuid().ToString("N")[..10], "Chambre de test", "Test", "GE", now);
        var organisations = Enumerable.Range(0, members)
            .Select(i => new Organisation(chamber.Id, "membre-" + i, new OrganisationProfile { Name = "Membre " + i, Town = "Genève" }, MembershipType.Collective, DateOnly.FromDateTime(now), now))
            .ToList();
        await app.WithDbAsync(async db =>
        {
            db.Add(chamber);
            db.AddRange(organisations);
            await db.SaveChangesAsync();
        });

        using var scope = app.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<LedgerService>();
        var currency = await service.OpenCurrencyAsync(chamber.Id, "Léman", "LEM", "L", 2, feeBasisPoints: 100, referralReward: referralReward, defaultCreditLimit: creditLimit, issuingCreditLimit: 1_000_000);
        var accounts = new List<Guid>();
        foreach (var organisation in organisations)
        {
            accounts.Add((await service.OpenAccountAsync(chamber.Id, organisation.Id)).Id);
        }

        return new LedgerTestBed(chamber.Id, currency.FeeAccountId, accounts);
    }

    public Task<IReadOnlyList<LedgerViolation>> VerifyAsync(MaillageApp app) =>
        app.WithDbAsync(db => new LedgerService(db, app.Services.GetRequiredService<LedgerWriter>(), TimeProvider.System).VerifyAsync(ChamberId));

    public Task<List<Operation>> OperationsAsync(MaillageApp app) =>
        app.WithDbAsync(db => db.Set<Operation>().AsNoTracking().Include(o => o.Entries).Where(o => o.ChamberId == ChamberId).ToListAsync());
}
