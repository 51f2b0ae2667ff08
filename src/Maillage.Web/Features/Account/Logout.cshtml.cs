using Maillage.Web.Features.Shared;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn) : PlatformPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        Flash(L["Logout.Done"]);
        return LocalRedirect("/");
    }
}
