using Maillage.Domain.Chambers;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Account;

/// <summary>My account: the organisations I act for, the chambers I work for, the applications I follow.</summary>
public sealed class IndexModel(MaillageDbContext db) : PlatformPageModel
{
    public sealed record OrganisationLink(string ChamberSlug, string ChamberName, string Slug, string Name, OrganisationRole Role);

    public sealed record ChamberLink(string Slug, string Name, ChamberRole Role);

    public sealed record ApplicationLink(string ChamberSlug, Guid Id, string Name, ApplicationState State);

    public string Email { get; private set; } = string.Empty;

    public IReadOnlyList<OrganisationLink> Organisations { get; private set; } = [];

    public IReadOnlyList<ChamberLink> Chambers { get; private set; } = [];

    public IReadOnlyList<ApplicationLink> Applications { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var userId = Me.UserId!.Value;
        Email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email ?? string.Empty).FirstAsync(ct);
        Organisations = await db.OrganisationMembers.Where(m => m.UserId == userId)
            .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => new { m.Role, o.Slug, o.Profile.Name, o.ChamberId })
            .Join(db.Chambers, x => x.ChamberId, c => c.Id, (x, c) => new OrganisationLink(c.Slug, c.ShortName, x.Slug, x.Name, x.Role))
            .ToListAsync(ct);
        Chambers = Me.IsNetworkAdmin
            ? await db.Chambers.OrderBy(c => c.Slug).Select(c => new ChamberLink(c.Slug, c.ShortName, ChamberRole.Admin)).ToListAsync(ct)
            : await db.ChamberStaff.Where(s => s.UserId == userId).Join(db.Chambers, s => s.ChamberId, c => c.Id, (s, c) => new ChamberLink(c.Slug, c.ShortName, s.Role)).ToListAsync(ct);
        Applications = await db.Applications.Where(a => a.ApplicantUserId == userId)
            .Join(db.Chambers, a => a.ChamberId, c => c.Id, (a, c) => new ApplicationLink(c.Slug, a.Id, a.Organisation.Name, a.State))
            .ToListAsync(ct);
    }
}
