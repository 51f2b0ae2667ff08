using Maillage.Domain.Surveys;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Surveys;

/// <summary>Staff: live results with charts and tables, the free-text answers, the response rate; CSV export.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class ResultsModel(SurveyDesk desk) : Shared.ChamberPageModel
{
    public SurveyReport Report { get; private set; } = null!;

    public DateTime At => Now;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var survey = await desk.FindAsync(Chamber.Id, id, HttpContext.RequestAborted);
        if (survey is null)
        {
            return NotFound();
        }

        Report = await desk.ReportAsync(survey, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid id)
    {
        var survey = await desk.FindAsync(Chamber.Id, id, HttpContext.RequestAborted);
        if (survey is null)
        {
            return NotFound();
        }

        var report = await desk.ReportAsync(survey, HttpContext.RequestAborted);
        var name = Domain.Common.TextNormalizer.Slug(survey.Title, 60);
        return File(SurveyCsv.Write(report, L), "text/csv; charset=utf-8", $"enquete-{(name.Length == 0 ? "reponses" : name)}.csv");
    }
}
