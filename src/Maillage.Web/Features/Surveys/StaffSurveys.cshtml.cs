using Maillage.Domain.Surveys;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Surveys;

/// <summary>Staff: the chamber's surveys with their answer counts; start a new one.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class StaffSurveysModel(MaillageDbContext db, AuditLog audit) : Shared.ChamberPageModel
{
    public sealed record Line(Survey Survey, int Submitted, int Questions);

    public sealed class NewSurveyInput
    {
        public string? Title { get; set; }

        public bool Anonymous { get; set; }
    }

    [BindProperty]
    public NewSurveyInput Input { get; set; } = new();

    public IReadOnlyList<Line> Surveys { get; private set; } = [];

    public DateTime At => Now;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var settings = new SurveySettings { Title = Input.Title ?? string.Empty, Anonymous = Input.Anonymous };
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            ModelState.AddSurveyErrors(errors, L, f => "Input." + f);
            await LoadAsync();
            return Page();
        }

        var survey = Survey.Create(Chamber.Id, settings, Now);
        db.Add(survey);
        audit.Record(Chamber.Id, "survey.created", nameof(Survey), survey.Id, survey.Title);
        await db.SaveChangesAsync();
        return Redirect($"/{Chamber.Slug}/gestion/enquetes/{survey.Id}");
    }

    private async Task LoadAsync()
    {
        var surveys = await db.Set<Survey>().AsNoTracking().Include(s => s.Questions).Where(s => s.ChamberId == Chamber.Id).ToListAsync();
        var ids = surveys.Select(s => s.Id).ToList();
        var counts = await db.Set<SurveyResponse>().Where(r => ids.Contains(r.SurveyId) && r.State == ResponseState.Submitted)
            .GroupBy(r => r.SurveyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Surveys = surveys.OrderByDescending(s => s.CreatedAt).Select(s => new Line(s, counts.GetValueOrDefault(s.Id), s.Questions.Count)).ToList();
    }
}
