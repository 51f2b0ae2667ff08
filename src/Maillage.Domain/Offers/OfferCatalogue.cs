namespace Maillage.Domain.Offers;

/// <summary>A category of goods and services: a top level ("traiteur") and its sub-categories ("traiteur/buffets").</summary>
public sealed record OfferCategory(string Code, string Label, string LabelEn, string? Parent)
{
    public bool IsTopLevel => Parent is null;
}

/// <summary>
/// The two-level taxonomy of goods and services the portal files offers under. Fixed reference data shared by the
/// network so that a buyer's search means the same in every chamber.
/// </summary>
public static class OfferCatalogue
{
    private static readonly (string Code, string Label, string LabelEn, (string Code, string Label, string LabelEn)[] Children)[] Tree =
    [
        ("alimentation", "Alimentation", "Food", [("epicerie", "Épicerie et vrac", "Grocery and bulk"), ("boulangerie", "Boulangerie", "Bakery"), ("produits-frais", "Produits frais et paniers", "Fresh produce and boxes"), ("boissons", "Boissons", "Drinks")]),
        ("traiteur", "Traiteur et restauration", "Catering", [("buffets", "Buffets et apéritifs", "Buffets and aperitifs"), ("repas", "Repas et plateaux", "Meals and trays"), ("restaurant", "Restaurant et cantine", "Restaurant and canteen")]),
        ("logistique", "Logistique et transport", "Logistics and transport", [("livraison", "Livraison et coursiers", "Delivery and couriers"), ("demenagement", "Déménagement", "Removals"), ("stockage", "Stockage", "Storage")]),
        ("nettoyage", "Nettoyage et entretien", "Cleaning and maintenance", [("locaux", "Nettoyage de locaux", "Premises cleaning"), ("blanchisserie", "Blanchisserie et repassage", "Laundry and ironing"), ("espaces-verts", "Espaces verts", "Grounds and gardens")]),
        ("construction", "Construction et rénovation", "Construction and renovation", [("renovation", "Rénovation", "Renovation"), ("menuiserie", "Menuiserie", "Joinery"), ("energie", "Énergie et isolation", "Energy and insulation")]),
        ("recyclage", "Recyclage et réemploi", "Recycling and reuse", [("reparation", "Réparation", "Repair"), ("seconde-main", "Seconde main", "Second hand"), ("collecte", "Collecte et tri", "Collection and sorting")]),
        ("textile", "Textile", "Textiles", [("couture", "Couture et retouches", "Sewing and alterations"), ("vetements", "Vêtements", "Clothing")]),
        ("informatique", "Informatique et numérique", "IT and digital", [("sites-web", "Sites web", "Websites"), ("maintenance-it", "Maintenance informatique", "IT maintenance"), ("materiel", "Matériel reconditionné", "Refurbished hardware")]),
        ("formation", "Formation", "Training", [("cours", "Cours et ateliers", "Courses and workshops"), ("accompagnement", "Accompagnement et coaching", "Support and coaching")]),
        ("culture", "Culture et événements", "Culture and events", [("spectacles", "Spectacles et animations", "Shows and entertainment"), ("evenements", "Organisation d'événements", "Event organisation"), ("graphisme", "Graphisme et photographie", "Design and photography")]),
        ("sante-social", "Santé et social", "Health and social care", [("aide-domicile", "Aide à domicile", "Home help"), ("garde-enfants", "Garde d'enfants", "Childcare"), ("soins", "Soins et bien-être", "Care and well-being")]),
        ("conseil", "Conseil", "Consulting", [("gestion", "Gestion et comptabilité", "Management and accounting"), ("communication", "Communication", "Communication"), ("juridique", "Juridique", "Legal")]),
        ("hebergement", "Hébergement et salles", "Accommodation and venues", [("salles", "Location de salles", "Venue hire"), ("hebergement-touristique", "Hébergement", "Accommodation")]),
    ];

    public static readonly IReadOnlyList<OfferCategory> All = Tree
        .SelectMany(top => new[] { new OfferCategory(top.Code, top.Label, top.LabelEn, null) }
            .Concat(top.Children.Select(c => new OfferCategory($"{top.Code}/{c.Code}", c.Label, c.LabelEn, top.Code))))
        .ToList();

    public static IEnumerable<OfferCategory> TopLevel => All.Where(c => c.IsTopLevel);

    public static OfferCategory? Find(string? code) => All.FirstOrDefault(c => c.Code == code);

    public static IEnumerable<OfferCategory> ChildrenOf(string code) => All.Where(c => c.Parent == code);

    /// <summary>The top-level code of a category code ("traiteur/buffets" → "traiteur").</summary>
    public static string TopOf(string code) => code.Split('/')[0];
}
