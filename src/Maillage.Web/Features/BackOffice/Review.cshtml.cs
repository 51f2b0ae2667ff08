using Maillage.Domain.Common;
using Maillage.Domain.Criteria;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Membership;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

/// <summary>Staff review an application: answers beside expectations, possible duplicates, then a recorded decision.</summary>
public sealed class ReviewModel(MaillageDbContext db, Admission admission, AuditLog audit) : ChamberPageModel
{
    public MembershipApplication Application { get; private set; } = null!;

    public IReadOnlyList<Criterion> Criteria { get; private set; } = [];

    public AssessmentResult Assessment { get; private set; } = null!;

    public Organisation? Duplicate { get; private set; }

    public string? ReferrerName { get; private set; }

    public string? ReferrerSlug { get; private set; }

    [BindProperty]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostStartReviewAsync(Guid id) => ActAsync(id, null, app =>
    {
        app.StartReview(Actor, Now);
        audit.Record(Chamber.Id, "application.review-started", nameof(MembershipApplication), app.Id, app.Organisation.Name);
        return db.SaveChangesAsync(HttpContext.RequestAborted);
    });

    public Task<IActionResult> OnPostCommentAsync(Guid id) => ActAsync(id, "Comment", app =>
    {
        app.Comment(Actor, Text!, isInternal: true, Now);
        return db.SaveChangesAsync(HttpContext.RequestAborted);
    });

    public Task<IActionResult> OnPostRequestInformationAsync(Guid id) =>
        ActAsync(id, "Question", app => admission.RequestInformationAsync(Chamber, app, Actor, Text!, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRefuseAsync(Guid id) =>
        ActAsync(id, "Reason", app => admission.RefuseAsync(Chamber, app, Actor, Text!, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostAdmitAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        try
        {
            var organisation = await admission.AdmitAsync(Chamber, Application, Actor, Text, HttpContext.RequestAborted);
            Flash(L["Review.AdmittedFlash", organisation.Profile.Name]);
            return RedirectToPage(new { chamber = Chamber.Slug, id });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(nameof(Text), L[ex.Code == ValidationCodes.DuplicateOrganisation ? "Review.DuplicateBlocks" : "Application.InvalidTransition"]);
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            return Page();
        }
    }

    private Actor Actor => new(Me.UserId, $"{Me.DisplayName} ({Chamber.ShortName})");

    /// <summary>Runs one decision; a missing text or an impossible move comes back as a message by the field.</summary>
    private async Task<IActionResult> ActAsync(Guid id, string? requiredText, Func<MembershipApplication, Task> action)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (requiredText is not null && string.IsNullOrWhiteSpace(Text))
        {
            ModelState.AddModelError(nameof(Text), L[$"Review.{requiredText}Required"]);
            return Page();
        }

        if (Text is { Length: > 2000 })
        {
            ModelState.AddModelError(nameof(Text), L["Validation.TooLong", 2000]);
            return Page();
        }

        try
        {
            await action(Application);
        }
        catch (DomainException)
        {
            ModelState.AddModelError(nameof(Text), L["Application.InvalidTransition"]);
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            return Page();
        }

        Flash(L["Review.Saved"]);
        return RedirectToPage(new { chamber = Chamber.Slug, id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var application = await db.Applications.Include(a => a.Answers).Include(a => a.Events)
            .FirstOrDefaultAsync(a => a.Id == id && a.ChamberId == Chamber.Id, ct);
        if (application is null)
        {
            return false;
        }

        Application = application;
        Criteria = await db.Criteria.AsNoTracking().Where(c => c.ChamberId == Chamber.Id).OrderBy(c => c.Position).ToListAsync(ct);
        Assessment = application.AssessAgainst(Criteria);
        if (application.IsOpen)
        {
            Duplicate = await db.FindDuplicateAsync(Chamber.Id, application.Organisation, null, ct);
        }

        if (application.ReferredByOrganisationId is { } referrer)
        {
            var org = await db.Organisations.AsNoTracking().Where(o => o.Id == referrer).Select(o => new { o.Profile.Name, o.Slug }).FirstOrDefaultAsync(ct);
            ReferrerName = org?.Name;
            ReferrerSlug = org?.Slug;
        }

        return true;
    }
}
