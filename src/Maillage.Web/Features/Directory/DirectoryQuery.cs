using Maillage.Domain.Common;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Directory;

/// <summary>A directory search as the page and the API receive it.</summary>
public sealed record DirectoryFilter(string? Q, string? Sector, OrganisationStatus? Status, string? Canton, string? Town, int Page = 1, int PageSize = 20)
{
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 200;

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new ValidationErrors();
        if (Page < 1 || Page > 10_000)
        {
            errors.Add("page", ValidationCodes.OutOfRange, 1, 10_000);
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", ValidationCodes.OutOfRange, 1, MaxPageSize);
        }

        if (Sector is not null && Domain.Sectors.SectorCatalogue.FindEss(Sector) is null && Domain.Sectors.SectorCatalogue.FindNoga(Sector) is null)
        {
            errors.Add("sector", ValidationCodes.InvalidSector);
        }

        if (Canton is not null && !Cantons.IsValid(Canton))
        {
            errors.Add("canton", ValidationCodes.InvalidCanton);
        }

        if (Status is { } status && !Enum.IsDefined(status))
        {
            errors.Add("status", ValidationCodes.InvalidChoice);
        }

        return errors.Items;
    }
}

public sealed record DirectoryEntry(
    Guid Id, string ChamberSlug, string Slug, string Name, LegalForm LegalForm, OrganisationStatus Status, MembershipType MembershipType,
    string NogaSection, IReadOnlyList<string> Sectors, string Town, string Canton, string ShortDescription, string? Website,
    double? Latitude, double? Longitude);

public sealed record DirectoryPage(IReadOnlyList<DirectoryEntry> Items, int Total, int Page, int PageSize, IReadOnlyList<(string Town, int Count)> Towns)
{
    public int PageCount => Total == 0 ? 1 : (int)Math.Ceiling(Total / (double)PageSize);
}

/// <summary>The public directory: active members of one chamber, filtered and paged the same way for page and API.</summary>
public sealed class DirectoryQuery(MaillageDbContext db)
{
    private static readonly StringComparer FrenchOrder = StringComparer.Create(new System.Globalization.CultureInfo("fr-CH"), ignoreCase: true);

    /// <param name="chamberId">One chamber's directory, or null for the whole network.</param>
    public IQueryable<Organisation> Filtered(Guid? chamberId, DirectoryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Organisations.AsNoTracking().Where(o => o.State == OrganisationState.Active);
        if (chamberId is { } id)
        {
            query = query.Where(o => o.ChamberId == id);
        }

        var q = filter.Q is { Length: > DirectoryFilter.MaxQueryLength } ? filter.Q[..DirectoryFilter.MaxQueryLength] : filter.Q;
        foreach (var term in TextNormalizer.Terms(q))
        {
            var pattern = DatabaseSetup.LikeContains(term);
            query = query.Where(o => EF.Functions.Like(o.SearchText, pattern, "\\"));
        }

        if (!string.IsNullOrEmpty(filter.Sector))
        {
            if (filter.Sector.Length == 1)
            {
                query = query.Where(o => o.Profile.NogaSection == filter.Sector);
            }
            else
            {
                var pattern = "%," + filter.Sector + ",%";
                query = query.Where(o => EF.Functions.Like(o.Profile.EssSectorCodes, pattern));
            }
        }

        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Profile.Status == status);
        }

        if (!string.IsNullOrEmpty(filter.Canton))
        {
            query = query.Where(o => o.Profile.Canton == filter.Canton);
        }

        if (!string.IsNullOrWhiteSpace(filter.Town))
        {
            var town = filter.Town.Trim();
            query = query.Where(o => o.Profile.Town == town);
        }

        return query;
    }

    public async Task<DirectoryPage> SearchAsync(Guid? chamberId, DirectoryFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Filtered(chamberId, filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderBy(o => o.NormalizedName)
            .ThenBy(o => o.Id)
            .Skip((filter.Page - 1) * filter.PageSize)
            .Take(filter.PageSize)
            .Select(o => new
            {
                o.Id,
                o.ChamberId,
                o.Slug,
                o.Profile.Name,
                o.Profile.LegalForm,
                o.Profile.Status,
                o.MembershipType,
                o.Profile.NogaSection,
                o.Profile.EssSectorCodes,
                o.Profile.Town,
                o.Profile.Canton,
                o.Profile.ShortDescription,
                o.Profile.Website,
                o.Profile.Latitude,
                o.Profile.Longitude,
            })
            .ToListAsync(cancellationToken);
        var chamberSlugs = await db.Chambers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, cancellationToken);
        var towns = await db.Organisations.AsNoTracking()
            .Where(o => (chamberId == null || o.ChamberId == chamberId) && o.State == OrganisationState.Active)
            .GroupBy(o => o.Profile.Town)
            .Select(g => new { Town = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // Sorted here, in French order, so both engines list towns alike whatever their collation.
        towns.Sort((a, b) => FrenchOrder.Compare(a.Town, b.Town));
        var items = rows.Select(r => new DirectoryEntry(
            r.Id, chamberSlugs[r.ChamberId], r.Slug, r.Name, r.LegalForm, r.Status, r.MembershipType, r.NogaSection,
            r.EssSectorCodes.Split(',', StringSplitOptions.RemoveEmptyEntries), r.Town, r.Canton, r.ShortDescription, r.Website,
            r.Latitude, r.Longitude)).ToList();
        return new DirectoryPage(items, total, filter.Page, filter.PageSize, towns.Select(t => (t.Town, t.Count)).ToList());
    }

    public Task<Organisation?> FindAsync(Guid chamberId, string slug, CancellationToken cancellationToken = default) =>
        db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == chamberId && o.Slug == slug && o.State == OrganisationState.Active, cancellationToken);
}
