using Maillage.Domain.Search;

namespace Maillage.Bench;

/// <summary>One generated offer, as the three engines index it.</summary>
public sealed record CatalogueOffer(int Id, string Title, string Body, string Category, string Canton, string Audience, bool Labelled, bool Currency, GeoPoint Location);

/// <summary>
/// A seeded generator of a French goods-and-services catalogue: offers in realistic categories, organisations spread
/// over the cantons of Romandy, titles and descriptions written from per-category vocabularies.
/// </summary>
public static class FrenchCatalogue
{
    public static readonly (string Category, string[] Nouns, string[] Qualifiers)[] Categories =
    [
        ("alimentation", ["pain", "boulangerie", "fromage", "légumes", "fruits", "miel", "épicerie", "confiture", "farine", "œufs", "panier", "viande", "yaourt", "jus de pomme", "bière artisanale"], ["bio", "local", "de saison", "en vrac", "au levain", "de la région", "équitable", "fermier"]),
        ("traiteur", ["traiteur", "buffet", "apéritif", "repas", "brunch", "cuisine", "plateau-repas", "cocktail", "banquet", "pâtisserie"], ["végétarien", "libanais", "pour 80 personnes", "d'entreprise", "de mariage", "zéro déchet", "fait maison", "sans gluten"]),
        ("logistique", ["livraison", "transport", "déménagement", "coursier", "palettes", "stockage", "vélo-cargo", "tournée"], ["à vélo", "en ville", "Genève–Lausanne", "hebdomadaire", "express", "électrique", "sur mesure"]),
        ("nettoyage", ["nettoyage", "entretien", "vitres", "conciergerie", "désinfection", "repassage", "blanchisserie"], ["de bureaux", "écologique", "de locaux", "après chantier", "hebdomadaire", "professionnel"]),
        ("construction", ["rénovation", "menuiserie", "peinture", "plomberie", "électricité", "isolation", "charpente", "carrelage", "maçonnerie"], ["intérieure", "écologique", "en bois local", "d'appartement", "de façade", "thermique"]),
        ("recyclage", ["réparation", "vélos", "réemploi", "meubles", "électroménager", "ordinateurs", "vêtements", "récupération", "recyclerie", "téléphones"], ["d'occasion", "reconditionnés", "de seconde main", "remis à neuf", "solidaire"]),
        ("informatique", ["site internet", "développement", "hébergement", "maintenance", "formation numérique", "logiciel libre", "réseau", "sauvegarde"], ["sur mesure", "éthique", "accessible", "pour associations", "open source", "sécurisé"]),
        ("formation", ["formation", "cours", "atelier", "coaching", "accompagnement", "stage", "conférence"], ["de français", "en gestion associative", "en comptabilité", "à la prise de parole", "de cuisine", "de couture", "professionnel"]),
        ("culture", ["spectacle", "concert", "théâtre", "exposition", "animation", "sonorisation", "photographie", "illustration"], ["pour enfants", "en plein air", "participatif", "de quartier", "jeune public"]),
        ("sante-social", ["accompagnement", "garde", "aide à domicile", "soins", "médiation", "écoute", "crèche", "repas à domicile"], ["pour personnes âgées", "d'enfants", "interculturelle", "familiale", "de nuit"]),
        ("conseil", ["conseil", "comptabilité", "gestion", "audit", "stratégie", "communication", "graphisme", "traduction"], ["pour coopératives", "associatif", "financier", "en économie sociale", "bilingue"]),
        ("textile", ["couture", "retouches", "vêtements", "sacs", "uniformes", "broderie", "tricot"], ["sur mesure", "upcyclés", "en coton bio", "de travail", "artisanaux"]),
    ];

    public static readonly string[] Cantons = ["GE", "VD", "FR", "NE", "VS", "JU"];

    private static readonly (string Town, string Canton, double Lat, double Lon)[] Towns =
    [
        ("Genève", "GE", 46.2044, 6.1432), ("Carouge", "GE", 46.1840, 6.1393), ("Meyrin", "GE", 46.2342, 6.0800), ("Lausanne", "VD", 46.5197, 6.6323),
        ("Vevey", "VD", 46.4628, 6.8419), ("Nyon", "VD", 46.3833, 6.2398), ("Yverdon-les-Bains", "VD", 46.7785, 6.6411), ("Fribourg", "FR", 46.8065, 7.1619),
        ("Bulle", "FR", 46.6191, 7.0567), ("Neuchâtel", "NE", 46.9900, 6.9293), ("La Chaux-de-Fonds", "NE", 47.1035, 6.8328), ("Sion", "VS", 46.2331, 7.3606),
        ("Martigny", "VS", 46.1028, 7.0727), ("Delémont", "JU", 47.3649, 7.3445),
    ];

    private static readonly string[] Phrases =
    [
        "Notre équipe en insertion professionnelle", "Une coopérative de travailleuses et travailleurs", "Une association du quartier",
        "Depuis plus de dix ans", "Avec des produits de la région", "Pour les particuliers, les entreprises et les collectivités",
        "Devis gratuit sur demande", "Payable en partie en monnaie locale", "Livraison possible dans tout le canton",
        "Des prix adaptés aux associations", "Un service de proximité", "Label ESS de la chambre",
    ];

    public static IEnumerable<CatalogueOffer> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (var id = 0; id < count; id++)
        {
            var (category, nouns, qualifiers) = Categories[random.Next(Categories.Length)];
            var noun = nouns[random.Next(nouns.Length)];
            var title = $"{Capitalise(noun)} {qualifiers[random.Next(qualifiers.Length)]}";
            if (random.Next(3) == 0)
            {
                title += " " + qualifiers[random.Next(qualifiers.Length)];
            }

            var town = Towns[random.Next(Towns.Length)];
            var body = $"{Phrases[random.Next(Phrases.Length)]} à {town.Town} propose {noun} {qualifiers[random.Next(qualifiers.Length)]}. " +
                       $"{Phrases[random.Next(Phrases.Length)]}. {Capitalise(nouns[random.Next(nouns.Length)])} et {nouns[random.Next(nouns.Length)]} {qualifiers[random.Next(qualifiers.Length)]}.";
            var location = new GeoPoint(town.Lat + ((random.NextDouble() - 0.5) * 0.05), town.Lon + ((random.NextDouble() - 0.5) * 0.05));
            yield return new CatalogueOffer(id, title, body, category, town.Canton, random.Next(3) switch { 0 => "public", 1 => "entreprises", _ => "collectivites" }, random.Next(5) == 0, random.Next(3) == 0, location);
        }
    }

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
