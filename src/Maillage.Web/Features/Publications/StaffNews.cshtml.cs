using Maillage.Domain.Common;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>Staff's moderation of members' news: the queue first, then everything; one item with publish, ask for changes, refuse.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class StaffNewsModel(MaillageDbContext db, PublicationDesk desk) : ChamberPageModel
{
    public IReadOnlyList<(NewsItem Item, string Organisation)> Items { get; private set; } = [];

    public NewsItem? Item { get; private set; }

    public string OrganisationName { get; private set; } = string.Empty;

    public string OrganisationSlug { get; private set; } = string.Empty;

    [BindProperty]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, ModerationAction action)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var tracked = await db.Set<NewsItem>().FirstAsync(n => n.Id == id);
        if (Moderation.After(tracked.State, action) is null || action == ModerationAction.Resubmit)
        {
            ModelState.AddModelError(nameof(Message), L["Publications.NotAllowed"]);
            return Page();
        }

        try
        {
            await desk.ModerateAsync(Chamber, tracked, action, Message, HttpContext.RequestAborted);
        }
        catch (DomainException e) when (e.Field == "Message")
        {
            ModelState.AddModelError(nameof(Message), e.Code == ValidationCodes.TooLong ? L["Publications.Error.MessageTooLong", Moderation.MessageMax] : L["Publications.Error.MessageRequired"]);
            return Page();
        }

        Flash(L["Publications.Moderated." + tracked.State, tracked.Title]);
        return Redirect($"/{Chamber.Slug}/gestion/actualites");
    }

    private async Task<bool> LoadAsync(Guid? id)
    {
        var names = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == Chamber.Id).Select(o => new { o.Id, o.Profile.Name, o.Slug }).ToDictionaryAsync(o => o.Id);
        if (id is { } wanted)
        {
            Item = await db.Set<NewsItem>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == wanted && n.ChamberId == Chamber.Id);
            if (Item is null)
            {
                return false;
            }

            OrganisationName = names.GetValueOrDefault(Item.OrganisationId)?.Name ?? string.Empty;
            OrganisationSlug = names.GetValueOrDefault(Item.OrganisationId)?.Slug ?? string.Empty;
            return true;
        }

        var items = await db.Set<NewsItem>().AsNoTracking().Where(n => n.ChamberId == Chamber.Id).OrderByDescending(n => n.SubmittedAt).Take(200).ToListAsync();

        // The queue first (oldest waiting first), then the rest newest first.
        Items = items.OrderBy(n => n.State == ModerationState.Submitted ? 0 : 1).ThenBy(n => n.State == ModerationState.Submitted ? n.SubmittedAt.Ticks : -n.SubmittedAt.Ticks)
            .Select(n => (n, names.GetValueOrDefault(n.OrganisationId)?.Name ?? string.Empty)).ToList();
        return true;
    }
}
