using Maillage.Domain.Chambers;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Shared;

/// <summary>
/// A page under /{chamber}/…: resolves the chamber from the URL (404 when unknown) and exposes what the current
/// person may do there.
/// </summary>
public abstract class ChamberPageModel : PageModel
{
    public Chamber Chamber { get; private set; } = null!;

    public Access.Snapshot Me { get; private set; } = null!;

    protected IStringLocalizer<SharedResource> L => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    protected TimeProvider Clock => HttpContext.RequestServices.GetRequiredService<TimeProvider>();

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var chamber = await HttpContext.RequestServices.GetRequiredService<ChamberResolver>().FromRouteAsync(HttpContext);
        if (chamber is null)
        {
            context.Result = NotFound();
            return;
        }

        Chamber = chamber;
        Me = await HttpContext.RequestServices.GetRequiredService<Access>().GetAsync(HttpContext.RequestAborted);
        ViewData["Chamber"] = chamber;
        ViewData["Me"] = Me;
        await next();
    }

    /// <summary>Sets a one-time message shown at the top of the next page.</summary>
    protected void Flash(string message) => TempData["Flash"] = message;
}

/// <summary>A page outside any chamber that still wants to know who is there.</summary>
public abstract class PlatformPageModel : PageModel
{
    public Access.Snapshot Me { get; private set; } = null!;

    protected IStringLocalizer<SharedResource> L => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    protected DateTime Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Me = await HttpContext.RequestServices.GetRequiredService<Access>().GetAsync(HttpContext.RequestAborted);
        ViewData["Me"] = Me;
        await next();
    }

    protected void Flash(string message) => TempData["Flash"] = message;

    protected IActionResult LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : LocalRedirect("/");
}
