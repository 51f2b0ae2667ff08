using Maillage.Domain.Agenda;
using Maillage.Domain.Common;
using Maillage.Domain.Organisations;
using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>What the member's and the staff's practice-sheet pages share: the form, its choices, and saving it.</summary>
public abstract class PracticeFormPage(MaillageDbContext db, PublicationDesk desk, AuditLog audit) : ChamberPageModel
{
    [BindProperty]
    public PracticeForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> OrganisationChoices { get; private set; } = [];

    public IReadOnlyList<SelectListItem> EventChoices { get; private set; } = [];

    public long ImageMaxBytes => desk.ImageMaxBytes;

    /// <summary>The sheet being edited (null: a new one).</summary>
    public PracticeSheet? Editing { get; protected set; }

    /// <summary>Staff choose the kind (a position paper) and attach a PDF.</summary>
    public abstract bool StaffForm { get; }

    protected MaillageDbContext Db => db;

    protected PublicationDesk Desk => desk;

    protected async Task LoadChoicesAsync()
    {
        // Ids are formatted here, not by the database (SQLite keeps them in upper case).
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == Chamber.Id && o.State == OrganisationState.Active)
            .OrderBy(o => o.Profile.Name).Select(o => new { o.Id, o.Profile.Name }).ToListAsync();
        OrganisationChoices = [.. organisations.Select(o => new SelectListItem(o.Name, o.Id.ToString()))];
        var since = Now.AddYears(-3);
        var events = await db.Set<AgendaEvent>().AsNoTracking().Where(e => e.ChamberId == Chamber.Id && e.Status != EventStatus.Proposed && e.StartsAtUtc >= since)
            .OrderByDescending(e => e.StartsAtUtc).Select(e => new { e.Id, e.Title, e.StartsAtUtc }).Take(200).ToListAsync();
        EventChoices = [new SelectListItem(L["Publications.Practice.NoEvent"], string.Empty), .. events.Select(e => new SelectListItem($"{Display.Date(e.StartsAtUtc)} — {e.Title}", e.Id.ToString()))];
    }

    /// <summary>
    /// Creates or corrects a sheet from <see cref="Input"/>: member sheets go to moderation, the chamber's are published.
    /// Returns the saved sheet, or null with the errors in ModelState.
    /// </summary>
    protected async Task<PracticeSheet?> SaveAsync(Guid? organisationId)
    {
        var ct = HttpContext.RequestAborted;
        var errors = new List<ValidationError>();
        var (image, imageErrors) = await desk.ReadImageAsync(Chamber.Id, Input.Image, ct);
        errors.AddRange(imageErrors);
        StoredFile? document = null;
        if (StaffForm)
        {
            (document, var documentErrors) = await desk.ReadPdfAsync(Chamber.Id, Input.Document, ct);
            errors.AddRange(documentErrors);
        }

        // Linked organisations and the event must be the chamber's own.
        Input.Organisations = Input.Organisations.Where(id => OrganisationChoices.Any(c => c.Value == id.ToString())).ToList();
        if (Input.EventId is { } eventId && EventChoices.All(c => c.Value != eventId.ToString()))
        {
            Input.EventId = null;
        }

        var kind = StaffForm ? Input.Kind : PracticeKind.Practice;
        PracticeSheet? sheet = null;
        if (errors.Count == 0)
        {
            if (Editing is null)
            {
                var (created, createErrors) = organisationId is { } org
                    ? PracticeSheet.Submit(Chamber.Id, org, Me.UserId!.Value, Input.ToDraft(), image?.Id, Now)
                    : PracticeSheet.PublishByChamber(Chamber.Id, kind, Me.UserId!.Value, Input.ToDraft(), image?.Id, document?.Id, Now);
                errors.AddRange(createErrors);
                sheet = created;
                if (sheet is not null)
                {
                    db.Add(sheet);
                }
            }
            else
            {
                sheet = await db.Set<PracticeSheet>().FirstAsync(p => p.Id == Editing.Id, ct);
                errors.AddRange(sheet.Edit(Input.ToDraft(), image?.Id, Input.RemoveImage, document?.Id, Now));
            }
        }

        if (errors.Count > 0 || sheet is null)
        {
            PublicationText.AddErrors(ModelState, errors, L);
            return null;
        }

        if (image is not null)
        {
            db.Add(image);
        }

        if (document is not null)
        {
            db.Add(document);
        }

        audit.Record(Chamber.Id, Editing is null ? "practice.created" : "practice.edited", nameof(PracticeSheet), sheet.Id, sheet.Title);
        await db.SaveChangesAsync(ct);
        return sheet;
    }
}
