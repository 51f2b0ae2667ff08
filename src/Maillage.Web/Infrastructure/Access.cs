using Maillage.Domain.Chambers;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Infrastructure;

/// <summary>What the current person may do, read from the database once per request (roles change without sign-out).</summary>
public sealed class Access(IHttpContextAccessor httpContextAccessor, MaillageDbContext db)
{
    private Snapshot? _snapshot;

    public sealed record Snapshot(
        Guid? UserId,
        string DisplayName,
        bool IsNetworkAdmin,
        IReadOnlyDictionary<Guid, ChamberRole> Chambers,
        IReadOnlyDictionary<Guid, (Guid ChamberId, OrganisationRole Role)> Organisations)
    {
        public bool IsAuthenticated => UserId is not null;

        public bool IsStaff(Guid chamberId) => IsNetworkAdmin || Chambers.ContainsKey(chamberId);

        public bool IsChamberAdmin(Guid chamberId) => IsNetworkAdmin || (Chambers.TryGetValue(chamberId, out var role) && role == ChamberRole.Admin);

        public bool IsMemberOf(Guid organisationId) => Organisations.ContainsKey(organisationId);

        public bool IsMemberAdmin(Guid organisationId) =>
            Organisations.TryGetValue(organisationId, out var m) && m.Role == OrganisationRole.MemberAdmin;

        /// <summary>Staff of the organisation's chamber or its own member admin may edit it.</summary>
        public bool CanEditOrganisation(Guid chamberId, Guid organisationId) => IsStaff(chamberId) || IsMemberAdmin(organisationId);
    }

    public Guid? UserId
    {
        get
        {
            var value = httpContextAccessor.HttpContext?.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
            return Guid.TryParse(value, out var id) ? id : null;
        }
    }

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_snapshot is not null)
        {
            return _snapshot;
        }

        var userId = UserId;
        if (userId is null)
        {
            return _snapshot = new Snapshot(null, string.Empty, false, new Dictionary<Guid, ChamberRole>(), new Dictionary<Guid, (Guid, OrganisationRole)>());
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.FirstName, u.LastName, u.IsNetworkAdmin }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return _snapshot = new Snapshot(null, string.Empty, false, new Dictionary<Guid, ChamberRole>(), new Dictionary<Guid, (Guid, OrganisationRole)>());
        }

        var chambers = await db.ChamberStaff.AsNoTracking().Where(s => s.UserId == userId).ToDictionaryAsync(s => s.ChamberId, s => s.Role, cancellationToken);
        var organisations = await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => new { m.OrganisationId, o.ChamberId, m.Role })
            .ToDictionaryAsync(x => x.OrganisationId, x => (x.ChamberId, x.Role), cancellationToken);
        return _snapshot = new Snapshot(userId, $"{user.FirstName} {user.LastName}".Trim(), user.IsNetworkAdmin, chambers, organisations);
    }
}

/// <summary>Finds the chamber named in the URL, once per request.</summary>
public sealed class ChamberResolver(MaillageDbContext db)
{
    private readonly Dictionary<string, Chamber?> _cache = new(StringComparer.Ordinal);

    public async Task<Chamber?> FindAsync(string? slug, CancellationToken cancellationToken = default)
    {
        if (!Chamber.IsValidSlug(slug))
        {
            return null;
        }

        if (!_cache.TryGetValue(slug!, out var chamber))
        {
            chamber = await db.Chambers.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
            _cache[slug!] = chamber;
        }

        return chamber;
    }

    public async Task<Chamber?> FromRouteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await FindAsync(context.GetRouteValue("chamber") as string, context.RequestAborted);
    }
}

public sealed record ChamberRoleRequirement(ChamberRole Role) : IAuthorizationRequirement;

/// <summary>
/// Grants chamber policies only for the chamber named in the route: staff of Geneva are strangers in Vaud,
/// for pages and API alike.
/// </summary>
public sealed class ChamberRoleHandler(IHttpContextAccessor httpContextAccessor, Access access, ChamberResolver chambers)
    : AuthorizationHandler<ChamberRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ChamberRoleRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var http = httpContextAccessor.HttpContext;
        if (http is null)
        {
            return;
        }

        var chamber = await chambers.FromRouteAsync(http);
        if (chamber is null)
        {
            return;
        }

        var snapshot = await access.GetAsync(http.RequestAborted);
        var allowed = requirement.Role == ChamberRole.Admin ? snapshot.IsChamberAdmin(chamber.Id) : snapshot.IsStaff(chamber.Id);
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}
