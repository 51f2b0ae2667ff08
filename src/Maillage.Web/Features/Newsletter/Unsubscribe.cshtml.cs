using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Newsletter;

/// <summary>
/// One-click unsubscribe. GET shows a button (link scanners must not unsubscribe anyone); POST unsubscribes, and is what
/// mail programs send by themselves under RFC 8058 (body "List-Unsubscribe=One-Click", no cookie, no form token), hence
/// the only page exempt from the anti-forgery check: its secret is the token in the address.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(Subscriptions subscriptions) : ChamberPageModel
{
    public bool Done { get; private set; }

    public string Token { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string token)
    {
        var subscriber = await subscriptions.ByTokenAsync(Chamber, token, HttpContext.RequestAborted);
        if (subscriber is null)
        {
            return NotFound();
        }

        Token = token;
        Done = subscriber.State == SubscriberState.Unsubscribed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var subscriber = await subscriptions.ByTokenAsync(Chamber, token, HttpContext.RequestAborted);
        if (subscriber is null)
        {
            return NotFound();
        }

        await subscriptions.UnsubscribeAsync(subscriber, HttpContext.RequestAborted);
        Token = token;
        Done = true;
        return Page();
    }
}
