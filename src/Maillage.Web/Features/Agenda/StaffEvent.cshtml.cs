using Maillage.Domain.Agenda;
using Maillage.Domain.Common;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Agenda;

/// <summary>Staff: one event's registrants as a check-in list (printable, phone-friendly), attendance, feedback results.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class StaffEventModel(MaillageDbContext db, AgendaRegistrations registrations, AuditLog audit) : Shared.ChamberPageModel
{
    public AgendaEvent Event { get; private set; } = null!;

    public IReadOnlyList<Registration> Seated { get; private set; } = [];

    public IReadOnlyList<Registration> Waiting { get; private set; } = [];

    public IReadOnlyList<Registration> Pending { get; private set; } = [];

    public IReadOnlyList<Registration> Cancelled { get; private set; } = [];

    public IReadOnlyList<Registration> Feedback { get; private set; } = [];

    public int[] RatingCounts { get; private set; } = new int[5];

    public double? AverageRating { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, Guid registrationId, bool attended)
    {
        var registration = await db.Set<Registration>().FirstOrDefaultAsync(r => r.Id == registrationId && r.EventId == id && r.ChamberId == Chamber.Id);
        if (registration is null)
        {
            return NotFound();
        }

        try
        {
            registration.MarkAttended(attended, Now);
        }
        catch (DomainException e)
        {
            Flash(L["Agenda.Error." + e.Code]);
            return Redirect($"/{Chamber.Slug}/gestion/agenda/{id}#check-in");
        }

        await db.SaveChangesAsync();
        return Redirect($"/{Chamber.Slug}/gestion/agenda/{id}#r-{registrationId}");
    }

    public async Task<IActionResult> OnPostCancelRegistrationAsync(Guid id, Guid registrationId)
    {
        if (!await db.Set<Registration>().AnyAsync(r => r.Id == registrationId && r.EventId == id && r.ChamberId == Chamber.Id))
        {
            return NotFound();
        }

        var outcome = await registrations.CancelByStaffAsync(Chamber.Id, registrationId, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            audit.Record(Chamber.Id, "agenda.registration-cancelled", nameof(Registration), registrationId, outcome.Registration!.Email);
            await db.SaveChangesAsync();
        }

        Flash(outcome.Succeeded ? L["Agenda.RegistrationCancelledByStaff"] : L["Agenda.Error." + AgendaCodes.InvalidTransition]);
        return Redirect($"/{Chamber.Slug}/gestion/agenda/{id}#check-in");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var found = await db.Set<AgendaEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.ChamberId == Chamber.Id);
        if (found is null)
        {
            return false;
        }

        Event = found;
        var all = await db.Set<Registration>().AsNoTracking().Where(r => r.EventId == id).ToListAsync();
        Seated = all.Where(r => r.HoldsSeat).OrderBy(r => r.LastName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.FirstName, StringComparer.CurrentCultureIgnoreCase).ToList();
        Waiting = all.Where(r => r.State == RegistrationState.Waitlisted).OrderBy(r => r.ArrivalNumber).ToList();
        Pending = all.Where(r => r.State == RegistrationState.PendingEmail).OrderBy(r => r.CreatedAt).ToList();
        Cancelled = all.Where(r => r.State == RegistrationState.Cancelled).OrderBy(r => r.CancelledAt).ToList();
        Feedback = all.Where(r => r.FeedbackRating is not null).OrderByDescending(r => r.FeedbackAt).ToList();
        foreach (var r in Feedback)
        {
            RatingCounts[r.FeedbackRating!.Value - 1]++;
        }

        AverageRating = Feedback.Count == 0 ? null : Feedback.Average(r => r.FeedbackRating!.Value);
        return true;
    }
}
