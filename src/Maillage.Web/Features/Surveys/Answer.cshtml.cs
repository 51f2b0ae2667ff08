using System.Globalization;
using Maillage.Domain.Organisations;
using Maillage.Domain.Surveys;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Surveys;

/// <summary>
/// Answering a survey from a personal link, the public link or a resume link. Works without JavaScript: one
/// fieldset per question, "save and finish later" keeps everything, a submission missing something is kept as a
/// draft with the errors beside the questions.
/// </summary>
public sealed class AnswerModel(SurveyAnswering answering, EmailOutbox outbox, Data.MaillageDbContext db) : Shared.ChamberPageModel
{
    public AnswerSession Session { get; private set; } = null!;

    public SurveyAnswers Answers { get; private set; } = new();

    [BindProperty]
    public string? RespondentName { get; set; }

    [BindProperty]
    public string? ResumeEmail { get; set; }

    public bool Accepting { get; private set; }

    public bool JustSaved { get; private set; }

    public bool JustSubmitted { get; private set; }

    /// <summary>The resume link of a draft started from the public link (shown and optionally emailed).</summary>
    public string? ResumeLink { get; private set; }

    public DateTime At => Now;

    public async Task<IActionResult> OnGetAsync(string token, string? etat)
    {
        if (!await LoadAsync(token))
        {
            return NotFound();
        }

        JustSaved = etat == "brouillon";
        JustSubmitted = etat == "merci";
        Answers = SurveyAnswering.Current(Session);
        RespondentName = Session.Response?.RespondentName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? action)
    {
        if (!await LoadAsync(token))
        {
            return NotFound();
        }

        Answers = new SurveyAnswers();
        foreach (var question in Session.Survey.Questions)
        {
            Answers.Set(question, Request.Form[SurveyDisplay.Field(question.Id)].Select(v => v ?? string.Empty));
        }

        var submit = action == "submit";
        var (outcome, errors) = await answering.SaveAsync(Session, Answers, RespondentName, submit, HttpContext.RequestAborted);
        switch (outcome)
        {
            case AnswerOutcome.DraftSaved:
                return Redirect(SurveyServices.AnswerPath(Chamber.Slug, Session.Invitation?.Token ?? Session.Response!.ResumeToken!) + "?etat=brouillon");
            case AnswerOutcome.Submitted:
                // An anonymous response from the public link has lost its resume secret: thank from the public link.
                var back = Session.Invitation?.Token ?? Session.Response?.ResumeToken ?? Session.Survey.PublicToken;
                return back is null ? Redirect($"/{Chamber.Slug}") : Redirect(SurveyServices.AnswerPath(Chamber.Slug, back) + "?etat=merci");
            case AnswerOutcome.KeptAsDraft:
                ModelState.AddSurveyErrors(errors, L, f => Guid.TryParse(f, out var id) ? SurveyDisplay.Field(id) : f);
                ResumeLink = Session.Response?.ResumeToken is { } resume ? outbox.Link(SurveyServices.AnswerPath(Chamber.Slug, resume)) : null;
                return Page();
            default:
                ModelState.AddModelError(string.Empty, L[outcome == AnswerOutcome.AlreadySubmitted ? "Surveys.AlreadyAnswered" : "Surveys.Error.NotAccepting"]);
                return Page();
        }
    }

    /// <summary>Sends the resume link of a public-link draft to an address the person types; the address is not stored.</summary>
    public async Task<IActionResult> OnPostEmailLinkAsync(string token)
    {
        if (!await LoadAsync(token))
        {
            return NotFound();
        }

        Answers = SurveyAnswering.Current(Session);
        var email = ResumeEmail?.Trim() ?? string.Empty;
        if (Session.Response?.ResumeToken is not { } resume || Session.IsSubmitted)
        {
            return NotFound();
        }

        if (!OrganisationProfile.IsEmail(email))
        {
            ModelState.AddModelError(nameof(ResumeEmail), L[email.Length == 0 ? "Validation.Required" : "Validation.InvalidEmail"]);
            JustSaved = true;
            return Page();
        }

        var link = outbox.Link(SurveyServices.AnswerPath(Chamber.Slug, resume));
        var closes = Session.Survey.ClosesAt is { } at ? string.Format(CultureInfo.CurrentCulture, L["Surveys.Mail.Closes"], Display.DateTime(at)) : string.Empty;
        outbox.Queue(Chamber.Id, email, string.Format(CultureInfo.CurrentCulture, L["Surveys.Mail.ResumeSubject"], Session.Survey.Title),
            string.Format(CultureInfo.CurrentCulture, L["Surveys.Mail.ResumeBody"], Session.Survey.Title, link, closes, Chamber.Name), SurveyServices.ResumeKind);
        await db.SaveChangesAsync();
        Flash(L["Surveys.ResumeSent"]);
        return Redirect(SurveyServices.AnswerPath(Chamber.Slug, resume) + "?etat=brouillon");
    }

    private async Task<bool> LoadAsync(string token)
    {
        var session = await answering.OpenAsync(Chamber, token, HttpContext.RequestAborted);
        if (session is null)
        {
            return false;
        }

        Session = session;
        Accepting = session.Survey.AcceptsAnswers(Now) && !session.IsSealed;
        ResumeLink = session.Response?.ResumeToken is { } resume && !session.IsSubmitted ? outbox.Link(SurveyServices.AnswerPath(Chamber.Slug, resume)) : null;
        return true;
    }
}
