using Maillage.Domain.Common;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Shared;

/// <summary>
/// Rules on a chamber's member list that need the database: duplicates (same name in the same town, or same UID)
/// and unique URL slugs.
/// </summary>
public static class MemberRegistry
{
    public static bool IsSameOrganisation(OrganisationProfile a, OrganisationProfile b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Uid is not null && a.Uid == b.Uid)
        {
            return true;
        }

        return TextNormalizer.Fold(a.Name) == TextNormalizer.Fold(b.Name) && TextNormalizer.Fold(a.Town) == TextNormalizer.Fold(b.Town);
    }

    /// <summary>The existing member this profile duplicates, if any (ignoring <paramref name="exceptId"/>).</summary>
    public static async Task<Organisation?> FindDuplicateAsync(this MaillageDbContext db, Guid chamberId, OrganisationProfile profile, Guid? exceptId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var name = TextNormalizer.Fold(profile.Name);
        var uid = profile.Uid;
        var candidates = await db.Organisations.AsNoTracking()
            .Where(o => o.ChamberId == chamberId && o.Id != exceptId && (o.NormalizedName == name || (uid != null && o.Profile.Uid == uid)))
            .ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(o => IsSameOrganisation(o.Profile, profile));
    }

    public static async Task<string> UniqueSlugAsync(this MaillageDbContext db, Guid chamberId, string name, CancellationToken cancellationToken)
    {
        var baseSlug = TextNormalizer.Slug(name);
        var taken = await db.Organisations.AsNoTracking()
            .Where(o => o.ChamberId == chamberId && o.Slug.StartsWith(baseSlug))
            .Select(o => o.Slug)
            .ToListAsync(cancellationToken);
        var set = taken.ToHashSet(StringComparer.Ordinal);
        if (!set.Contains(baseSlug))
        {
            return baseSlug;
        }

        for (var i = 2; ; i++)
        {
            var candidate = $"{baseSlug}-{i}";
            if (!set.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
