using System.Xml.Linq;

namespace Maillage.Web.Features.Procurement;

public sealed record EformsCode(string Code, string French, string English)
{
    public string Label => Infrastructure.Display.IsEnglish ? English : French;
}

/// <summary>
/// The EU eForms code lists staff use to mark notices (reserved participation, social objectives) and the CPV codes
/// of social and other specific services. Genericode files from OP-TED/eForms-SDK (CC BY 4.0), embedded, read once.
/// </summary>
public static class EformsCodes
{
    private static readonly Lazy<IReadOnlyList<EformsCode>> ReservedList = new(() => Load("reserved-procurement.gc").Where(c => c.Code != "none").ToList());
    private static readonly Lazy<IReadOnlyList<EformsCode>> SocialList = new(() => Load("social-objective.gc"));
    private static readonly Lazy<IReadOnlyDictionary<string, EformsCode>> SocialCpvList = new(() => Load("cpv_social-service-cpv.gc").ToDictionary(c => c.Code, StringComparer.Ordinal));

    /// <summary>res-pub-ser, res-ws ("none" is the absence of a mark).</summary>
    public static IReadOnlyList<EformsCode> Reserved => ReservedList.Value;

    public static IReadOnlyList<EformsCode> SocialObjectives => SocialList.Value;

    /// <summary>The social-service CPV code among <paramref name="cpvCodes"/>, if any (the "light regime" services).</summary>
    public static EformsCode? SocialService(IEnumerable<string> cpvCodes) =>
        cpvCodes.Select(c => SocialCpvList.Value.GetValueOrDefault(c)).FirstOrDefault(c => c is not null);

    public static string LabelOf(IReadOnlyList<EformsCode> list, string code) => list.FirstOrDefault(c => c.Code == code)?.Label ?? code;

    private static List<EformsCode> Load(string file)
    {
        using var stream = typeof(EformsCodes).Assembly.GetManifestResourceStream($"Maillage.Web.Features.Procurement.CodeLists.{file}")
            ?? throw new InvalidOperationException($"Code list {file} is not embedded");
        var document = XDocument.Load(stream);
        return document.Descendants("Row").Select(row =>
        {
            string Value(string column) => row.Elements("Value").FirstOrDefault(v => (string?)v.Attribute("ColumnRef") == column)?.Element("SimpleValue")?.Value.Trim() ?? string.Empty;
            return new EformsCode(Value("code"), Value("fra_label"), Value("eng_label"));
        }).Where(c => c.Code.Length > 0).ToList();
    }
}
