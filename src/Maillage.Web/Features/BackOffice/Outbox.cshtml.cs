using System.Text.RegularExpressions;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

/// <summary>
/// What the platform has written to people of this chamber (until SMTP delivery arrives, staff read it here).
/// Personal links (confirmation, password reset) are masked: staff must not be able to act as someone else,
/// except on a demo installation that says so in its configuration.
/// </summary>
public sealed partial class OutboxModel(MaillageDbContext db, IConfiguration configuration) : ChamberPageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var showLinks = configuration.GetValue("Maillage:ShowPersonalLinksInOutbox", false);
        var messages = await db.Outbox.AsNoTracking().Where(m => m.ChamberId == Chamber.Id).OrderByDescending(m => m.CreatedAt).Take(200).ToListAsync(HttpContext.RequestAborted);
        if (!showLinks)
        {
            foreach (var m in messages)
            {
                m.TextBody = TokenPattern().Replace(m.TextBody, "token=…");
            }
        }

        Messages = messages;
    }

    [GeneratedRegex(@"token=[^\s&]+")]
    private static partial Regex TokenPattern();
}
