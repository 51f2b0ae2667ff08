using Maillage.Domain.Common;

namespace Maillage.Domain.Organisations;

/// <summary>A member organisation of one chamber.</summary>
public sealed class Organisation
{
    private Organisation()
    {
    }

    public Organisation(Guid chamberId, string slug, OrganisationProfile profile, MembershipType membershipType, DateOnly memberSince, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Id = Guid.NewGuid();
        ChamberId = chamberId;
        Slug = slug;
        MembershipType = membershipType;
        MemberSince = memberSince;
        State = OrganisationState.Active;
        CreatedAt = now;
        Profile = new OrganisationProfile();
        UpdateProfile(profile, now);
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    /// <summary>Readable URL segment, unique within the chamber.</summary>
    public string Slug { get; private set; } = string.Empty;

    public OrganisationProfile Profile { get; private set; } = new();

    public MembershipType MembershipType { get; set; }

    public OrganisationState State { get; set; }

    public DateOnly MemberSince { get; set; }

    /// <summary>The member organisation that referred this one (parrainage), kept for the referral reward.</summary>
    public Guid? ReferredByOrganisationId { get; set; }

    /// <summary>The application it was admitted from, if any.</summary>
    public Guid? AdmittedFromApplicationId { get; set; }

    /// <summary>Folded name, for duplicate detection (same name in the same town).</summary>
    public string NormalizedName { get; private set; } = string.Empty;

    /// <summary>Folded text of name, descriptions, town and sectors: what the directory search looks in.</summary>
    public string SearchText { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public void UpdateProfile(OrganisationProfile profile, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var copy = profile.Copy();
        copy.Normalize();
        Profile = copy;
        NormalizedName = TextNormalizer.Fold(copy.Name);
        SearchText = BuildSearchText(copy);
        UpdatedAt = now;
    }

    private static string BuildSearchText(OrganisationProfile profile)
    {
        var sectorLabels = profile.EssSectors.Select(code => Sectors.SectorCatalogue.FindEss(code)?.Label ?? code);
        var noga = Sectors.SectorCatalogue.FindNoga(profile.NogaSection)?.Label ?? string.Empty;
        return " " + TextNormalizer.Fold(string.Join(' ', [profile.Name, profile.ShortDescription, profile.Description, profile.Town, profile.Canton, noga, .. sectorLabels])) + " ";
    }
}

/// <summary>A person's role in an organisation.</summary>
public sealed class OrganisationMember
{
    public Guid OrganisationId { get; set; }

    public Guid UserId { get; set; }

    public OrganisationRole Role { get; set; }

    public DateTime Since { get; set; }
}
