using Maillage.Domain.Invoices;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Clearing;

/// <summary>Chamber staff run a clearing round now, set the monthly schedule and see past rounds.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class RoundsModel(ClearingRounds rounds, ClearingReports reports, AuditLog audit, Data.MaillageDbContext db) : Shared.ChamberPageModel
{
    public sealed class ScheduleInput
    {
        public bool Monthly { get; set; }

        public int? DayOfMonth { get; set; }
    }

    [BindProperty]
    public ScheduleInput Input { get; set; } = new();

    public ClearingSchedule Schedule { get; private set; } = null!;

    public IReadOnlyList<ClearingRound> Rounds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Input = new ScheduleInput { Monthly = Schedule.DayOfMonth is not null, DayOfMonth = Schedule.DayOfMonth };
        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync()
    {
        var outcome = await rounds.RunAsync(Chamber.Id, Chamber.Slug, ClearingTrigger.Staff, Me.UserId, Me.DisplayName, HttpContext.RequestAborted);
        if (outcome.AlreadyRunning)
        {
            Flash(L["Clearing.AlreadyRunning"]);
            return Redirect($"/{Chamber.Slug}/gestion/compensation");
        }

        var round = outcome.Round!;
        Flash(round.State == ClearingRoundState.Completed ? L["Clearing.Completed", MoneyText.Format(round.TotalCleared)] : L["Clearing.Failed"]);
        return Redirect($"/{Chamber.Slug}/gestion/compensation/{round.Id}");
    }

    public async Task<IActionResult> OnPostScheduleAsync()
    {
        await LoadAsync();
        if (Input.Monthly)
        {
            if (Input.DayOfMonth is not { } day || !ClearingSchedule.IsValidDay(day))
            {
                ModelState.AddModelError("Input.DayOfMonth", L["Clearing.DayOutOfRange", ClearingSchedule.LastDay]);
                return Page();
            }

            Schedule.RunMonthly(day, Now);
        }
        else
        {
            Schedule.RunOnDemandOnly();
        }

        audit.Record(Chamber.Id, "clearing.scheduled", nameof(ClearingSchedule), Chamber.Id, Input.Monthly ? $"{Input.DayOfMonth}" : "-");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Flash(Input.Monthly ? L["Clearing.ScheduleSaved", Display.DateTime(Schedule.NextRunAt!.Value)] : L["Clearing.ScheduleOff"]);
        return Redirect($"/{Chamber.Slug}/gestion/compensation");
    }

    private async Task LoadAsync()
    {
        Schedule = await rounds.ScheduleAsync(Chamber.Id, HttpContext.RequestAborted);
        Rounds = await reports.RoundsAsync(Chamber.Id, HttpContext.RequestAborted);
    }
}
