using Maillage.Domain.Common;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>
/// Staff's library: the queue of members' sheets and every sheet; one member sheet to moderate; the chamber's own
/// sheets and position papers to write and correct (published at once).
/// </summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class StaffPracticesModel(MaillageDbContext db, PublicationDesk desk, AuditLog audit) : PracticeFormPage(db, desk, audit)
{
    public IReadOnlyList<(PracticeSheet Sheet, string Author)> Sheets { get; private set; } = [];

    /// <summary>A member's sheet under review.</summary>
    public PracticeSheet? Reviewing { get; private set; }

    public string AuthorName { get; private set; } = string.Empty;

    /// <summary>The list, the form for a new chamber sheet, or a sheet.</summary>
    public bool Creating { get; private set; }

    [BindProperty]
    public string? Message { get; set; }

    public override bool StaffForm => true;

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Editing is not null)
        {
            Input = PracticeForm.From(Editing);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id)
    {
        if (!await LoadAsync(id) || (!Creating && Editing is null))
        {
            return NotFound();
        }

        var sheet = await SaveAsync(null);
        if (sheet is null)
        {
            return Page();
        }

        Flash(L["Publications.Practice.Saved", sheet.Title]);
        return Redirect($"/{Chamber.Slug}/bonnes-pratiques/{sheet.Id}");
    }

    public async Task<IActionResult> OnPostModerateAsync(string id, ModerationAction action)
    {
        if (!await LoadAsync(id) || Reviewing is null)
        {
            return NotFound();
        }

        var tracked = await Db.Set<PracticeSheet>().FirstAsync(p => p.Id == Reviewing.Id);
        if (Moderation.After(tracked.State, action) is null || action == ModerationAction.Resubmit)
        {
            ModelState.AddModelError(nameof(Message), L["Publications.NotAllowed"]);
            return Page();
        }

        try
        {
            await Desk.ModerateAsync(Chamber, tracked, action, Message, HttpContext.RequestAborted);
        }
        catch (DomainException e) when (e.Field == "Message")
        {
            ModelState.AddModelError(nameof(Message), e.Code == ValidationCodes.TooLong ? L["Publications.Error.MessageTooLong", Moderation.MessageMax] : L["Publications.Error.MessageRequired"]);
            return Page();
        }

        Flash(L["Publications.Moderated." + tracked.State, tracked.Title]);
        return Redirect($"/{Chamber.Slug}/gestion/bonnes-pratiques");
    }

    private async Task<bool> LoadAsync(string? id)
    {
        await LoadChoicesAsync();
        var names = await Db.Organisations.AsNoTracking().Where(o => o.ChamberId == Chamber.Id).ToDictionaryAsync(o => o.Id, o => o.Profile.Name);
        if (id == "nouvelle")
        {
            Creating = true;
            return true;
        }

        if (id is not null)
        {
            if (!Guid.TryParse(id, out var wanted))
            {
                return false;
            }

            var sheet = await Db.Set<PracticeSheet>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == wanted && p.ChamberId == Chamber.Id);
            if (sheet is null)
            {
                return false;
            }

            if (sheet.AuthorOrganisationId is { } org)
            {
                Reviewing = sheet;
                AuthorName = names.GetValueOrDefault(org, string.Empty);
            }
            else
            {
                Editing = sheet;
            }

            return true;
        }

        var sheets = await Db.Set<PracticeSheet>().AsNoTracking().Where(p => p.ChamberId == Chamber.Id).OrderByDescending(p => p.SubmittedAt).Take(300).ToListAsync();
        Sheets = sheets.OrderBy(p => p.State == ModerationState.Submitted ? 0 : 1).ThenBy(p => p.State == ModerationState.Submitted ? p.SubmittedAt.Ticks : -p.SubmittedAt.Ticks)
            .Select(p => (p, p.AuthorOrganisationId is { } o ? names.GetValueOrDefault(o, string.Empty) : Chamber.ShortName)).ToList();
        return true;
    }
}
