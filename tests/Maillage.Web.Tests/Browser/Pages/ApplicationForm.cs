namespace Maillage.Web.Tests.Browser.Pages;

/// <summary>What an organisation types into the membership application (French labels of the choices).</summary>
public sealed record ApplicationForm
{
    public required string Name { get; init; }

    public string LegalForm { get; init; } = "Coopérative";

    public string Status { get; init; } = "But non lucratif (ABNL)";

    public required string ShortDescription { get; init; }

    public string Description { get; init; } = "Un atelier de quartier où l'on apprend à réparer son vélo.\nDes cours pour les enfants le mercredi.";

    /// <summary>NOGA section letter.</summary>
    public string NogaSection { get; init; } = "G";

    public IReadOnlyList<string> Sectors { get; init; } = ["Recyclage & réemploi", "Insertion professionnelle"];

    public string Street { get; init; } = "Rue des Gares 12";

    public string PostalCode { get; init; } = "1201";

    public required string Town { get; init; }

    public string Canton { get; init; } = "GE";

    public string FirstName { get; init; } = "Aurélie";

    public string LastName { get; init; } = "Dumoulin";

    public required string ContactEmail { get; init; }

    public string Password { get; init; } = "Velo-Solidaire-2026";

    public string Level { get; init; } = "Pleinement";

    public string Justification { get; init; } = "Nos statuts le prévoient et l'assemblée générale en débat chaque année.";
}
