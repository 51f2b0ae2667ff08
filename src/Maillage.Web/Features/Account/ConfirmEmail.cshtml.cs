using Maillage.Web.Features.Shared;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Account;

/// <summary>
/// Email confirmation by a button on the page: mail scanners that open links do not confirm anything, only a person
/// pressing the button does.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<AppUser> users) : PlatformPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Done { get; private set; }

    public bool Failed { get; private set; }

    public void OnGet() => Failed = string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token);

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);
        if (user is null || string.IsNullOrEmpty(Token))
        {
            Failed = true;
            return Page();
        }

        var result = await users.ConfirmEmailAsync(user, Token);
        Done = result.Succeeded;
        Failed = !result.Succeeded;
        return Page();
    }
}
