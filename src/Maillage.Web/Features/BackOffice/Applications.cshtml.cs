using Maillage.Domain.Membership;
using Maillage.Web.Data;
using Maillage.Web.Features.Membership;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

public sealed class ApplicationsModel(MaillageDbContext db) : ChamberPageModel
{
    public sealed record Row(Guid Id, string Name, string Town, DateTime SubmittedAt, ApplicationState State, int Score);

    [FromQuery(Name = "state")]
    public ApplicationState? State { get; set; }

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var query = db.Applications.AsNoTracking().Include(a => a.Answers).Where(a => a.ChamberId == Chamber.Id);
        query = State is { } state
            ? query.Where(a => a.State == state)
            : query.Where(a => a.State == ApplicationState.Submitted || a.State == ApplicationState.UnderReview || a.State == ApplicationState.InformationRequested);
        var applications = await query.OrderBy(a => a.SubmittedAt).Take(500).ToListAsync(HttpContext.RequestAborted);
        var criteria = await db.Criteria.AsNoTracking().Where(c => c.ChamberId == Chamber.Id).ToListAsync(HttpContext.RequestAborted);
        Items = applications.Select(a => new Row(a.Id, a.Organisation.Name, a.Organisation.Town, a.SubmittedAt, a.State, a.AssessAgainst(criteria).ScorePercent)).ToList();
    }
}
