using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Shared;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Maillage.Web.Features.Account;

/// <summary>Sign-in with lockout after repeated failures and a per-address rate limit.</summary>
[EnableRateLimiting(Infrastructure.RateLimitPolicies.SignIn)]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, EmailOutbox outbox, MaillageDbContext db) : PlatformPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set when the account exists but its address is not confirmed yet: the page offers a new link.</summary>
    public bool OfferResend { get; private set; }

    public bool Resent { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>Sends a new confirmation link; the answer is the same whether or not the address has an account.</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is { EmailConfirmed: false })
        {
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            var link = outbox.Link($"/compte/confirmer?userId={user.Id}&token={Uri.EscapeDataString(token)}");
            outbox.Queue(null, user.Email!, L["Email.Confirm.Subject", "Maillage"], L["Email.Confirm.Body", user.FirstName, link], EmailKinds.ConfirmEmail);
            await db.SaveChangesAsync();
        }

        Resent = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), L["Validation.Required"]);
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), L["Validation.Required"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email!.Trim());
        if (user is null)
        {
            // Same answer as a wrong password: sign-in does not reveal who has an account.
            ModelState.AddModelError(string.Empty, L["Login.Failed"]);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password!, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalOrHome(ReturnUrl is null ? "/compte" : ReturnUrl);
        }

        OfferResend = result.IsNotAllowed && !user.EmailConfirmed;
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? L["Login.LockedOut"]
            : result.IsNotAllowed ? L["Login.NotConfirmed"] : L["Login.Failed"]);
        return Page();
    }
}
