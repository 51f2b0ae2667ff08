using Maillage.Web.Features.Shared;

namespace Maillage.Web.Features.Account;

public sealed class AccessDeniedModel : PlatformPageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
