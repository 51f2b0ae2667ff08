using Maillage.Domain.Common;
using Maillage.Domain.Organisations;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>A member's news: what it sent and where each stands, the form to send one, and to correct one.</summary>
[Authorize]
public sealed class MemberNewsModel(MaillageDbContext db, PublicationDesk desk, AuditLog audit) : ChamberPageModel
{
    [BindProperty]
    public NewsForm Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<NewsItem> Items { get; private set; } = [];

    /// <summary>The news being corrected (null: a new one).</summary>
    public NewsItem? Editing { get; private set; }

    public bool CanWrite { get; private set; }

    public long ImageMaxBytes => desk.ImageMaxBytes;

    public async Task<IActionResult> OnGetAsync(string org, Guid? id)
    {
        if (!await LoadAsync(org, id))
        {
            return NotFound();
        }

        if (Editing is not null)
        {
            Input = NewsForm.From(Editing);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string org, Guid? id)
    {
        if (!await LoadAsync(org, id))
        {
            return NotFound();
        }

        if (!CanWrite || (Editing is not null && !Moderation.AuthorCanEdit(Editing.State)))
        {
            return Forbid();
        }

        var ct = HttpContext.RequestAborted;
        var (image, imageErrors) = await desk.ReadImageAsync(Chamber.Id, Input.Image, ct);
        var errors = new List<ValidationError>(imageErrors);
        NewsItem? item = Editing;
        if (errors.Count == 0)
        {
            if (item is null)
            {
                (item, var submitErrors) = NewsItem.Submit(Chamber.Id, Organisation.Id, Me.UserId!.Value, Input.ToDraft(), image?.Id, Now);
                errors.AddRange(submitErrors);
            }
            else
            {
                var tracked = await db.Set<NewsItem>().FirstAsync(n => n.Id == item.Id, ct);
                errors.AddRange(tracked.Edit(Input.ToDraft(), image?.Id, Input.RemoveImage, Now));
                item = tracked;
            }
        }

        if (errors.Count > 0)
        {
            PublicationText.AddErrors(ModelState, errors, L);
            return Page();
        }

        if (image is not null)
        {
            db.Add(image);
        }

        if (Editing is null)
        {
            db.Add(item!);
        }

        audit.Record(Chamber.Id, Editing is null ? "news.submitted" : "news.resubmitted", nameof(NewsItem), item!.Id, item.Title);
        await db.SaveChangesAsync(ct);
        Flash(L["Publications.News.Sent", item.Title]);
        return Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}/actualites");
    }

    private async Task<bool> LoadAsync(string slug, Guid? id)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == slug);
        if (organisation is null || !(Me.IsMemberOf(organisation.Id) || Me.IsStaff(Chamber.Id)))
        {
            return false;
        }

        Organisation = organisation;
        CanWrite = Me.IsMemberOf(organisation.Id) && organisation.State == OrganisationState.Active;
        Items = await db.Set<NewsItem>().AsNoTracking().Where(n => n.OrganisationId == organisation.Id).OrderByDescending(n => n.SubmittedAt).ToListAsync();
        if (id is { } wanted)
        {
            Editing = Items.FirstOrDefault(n => n.Id == wanted);
            if (Editing is null)
            {
                return false;
            }
        }

        return true;
    }
}
