using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Notifications;

/// <summary>The bell of the header: a link to the notifications with the count of unread ones.</summary>
public sealed class NotificationBellViewComponent(Access access, NotificationCenter notifications) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var me = await access.GetAsync(HttpContext.RequestAborted);
        if (me.UserId is not { } userId)
        {
            return Content(string.Empty);
        }

        var unread = await notifications.UnreadCountAsync(userId, HttpContext.RequestAborted);
        return View("/Features/Notifications/_Bell.cshtml", unread);
    }
}
