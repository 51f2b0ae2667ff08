using Maillage.Domain.Agenda;
using Maillage.Domain.Common;
using Maillage.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Agenda;

/// <summary>
/// A registration, reached from the person's emails by its secret link: confirm the email address (a button,
/// never the GET of the link itself), cancel, give feedback after the event, subscribe to one's registrations.
/// </summary>
public sealed class RegistrationModel(MaillageDbContext db, AgendaRegistrations registrations, IDataProtectionProvider protection, Microsoft.Extensions.Options.IOptions<AgendaOptions> options) : Shared.ChamberPageModel
{
    /// <summary>When an unconfirmed registration expires, in the event's zone.</summary>
    public DateTime PendingUntil => EventTime.ToLocal(Registration.CreatedAt + options.Value.PendingEmailLifetime, Event.TimeZoneId);

    public Registration Registration { get; private set; } = null!;

    public AgendaEvent Event { get; private set; } = null!;

    public long? WaitlistPosition { get; private set; }

    public string FeedUrl { get; private set; } = string.Empty;

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(string token) =>
        await ChangeAsync(token, () => registrations.ConfirmEmailAsync(Chamber.Id, token, HttpContext.RequestAborted), r =>
            r.State == RegistrationState.Confirmed ? L["Agenda.YouAreRegistered"] : L["Agenda.YouAreWaitlisted", r.ArrivalNumber ?? 0]);

    public async Task<IActionResult> OnPostCancelAsync(string token) =>
        await ChangeAsync(token, () => registrations.CancelAsync(Chamber.Id, token, HttpContext.RequestAborted), _ => L["Agenda.CancelledDone"]);

    public async Task<IActionResult> OnPostFeedbackAsync(string token)
    {
        if (!await LoadAsync(token))
        {
            return NotFound();
        }

        if (Rating is not ({ } rating and >= 1 and <= 5))
        {
            ModelState.AddModelError(nameof(Rating), L["Agenda.Error.Rating"]);
            return Page();
        }

        var tracked = await db.Set<Registration>().SingleAsync(r => r.Id == Registration.Id);
        try
        {
            tracked.GiveFeedback(rating, Comment, Event.StartsAtUtc, Now);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field ?? string.Empty, e.Code == ValidationCodes.TooLong ? L["Validation.TooLong", Registration.CommentMax] : L["Agenda.Error." + e.Code]);
            return Page();
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(L["Agenda.FeedbackThanks"]);
        return Redirect($"/{Chamber.Slug}/agenda/inscription/{token}");
    }

    private async Task<IActionResult> ChangeAsync(string token, Func<Task<RegistrationOutcome>> change, Func<Registration, string> message)
    {
        if (!await LoadAsync(token))
        {
            return NotFound();
        }

        var outcome = await change();
        if (outcome.Registration is { } changed)
        {
            Flash(message(changed));
            return Redirect($"/{Chamber.Slug}/agenda/inscription/{token}");
        }

        ModelState.AddAgendaErrors(outcome.Errors, L, string.Empty);
        await LoadAsync(token);
        return Page();
    }

    private async Task<bool> LoadAsync(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return false;
        }

        var found = await db.Set<Registration>().AsNoTracking().FirstOrDefaultAsync(r => r.Token == token && r.ChamberId == Chamber.Id);
        if (found is null)
        {
            return false;
        }

        Registration = found;
        Event = await db.Set<AgendaEvent>().AsNoTracking().SingleAsync(e => e.Id == found.EventId);
        if (found.State == RegistrationState.Waitlisted)
        {
            WaitlistPosition = 1 + await db.Set<Registration>().CountAsync(r => r.EventId == found.EventId && r.State == RegistrationState.Waitlisted && r.ArrivalNumber < found.ArrivalNumber);
        }

        FeedUrl = $"/agenda/mes-inscriptions/{AgendaCalendar.FeedKey(protection, found.Email)}/calendrier.ics";
        return true;
    }
}
