using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Notifications;

/// <summary>A person's notifications, newest first: open one (it becomes read), or mark them all read.</summary>
[Authorize]
public sealed class IndexModel(NotificationCenter notifications) : PlatformPageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Items = await notifications.LatestAsync(Me.UserId!.Value, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostOpenAsync(Guid id)
    {
        var notification = await notifications.MarkReadAsync(Me.UserId!.Value, id, HttpContext.RequestAborted);
        if (notification is null)
        {
            return NotFound();
        }

        return Url.IsLocalUrl(notification.Link) ? LocalRedirect(notification.Link) : LocalRedirect("/notifications");
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id)
    {
        if (await notifications.MarkReadAsync(Me.UserId!.Value, id, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        return LocalRedirect("/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await notifications.MarkAllReadAsync(Me.UserId!.Value, HttpContext.RequestAborted);
        Flash(L["Notifications.AllRead"]);
        return LocalRedirect("/notifications");
    }
}
