using System.Text.RegularExpressions;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Web.Features.BackOffice;

/// <summary>
/// What the platform has written to people of this chamber and what became of it: sent, pending (with the next
/// attempt) or failed (with the server's reason). Personal links (confirmation, password reset) are masked: staff
/// must not be able to act as someone else, except on a demo installation that says so in its configuration.
/// </summary>
public sealed partial class OutboxModel(MaillageDbContext db, IConfiguration configuration, IOptions<SmtpOptions> smtp) : ChamberPageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    /// <summary>attente, envoye, echec, or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? State { get; set; }

    public int PendingCount { get; private set; }

    public int SentCount { get; private set; }

    public int FailedCount { get; private set; }

    public bool SmtpConfigured => smtp.Value.IsConfigured;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var mine = db.Outbox.AsNoTracking().Where(m => m.ChamberId == Chamber.Id);
        SentCount = await mine.CountAsync(m => m.SentAt != null, ct);
        FailedCount = await mine.CountAsync(m => m.FailedAt != null, ct);
        PendingCount = await mine.CountAsync(m => m.SentAt == null && m.FailedAt == null, ct);
        var query = State switch
        {
            "attente" => mine.Where(m => m.SentAt == null && m.FailedAt == null),
            "envoye" => mine.Where(m => m.SentAt != null),
            "echec" => mine.Where(m => m.FailedAt != null),
            _ => mine,
        };
        var messages = await query.OrderByDescending(m => m.CreatedAt).Take(PageSize).ToListAsync(ct);
        if (!configuration.GetValue("Maillage:ShowPersonalLinksInOutbox", false))
        {
            foreach (var m in messages)
            {
                m.TextBody = TokenPattern().Replace(m.TextBody, "token=…");
            }
        }

        Messages = messages;
    }

    /// <summary>Sends a failed message again from scratch (the address was corrected, the server's problem is solved).</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == id && m.ChamberId == Chamber.Id && m.FailedAt != null, HttpContext.RequestAborted);
        if (message is null)
        {
            return NotFound();
        }

        message.FailedAt = null;
        message.Attempts = 0;
        message.NextAttemptAt = null;
        message.LastError = null;
        message.LastErrorCode = null;
        message.CreatedAt = Now;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(L["Mail.RetryQueued"]);
        return RedirectToPage(new { chamber = Chamber.Slug, etat = "attente" });
    }

    [GeneratedRegex(@"token=[^\s&]+")]
    private static partial Regex TokenPattern();
}
