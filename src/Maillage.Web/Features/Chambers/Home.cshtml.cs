using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Chambers;

public sealed class HomeModel(MaillageDbContext db) : ChamberPageModel
{
    public sealed record SectorCount(string Code, int Count);

    public int MemberCount { get; private set; }

    public int CollectiveCount { get; private set; }

    public int TownCount { get; private set; }

    public IReadOnlyList<SectorCount> Sectors { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var members = await db.Organisations.AsNoTracking()
            .Where(o => o.ChamberId == Chamber.Id && o.State == OrganisationState.Active)
            .Select(o => new { o.MembershipType, o.Profile.Town, o.Profile.EssSectorCodes })
            .ToListAsync(HttpContext.RequestAborted);
        MemberCount = members.Count;
        CollectiveCount = members.Count(m => m.MembershipType == MembershipType.Collective);
        TownCount = members.Select(m => m.Town).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        Sectors = members
            .SelectMany(m => m.EssSectorCodes.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(code => code)
            .Select(g => new SectorCount(g.Key, g.Count()))
            .OrderByDescending(s => s.Count)
            .ThenBy(s => s.Code, StringComparer.Ordinal)
            .ToList();
    }
}
