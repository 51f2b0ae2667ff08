using Maillage.Domain.Chambers;
using Maillage.Domain.Common;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Identity;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

/// <summary>The chamber admin sets the chamber's public details and admission settings, and manages its team.</summary>
public sealed class SettingsModel(MaillageDbContext db, Invitations invitations, AuditLog audit) : ChamberPageModel
{
    public sealed class SettingsInput
    {
        public string? Name { get; set; }

        public string? ShortName { get; set; }

        public string? Tagline { get; set; }

        public string? ContactEmail { get; set; }

        public string? Website { get; set; }

        public bool AcceptsApplications { get; set; }

        public int AdmissionScoreThreshold { get; set; }
    }

    public sealed class StaffInput
    {
        public string? Email { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public ChamberRole Role { get; set; } = ChamberRole.Staff;
    }

    public sealed record Person(Guid UserId, string Name, string Email, ChamberRole Role);

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    [BindProperty]
    public StaffInput NewStaff { get; set; } = new();

    public IReadOnlyList<Person> Staff { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Input = new SettingsInput
        {
            Name = Chamber.Name,
            ShortName = Chamber.ShortName,
            Tagline = Chamber.Tagline,
            ContactEmail = Chamber.ContactEmail,
            Website = Chamber.Website,
            AcceptsApplications = Chamber.AcceptsApplications,
            AdmissionScoreThreshold = Chamber.AdmissionScoreThreshold,
        };
        await LoadStaffAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(Input.Name), Input.Name, 3, 120);
        errors.Length(nameof(Input.ShortName), Input.ShortName, 2, 40);
        errors.MaxLength(nameof(Input.Tagline), Input.Tagline, 300);
        if (!string.IsNullOrWhiteSpace(Input.ContactEmail) && !OrganisationProfile.IsEmail(Input.ContactEmail.Trim()))
        {
            errors.Add(nameof(Input.ContactEmail), ValidationCodes.InvalidEmail);
        }

        if (!string.IsNullOrWhiteSpace(Input.Website) && !OrganisationProfile.IsHttpUrl(Input.Website.Trim()))
        {
            errors.Add(nameof(Input.Website), ValidationCodes.InvalidUrl);
        }

        if (Input.AdmissionScoreThreshold is < 0 or > 100)
        {
            errors.Add(nameof(Input.AdmissionScoreThreshold), ValidationCodes.OutOfRange, 0, 100);
        }

        ModelState.AddErrors(errors.Items, L, "Input.");
        if (!ModelState.IsValid)
        {
            await LoadStaffAsync();
            return Page();
        }

        var chamber = await db.Chambers.FirstAsync(c => c.Id == Chamber.Id);
        chamber.Name = Input.Name!.Trim();
        chamber.ShortName = Input.ShortName!.Trim();
        chamber.Tagline = Input.Tagline?.Trim() ?? string.Empty;
        chamber.ContactEmail = string.IsNullOrWhiteSpace(Input.ContactEmail) ? null : Input.ContactEmail.Trim();
        chamber.Website = string.IsNullOrWhiteSpace(Input.Website) ? null : Input.Website.Trim();
        chamber.AcceptsApplications = Input.AcceptsApplications;
        chamber.AdmissionScoreThreshold = Input.AdmissionScoreThreshold;
        audit.Record(Chamber.Id, "chamber.updated", nameof(Chamber), Chamber.Id, chamber.Name);
        await db.SaveChangesAsync();
        Flash(L["Review.Saved"]);
        return Redirect($"/{Chamber.Slug}/gestion/parametres");
    }

    public async Task<IActionResult> OnPostAddStaffAsync()
    {
        await LoadStaffAsync();
        var email = NewStaff.Email?.Trim() ?? string.Empty;
        if (!OrganisationProfile.IsEmail(email))
        {
            ModelState.AddModelError("NewStaff.Email", L[string.IsNullOrEmpty(email) ? "Validation.Required" : "Validation.InvalidEmail"]);
        }
        else if (Staff.Any(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("NewStaff.Email", L["Team.AlreadyMember"]);
        }
        else if (await invitations.FindAsync(email) is null && (string.IsNullOrWhiteSpace(NewStaff.FirstName) || string.IsNullOrWhiteSpace(NewStaff.LastName)))
        {
            ModelState.AddModelError("NewStaff.FirstName", L["Team.NameHint"]);
        }

        if (!Enum.IsDefined(NewStaff.Role))
        {
            ModelState.AddModelError("NewStaff.Role", L["Validation.InvalidChoice"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var invited = await invitations.InviteAsync(Chamber.Id, email, NewStaff.FirstName, NewStaff.LastName, Me.DisplayName, Chamber.ShortName, $"/{Chamber.Slug}/gestion");
        if (invited.User is null)
        {
            foreach (var error in invited.Errors)
            {
                ModelState.AddModelError("NewStaff.Email", error);
            }

            return Page();
        }

        db.ChamberStaff.Add(new ChamberStaffMember { ChamberId = Chamber.Id, UserId = invited.User.Id, Role = NewStaff.Role, Since = Now });
        audit.Record(Chamber.Id, "staff.added", nameof(Chamber), Chamber.Id, invited.User.DisplayName);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Flash(L["Team.Added", invited.User.DisplayName]);
        return Redirect($"/{Chamber.Slug}/gestion/parametres");
    }

    public async Task<IActionResult> OnPostRemoveStaffAsync(Guid userId)
    {
        await LoadStaffAsync();
        var membership = await db.ChamberStaff.FirstOrDefaultAsync(s => s.ChamberId == Chamber.Id && s.UserId == userId);
        if (membership is null)
        {
            return NotFound();
        }

        if (membership.Role == ChamberRole.Admin && Staff.Count(p => p.Role == ChamberRole.Admin) <= 1)
        {
            ModelState.AddModelError(string.Empty, L["Team.LastAdmin"]);
            return Page();
        }

        db.ChamberStaff.Remove(membership);
        audit.Record(Chamber.Id, "staff.removed", nameof(Chamber), Chamber.Id, userId.ToString());
        await db.SaveChangesAsync();
        Flash(L["Team.Removed"]);
        return Redirect($"/{Chamber.Slug}/gestion/parametres");
    }

    private async Task LoadStaffAsync() =>
        Staff = await db.ChamberStaff.AsNoTracking().Where(s => s.ChamberId == Chamber.Id)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new Person(u.Id, u.FirstName + " " + u.LastName, u.Email ?? string.Empty, s.Role))
            .ToListAsync(HttpContext.RequestAborted);
}
