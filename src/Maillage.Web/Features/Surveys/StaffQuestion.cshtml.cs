using Maillage.Domain.Common;
using Maillage.Domain.Surveys;
using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Surveys;

/// <summary>Staff: add a question to a survey or change one (what would break existing answers is refused with the reason).</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class StaffQuestionModel(MaillageDbContext db, SurveyDesk desk, AuditLog audit) : Shared.ChamberPageModel
{
    public sealed class QuestionInput
    {
        public QuestionKind Kind { get; set; } = QuestionKind.SingleChoice;

        public string? Prompt { get; set; }

        public string? Help { get; set; }

        public bool Required { get; set; }

        /// <summary>One option per line.</summary>
        public string? Options { get; set; }

        public int? MinSelections { get; set; }

        public int? MaxSelections { get; set; }

        public int ScaleMin { get; set; } = 1;

        public int ScaleMax { get; set; } = 5;

        public string? ScaleMinLabel { get; set; }

        public string? ScaleMaxLabel { get; set; }

        public int? MaxLength { get; set; }

        public QuestionDraft ToDraft() => new()
        {
            Kind = Kind,
            Prompt = Prompt ?? string.Empty,
            Help = Help,
            Required = Required,
            Options = (Options ?? string.Empty).Split('\n'),
            MinSelections = MinSelections,
            MaxSelections = MaxSelections,
            ScaleMin = ScaleMin,
            ScaleMax = ScaleMax,
            ScaleMinLabel = ScaleMinLabel,
            ScaleMaxLabel = ScaleMaxLabel,
            MaxLength = MaxLength,
        };

        public static QuestionInput From(SurveyQuestion q) => new()
        {
            Kind = q.Kind,
            Prompt = q.Prompt,
            Help = q.Help,
            Required = q.Required,
            Options = string.Join('\n', q.Options),
            MinSelections = q.MinSelections,
            MaxSelections = q.MaxSelections,
            ScaleMin = q.Kind == QuestionKind.Scale ? q.ScaleMin : 1,
            ScaleMax = q.Kind == QuestionKind.Scale ? q.ScaleMax : 5,
            ScaleMinLabel = q.ScaleMinLabel,
            ScaleMaxLabel = q.ScaleMaxLabel,
            MaxLength = q.IsText ? q.MaxLength : null,
        };
    }

    [BindProperty]
    public QuestionInput Input { get; set; } = new();

    public Survey Survey { get; private set; } = null!;

    public SurveyQuestion? Question { get; private set; }

    public bool HasAnswers { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? questionId)
    {
        if (!await LoadAsync(id, questionId))
        {
            return NotFound();
        }

        if (Question is not null)
        {
            Input = QuestionInput.From(Question);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? questionId)
    {
        if (!await LoadAsync(id, questionId))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var draft = Input.ToDraft();
        var errors = Question is null ? Survey.AddQuestion(draft, HasAnswers) : Survey.ReviseQuestion(Question.Id, draft, HasAnswers);
        if (errors.Count > 0)
        {
            ModelState.AddSurveyErrors(errors, L, f => "Input." + f);
            return Page();
        }

        audit.Record(Chamber.Id, Question is null ? "survey.question-added" : "survey.question-changed", nameof(Survey), Survey.Id, draft.Prompt.Trim());
        await db.SaveChangesAsync();
        Flash(L["Surveys.QuestionSaved"]);
        return Redirect($"/{Chamber.Slug}/gestion/enquetes/{Survey.Id}#questions");
    }

    private async Task<bool> LoadAsync(Guid id, Guid? questionId)
    {
        var survey = await desk.FindAsync(Chamber.Id, id, HttpContext.RequestAborted);
        if (survey is null)
        {
            return false;
        }

        Survey = survey;
        if (questionId is { } qid)
        {
            Question = survey.Questions.FirstOrDefault(q => q.Id == qid);
            if (Question is null)
            {
                return false;
            }
        }

        HasAnswers = await desk.HasAnswersAsync(id, HttpContext.RequestAborted);
        return true;
    }
}
