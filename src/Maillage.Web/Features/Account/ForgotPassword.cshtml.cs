using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Shared;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Maillage.Web.Features.Account;

[EnableRateLimiting(Infrastructure.RateLimitPolicies.SignIn)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, EmailOutbox outbox, MaillageDbContext db) : PlatformPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!OrganisationProfile.IsEmail(Email?.Trim()))
        {
            ModelState.AddModelError(nameof(Email), L["Validation.InvalidEmail"]);
            return Page();
        }

        var user = await users.FindByEmailAsync(Email!.Trim());
        if (user is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = outbox.Link($"/compte/nouveau-mot-de-passe?userId={user.Id}&token={Uri.EscapeDataString(token)}");
            outbox.Queue(null, user.Email!, L["Email.Reset.Subject"], L["Email.Reset.Body", user.FirstName, link], EmailKinds.ResetPassword);
            await db.SaveChangesAsync();
        }

        // The same answer whether or not the address has an account.
        Sent = true;
        return Page();
    }
}
