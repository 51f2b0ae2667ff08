using Maillage.Domain.Common;
using Maillage.Domain.Organisations;

namespace Maillage.Domain.Tests.Organisations;

public class OrganisationProfileTests
{
    public static OrganisationProfile Valid() => new()
    {
        Name = "Coopérative Rayons du Rhône",
        LegalForm = LegalForm.Cooperative,
        Status = OrganisationStatus.NonProfit,
        Uid = "CHE-116.281.710",
        NogaSection = "G",
        EssSectors = ["recyclage", "insertion"],
        Street = "Rue de Carouge 45",
        PostalCode = "1205",
        Town = "Genève",
        Canton = "GE",
        ShortDescription = "Atelier de réparation de vélos qui forme des jeunes.",
        Website = "www.rayons.example",
        Email = "contact@rayons.example",
        Phone = "+41 22 345 67 89",
        FoundedYear = 2011,
        Employees = 12,
    };

    [Fact]
    public void A_complete_profile_is_valid_once_normalised()
    {
        var profile = Valid();
        profile.Normalize();
        profile.Validate(2026).ShouldBeEmpty();
        profile.Website.ShouldBe("https://www.rayons.example");
        profile.EssSectorCodes.ShouldBe(",recyclage,insertion,");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_field()
    {
        var profile = new OrganisationProfile
        {
            Name = "A",
            Uid = "CHE-123.456.789",
            NogaSection = "Z",
            EssSectors = ["inconnu"],
            PostalCode = "12",
            Canton = "XX",
            ShortDescription = "court",
            Website = "javascript:alert(1)",
            Email = "pas-un-courriel",
            Phone = "12",
            FoundedYear = 3000,
            Employees = -1,
            Latitude = 46.2,
        };
        profile.Normalize();
        var fields = profile.Validate(2026).Select(e => $"{e.Field}:{e.Code}").ToList();
        fields.ShouldBe(
        [
            "Name:TooShort", "Uid:InvalidUid", "NogaSection:InvalidSector", "EssSectors:InvalidSector", "Street:Required",
            "PostalCode:InvalidPostalCode", "Town:Required", "Canton:InvalidCanton", "Latitude:InvalidCoordinates",
            "ShortDescription:TooShort", "Website:InvalidUrl", "Email:InvalidEmail", "Phone:InvalidPhone",
            "FoundedYear:OutOfRange", "Employees:OutOfRange",
        ], ignoreOrder: true);
    }

    [Theory]
    [InlineData("CHE-116.281.710", "CHE-116.281.710")]
    [InlineData("che116281710", "CHE-116.281.710")]
    [InlineData("CHE-116.281.710 MWST", "CHE-116.281.710")]
    [InlineData("CHE-116.281.711", null)]
    [InlineData("CHE-12.345", null)]
    [InlineData("", null)]
    public void Swiss_uids_are_checked_with_their_modulo_11_digit(string input, string? canonical) =>
        SwissUid.Normalize(input).ShouldBe(canonical);

    [Fact]
    public void Generated_uids_are_always_valid()
    {
        for (var seed = 0; seed < 2000; seed += 7)
        {
            SwissUid.IsValid(SwissUid.FromSeed(seed * 7919)).ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("Coopérative L'Éclat", "cooperative l eclat")]
    [InlineData("  Œuvre   SOCIALE  ", "oeuvre sociale")]
    [InlineData("Vélo-Cité Genève", "velo cite geneve")]
    [InlineData(null, "")]
    public void Text_is_folded_the_way_people_type_it(string? input, string folded) =>
        TextNormalizer.Fold(input).ShouldBe(folded);

    [Fact]
    public void Slugs_are_readable_url_segments() =>
        TextNormalizer.Slug("Coopérative L'Éclat (Genève)").ShouldBe("cooperative-l-eclat-geneve");

    [Fact]
    public void An_organisation_indexes_its_folded_text_for_search()
    {
        var organisation = new Organisation(Guid.NewGuid(), "rayons", Valid(), MembershipType.Collective, new DateOnly(2020, 1, 1), DateTime.UtcNow);
        organisation.NormalizedName.ShouldBe("cooperative rayons du rhone");
        organisation.SearchText.ShouldContain(" geneve ");
        organisation.SearchText.ShouldContain("recyclage");
        organisation.Profile.ShouldNotBeSameAs(Valid());
    }
}
