using Maillage.Domain.Organisations;
using Maillage.Domain.Surveys;
using Maillage.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Surveys;

/// <summary>A member's surveys: the chamber's open surveys this person was sent a personal link for, pending first.</summary>
[Authorize]
public sealed class MemberSurveysModel(MaillageDbContext db) : Shared.ChamberPageModel
{
    public sealed record Line(Survey Survey, string Token, bool Submitted, bool HasDraft);

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<Line> Surveys { get; private set; } = [];

    public DateTime At => Now;

    public async Task<IActionResult> OnGetAsync(string org)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == org, HttpContext.RequestAborted);
        if (organisation is null || !(Me.IsMemberOf(organisation.Id) || Me.IsStaff(Chamber.Id)))
        {
            return NotFound();
        }

        Organisation = organisation;

        // Personal links belong to the person they were sent to: staff looking at the space see none.
        var rows = await (
            from i in db.Set<SurveyInvitation>()
            join s in db.Set<Survey>() on i.SurveyId equals s.Id
            where i.OrganisationId == organisation.Id && i.UserId == Me.UserId && s.ChamberId == Chamber.Id && s.State == SurveyState.Open
            select new { Survey = s, i.Token, i.SubmittedOn, Draft = i.DraftJson != null }).ToListAsync(HttpContext.RequestAborted);
        Surveys = rows.Where(r => r.Survey.StateAt(Now) == SurveyState.Open)
            .Select(r => new Line(r.Survey, r.Token, r.SubmittedOn is not null, r.Draft))
            .OrderBy(l => l.Submitted).ThenBy(l => l.Survey.ClosesAt ?? DateTime.MaxValue).ToList();
        return Page();
    }
}
