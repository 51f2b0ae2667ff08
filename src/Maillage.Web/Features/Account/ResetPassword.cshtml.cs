using Maillage.Web.Features.Shared;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Account;

/// <summary>Sets a new password from an emailed token; for an invited colleague it also confirms the address.</summary>
public sealed class ResetPasswordModel(UserManager<AppUser> users) : PlatformPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Invitation { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? PasswordConfirmation { get; set; }

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), L["Validation.Required"]);
            return Page();
        }

        if (Password != PasswordConfirmation)
        {
            ModelState.AddModelError(nameof(PasswordConfirmation), L["Identity.PasswordMismatchConfirmation"]);
            return Page();
        }

        var user = string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);
        if (user is null || string.IsNullOrEmpty(Token))
        {
            ModelState.AddModelError(string.Empty, L["Identity.InvalidToken"]);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Password) : string.Empty, error.Description);
            }

            return Page();
        }

        if (!user.EmailConfirmed)
        {
            // The token reached this person by email: the address is theirs.
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        await users.ResetAccessFailedCountAsync(user);
        Done = true;
        return Page();
    }
}
