using Maillage.Domain.Agenda;
using Maillage.Domain.Chambers;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>
/// Believable member news and practice sheets for the two demo chambers: published news (so the list, the feed and
/// the newsletter have content), one waiting for staff and one sent back with a request; practice sheets tagged by
/// theme and sector, one presented at a café des bonnes pratiques, one waiting, and a position paper with its PDF.
/// </summary>
public static class DemoPublications
{
    private sealed record News(string Title, string Body, string? Link, int DaysAgo, ModerationState State, string? Message = null);

    private sealed record Practice(string Title, string Problem, string Actions, string Results, string Contact, string[] Themes, string[] Sectors, int DaysAgo, bool AtCafe = false, bool Waiting = false);

    public static async Task SeedAsync(MaillageDbContext db, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var chambers = await db.Chambers.AsNoTracking().ToListAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.CreatedAt).ThenBy(o => o.Slug).ToListAsync(ct);
        var members = await db.OrganisationMembers.AsNoTracking().ToListAsync(ct);
        var staff = await db.ChamberStaff.AsNoTracking().ToListAsync(ct);
        var cafes = await db.Set<AgendaEvent>().AsNoTracking().Where(e => e.Kind == EventKind.BestPracticeCafe).ToListAsync(ct);
        foreach (var chamber in chambers.Where(c => c.Slug is "ge" or "vd"))
        {
            var own = organisations.Where(o => o.ChamberId == chamber.Id).ToList();
            var staffUser = staff.FirstOrDefault(s => s.ChamberId == chamber.Id)?.UserId ?? Guid.Empty;
            var cafe = cafes.Where(e => e.ChamberId == chamber.Id).OrderBy(e => e.StartsAtUtc).FirstOrDefault();
            var town = chamber.Slug == "ge" ? "Genève" : "Lausanne";
            var i = 0;
            foreach (var spec in NewsFor(town))
            {
                var organisation = own[i++ % Math.Min(own.Count, 6)];
                var author = members.FirstOrDefault(m => m.OrganisationId == organisation.Id)?.UserId ?? staffUser;
                var sent = now.AddDays(-spec.DaysAgo);
                var item = NewsItem.Submit(chamber.Id, organisation.Id, author, new NewsDraft(spec.Title, spec.Body, spec.Link), null, sent).Item
                    ?? throw new InvalidOperationException("Demo news is invalid: " + spec.Title);
                if (spec.State != ModerationState.Submitted)
                {
                    item.Moderate(spec.State == ModerationState.Published ? ModerationAction.Publish : ModerationAction.RequestChanges, spec.Message, sent.AddHours(20));
                }

                db.Add(item);
            }

            i = 0;
            foreach (var spec in PracticesFor(town))
            {
                var organisation = own[(i++ * 3) % own.Count];
                var author = members.FirstOrDefault(m => m.OrganisationId == organisation.Id)?.UserId ?? staffUser;
                var partner = own[((i * 3) + 1) % own.Count];
                var draft = new PracticeDraft(spec.Title, spec.Problem, spec.Actions, spec.Results, spec.Contact, spec.Themes, spec.Sectors, [organisation.Id, partner.Id], spec.AtCafe ? cafe?.Id : null);
                var sheet = PracticeSheet.Submit(chamber.Id, organisation.Id, author, draft, null, now.AddDays(-spec.DaysAgo)).Sheet
                    ?? throw new InvalidOperationException("Demo practice is invalid: " + spec.Title);
                if (!spec.Waiting)
                {
                    sheet.Moderate(ModerationAction.Publish, null, now.AddDays(-spec.DaysAgo).AddHours(30));
                }

                db.Add(sheet);
            }

            AddPositionPaper(db, chamber, staffUser, now);
        }

        await db.SaveChangesAsync(ct);
    }

    private static void AddPositionPaper(MaillageDbContext db, Chamber chamber, Guid staffUser, DateTime now)
    {
        var title = "Pour des marchés publics qui comptent l'utilité sociale";
        var pdf = StoredFile.Pdf(chamber.Id, PdfInspector.Minimal($"{chamber.ShortName} - prise de position - marches publics"), StoredFile.DefaultPdfMaxBytes, now.AddDays(-40)).File!;
        db.Add(pdf);
        var draft = new PracticeDraft(
            title,
            $"{chamber.ShortName} demande que les collectivités réservent une part de leurs marchés aux entreprises d'insertion et pondèrent les critères sociaux et environnementaux à au moins 20 % de la note.",
            "La chambre a consulté ses membres lors de deux ateliers, puis rédigé ce texte avec les entreprises sociales d'insertion du canton.",
            string.Empty,
            chamber.ContactEmail ?? string.Empty,
            ["politiques", "achats"],
            ["insertion", "conseil"],
            [],
            null);
        db.Add(PracticeSheet.PublishByChamber(chamber.Id, PracticeKind.PositionPaper, staffUser, draft, null, pdf.Id, now.AddDays(-40)).Sheet!);
    }

    private static News[] NewsFor(string town) =>
    [
        new("Notre épicerie coopérative ouvre aussi le dimanche matin",
            $"<p>Dès le mois prochain, l'épicerie ouvre ses portes le dimanche de 9 h à 12 h. Les bénévoles du dimanche sont formés par l'équipe salariée.</p><p>Au programme : <strong>produits locaux en vrac</strong>, pain du fournil voisin et café offert aux nouveaux membres.</p>",
            "https://epicerie-cooperative.example/dimanche", 3, ModerationState.Published),
        new("Vingt personnes en insertion engagées pour la saison d'hiver",
            $"<p>Notre atelier de réparation de vélos à {town} accueille vingt personnes en parcours d'insertion cet hiver.</p><ul><li>Formation de base en mécanique</li><li>Accompagnement vers un emploi durable</li><li>Vente des vélos remis en état</li></ul>",
            null, 12, ModerationState.Published),
        new("Bilan carbone : nous avons réduit nos émissions de 30 % en trois ans",
            "<p>Mobilité douce pour les livraisons, chauffage au bois local et achats groupés avec deux autres membres de la chambre : voici comment nous y sommes arrivés.</p><blockquote>« Le plus efficace a été de mutualiser les tournées. »</blockquote>",
            "https://transition.example/bilan", 26, ModerationState.Published),
        new("Portes ouvertes de la menuiserie solidaire",
            $"<p>Venez découvrir nos ateliers et nos meubles en bois de réemploi, samedi de 10 h à 16 h à {town}. Démonstrations et petite restauration sur place.</p>",
            null, 41, ModerationState.Published),
        new("Nouvelle offre de formation à la gouvernance partagée",
            "<p>Nous proposons un cycle de trois demi-journées pour les conseils et les équipes qui veulent partager les décisions. Inscriptions ouvertes aux membres de la chambre.</p>",
            null, 55, ModerationState.Published),
        new("Recherche de bénévoles pour la fête de quartier",
            "<p>Nous cherchons une quinzaine de bénévoles pour tenir les stands et accueillir le public lors de la fête de quartier du printemps.</p>",
            null, 1, ModerationState.Submitted),
        new("Notre rapport annuel est en ligne",
            "<p>Chiffres clés, témoignages et perspectives : découvrez notre rapport d'activité de l'année écoulée.</p>",
            null, 6, ModerationState.ChangesRequested, "Pouvez-vous ajouter le lien vers le rapport et deux ou trois chiffres clés dans le texte ?"),
    ];

    private static Practice[] PracticesFor(string town) =>
    [
        new("Des achats groupés d'énergie entre associations",
            "Chaque association payait son électricité au tarif le plus cher, sans pouvoir négocier ni choisir une énergie renouvelable locale.",
            $"Cinq membres de la chambre ont lancé un appel d'offres commun, avec un cahier des charges exigeant 100 % d'électricité renouvelable produite en Suisse romande. Un comité de trois personnes a suivi la démarche.\n\nLe contrat est signé pour trois ans et reste ouvert à d'autres membres.",
            "Économie moyenne de 12 % sur la facture, électricité certifiée d'origine locale, et un groupe qui prépare maintenant un achat groupé de matériel informatique reconditionné.",
            "Claire Dubois, coordinatrice, achats@cooperative.example", ["achats", "transition", "cooperation"], ["environnement", "conseil"], 20, AtCafe: true),
        new("Un conseil de coopérative tiré au sort parmi les membres",
            "L'assemblée générale réunissait toujours les mêmes personnes et les nouveaux membres ne se sentaient pas légitimes pour se présenter au conseil.",
            "Deux sièges du conseil sur sept sont désormais tirés au sort parmi les membres volontaires, pour un mandat de deux ans, avec une formation d'une journée et un parrainage par un ancien membre du conseil.",
            "La moyenne d'âge du conseil a baissé de douze ans, trois femmes de plus y siègent, et la participation à l'assemblée générale a doublé.",
            "Marc Perret, président, conseil@habitat.example", ["gouvernance", "egalite"], ["logement"], 45),
        new("Un parcours d'insertion construit avec les entreprises du quartier",
            "Les personnes en fin de parcours d'insertion trouvaient difficilement un premier emploi hors de notre structure.",
            $"Nous avons signé des conventions de stage avec huit entreprises de {town}, qui accueillent chacune une personne pendant un mois, avec un tuteur formé par nos soins.",
            "Sur vingt-quatre stages, quinze ont débouché sur un contrat de travail de six mois ou plus.",
            "Amina Diallo, job coach, emploi@atelier.example", ["emploi", "territoire"], ["insertion", "sante-social"], 70),
        new("Une cantine scolaire approvisionnée à 80 % en produits locaux",
            "La cantine servait des repas industriels et les familles demandaient davantage de produits de saison.",
            "Nous avons réorganisé la cuisine pour travailler des produits bruts et passé des accords annuels avec six fermes de la région, avec des prix garantis.",
            string.Empty,
            "Yann Bovet, chef de cuisine, cuisine@traiteur.example", ["transition", "territoire"], ["alimentation", "traiteur"], 3, Waiting: true),
    ];
}
