namespace Maillage.Domain.Procurement;

/// <summary>
/// Which of the portal's offer categories (and ESS sectors, which share their codes) answer which CPV codes. Coarse
/// on purpose: the CPV has 9,454 codes, members file offers under about fifty categories; the longest prefix wins.
/// </summary>
public static class CpvCategories
{
    private static readonly (string Prefix, string Category)[] Map =
    [
        ("03", "alimentation"), ("15", "alimentation"), ("1589", "alimentation/boissons"), ("158", "alimentation/boulangerie"),
        ("5551", "traiteur/restaurant"), ("5552", "traiteur/repas"), ("555", "traiteur"), ("553", "traiteur/restaurant"),
        ("6010", "logistique"), ("6016", "logistique/livraison"), ("6411", "logistique/livraison"), ("6412", "logistique/livraison"), ("6300", "logistique/stockage"), ("98392", "logistique/demenagement"),
        ("9091", "nettoyage/locaux"), ("909", "nettoyage"), ("98311", "nettoyage/blanchisserie"), ("7731", "nettoyage/espaces-verts"), ("7721", "nettoyage/espaces-verts"), ("773", "nettoyage/espaces-verts"),
        ("45", "construction"), ("454", "construction/renovation"), ("4542", "construction/menuiserie"), ("4532", "construction/energie"), ("4533", "construction/energie"),
        ("905", "recyclage/collecte"), ("9051", "recyclage/collecte"), ("50", "recyclage/reparation"), ("3919", "recyclage/seconde-main"),
        ("18", "textile/vetements"), ("1941", "textile"), ("98393", "textile/couture"),
        ("30", "informatique/materiel"), ("302", "informatique/materiel"), ("48", "informatique"), ("72", "informatique"), ("7241", "informatique/sites-web"), ("7222", "informatique/sites-web"), ("725", "informatique/maintenance-it"), ("5032", "informatique/maintenance-it"),
        ("80", "formation/cours"), ("8053", "formation/cours"), ("8057", "formation/accompagnement"), ("79633", "formation/accompagnement"),
        ("92", "culture"), ("9231", "culture/spectacles"), ("79952", "culture/evenements"), ("79956", "culture/evenements"), ("7982", "culture/graphisme"), ("7996", "culture/graphisme"), ("7934", "conseil/communication"),
        ("85", "sante-social"), ("853", "sante-social"), ("8531", "sante-social/aide-domicile"), ("85312", "sante-social/garde-enfants"), ("8514", "sante-social/soins"),
        ("79", "conseil"), ("792", "conseil/gestion"), ("791", "conseil/juridique"), ("794", "conseil/gestion"), ("7941", "conseil/gestion"),
        ("70", "hebergement/salles"), ("5511", "hebergement/hebergement-touristique"), ("551", "hebergement/hebergement-touristique"), ("7013", "hebergement/salles"),
    ];

    /// <summary>The offer category a CPV code belongs to ("90911200" → "nettoyage/locaux"), or null when none does.</summary>
    public static string? CategoryOf(string cpv)
    {
        ArgumentNullException.ThrowIfNull(cpv);
        string? best = null;
        var bestLength = 0;
        foreach (var (prefix, category) in Map)
        {
            if (prefix.Length > bestLength && cpv.StartsWith(prefix, StringComparison.Ordinal))
            {
                best = category;
                bestLength = prefix.Length;
            }
        }

        return best;
    }

    /// <summary>True when an offer filed under <paramref name="category"/> answers <paramref name="cpv"/>: same top level.</summary>
    public static bool Covers(string category, string cpv)
    {
        ArgumentNullException.ThrowIfNull(category);
        return CategoryOf(cpv) is { } wanted && Top(wanted) == Top(category);
    }

    public static string Top(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var slash = category.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? category : category[..slash];
    }
}
