using Maillage.Domain.Common;
using Maillage.Domain.Criteria;
using Maillage.Domain.Membership;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Membership;

/// <summary>The applicant follows the application: its state, the exchange with staff, and answers to questions.</summary>
[Authorize]
public sealed class StatusModel(MaillageDbContext db, EmailOutbox outbox) : ChamberPageModel
{
    public MembershipApplication Application { get; private set; } = null!;

    public IReadOnlyList<Criterion> Criteria { get; private set; } = [];

    public AssessmentResult Assessment { get; private set; } = null!;

    [BindProperty]
    public string? Reply { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!Application.Can(ApplicationEventKind.InformationProvided))
        {
            ModelState.AddModelError(nameof(Reply), L["Application.InvalidTransition"]);
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Reply) || Reply.Trim().Length < 2)
        {
            ModelState.AddModelError(nameof(Reply), L["Validation.Required"]);
            return Page();
        }

        if (Reply.Length > 2000)
        {
            ModelState.AddModelError(nameof(Reply), L["Validation.TooLong", 2000]);
            return Page();
        }

        Application.ProvideInformation(new Actor(Me.UserId, Me.DisplayName), Reply, Now);
        if (Chamber.ContactEmail is { } chamberEmail)
        {
            outbox.Queue(Chamber.Id, chamberEmail, L["Email.ApplicationToReview.Subject", Application.Organisation.Name], L["Email.ApplicationToReview.Body", Application.Organisation.Name, outbox.Link($"/{Chamber.Slug}/gestion/demandes/{Application.Id}")], EmailKinds.ApplicationToReview);
        }

        await db.SaveChangesAsync();
        Flash(L["Application.ReplySent"]);
        return RedirectToPage(new { chamber = Chamber.Slug, id });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!Application.Can(ApplicationEventKind.Withdrawn))
        {
            ModelState.AddModelError(string.Empty, L["Application.InvalidTransition"]);
            return Page();
        }

        Application.Withdraw(new Actor(Me.UserId, Me.DisplayName), Now);
        await db.SaveChangesAsync();
        Flash(L["Application.Withdrawn"]);
        return RedirectToPage(new { chamber = Chamber.Slug, id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var application = await db.Applications
            .Include(a => a.Answers)
            .Include(a => a.Events)
            .FirstOrDefaultAsync(a => a.Id == id && a.ChamberId == Chamber.Id, HttpContext.RequestAborted);

        // Only the applicant and the chamber's staff may see it; others get 404, not a hint that it exists.
        if (application is null || (application.ApplicantUserId != Me.UserId && !Me.IsStaff(Chamber.Id)))
        {
            return false;
        }

        Application = application;
        Criteria = await db.Criteria.AsNoTracking().Where(c => c.ChamberId == Chamber.Id).OrderBy(c => c.Position).ToListAsync(HttpContext.RequestAborted);
        Assessment = application.AssessAgainst(Criteria);
        return true;
    }
}
