using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

/// <summary>Staff create a member or edit any member of their chamber (profile, membership, state).</summary>
public sealed class MemberEditModel(MaillageDbContext db, AuditLog audit) : ChamberPageModel
{
    public sealed class MemberInput
    {
        public ProfileForm Profile { get; set; } = new();

        public MembershipType MembershipType { get; set; } = MembershipType.Collective;

        public OrganisationState State { get; set; } = OrganisationState.Active;

        public DateOnly? MemberSince { get; set; }
    }

    [BindProperty]
    public MemberInput Input { get; set; } = new();

    public Organisation? Existing { get; private set; }

    public bool IsNew => Existing is null;

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (id is null)
        {
            Input.Profile.Canton = Chamber.Canton;
            Input.MemberSince = Maillage.Domain.ChamberDays.Of(Now);
            return Page();
        }

        Existing = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.ChamberId == Chamber.Id, HttpContext.RequestAborted);
        if (Existing is null)
        {
            return NotFound();
        }

        Input = new MemberInput { Profile = ProfileForm.From(Existing.Profile), MembershipType = Existing.MembershipType, State = Existing.State, MemberSince = Existing.MemberSince };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        var ct = HttpContext.RequestAborted;
        Organisation? organisation = null;
        if (id is not null)
        {
            organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id && o.ChamberId == Chamber.Id, ct);
            if (organisation is null)
            {
                return NotFound();
            }

            Existing = organisation;
        }

        var (profile, errors) = Input.Profile.ToProfile(Now.Year);
        ModelState.AddErrors(errors, L, "Input.Profile.");
        if (!Enum.IsDefined(Input.MembershipType))
        {
            ModelState.AddModelError("Input.MembershipType", L["Validation.InvalidChoice"]);
        }

        if (!Enum.IsDefined(Input.State))
        {
            ModelState.AddModelError("Input.State", L["Validation.InvalidChoice"]);
        }

        if (Input.MemberSince is null)
        {
            ModelState.AddModelError("Input.MemberSince", L["Validation.Required"]);
        }

        if (ModelState.IsValid && await db.FindDuplicateAsync(Chamber.Id, profile, organisation?.Id, ct) is { } duplicate)
        {
            ModelState.AddModelError("Input.Profile.Name", L["Validation.DuplicateOrganisationNamed", duplicate.Profile.Name, duplicate.Profile.Town]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (organisation is null)
        {
            organisation = new Organisation(Chamber.Id, await db.UniqueSlugAsync(Chamber.Id, profile.Name, ct), profile, Input.MembershipType, Input.MemberSince!.Value, Now);
            db.Organisations.Add(organisation);
            audit.Record(Chamber.Id, "member.created", nameof(Organisation), organisation.Id, profile.Name);
        }
        else
        {
            organisation.UpdateProfile(profile, Now);
            organisation.MembershipType = Input.MembershipType;
            organisation.State = Input.State;
            organisation.MemberSince = Input.MemberSince!.Value;
            audit.Record(Chamber.Id, "member.updated", nameof(Organisation), organisation.Id, profile.Name);
        }

        await db.SaveChangesAsync(ct);
        Flash(L["Members.Saved", profile.Name]);
        return Redirect($"/{Chamber.Slug}/gestion/membres/{organisation.Id}");
    }
}
