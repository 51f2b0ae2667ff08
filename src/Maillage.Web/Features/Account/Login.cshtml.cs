using Maillage.Web.Features.Shared;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Maillage.Web.Features.Account;

/// <summary>Sign-in with lockout after repeated failures and a per-address rate limit.</summary>
[EnableRateLimiting(Infrastructure.RateLimitPolicies.SignIn)]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PlatformPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
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

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? L["Login.LockedOut"]
            : result.IsNotAllowed ? L["Login.NotConfirmed"] : L["Login.Failed"]);
        return Page();
    }
}
