using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Newsletter;

/// <summary>A past issue in the public archive (never a draft, never before its sending time, never a statutory notice).</summary>
public sealed class IssueModel(MaillageDbContext db) : ChamberPageModel
{
    public NewsletterIssue Issue { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var now = Now;
        var issue = await db.Set<NewsletterIssue>().AsNoTracking().Include(n => n.Items)
            .SingleOrDefaultAsync(n => n.Id == id && n.ChamberId == Chamber.Id && n.Audience == NewsletterAudience.Subscribers && n.State != NewsletterState.Draft && n.SendAt <= now, HttpContext.RequestAborted);
        if (issue is null)
        {
            return NotFound();
        }

        Issue = issue;
        return Page();
    }
}
