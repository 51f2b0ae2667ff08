using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

public sealed class IndexModel(MaillageDbContext db) : ChamberPageModel
{
    public int OpenApplications { get; private set; }

    public int ActiveMembers { get; private set; }

    public int CollectiveMembers { get; private set; }

    public int PendingEmails { get; private set; }

    public IReadOnlyList<AuditEntry> Recent { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        OpenApplications = await db.Applications.CountAsync(a => a.ChamberId == Chamber.Id && (a.State == ApplicationState.Submitted || a.State == ApplicationState.UnderReview || a.State == ApplicationState.InformationRequested), ct);
        ActiveMembers = await db.Organisations.CountAsync(o => o.ChamberId == Chamber.Id && o.State == OrganisationState.Active, ct);
        CollectiveMembers = await db.Organisations.CountAsync(o => o.ChamberId == Chamber.Id && o.State == OrganisationState.Active && o.MembershipType == MembershipType.Collective, ct);
        PendingEmails = await db.Outbox.CountAsync(m => m.ChamberId == Chamber.Id && m.SentAt == null, ct);
        Recent = await db.Audit.AsNoTracking().Where(a => a.ChamberId == Chamber.Id).OrderByDescending(a => a.At).Take(10).ToListAsync(ct);
    }
}
