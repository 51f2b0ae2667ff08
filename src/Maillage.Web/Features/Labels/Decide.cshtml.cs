using Maillage.Domain.Common;
using Maillage.Domain.Criteria;
using Maillage.Domain.Labels;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Membership;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Labels;

/// <summary>
/// Staff decide on a member's label: its criteria self-assessment from its admission beside the decision, then
/// grant (with a period), renew (a new period, or again after a revocation) or revoke with a reason.
/// </summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class DecideModel(MaillageDbContext db, LabelBook labels) : ChamberPageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public EssLabel? Label { get; private set; }

    public LabelStatus? Status { get; private set; }

    public MembershipApplication? Admission { get; private set; }

    public IReadOnlyList<Criterion> Criteria { get; private set; } = [];

    public AssessmentResult? Assessment { get; private set; }

    public DateOnly Today { get; private set; }

    [BindProperty]
    public DateOnly? ValidFrom { get; set; }

    [BindProperty]
    public DateOnly? ValidUntil { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        // A first period of two years; a renewal follows on from the current period (or starts today after a lapse).
        ValidFrom = Label is null || Status == LabelStatus.Revoked ? Today : new[] { Today, Label.ValidUntil.AddDays(1) }.Max();
        ValidUntil = ValidFrom.Value.AddYears(2).AddDays(-1);
        return Page();
    }

    public Task<IActionResult> OnPostGrantAsync(string org) => DecideAsync(org, needsPeriod: true, async () =>
    {
        if (Label is not null)
        {
            throw new DomainException("LabelExists");
        }

        await labels.GrantAsync(Chamber, Organisation, ValidFrom!.Value, ValidUntil!.Value, Note, Actor, HttpContext.RequestAborted);
        return L["Label.GrantedFlash", Organisation.Profile.Name];
    });

    public Task<IActionResult> OnPostRenewAsync(string org) => DecideAsync(org, needsPeriod: true, async () =>
    {
        if (Label is null)
        {
            throw new DomainException("LabelMissing");
        }

        await labels.RenewAsync(Chamber, Organisation, Label, ValidFrom!.Value, ValidUntil!.Value, Note, Actor, HttpContext.RequestAborted);
        return L["Label.RenewedFlash", Organisation.Profile.Name];
    });

    public Task<IActionResult> OnPostRevokeAsync(string org) => DecideAsync(org, needsPeriod: false, async () =>
    {
        if (Label is null)
        {
            throw new DomainException("LabelMissing");
        }

        await labels.RevokeAsync(Chamber, Organisation, Label, Reason ?? string.Empty, Actor, HttpContext.RequestAborted);
        return L["Label.RevokedFlash", Organisation.Profile.Name];
    });

    private Actor Actor => new(Me.UserId, $"{Me.DisplayName} ({Chamber.ShortName})");

    private async Task<IActionResult> DecideAsync(string org, bool needsPeriod, Func<Task<string>> decision)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (needsPeriod)
        {
            if (!ModelState.IsValid)
            {
                return Page();
            }

            foreach (var error in EssLabel.ValidatePeriod(ValidFrom, ValidUntil, Today))
            {
                ModelState.AddModelError(error.Field, LabelMessages.For(L, error, "Label.Error"));
            }
        }
        else if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), L["Label.ReasonRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Flash(await decision());
        }
        catch (DomainException ex)
        {
            var field = ex.Field switch
            {
                "Reason" => nameof(Reason),
                "Note" => nameof(Note),
                nameof(EssLabel.ValidFrom) => nameof(ValidFrom),
                nameof(EssLabel.ValidUntil) => nameof(ValidUntil),
                _ => needsPeriod ? nameof(ValidUntil) : nameof(Reason),
            };
            ModelState.AddModelError(field, LabelMessages.For(L, new ValidationError(field, ex.Code, EssLabel.MaxYears), "Label.Error"));
            db.ChangeTracker.Clear();
            await LoadAsync(org);
            return Page();
        }

        return Redirect($"/{Chamber.Slug}/gestion/label/{Organisation.Slug}");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var ct = HttpContext.RequestAborted;
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == slug, ct);
        if (organisation is null)
        {
            return false;
        }

        Organisation = organisation;
        Today = labels.Today;
        Label = await labels.OfAsync(Chamber.Id, organisation.Id, ct);
        Status = Label?.StatusOn(Today);
        Admission = await db.Applications.AsNoTracking().Include(a => a.Answers)
            .Where(a => a.ChamberId == Chamber.Id && a.OrganisationId == organisation.Id && a.State == ApplicationState.Admitted)
            .OrderByDescending(a => a.DecidedAt).FirstOrDefaultAsync(ct);
        if (Admission is not null)
        {
            Criteria = await db.Criteria.AsNoTracking().Where(c => c.ChamberId == Chamber.Id).OrderBy(c => c.Position).ToListAsync(ct);
            Assessment = Admission.AssessAgainst(Criteria);
        }

        return true;
    }
}
