using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

public sealed record ConsortiumRow(Guid Id, string Notice, DateTime? Deadline, ConsortiumState State, ConsortiumRole Role, ConsortiumMemberStatus Status);

/// <summary>The organisation's consortia and the invitations waiting for its answer.</summary>
public sealed class MyConsortiaModel : OrganisationProcurementPageModel
{
    public IReadOnlyList<ConsortiumRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string org)
    {
        if (!await LoadOrganisationAsync(org))
        {
            return NotFound();
        }

        Rows = await Db.Set<ConsortiumMember>().AsNoTracking().Where(m => m.OrganisationId == Organisation.Id)
            .Join(Db.Set<Consortium>().Where(c => c.ChamberId == Chamber.Id), m => m.ConsortiumId, c => c.Id, (m, c) => new { m, c })
            .Join(Db.Set<TenderNotice>(), x => x.c.NoticeId, n => n.Id, (x, n) => new ConsortiumRow(x.c.Id, n.Title, n.TenderDeadline, x.c.State, x.m.Role, x.m.Status))
            .ToListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
