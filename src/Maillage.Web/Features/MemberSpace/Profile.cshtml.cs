using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.MemberSpace;

/// <summary>A member admin edits the organisation's public profile.</summary>
public sealed class ProfileModel(MaillageDbContext db, AuditLog audit) : ChamberPageModel
{
    [BindProperty]
    public ProfileForm Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        Input = ProfileForm.From(Organisation.Profile);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        var (profile, errors) = Input.ToProfile(Now.Year);
        ModelState.AddErrors(errors, L, "Input.");
        if (ModelState.IsValid && await db.FindDuplicateAsync(Chamber.Id, profile, Organisation.Id, HttpContext.RequestAborted) is { } duplicate)
        {
            ModelState.AddModelError("Input.Name", L["Validation.DuplicateOrganisationNamed", duplicate.Profile.Name, duplicate.Profile.Town]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Organisation.UpdateProfile(profile, Now);
        audit.Record(Chamber.Id, "member.updated", nameof(Organisation), Organisation.Id, profile.Name);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(L["Members.Saved", profile.Name]);
        return Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == slug, HttpContext.RequestAborted);

        // Strangers get 404: whether an organisation has a member space is nobody else's business.
        if (organisation is null || !(Me.IsMemberOf(organisation.Id) || Me.IsStaff(Chamber.Id)))
        {
            return false;
        }

        Organisation = organisation;
        CanEdit = Me.CanEditOrganisation(Chamber.Id, organisation.Id);
        return true;
    }
}
