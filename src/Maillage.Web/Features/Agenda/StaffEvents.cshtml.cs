using Maillage.Domain.Agenda;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Agenda;

/// <summary>Staff: the chamber's events (coming, past), members' proposals to accept.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class StaffEventsModel(MaillageDbContext db, AuditLog audit) : Shared.ChamberPageModel
{
    public IReadOnlyList<AgendaEvent> Coming { get; private set; } = [];

    public IReadOnlyList<AgendaEvent> Past { get; private set; } = [];

    public IReadOnlyList<AgendaEvent> Proposed { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Proposers { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        var events = await db.Set<AgendaEvent>().AsNoTracking().Where(e => e.ChamberId == Chamber.Id).OrderBy(e => e.StartsAtUtc).ToListAsync();
        Proposed = events.Where(e => e.Status == EventStatus.Proposed).ToList();
        Coming = events.Where(e => e.Status != EventStatus.Proposed && e.EndsAtUtc >= Now).ToList();
        Past = events.Where(e => e.Status != EventStatus.Proposed && e.EndsAtUtc < Now).OrderByDescending(e => e.StartsAtUtc).Take(50).ToList();
        var ids = Proposed.Select(e => e.ProposedByOrganisationId).OfType<Guid>().ToList();
        Proposers = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Profile.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid eventId)
    {
        var proposal = await db.Set<AgendaEvent>().FirstOrDefaultAsync(e => e.Id == eventId && e.ChamberId == Chamber.Id && e.Status == EventStatus.Proposed);
        if (proposal is null)
        {
            return NotFound();
        }

        proposal.Publish(Now);
        audit.Record(Chamber.Id, "agenda.accepted", nameof(AgendaEvent), proposal.Id, proposal.Title);
        await db.SaveChangesAsync();
        Flash(L["Agenda.ProposalAccepted", proposal.Title]);
        return Redirect($"/{Chamber.Slug}/gestion/agenda");
    }
}
