using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Newsletter;

/// <summary>
/// The page the confirmation email links to. Opening it changes nothing (mail scanners open links); the person
/// confirms with the button.
/// </summary>
public sealed class ConfirmModel(Subscriptions subscriptions) : ChamberPageModel
{
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token) =>
        await subscriptions.ByConfirmTokenAsync(Chamber, token, HttpContext.RequestAborted) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var subscriber = await subscriptions.ByConfirmTokenAsync(Chamber, token, HttpContext.RequestAborted);
        if (subscriber is null)
        {
            return NotFound();
        }

        await subscriptions.ConfirmAsync(subscriber, HttpContext.RequestAborted);
        return RedirectToPage("Preferences", new { chamber = Chamber.Slug, token = subscriber.Token, confirme = 1 });
    }
}
