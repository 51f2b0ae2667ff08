using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Clearing;

/// <summary>The set-off notice of one round for the organisation: a printable page, and the same lines as CSV.</summary>
public sealed class NoticeModel(ClearingReports reports) : MemberInvoicePageModel
{
    public SetOffNotice Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string org, Guid round) => await LoadAsync(org, round) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(string org, Guid round)
    {
        if (!await LoadAsync(org, round))
        {
            return NotFound();
        }

        return File(ClearingReports.NoticeCsv(Notice), "text/csv; charset=utf-8", $"compensation-{Organisation.Slug}-{Notice.Round.StartedAt:yyyy-MM-dd}.csv");
    }

    private async Task<bool> LoadAsync(string org, Guid round)
    {
        if (!await LoadOrganisationAsync(org))
        {
            return false;
        }

        var notice = await reports.NoticeAsync(Chamber.Id, round, Organisation.Id, HttpContext.RequestAborted);
        if (notice is null)
        {
            return false;
        }

        Notice = notice;
        return true;
    }
}
