using Maillage.Domain.Needs;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Needs;

/// <summary>
/// Believable needs for the two demo chambers: a weekly transport Genève–Lausanne with an answer from a courier, a
/// second similar transport need (so staff see a common-need suggestion), a caterer for 80 people on 12 March, and
/// needs already closed, so that the staff page's statistic has something to count.
/// </summary>
public static class DemoNeeds
{
    private sealed record Spec(string Chamber, string Poster, string Title, string Description, string Category, int FromDays, int? UntilDays, string Town, string Canton, long? Budget, bool Currency, long? CurrencyAmount);

    public static async Task SeedAsync(MaillageDbContext db, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = Maillage.Domain.ChamberDays.Of(now);
        var march12 = new DateOnly(today.Month >= 3 ? today.Year + 1 : today.Year, 3, 12);
        var toMarch = march12.DayNumber - today.DayNumber;
        var chambers = await db.Chambers.AsNoTracking().ToDictionaryAsync(c => c.Slug, c => c.Id, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().ToListAsync(cancellationToken);
        var offers = await db.Set<Offer>().AsNoTracking().ToListAsync(cancellationToken);
        var members = await db.OrganisationMembers.AsNoTracking().ToListAsync(cancellationToken);
        Organisation Named(string name) => organisations.First(o => o.Profile.Name == name);

        Spec[] specs =
        [
            new("ge", "Coopérative Rayons du Rhône", "Transport de 2 palettes par semaine Genève–Lausanne", "Nous livrons chaque semaine deux palettes de pièces de vélos reconditionnées à notre partenaire lausannois. Départ le mardi matin depuis la Jonction, retour à vide possible.", "logistique/livraison", 7, 190, "Genève", "GE", 35000, true, 10000),
            new("ge", "Ressourcerie du Vieux-Billard", "Livraison hebdomadaire de palettes vers Lausanne", "Une à deux palettes de meubles et d'objets de réemploi à acheminer chaque semaine vers une ressourcerie partenaire à Lausanne.", "logistique/livraison", 14, 120, "Genève", "GE", null, true, null),
            new("ge", "Compagnie Fil d'Argile", "Traiteur pour 80 personnes le 12 mars", "Buffet végétarien de saison pour la soirée de soutien de la compagnie, boissons comprises si possible.", "traiteur/buffets", toMarch, null, "Genève", "GE", 320000, true, 50000),
            new("ge", "Fondation Atelier-Relais de la Servette", "Nettoyage de nos locaux après travaux", "Nettoyage complet de 300 m² d'ateliers après rénovation.", "nettoyage/locaux", 3, 10, "Genève", "GE", 180000, false, null),
            new("vd", "Coursiers du Flon Coopérative", "Traiteur pour 80 personnes le 12 mars", "Repas de notre assemblée générale : buffet chaud ou froid, options véganes, service compris.", "traiteur/buffets", toMarch, null, "Lausanne", "VD", 280000, true, 40000),
            new("vd", "Atelier vélo Rustine & Chaîne", "Stockage de 30 vélos pendant l'hiver", "Un local sec et sûr pour entreposer une trentaine de vélos de location de novembre à mars.", "logistique/stockage", 5, 130, "Lausanne", "VD", 60000, true, 20000),
            new("vd", "Association Ondes Citoyennes", "Impression de 500 affiches", "Affiches A3 pour notre festival, papier recyclé.", "culture/graphisme", 2, 20, "Lausanne", "VD", 90000, false, null),
        ];

        var needs = new List<Need>();
        foreach (var spec in specs)
        {
            var poster = Named(spec.Poster);
            var author = members.FirstOrDefault(m => m.OrganisationId == poster.Id)?.UserId ?? Guid.Empty;
            var details = new NeedDetails
            {
                Title = spec.Title,
                Description = spec.Description,
                Category = spec.Category,
                DateFrom = today.AddDays(spec.FromDays),
                DateUntil = spec.UntilDays is { } u ? today.AddDays(u) : null,
                Town = spec.Town,
                Canton = spec.Canton,
                BudgetMinor = spec.Budget,
                CurrencyPossible = spec.Currency,
                CurrencyAmountMinor = spec.CurrencyAmount,
            };
            var need = new Need(chambers[spec.Chamber], poster.Id, author, details, today, now.AddDays(-needs.Count - 1));
            needs.Add(need);
            db.Add(need);
            db.AddRange(NeedBoard.Records(need, NeedBoard.Rank(need, poster, organisations.Where(o => o.Id != poster.Id && o.State == OrganisationState.Active), offers.Where(o => o.OrganisationId != poster.Id && o.State == OfferState.Published))));
        }

        // A thread on the transport need, and the second transport poster wants to group.
        Thread(db, needs[0], Named("Cargo-Léman Coursiers"), now,
            ("Cargo-Léman Coursiers", "Bonjour, nous faisons Genève–Lausanne le mardi avec un utilitaire électrique. Deux palettes tiennent sans problème : 160 francs le trajet, payables pour moitié en monnaie complémentaire."),
            ("Coopérative Rayons du Rhône", "Merci ! Le mardi nous convient. Pouvez-vous charger à 8 h à la Jonction ?"));
        needs[1].SetGroupingInterest(true, now);
        Thread(db, needs[4], Named("Traiteur Caravane des Saveurs Sàrl"), now,
            ("Traiteur Caravane des Saveurs Sàrl", "Nous sommes disponibles le 12 mars et pouvons proposer un buffet chaud de cuisine syrienne, options véganes comprises. Voulez-vous un devis ?"));

        needs[3].Close(NeedOutcome.FoundInNetwork, Named("Coopérative Brillance Commune").Id, now);
        needs[6].Close(NeedOutcome.FoundOutside, null, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Thread(MaillageDbContext db, Need need, Organisation responder, DateTime now, params (string From, string Body)[] messages)
    {
        var at = now.AddHours(-messages.Length);
        foreach (var (from, body) in messages)
        {
            var fromPoster = from != responder.Profile.Name;
            db.Add(new NeedMessage
            {
                NeedId = need.Id,
                ResponderOrganisationId = responder.Id,
                SenderOrganisationId = fromPoster ? need.OrganisationId : responder.Id,
                SenderName = from,
                Body = body,
                CreatedAt = at,
            });
            at = at.AddHours(1);
        }
    }
}
