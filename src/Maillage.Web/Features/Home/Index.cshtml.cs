using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Home;

public sealed class IndexModel(MaillageDbContext db) : PlatformPageModel
{
    public sealed record ChamberCard(string Slug, string Name, string ShortName, string Tagline, int Members);

    public IReadOnlyList<ChamberCard> Chambers { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Chambers = await db.Chambers.AsNoTracking()
            .OrderBy(c => c.Slug)
            .Select(c => new ChamberCard(c.Slug, c.Name, c.ShortName, c.Tagline, db.Organisations.Count(o => o.ChamberId == c.Id && o.State == OrganisationState.Active)))
            .ToListAsync(HttpContext.RequestAborted);
    }
}
