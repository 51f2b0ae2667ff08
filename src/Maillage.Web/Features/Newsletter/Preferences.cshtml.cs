using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Newsletter;

/// <summary>A subscriber's choices, reached from the link in every email (the token is the key; no account needed).</summary>
public sealed class PreferencesModel(Subscriptions subscriptions) : ChamberPageModel
{
    public Subscriber Subscriber { get; private set; } = null!;

    [BindProperty]
    public bool Newsletter { get; set; }

    [BindProperty]
    public bool Events { get; set; }

    [BindProperty]
    public bool Tenders { get; set; }

    [BindProperty(SupportsGet = true, Name = "confirme")]
    public int Confirmed { get; set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        var subscriber = await subscriptions.ByTokenAsync(Chamber, token, HttpContext.RequestAborted);
        if (subscriber is null)
        {
            return NotFound();
        }

        Subscriber = subscriber;
        (Newsletter, Events, Tenders) = (subscriber.WantsNewsletter, subscriber.WantsEvents, subscriber.WantsTenders);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var subscriber = await subscriptions.ByTokenAsync(Chamber, token, HttpContext.RequestAborted);
        if (subscriber is null)
        {
            return NotFound();
        }

        await subscriptions.SavePreferencesAsync(subscriber, Newsletter, Events, Tenders, HttpContext.RequestAborted);
        Flash(L["Newsletter.PreferencesSaved"]);
        return RedirectToPage(new { chamber = Chamber.Slug, token });
    }
}
