using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;

namespace Maillage.Web.Data;

/// <summary>Believable offers for the demo members, written per ESS sector so that each fits its organisation.</summary>
public static class DemoOffers
{
    private sealed record Template(string Title, string Description, string Category, OfferKind Kind, long? PriceMinor, string? Unit, OfferAudience Audience);

    private static readonly Dictionary<string, Template[]> BySector = new(StringComparer.Ordinal)
    {
        ["alimentation"] = [new("Panier de légumes bio de saison", "Chaque semaine, un panier de légumes cultivés sans pesticides dans la région, à retirer ou livré.", "alimentation/produits-frais", OfferKind.Good, 3200, "le panier", OfferAudience.Public | OfferAudience.Companies), new("Épicerie en vrac pour les entreprises", "Café, thé, fruits secs et produits d'entretien en vrac pour vos locaux, livrés dans des contenants consignés.", "alimentation/epicerie", OfferKind.Good, null, null, OfferAudience.Companies)],
        ["traiteur"] = [new("Traiteur végétarien pour événements", "Buffets et apéritifs végétariens de saison, préparés par une équipe en insertion, de 20 à 300 personnes.", "traiteur/buffets", OfferKind.Service, 2800, "par personne", OfferAudience.Companies | OfferAudience.PublicBodies), new("Plateaux-repas pour réunions", "Plateaux-repas équilibrés livrés à vélo, avec options sans gluten et véganes.", "traiteur/repas", OfferKind.Service, 2400, "le plateau", OfferAudience.Companies)],
        ["logistique"] = [new("Livraison à vélo-cargo en ville", "Livraison de colis et de palettes légères en centre-ville, à vélo-cargo électrique, le jour même.", "logistique/livraison", OfferKind.Service, 1500, "la course", OfferAudience.Public | OfferAudience.Companies), new("Déménagement solidaire", "Petits déménagements et débarras par une équipe formée, avec tri pour le réemploi.", "logistique/demenagement", OfferKind.Service, null, null, OfferAudience.Public)],
        ["nettoyage"] = [new("Nettoyage écologique de bureaux", "Entretien régulier de vos locaux avec des produits écolabellisés, par une coopérative d'insertion.", "nettoyage/locaux", OfferKind.Service, 4500, "l'heure", OfferAudience.Companies | OfferAudience.PublicBodies), new("Repassage et blanchisserie", "Linge collecté, lavé, repassé et rendu sous 48 heures.", "nettoyage/blanchisserie", OfferKind.Service, 900, "le kilo", OfferAudience.Public)],
        ["construction"] = [new("Rénovation d'appartements", "Peinture, sols et petites rénovations intérieures, avec des matériaux sains et de réemploi.", "construction/renovation", OfferKind.Service, null, null, OfferAudience.Public | OfferAudience.PublicBodies), new("Menuiserie en bois local", "Mobilier sur mesure et agencement en bois suisse certifié.", "construction/menuiserie", OfferKind.Good, null, null, OfferAudience.Public | OfferAudience.Companies)],
        ["recyclage"] = [new("Réparation de vélos", "Révision, réparation et remise en état de vélos, pièces d'occasion quand c'est possible.", "recyclage/reparation", OfferKind.Service, 6000, "la révision", OfferAudience.Public), new("Ordinateurs reconditionnés", "Portables et postes fixes reconditionnés, garantis un an, avec logiciels libres installés.", "informatique/materiel", OfferKind.Good, 29000, "l'ordinateur", OfferAudience.Public | OfferAudience.Companies)],
        ["textile"] = [new("Retouches et couture sur mesure", "Ourlets, fermetures, ajustements et créations sur mesure dans notre atelier de quartier.", "textile/couture", OfferKind.Service, 2500, "la retouche simple", OfferAudience.Public), new("Vêtements de travail upcyclés", "Tabliers et vestes de travail confectionnés à partir de textiles récupérés.", "textile/vetements", OfferKind.Good, 5500, "la pièce", OfferAudience.Companies)],
        ["commerce"] = [new("Café équitable torréfié localement", "Café issu de coopératives de producteurs, torréfié à Genève, en grains ou moulu.", "alimentation/boissons", OfferKind.Good, 1450, "les 500 g", OfferAudience.Public | OfferAudience.Companies), new("Coffrets cadeaux solidaires", "Coffrets de produits équitables et locaux pour vos cadeaux d'entreprise.", "alimentation/epicerie", OfferKind.Good, 6500, "le coffret", OfferAudience.Companies)],
        ["informatique"] = [new("Création de sites web accessibles", "Sites internet accessibles et éco-conçus pour associations et petites entreprises.", "informatique/sites-web", OfferKind.Service, null, null, OfferAudience.Companies | OfferAudience.PublicBodies), new("Maintenance informatique pour associations", "Dépannage, sauvegardes et sécurité de votre parc, forfait mensuel.", "informatique/maintenance-it", OfferKind.Service, 18000, "par mois", OfferAudience.Companies)],
        ["conseil"] = [new("Comptabilité pour associations", "Tenue de la comptabilité, bouclement et accompagnement du comité.", "conseil/gestion", OfferKind.Service, 9500, "l'heure", OfferAudience.Companies), new("Accompagnement à la création de coopératives", "Statuts, gouvernance, plan financier : nous accompagnons votre projet coopératif.", "conseil/juridique", OfferKind.Service, null, null, OfferAudience.Public | OfferAudience.Companies)],
        ["formation"] = [new("Cours de français pour adultes", "Cours de français langue étrangère en petits groupes, tous niveaux.", "formation/cours", OfferKind.Service, 2000, "la séance", OfferAudience.Public | OfferAudience.PublicBodies), new("Formation à la gestion associative", "Ateliers sur la gouvernance, les finances et la recherche de fonds des associations.", "formation/cours", OfferKind.Service, 35000, "la journée", OfferAudience.Companies)],
        ["culture"] = [new("Spectacles pour enfants", "Contes musicaux et marionnettes pour écoles, crèches et fêtes de quartier.", "culture/spectacles", OfferKind.Service, 80000, "la représentation", OfferAudience.Public | OfferAudience.PublicBodies), new("Sonorisation d'événements", "Sonorisation et éclairage pour vos événements, avec une équipe formée.", "culture/evenements", OfferKind.Service, null, null, OfferAudience.Companies | OfferAudience.PublicBodies)],
        ["sante-social"] = [new("Aide à domicile pour personnes âgées", "Courses, repas et compagnie à domicile, par des auxiliaires formées.", "sante-social/aide-domicile", OfferKind.Service, 3800, "l'heure", OfferAudience.Public), new("Garde d'enfants à domicile", "Garde ponctuelle ou régulière par des personnes formées et encadrées.", "sante-social/garde-enfants", OfferKind.Service, 2600, "l'heure", OfferAudience.Public)],
        ["insertion"] = [new("Entretien d'espaces verts", "Tonte, taille et entretien écologique de jardins par une équipe en insertion.", "nettoyage/espaces-verts", OfferKind.Service, 5200, "l'heure", OfferAudience.Public | OfferAudience.Companies | OfferAudience.PublicBodies), new("Travaux de sous-traitance en atelier", "Conditionnement, mise sous pli et petits assemblages pour les entreprises.", "conseil/gestion", OfferKind.Service, null, null, OfferAudience.Companies)],
        ["environnement"] = [new("Bilan énergétique de bâtiments", "Diagnostic énergétique et plan d'assainissement pour copropriétés et associations.", "construction/energie", OfferKind.Service, 120000, "le bilan", OfferAudience.Public | OfferAudience.PublicBodies), new("Animations nature pour écoles", "Sorties et ateliers de découverte de la biodiversité pour les classes.", "formation/cours", OfferKind.Service, 45000, "la demi-journée", OfferAudience.PublicBodies)],
        ["logement"] = [new("Location de salle de réunion", "Salle lumineuse de 40 places avec cuisine, au cœur du quartier.", "hebergement/salles", OfferKind.Service, 18000, "la journée", OfferAudience.Public | OfferAudience.Companies), new("Conseil en habitat coopératif", "Accompagnement des groupes d'habitants qui créent leur coopérative de logement.", "conseil/gestion", OfferKind.Service, null, null, OfferAudience.Public)],
        ["finance"] = [new("Microcrédit pour projets solidaires", "Prêts à taux réduit et accompagnement pour les petites structures de l'économie sociale.", "conseil/gestion", OfferKind.Service, null, null, OfferAudience.Public | OfferAudience.Companies), new("Assurance pour associations", "Responsabilité civile et couverture des bénévoles à tarif associatif.", "conseil/juridique", OfferKind.Service, null, null, OfferAudience.Companies)],
        ["tourisme"] = [new("Visites guidées à vélo", "Découvrez la ville et ses initiatives solidaires lors d'une balade guidée à vélo.", "culture/evenements", OfferKind.Service, 3500, "par personne", OfferAudience.Public), new("Séjours à la ferme pour groupes", "Hébergement et activités à la ferme pour classes et groupes.", "hebergement/hebergement-touristique", OfferKind.Service, 6500, "la nuit par personne", OfferAudience.Public | OfferAudience.PublicBodies)],
    };

    /// <summary>One or two published offers per member, chosen by its sectors; deterministic for a given list.</summary>
    public static IEnumerable<Offer> For(IEnumerable<Organisation> organisations, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        var index = 0;
        foreach (var organisation in organisations)
        {
            var templates = organisation.Profile.EssSectors.SelectMany(s => BySector.GetValueOrDefault(s) ?? []).ToList();
            foreach (var template in templates.Take(1 + (index++ % 2)))
            {
                var offer = new Offer(organisation.ChamberId, organisation.Id, new OfferDetails
                {
                    Kind = template.Kind,
                    Title = $"{template.Title} à {organisation.Profile.Town}",
                    Description = template.Description + " " + organisation.Profile.ShortDescription,
                    Category = template.Category,
                    Audience = template.Audience,
                    PriceKind = template.PriceMinor is null ? PriceKind.OnQuote : PriceKind.Amount,
                    PriceMinor = template.PriceMinor,
                    PriceUnit = template.Unit,
                    CurrencySharePercent = index % 3 == 0 ? 50 : 0,
                    DeliveryRadiusKm = template.Kind == OfferKind.Service ? 20 : null,
                    DeliveryAreas = template.Kind == OfferKind.Good ? [organisation.Profile.Canton] : [],
                }, now);
                offer.Publish(now);
                yield return offer;
            }
        }
    }
}
