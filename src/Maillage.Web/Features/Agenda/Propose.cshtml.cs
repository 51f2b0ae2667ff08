using Maillage.Domain.Agenda;
using Maillage.Domain.Common;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Agenda;

/// <summary>A member organisation proposes a training or a talk it would give; staff accept it into the agenda.</summary>
[Authorize]
public sealed class ProposeModel(MaillageDbContext db, AuditLog audit, EmailOutbox outbox) : Shared.ChamberPageModel
{
    [BindProperty]
    public EventForm Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<AgendaEvent> MyProposals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        var start = EventTime.ToLocal(Now, EventTime.DefaultZone).Date.AddDays(30).AddHours(9);
        Input = new EventForm { Kind = EventKind.Training, Start = EventTime.ToText(start), End = EventTime.ToText(start.AddHours(3)), TrainerOrganisationId = Organisation.Id };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        // A member proposes as itself: the trainer is the organisation, the visibility and co-organisers are staff's call.
        Input.TrainerOrganisationId = Organisation.Id;
        Input.CoOrganiserIds = [];
        var errors = new ValidationErrors();
        var details = Input.ToDetails(errors, 0);
        if (!errors.IsValid)
        {
            ModelState.AddAgendaErrors(errors.Items, L, "Input.");
            return Page();
        }

        var proposal = AgendaEvent.Create(Chamber.Id, details, EventStatus.Proposed, Organisation.Id, Now);
        db.Set<AgendaEvent>().Add(proposal);
        audit.Record(Chamber.Id, "agenda.proposed", nameof(AgendaEvent), proposal.Id, proposal.Title);
        if (Chamber.ContactEmail is { } staff)
        {
            outbox.Queue(Chamber.Id, staff, L["Agenda.Mail.ProposalSubject", Organisation.Profile.Name], L["Agenda.Mail.ProposalBody", Organisation.Profile.Name, proposal.Title, outbox.Link($"/{Chamber.Slug}/gestion/agenda")], "agenda-proposal");
        }

        await db.SaveChangesAsync();
        Flash(L["Agenda.ProposalSent"]);
        return Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}/agenda/proposer");
    }

    private async Task<bool> LoadAsync(string org)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == org);
        if (organisation is null || !Me.IsMemberOf(organisation.Id) || organisation.State != OrganisationState.Active)
        {
            return false;
        }

        Organisation = organisation;
        ViewData["Organisations"] = (IReadOnlyList<(Guid, string)>)[(organisation.Id, organisation.Profile.Name)];
        ViewData["StaffForm"] = false;
        MyProposals = await db.Set<AgendaEvent>().AsNoTracking().Where(e => e.ProposedByOrganisationId == organisation.Id).OrderByDescending(e => e.CreatedAt).Take(20).ToListAsync();
        return true;
    }
}
