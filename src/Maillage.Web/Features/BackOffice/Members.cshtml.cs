using Maillage.Domain.Common;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

public sealed class MembersModel(MaillageDbContext db, MemberCsv csv) : ChamberPageModel
{
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    public IReadOnlyList<Organisation> Items { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var query = db.Organisations.AsNoTracking().Where(o => o.ChamberId == Chamber.Id);
        foreach (var term in TextNormalizer.Terms(Q))
        {
            var pattern = DatabaseSetup.LikeContains(term);
            query = query.Where(o => EF.Functions.Like(o.SearchText, pattern, "\\"));
        }

        Items = await query.OrderBy(o => o.NormalizedName).Take(1000).ToListAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var bytes = await csv.ExportAsync(Chamber.Id, HttpContext.RequestAborted);
        return File(bytes, "text/csv; charset=utf-8", $"membres-{Chamber.Slug}-{Now:yyyy-MM-dd}.csv");
    }
}
