using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Newsletter;

/// <summary>Staff: the chamber's newsletters and statutory notices, the subscriber figures, a new draft.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class IssuesModel(MaillageDbContext db, NewsletterDesk desk) : ChamberPageModel
{
    public IReadOnlyList<NewsletterIssue> Issues { get; private set; } = [];

    public int Confirmed { get; private set; }

    public int Pending { get; private set; }

    public int Bounced { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Issues = await db.Set<NewsletterIssue>().AsNoTracking().Where(n => n.ChamberId == Chamber.Id).OrderByDescending(n => n.CreatedAt).Take(100).ToListAsync(ct);
        var subscribers = db.Set<Subscriber>().Where(s => s.ChamberId == Chamber.Id);
        Confirmed = await subscribers.CountAsync(s => s.State == SubscriberState.Confirmed && s.WantsNewsletter && s.BouncedAt == null, ct);
        Pending = await subscribers.CountAsync(s => s.State == SubscriberState.Pending, ct);
        Bounced = await subscribers.CountAsync(s => s.BouncedAt != null, ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(NewsletterAudience audience)
    {
        var issue = await desk.DraftAsync(Chamber, audience, HttpContext.RequestAborted);
        return Redirect($"/{Chamber.Slug}/gestion/lettres/{issue.Id}");
    }
}
