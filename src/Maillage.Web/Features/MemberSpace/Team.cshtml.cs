using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Identity;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.MemberSpace;

/// <summary>A member admin adds colleagues as users of the organisation, changes their role or removes them.</summary>
public sealed class TeamModel(MaillageDbContext db, Invitations invitations, AuditLog audit) : ChamberPageModel
{
    public sealed record Person(Guid UserId, string Name, string Email, OrganisationRole Role, bool Confirmed);

    public sealed class InviteInput
    {
        public string? Email { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public OrganisationRole Role { get; set; } = OrganisationRole.MemberUser;
    }

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<Person> People { get; private set; } = [];

    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string org) => await LoadAsync(org) ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviteAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanManage)
        {
            return Forbid();
        }

        var email = Input.Email?.Trim() ?? string.Empty;
        if (!OrganisationProfile.IsEmail(email))
        {
            ModelState.AddModelError("Input.Email", L[string.IsNullOrEmpty(email) ? "Validation.Required" : "Validation.InvalidEmail"]);
        }

        if (!Enum.IsDefined(Input.Role))
        {
            ModelState.AddModelError("Input.Role", L["Validation.InvalidChoice"]);
        }

        var user = ModelState.IsValid ? await invitations.FindAsync(email) : null;
        if (user is null)
        {
            if (string.IsNullOrWhiteSpace(Input.FirstName))
            {
                ModelState.AddModelError("Input.FirstName", L["Validation.Required"]);
            }

            if (string.IsNullOrWhiteSpace(Input.LastName))
            {
                ModelState.AddModelError("Input.LastName", L["Validation.Required"]);
            }
        }
        else if (People.Any(p => p.UserId == user.Id))
        {
            ModelState.AddModelError("Input.Email", L["Team.AlreadyMember"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var invited = await invitations.InviteAsync(Chamber.Id, email, Input.FirstName, Input.LastName, Me.DisplayName, Organisation.Profile.Name, $"/{Chamber.Slug}/espace/{Organisation.Slug}");
        if (invited.User is null)
        {
            foreach (var error in invited.Errors)
            {
                ModelState.AddModelError("Input.Email", error);
            }

            return Page();
        }

        user = invited.User;
        db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = Organisation.Id, UserId = user.Id, Role = Input.Role, Since = Now });
        audit.Record(Chamber.Id, "team.added", nameof(Organisation), Organisation.Id, Organisation.Profile.Name);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Flash(L["Team.Added", user.DisplayName]);
        return Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}/equipe");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string org, Guid userId)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanManage)
        {
            return Forbid();
        }

        var membership = await db.OrganisationMembers.FirstOrDefaultAsync(m => m.OrganisationId == Organisation.Id && m.UserId == userId);
        if (membership is null)
        {
            return NotFound();
        }

        // An organisation always keeps at least one admin.
        if (membership.Role == OrganisationRole.MemberAdmin && People.Count(p => p.Role == OrganisationRole.MemberAdmin) <= 1)
        {
            ModelState.AddModelError(string.Empty, L["Team.LastAdmin"]);
            return Page();
        }

        db.OrganisationMembers.Remove(membership);
        audit.Record(Chamber.Id, "team.removed", nameof(Organisation), Organisation.Id, Organisation.Profile.Name);
        await db.SaveChangesAsync();
        Flash(L["Team.Removed"]);
        return Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}/equipe");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == slug, HttpContext.RequestAborted);
        if (organisation is null || !(Me.IsMemberOf(organisation.Id) || Me.IsStaff(Chamber.Id)))
        {
            return false;
        }

        Organisation = organisation;
        CanManage = Me.CanEditOrganisation(Chamber.Id, organisation.Id);
        People = await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.OrganisationId == organisation.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new Person(u.Id, u.FirstName + " " + u.LastName, u.Email ?? string.Empty, m.Role, u.EmailConfirmed))
            .ToListAsync(HttpContext.RequestAborted);
        return true;
    }
}
