using Maillage.Domain.Agenda;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;

namespace Maillage.Web.Features.Agenda;

/// <summary>
/// Believable events for the two demo chambers, dated around the day of seeding: cafés des bonnes pratiques, an
/// ESS breakfast, a fair, a training with member and non-member prices, past events with feedback, and one full
/// event with a waiting list.
/// </summary>
public static class DemoAgenda
{
    private static readonly (string First, string Last)[] People =
    [
        ("Claire", "Dubois"), ("Marc", "Perret"), ("Sofia", "Rossi"), ("Yann", "Bovet"), ("Amina", "Diallo"), ("Lucas", "Fontana"),
        ("Inès", "Martin"), ("Thomas", "Berset"), ("Chloé", "Nguyen"), ("David", "Jaquet"), ("Nora", "Haddad"), ("Pierre", "Monnier"),
        ("Elena", "Ferrari"), ("Hugo", "Chappuis"), ("Sarah", "Keller"), ("Jonas", "Widmer"), ("Léna", "Girard"), ("Omar", "Belkacem"),
    ];

    private static readonly string[] Comments =
    [
        "Très concret, j'ai repris deux idées pour notre coopérative.",
        "Bonne ambiance et des échanges francs entre pairs.",
        "Un peu court : on aurait aimé une heure de plus.",
        "Excellente animation, merci à l'équipe !",
    ];

    public static void Seed(MaillageDbContext db, Guid geneva, Guid vaud, IReadOnlyList<Organisation> organisations, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organisations);
        var today = EventTime.ToLocal(now, EventTime.DefaultZone).Date;
        var ge = organisations.Where(o => o.ChamberId == geneva).ToList();
        var vd = organisations.Where(o => o.ChamberId == vaud).ToList();
        var created = now.AddDays(-60);
        var events = new List<(AgendaEvent Event, int Registrants, bool Feedback)>();

        AgendaEvent Add(Guid chamber, EventKind kind, string title, string description, string venue, string? address, string town, DateTime start, double hours, int? capacity, long member = 0, long nonMember = 0, int share = 0, Guid? trainer = null, string? prerequisites = null, IReadOnlyList<Guid>? coOrganisers = null, IReadOnlyList<EventSession>? more = null, string? online = null)
        {
            var details = new EventDetails
            {
                Kind = kind,
                Title = title,
                Description = description,
                VenueName = venue,
                Address = address,
                Town = town,
                OnlineUrl = online,
                Sessions = [new EventSession { LocalStart = start, LocalEnd = start.AddHours(hours) }, .. more ?? []],
                Capacity = capacity,
                MemberPrice = member,
                NonMemberPrice = nonMember,
                CurrencySharePercent = share,
                TrainerOrganisationId = trainer,
                Prerequisites = prerequisites,
                CoOrganiserIds = coOrganisers ?? [],
            };
            var e = AgendaEvent.Create(chamber, details, EventStatus.Published, null, created);
            db.Set<AgendaEvent>().Add(e);
            return e;
        }

        // Geneva: past café with feedback, coming café, breakfast, training (two sessions, prices), a full one with a waiting list.
        events.Add((Add(geneva, EventKind.BestPracticeCafe, "Café des bonnes pratiques : achats responsables", "Une heure pour partager ce qui marche dans nos achats : fournisseurs locaux, clauses sociales, groupements d'achat.\nAnimé par l'équipe de la chambre, café et croissants offerts.", "Maison des associations", "Rue des Savoises 15", "Genève", today.AddDays(-20).AddHours(8.5), 1.5, 25, coOrganisers: ge.Take(1).Select(o => o.Id).ToList()), 14, true));
        events.Add((Add(geneva, EventKind.BestPracticeCafe, "Café des bonnes pratiques : recruter en insertion", "Témoignages de deux entreprises d'insertion et échanges sur l'accueil de personnes en reprise d'emploi.", "Maison des associations", "Rue des Savoises 15", "Genève", today.AddDays(9).AddHours(8.5), 1.5, 25), 6, false));
        events.Add((Add(geneva, EventKind.Breakfast, "Petit-déjeuner ESS : la commande publique responsable", "Présentation des nouveaux critères durables des marchés publics genevois, suivie d'un réseautage autour d'un petit-déjeuner local.", "Café du Grütli", "Place de la Poste 3", "Genève", today.AddDays(16).AddHours(7.75), 1.75, 40), 8, false));
        events.Add((Add(geneva, EventKind.Training, "Formation : gouvernance partagée dans les coopératives", "Deux matinées pour comprendre et pratiquer la gestion par consentement, les rôles et les cercles. Exercices à partir de vos situations.", "Espace Solidaire", "Boulevard Carl-Vogt 7", "Genève", today.AddDays(23).AddHours(9), 3, 16, member: 120_00, nonMember: 180_00, share: 30, trainer: ge.Skip(2).First().Id, prerequisites: "Faire partie d'un comité, d'une direction ou d'une équipe d'une organisation de l'ESS.", more: [new EventSession { LocalStart = today.AddDays(30).AddHours(9), LocalEnd = today.AddDays(30).AddHours(12) }]), 5, false));
        events.Add((Add(geneva, EventKind.Workshop, "Atelier : réparer plutôt que jeter", "Atelier pratique de réparation d'appareils et de vêtements, en petit groupe.", "Atelier de quartier des Pâquis", "Rue de Berne 40", "Genève", today.AddDays(12).AddHours(18), 2.5, 8), 11, false));
        events.Add((Add(geneva, EventKind.Conference, "Conférence : l'économie sociale et solidaire face au climat", "Table ronde ouverte au public avec des chercheuses et des entrepreneurs de l'ESS.", "Uni Mail, salle MR280", "Boulevard du Pont-d'Arve 40", "Genève", today.AddDays(40).AddHours(18.5), 2, 200, online: "https://video.exemple.ch/ess-climat"), 3, false));

        // Vaud: a fair, an evening, a past breakfast with feedback, a training for members and non-members.
        events.Add((Add(vaud, EventKind.Fair, "Salon de l'ESS vaudoise — portes ouvertes", "Une journée pour découvrir les entreprises sociales et solidaires du canton : stands, ateliers, animations pour les enfants.", "Halle des Docks", "Avenue de Sévelin 34", "Lausanne", today.AddDays(19).AddHours(10), 7, null, coOrganisers: vd.Take(2).Select(o => o.Id).ToList()), 9, false));
        events.Add((Add(vaud, EventKind.Breakfast, "Petit-déjeuner ESS : financer son projet", "Microcrédit, fondations, financement participatif : trois intervenants répondent à vos questions.", "Café-restaurant Le Cèdre", "Rue de la Tour 8", "Lausanne", today.AddDays(-12).AddHours(7.5), 1.5, 30), 12, true));
        events.Add((Add(vaud, EventKind.Evening, "Soirée annuelle d'Après-VD", "La soirée festive de la chambre : bilan de l'année, remise du prix de l'innovation sociale et buffet d'un traiteur membre.", "Salle du Romandie", "Place de l'Europe 1", "Lausanne", today.AddDays(33).AddHours(18.5), 4, 120, member: 25_00, nonMember: 40_00), 7, false));
        events.Add((Add(vaud, EventKind.Training, "Formation : comptabilité associative pour débutants", "Les bases de la comptabilité d'une association : plan comptable, budget, bouclement et présentation au comité.", "Espace Dickens", "Avenue Dickens 6", "Lausanne", today.AddDays(26).AddHours(13.5), 3.5, 12, member: 90_00, nonMember: 150_00, share: 50, trainer: vd.Skip(1).First().Id, prerequisites: "Aucun : apportez un ordinateur portable si possible."), 4, false));

        var person = 0;
        foreach (var (agendaEvent, count, feedback) in events)
        {
            var admitted = agendaEvent.StartsAtUtc.AddDays(-15);
            for (var i = 0; i < count; i++)
            {
                var (first, last) = People[person++ % People.Length];
                var email = $"{first}.{last}.{i}@exemple.ch".ToLowerInvariant().Replace('é', 'e').Replace('è', 'e').Replace('ï', 'i').Replace('ö', 'o');
                var registration = Registration.Start(agendaEvent, email, first, last, null, null, null, EventPrice.For(agendaEvent, i % 3 == 0), admitted.AddMinutes(i * 7));
                agendaEvent.Admit(registration, admitted.AddMinutes(i * 7));
                if (feedback && registration.State == RegistrationState.Confirmed)
                {
                    registration.MarkAttended(i % 5 != 4, agendaEvent.StartsAtUtc);
                    if (i % 5 != 4 && i % 2 == 0)
                    {
                        registration.GiveFeedback(3 + (i % 3), Comments[i % Comments.Length], agendaEvent.StartsAtUtc, agendaEvent.EndsAtUtc.AddHours(2));
                    }
                }

                db.Set<Registration>().Add(registration);
            }
        }
    }
}
