using Maillage.Domain.Needs;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Needs;

/// <summary>Staff's view of the chamber's needs: how many were met inside the network, groups to suggest, every need.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class StaffNeedsModel(MaillageDbContext db, NeedBoard board) : ChamberPageModel
{
    public sealed record Group(CommonNeedGroup Source, IReadOnlyList<(Need Need, string OrganisationName)> Needs);

    public NeedStatistics Statistics { get; private set; } = new(0, 0, 0, 0);

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public IReadOnlyList<(Need Need, string OrganisationName)> Needs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var needs = await db.Set<Need>().AsNoTracking().Where(n => n.ChamberId == Chamber.Id).OrderByDescending(n => n.CreatedAt).ToListAsync();
        var names = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == Chamber.Id).ToDictionaryAsync(o => o.Id, o => o.Profile.Name);
        Statistics = NeedStatistics.Of(needs.Select(n => (n.State, n.Outcome)));
        Needs = needs.Select(n => (n, names.GetValueOrDefault(n.OrganisationId, string.Empty))).ToList();
        var byId = needs.ToDictionary(n => n.Id);
        Groups = (await board.CommonGroupsAsync(Chamber.Id, Maillage.Domain.ChamberDays.Of(Now), HttpContext.RequestAborted))
            .Select(g => new Group(g, g.Needs.Select(n => (byId[n.NeedId], names.GetValueOrDefault(n.OrganisationId, string.Empty))).ToList()))
            .ToList();
        return Page();
    }
}
