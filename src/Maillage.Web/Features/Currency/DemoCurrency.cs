using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// The demo chambers' currencies (invented names) with six months of payments between members, a few pending
/// requests and a standing order, so that the account pages, the statement and the dashboard have something to show.
/// The history is built with the domain rules in memory (the seeding transaction already holds the write lock, so
/// the writer cannot be used here) and saved in the seeder's unit of work: the hash chain verifies like any other.
/// </summary>
public static class DemoCurrency
{
    private static readonly string[] Descriptions =
    [
        "Panier de légumes", "Réparation de vélo", "Traiteur pour l'assemblée générale", "Impression de flyers", "Nettoyage des locaux",
        "Cours de français", "Location de salle", "Retouches", "Livraison à vélo-cargo", "Maintenance informatique", "Café pour la pause",
        "Animation nature", "Comptabilité du trimestre", "Plateaux-repas",
    ];

    /// <param name="geneva">The chamber and the organisation of its demo member.</param>
    /// <param name="vaud">The same for Vaud.</param>
    public static async Task SeedAsync(MaillageDbContext db, (Guid Chamber, Guid DemoMember) geneva, (Guid Chamber, Guid DemoMember) vaud, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await SeedChamberAsync(db, geneva.Chamber, geneva.DemoMember, ("Rhône solidaire", "RHO", "R"), feeBasisPoints: 100, seed: 41, now, cancellationToken);
        await SeedChamberAsync(db, vaud.Chamber, vaud.DemoMember, ("Jorat solidaire", "JOR", "J"), feeBasisPoints: 50, seed: 42, now, cancellationToken);
    }

    private static async Task SeedChamberAsync(MaillageDbContext db, Guid chamberId, Guid demoMember, (string Name, string Code, string Symbol) unit, int feeBasisPoints, int seed, DateTime now, CancellationToken cancellationToken)
    {
        var opened = now.AddDays(-190);
        var currency = new CurrencyDefinition(chamberId, unit.Name, unit.Code, unit.Symbol, 2, opened);
        currency.SetRules(feeBasisPoints, referralReward: 50_00, defaultCreditLimit: 1_000_00);
        var state = new LedgerState();
        state.Load(currency);
        var fees = currency.OpenFeeAccount(opened);
        var issuing = currency.OpenIssuingAccount(100_000_00, opened);
        state.Load(fees);
        state.Load(issuing);
        db.Add(currency);
        db.AddRange(fees, issuing);
        db.AddRange(
            new CurrencyLimitDefault { ChamberId = chamberId, MembershipType = MembershipType.Collective, CreditLimit = 1_000_00 },
            new CurrencyLimitDefault { ChamberId = chamberId, MembershipType = MembershipType.Individual, CreditLimit = 300_00 });

        // The demo person's organisation comes first: the first three members get the most activity.
        var members = (await db.Organisations.Where(o => o.ChamberId == chamberId && o.State == OrganisationState.Active).ToListAsync(cancellationToken))
            .OrderBy(o => o.Id == demoMember ? 0 : 1).ThenBy(o => o.Slug, StringComparer.Ordinal).ToList();
        var accounts = members.Select(o => currency.OpenOrganisationAccount(o.Id, o.MembershipType == MembershipType.Individual ? 300_00 : 1_000_00, opened)).ToList();
        accounts.ForEach(state.Load);
        db.AddRange(accounts);
        if (accounts.Count < 3)
        {
            return;
        }

        var random = new Random(seed);
        var actor = new LedgerActor(null, "démo");
        var at = opened.AddDays(2);
        for (var i = 0; i < 160; i++)
        {
            at = at.AddHours(random.Next(10, 36));
            if (at >= now.AddHours(-2))
            {
                break;
            }

            // Half of the payments involve one of the first three members, so their charts move.
            var payer = random.Next(2) == 0 ? accounts[random.Next(3)] : accounts[random.Next(accounts.Count)];
            var payee = accounts[random.Next(accounts.Count)];
            var amount = random.Next(2, 60) * 500L;
            if (payee.Id == payer.Id || payer.Available < amount * 2)
            {
                continue;
            }

            Ledger.Execute(state, new Pay(chamberId, payer.Id, payee.Id, amount, Descriptions[random.Next(Descriptions.Length)], random.Next(4) == 0 ? $"F-{2026}-{100 + i}" : null, actor, at));
        }

        var first = accounts[0];
        Ledger.Execute(state, new RequestPayment(chamberId, Guid.NewGuid(), accounts[1].Id, first.Id, 85_00, "Location de salle, assemblée d'automne", now.AddDays(12), actor, now.AddHours(-1)));
        Ledger.Execute(state, new RequestPayment(chamberId, Guid.NewGuid(), first.Id, accounts[2].Id, 120_00, "Traiteur pour la fête de quartier", now.AddDays(9), actor, now.AddHours(-1)));
        Ledger.Execute(state, new SetUpRecurringPayment(chamberId, Guid.NewGuid(), first.Id, accounts[1].Id, 250_00, "Loyer du local partagé", Maillage.Domain.ChamberDays.Of(now).AddDays(5), RecurrenceInterval.Monthly, null, actor, now.AddHours(-1)));

        db.AddRange(state.NewOperations);
        db.AddRange(state.NewRequests);
        db.AddRange(state.NewRecurringPayments);
    }
}
