namespace Maillage.Domain.Sectors;

/// <summary>A sector of activity: a NOGA 2008 section, or an ESS grouping the chambers speak of.</summary>
/// <param name="Code">NOGA section letter ("Q") or ESS grouping code ("alimentation").</param>
/// <param name="Label">French label (the reference wording of the classification).</param>
/// <param name="LabelEn">English label.</param>
public sealed record Sector(string Code, string Label, string LabelEn);

/// <summary>
/// NOGA 2008 sections (the Swiss version of NACE Rev. 2, identical at section level) and the ESS groupings.
/// Fixed reference data: a statistical classification changes by federal decision, not by chamber.
/// </summary>
public static class SectorCatalogue
{
    public static readonly IReadOnlyList<Sector> Noga =
    [
        new("A", "Agriculture, sylviculture et pêche", "Agriculture, forestry and fishing"),
        new("B", "Industries extractives", "Mining and quarrying"),
        new("C", "Industrie manufacturière", "Manufacturing"),
        new("D", "Production et distribution d'énergie", "Electricity, gas, steam and air conditioning supply"),
        new("E", "Production et distribution d'eau, gestion des déchets et dépollution", "Water supply, sewerage, waste management and remediation"),
        new("F", "Construction", "Construction"),
        new("G", "Commerce, réparation d'automobiles et de motocycles", "Wholesale and retail trade, repair of motor vehicles"),
        new("H", "Transports et entreposage", "Transportation and storage"),
        new("I", "Hébergement et restauration", "Accommodation and food service activities"),
        new("J", "Information et communication", "Information and communication"),
        new("K", "Activités financières et d'assurance", "Financial and insurance activities"),
        new("L", "Activités immobilières", "Real estate activities"),
        new("M", "Activités spécialisées, scientifiques et techniques", "Professional, scientific and technical activities"),
        new("N", "Activités de services administratifs et de soutien", "Administrative and support service activities"),
        new("O", "Administration publique", "Public administration"),
        new("P", "Enseignement", "Education"),
        new("Q", "Santé humaine et action sociale", "Human health and social work activities"),
        new("R", "Arts, spectacles et activités récréatives", "Arts, entertainment and recreation"),
        new("S", "Autres activités de services", "Other service activities"),
        new("T", "Activités des ménages en tant qu'employeurs", "Activities of households as employers"),
        new("U", "Activités des organisations extraterritoriales", "Activities of extraterritorial organisations"),
    ];

    public static readonly IReadOnlyList<Sector> Ess =
    [
        new("alimentation", "Alimentation & agriculture", "Food & agriculture"),
        new("traiteur", "Restauration & traiteur", "Catering & restaurants"),
        new("logistique", "Logistique & transport", "Logistics & transport"),
        new("nettoyage", "Nettoyage & entretien", "Cleaning & maintenance"),
        new("construction", "Construction & rénovation", "Construction & renovation"),
        new("recyclage", "Recyclage & réemploi", "Recycling & reuse"),
        new("textile", "Textile & habillement", "Textiles & clothing"),
        new("commerce", "Commerce équitable & distribution", "Fair trade & retail"),
        new("informatique", "Informatique & numérique", "IT & digital"),
        new("conseil", "Conseil & services aux organisations", "Consulting & business services"),
        new("formation", "Formation & éducation", "Training & education"),
        new("culture", "Culture & événements", "Culture & events"),
        new("sante-social", "Santé & social", "Health & social care"),
        new("insertion", "Insertion professionnelle", "Work integration"),
        new("environnement", "Environnement & énergie", "Environment & energy"),
        new("logement", "Logement & habitat", "Housing"),
        new("finance", "Finance solidaire & assurance", "Ethical finance & insurance"),
        new("tourisme", "Tourisme & loisirs", "Tourism & leisure"),
    ];

    public static Sector? FindNoga(string? code) => Noga.FirstOrDefault(s => s.Code == code);

    public static Sector? FindEss(string? code) => Ess.FirstOrDefault(s => s.Code == code);
}
