using System.Text.Json;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Account;

/// <summary>Personal data: download everything held about me, or erase my account (revDSG / GDPR).</summary>
public sealed class MyDataModel(MaillageDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PlatformPageModel
{
    public const string ErasedName = "—";

    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostExportAsync()
    {
        var userId = Me.UserId!.Value;
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId);
        var export = new
        {
            exportedAt = Now,
            account = new { user.Email, user.FirstName, user.LastName, user.PhoneNumber, user.EmailConfirmed, user.CreatedAt, user.PreferredCulture },
            organisations = await db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == userId)
                .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => new { organisation = o.Profile.Name, role = m.Role.ToString(), since = m.Since }).ToListAsync(),
            chambers = await db.ChamberStaff.AsNoTracking().Where(s => s.UserId == userId)
                .Join(db.Chambers, s => s.ChamberId, c => c.Id, (s, c) => new { chamber = c.Name, role = s.Role.ToString(), since = s.Since }).ToListAsync(),
            applications = await db.Applications.AsNoTracking().Where(a => a.ApplicantUserId == userId)
                .Select(a => new { organisation = a.Organisation.Name, state = a.State.ToString(), a.SubmittedAt, contact = a.Contact }).ToListAsync(),
            actions = await db.ApplicationEvents.AsNoTracking().Where(e => e.ActorUserId == userId)
                .Select(e => new { kind = e.Kind.ToString(), e.At, e.Text }).ToListAsync(),
            emails = await db.Outbox.AsNoTracking().Where(m => m.ToAddress == user.Email)
                .Select(m => new { m.Subject, m.CreatedAt, m.SentAt }).ToListAsync(),
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(export, ExportJson);
        return File(json, "application/json", $"maillage-mes-donnees-{Now:yyyy-MM-dd}.json");
    }

    public async Task<IActionResult> OnPostEraseAsync()
    {
        var user = await users.FindByIdAsync(Me.UserId!.Value.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(Password) || !await users.CheckPasswordAsync(user, Password))
        {
            ModelState.AddModelError(nameof(Password), L["Erase.WrongPassword"]);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var email = user.Email;
        var userId = user.Id;
        var now = Now;

        // Applications stay for the chamber's records, without the person: contact wiped, open ones withdrawn.
        var applications = await db.Applications.Include(a => a.Events).Where(a => a.ApplicantUserId == userId).ToListAsync();
        foreach (var application in applications)
        {
            if (application.IsOpen)
            {
                application.Withdraw(new Domain.Membership.Actor(null, ErasedName), now);
            }

            application.Contact.FirstName = ErasedName;
            application.Contact.LastName = ErasedName;
            application.Contact.Email = "erased@invalid";
            application.Contact.Phone = null;
            application.Contact.Role = null;
        }

        await db.SaveChangesAsync();
        await db.ApplicationEvents.Where(e => e.ActorUserId == userId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, ErasedName).SetProperty(e => e.ActorUserId, (Guid?)null));
        await db.Audit.Where(a => a.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserId, (Guid?)null));
        await db.Outbox.Where(m => m.ToAddress == email).ExecuteDeleteAsync();
        await db.MemberImports.Where(i => i.UserId == userId).ExecuteDeleteAsync();
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            ModelState.AddModelError(nameof(Password), L["Erase.Failed"]);
            return Page();
        }

        await transaction.CommitAsync();
        await signIn.SignOutAsync();
        Flash(L["Erase.Done"]);
        return LocalRedirect("/");
    }
}
