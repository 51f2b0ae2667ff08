using Maillage.Domain.Agenda;
using Maillage.Domain.Common;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Agenda;

/// <summary>Staff create, edit, duplicate and cancel events and trainings.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class StaffEditModel(MaillageDbContext db, AgendaRegistrations registrations, AuditLog audit) : Shared.ChamberPageModel
{
    [BindProperty]
    public EventForm Input { get; set; } = new();

    [BindProperty]
    public string? CancellationReason { get; set; }

    public AgendaEvent? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string mode, Guid? id)
    {
        if (!await LoadAsync(mode, id))
        {
            return NotFound();
        }

        if (Existing is not null)
        {
            Input = EventForm.From(Existing);
        }
        else
        {
            var start = EventTime.ToLocal(Now, EventTime.DefaultZone).Date.AddDays(14).AddHours(18);
            Input = new EventForm { Start = EventTime.ToText(start), End = EventTime.ToText(start.AddHours(2)) };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string mode, Guid? id)
    {
        if (!await LoadAsync(mode, id))
        {
            return NotFound();
        }

        var errors = new ValidationErrors();
        var details = Input.ToDetails(errors, Existing?.ConfirmedCount ?? 0);
        await CheckOrganisationsAsync(details, errors);
        if (!errors.IsValid)
        {
            ModelState.AddAgendaErrors(errors.Items, L, "Input.");
            return Page();
        }

        Guid eventId;
        if (Existing is null)
        {
            var created = AgendaEvent.Create(Chamber.Id, details, EventStatus.Published, null, Now);
            db.Set<AgendaEvent>().Add(created);
            audit.Record(Chamber.Id, "agenda.created", nameof(AgendaEvent), created.Id, created.Title);
            await db.SaveChangesAsync();
            eventId = created.Id;
        }
        else
        {
            var refused = await registrations.UpdateAsync(Chamber.Id, Existing.Id, details, HttpContext.RequestAborted);
            if (refused.Count > 0)
            {
                ModelState.AddAgendaErrors(refused, L, "Input.");
                return Page();
            }

            audit.Record(Chamber.Id, "agenda.updated", nameof(AgendaEvent), Existing.Id, details.Title);
            await db.SaveChangesAsync();
            eventId = Existing.Id;
        }

        Flash(L["Agenda.Saved"]);
        return Redirect($"/{Chamber.Slug}/gestion/agenda/{eventId}");
    }

    public async Task<IActionResult> OnPostDuplicateAsync(string mode, Guid? id)
    {
        if (!await LoadAsync(mode, id) || Existing is null)
        {
            return NotFound();
        }

        var copy = Existing.Duplicate(Now);
        db.Set<AgendaEvent>().Add(copy);
        audit.Record(Chamber.Id, "agenda.duplicated", nameof(AgendaEvent), copy.Id, Existing.Title);
        await db.SaveChangesAsync();
        Flash(L["Agenda.Duplicated"]);
        return Redirect($"/{Chamber.Slug}/gestion/agenda/modifier/{copy.Id}");
    }

    public async Task<IActionResult> OnPostCancelEventAsync(string mode, Guid? id)
    {
        if (!await LoadAsync(mode, id) || Existing is null)
        {
            return NotFound();
        }

        if (!await registrations.CancelEventAsync(Chamber.Id, Existing.Id, CancellationReason, HttpContext.RequestAborted))
        {
            ModelState.AddModelError(string.Empty, L["Agenda.Error." + AgendaCodes.EventCancelled]);
            Input = EventForm.From(Existing);
            return Page();
        }

        audit.Record(Chamber.Id, "agenda.cancelled", nameof(AgendaEvent), Existing.Id, Existing.Title);
        await db.SaveChangesAsync();
        Flash(L["Agenda.EventCancelledDone"]);
        return Redirect($"/{Chamber.Slug}/gestion/agenda/{Existing.Id}");
    }

    private async Task<bool> LoadAsync(string mode, Guid? id)
    {
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == Chamber.Id && o.State == OrganisationState.Active)
            .OrderBy(o => o.NormalizedName).Select(o => new { o.Id, o.Profile.Name }).ToListAsync();
        ViewData["Organisations"] = (IReadOnlyList<(Guid, string)>)organisations.Select(o => (o.Id, o.Name)).ToList();
        ViewData["StaffForm"] = true;
        if (mode == "nouveau")
        {
            return id is null;
        }

        if (id is null)
        {
            return false;
        }

        Existing = await db.Set<AgendaEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.ChamberId == Chamber.Id);
        return Existing is not null;
    }

    private async Task CheckOrganisationsAsync(EventDetails details, ValidationErrors errors)
    {
        var wanted = details.CoOrganiserIds.Append(details.TrainerOrganisationId ?? Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
        var known = await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id) && o.ChamberId == Chamber.Id).CountAsync();
        if (known != wanted.Count)
        {
            errors.Add(nameof(EventForm.CoOrganiserIds), ValidationCodes.UnknownOrganisation);
        }
    }
}
