using Maillage.Domain.Communication;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Newsletter;

/// <summary>The chamber's newsletter: sign up (double opt-in) and the archive of past issues.</summary>
[EnableRateLimiting(Infrastructure.RateLimitPolicies.Forms)]
public sealed class SignupModel(Subscriptions subscriptions, MaillageDbContext db) : ChamberPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public bool Events { get; set; }

    [BindProperty]
    public bool Tenders { get; set; }

    public bool Sent { get; private set; }

    public IReadOnlyList<NewsletterIssue> Archive { get; private set; } = [];

    public async Task OnGetAsync() => Archive = await ArchiveAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var problem = await subscriptions.SignUpAsync(Chamber, Email ?? string.Empty, Events, Tenders, HttpContext.RequestAborted);
        if (problem != AddressProblem.None)
        {
            ModelState.AddModelError(nameof(Email), L[$"Newsletter.Address.{problem}"]);
        }
        else
        {
            Sent = true;
        }

        Archive = await ArchiveAsync();
        return Page();
    }

    private async Task<IReadOnlyList<NewsletterIssue>> ArchiveAsync()
    {
        var now = Now;
        return await db.Set<NewsletterIssue>().AsNoTracking()
            .Where(n => n.ChamberId == Chamber.Id && n.Audience == NewsletterAudience.Subscribers && n.State != NewsletterState.Draft && n.SendAt <= now)
            .OrderByDescending(n => n.SendAt).Take(60).ToListAsync(HttpContext.RequestAborted);
    }
}
