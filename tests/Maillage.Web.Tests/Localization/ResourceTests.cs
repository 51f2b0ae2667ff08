using System.Text.RegularExpressions;
using System.Xml.Linq;
using Maillage.Domain.Common;
using Maillage.Web.Tests.Infrastructure;

namespace Maillage.Web.Tests.Localization;

/// <summary>Every text the UI asks for exists in French and in English, and the two files hold the same keys.</summary>
public partial class ResourceTests
{
    private static readonly string Root = RepositoryRoot.Find();

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Root, "src", "Maillage.Web", "Resources", file))
            .Root!.Elements("data").ToDictionary(e => e.Attribute("name")!.Value, e => e.Element("value")!.Value);

    [Fact]
    public void French_and_english_hold_the_same_keys_and_no_empty_text()
    {
        var french = Load("SharedResource.resx");
        var english = Load("SharedResource.en.resx");
        french.Keys.Order().ShouldBe(english.Keys.Order());
        french.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).ShouldBeEmpty();
        english.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).ShouldBeEmpty();
        french.Count.ShouldBeGreaterThan(300);
    }

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        var keys = Load("SharedResource.resx").Keys.ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(Root, "src", "Maillage.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => !k.EndsWith('.'))
            .ToHashSet();
        used.Count.ShouldBeGreaterThan(200);
        used.Where(k => !keys.Contains(k)).Order().ShouldBeEmpty();
    }

    [Fact]
    public void Every_enum_value_and_validation_code_shown_to_people_has_a_text()
    {
        var keys = Load("SharedResource.resx").Keys.ToHashSet();
        Type[] enums =
        [
            typeof(Domain.Organisations.LegalForm), typeof(Domain.Organisations.OrganisationStatus), typeof(Domain.Organisations.MembershipType),
            typeof(Domain.Organisations.OrganisationState), typeof(Domain.Organisations.OrganisationRole), typeof(Domain.Chambers.ChamberRole),
            typeof(Domain.Criteria.CriterionLevel), typeof(Domain.Membership.ApplicationState), typeof(Domain.Membership.ApplicationEventKind),
        ];
        var expected = enums.SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}.{n}"))
            .Concat(Enum.GetNames<Domain.Membership.ApplicationState>().Select(n => $"ApplicationState.{n}.Explanation"))
            .Concat(typeof(ValidationCodes).GetFields().Select(f => "Validation." + f.GetValue(null)))
            .Concat(new[] { "400", "401", "403", "404", "429", "500", "Other" }.SelectMany(c => new[] { $"Error.{c}.Title", $"Error.{c}.Text" }));
        expected.Where(k => !keys.Contains(k)).ShouldBeEmpty();
    }

    [GeneratedRegex("""\b(?:L|l|localizer)\["([A-Za-z0-9_.]+)["]""")]
    private static partial Regex KeyPattern();
}
