using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Clearing;

/// <summary>One round's result for staff: figures, cycles, the network before and after, and the CSV export.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class RoundModel(ClearingReports reports) : Shared.ChamberPageModel
{
    public RoundReport Report { get; private set; } = null!;

    /// <summary>The largest pair amount, so that both pictures share one scale.</summary>
    public long Scale => Report.Arcs.Count == 0 ? 1 : Report.Arcs.Max(a => a.Before);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return File(ClearingReports.RoundCsv(Report), "text/csv; charset=utf-8", $"compensation-{Chamber.Slug}-{Report.Round.StartedAt:yyyy-MM-dd}.csv");
    }

    public string Name(Guid organisationId) => Report.Names.TryGetValue(organisationId, out var name) ? name : organisationId.ToString();

    private async Task<bool> LoadAsync(Guid id)
    {
        var report = await reports.RoundAsync(Chamber.Id, id, HttpContext.RequestAborted);
        if (report is null)
        {
            return false;
        }

        Report = report;
        return true;
    }
}
