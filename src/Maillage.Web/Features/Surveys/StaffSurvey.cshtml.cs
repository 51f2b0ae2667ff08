using Maillage.Domain.Common;
using Maillage.Domain.Surveys;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Surveys;

/// <summary>Staff: one survey — settings, questions in order, state, distribution (personal links, public link).</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class StaffSurveyModel(MaillageDbContext db, SurveyDesk desk, AuditLog audit, Email.EmailOutbox outbox) : Shared.ChamberPageModel
{
    public sealed class SettingsInput
    {
        public string? Title { get; set; }

        public string? Introduction { get; set; }

        public bool Anonymous { get; set; }

        public string? OpensAt { get; set; }

        public string? ClosesAt { get; set; }
    }

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public Survey Survey { get; private set; } = null!;

    public bool HasAnswers { get; private set; }

    public SurveyReport Report { get; private set; } = null!;

    public DateTime At => Now;

    public string? PublicLink => Survey.PublicToken is { } token ? outbox.Link(SurveyServices.AnswerPath(Chamber.Slug, token)) : null;

    private bool _loaded;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = new SettingsInput
        {
            Title = Survey.Title,
            Introduction = Survey.Introduction,
            Anonymous = Survey.Anonymous,
            OpensAt = SurveyDisplay.LocalInput(Survey.OpensAt),
            ClosesAt = SurveyDisplay.LocalInput(Survey.ClosesAt),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var okOpens = SurveyDisplay.TryReadLocal(Input.OpensAt, out var opens);
        var okCloses = SurveyDisplay.TryReadLocal(Input.ClosesAt, out var closes);
        if (!okOpens)
        {
            ModelState.AddModelError("Input.OpensAt", L["Validation.InvalidDate"]);
        }

        if (!okCloses)
        {
            ModelState.AddModelError("Input.ClosesAt", L["Validation.InvalidDate"]);
        }

        if (okOpens && okCloses)
        {
            var settings = new SurveySettings { Title = Input.Title ?? string.Empty, Introduction = Input.Introduction, Anonymous = Input.Anonymous, OpensAt = opens, ClosesAt = closes };
            ModelState.AddSurveyErrors(Survey.Update(settings, HasAnswers, Now), L, f => "Input." + f);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        audit.Record(Chamber.Id, "survey.updated", nameof(Survey), Survey.Id, Survey.Title);
        await db.SaveChangesAsync();
        Flash(L["Surveys.Saved"]);
        return Back();
    }

    public Task<IActionResult> OnPostOpenAsync(Guid id) => ActAsync(id, "survey.opened", s => s.Open(Now), "Surveys.OpenedFlash");

    public Task<IActionResult> OnPostCloseAsync(Guid id) => ActAsync(id, "survey.closed", s => s.Close(Now), "Surveys.ClosedFlash");

    public Task<IActionResult> OnPostPublishLinkAsync(Guid id) => ActAsync(id, "survey.link", s => s.PublishLink(SurveyServices.NewToken()), "Surveys.LinkPublished");

    public Task<IActionResult> OnPostWithdrawLinkAsync(Guid id) => ActAsync(id, "survey.link-withdrawn", s => s.WithdrawLink(), "Surveys.LinkWithdrawn");

    public Task<IActionResult> OnPostMoveAsync(Guid id, Guid questionId, int step) => ActAsync(id, null, s => s.Move(questionId, step), null);

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid questionId)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return await ActAsync(id, "survey.question-removed", s => s.RemoveQuestion(questionId, HasAnswers), "Surveys.QuestionRemoved");
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        try
        {
            var sent = await desk.SendToMembersAsync(Chamber, Survey, HttpContext.RequestAborted);
            audit.Record(Chamber.Id, "survey.sent", nameof(Survey), Survey.Id, Survey.Title);
            await db.SaveChangesAsync();
            Flash(L["Surveys.SentFlash", Display.Number(sent)]);
        }
        catch (DomainException e)
        {
            Flash(L["Surveys.Error." + e.Code]);
        }

        return Back();
    }

    private async Task<IActionResult> ActAsync(Guid id, string? action, Action<Survey> change, string? flash)
    {
        if (!_loaded && !await LoadAsync(id))
        {
            return NotFound();
        }

        try
        {
            change(Survey);
            if (action is not null)
            {
                audit.Record(Chamber.Id, action, nameof(Survey), Survey.Id, Survey.Title);
            }

            await db.SaveChangesAsync();
            if (flash is not null)
            {
                Flash(L[flash]);
            }
        }
        catch (DomainException e)
        {
            Flash(L["Surveys.Error." + e.Code]);
        }

        return Back();
    }

    private RedirectResult Back() => Redirect($"/{Chamber.Slug}/gestion/enquetes/{Survey.Id}");

    private async Task<bool> LoadAsync(Guid id)
    {
        var survey = await desk.FindAsync(Chamber.Id, id, HttpContext.RequestAborted);
        if (survey is null)
        {
            return false;
        }

        Survey = survey;
        _loaded = true;
        HasAnswers = await desk.HasAnswersAsync(id, HttpContext.RequestAborted);
        Report = await desk.ReportAsync(survey, HttpContext.RequestAborted);
        return true;
    }
}
