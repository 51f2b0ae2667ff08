using Maillage.Domain.Chambers;
using Maillage.Domain.Common;
using Maillage.Domain.Surveys;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Surveys;

/// <summary>
/// The survey behind a link: a personal invitation, a public link (no response yet) or the resume link of a
/// response started from the public link.
/// </summary>
public sealed class AnswerSession
{
    public required Survey Survey { get; init; }

    public SurveyInvitation? Invitation { get; init; }

    public SurveyResponse? Response { get; set; }

    public bool IsPersonal => Invitation is not null;

    /// <summary>A personal link on an anonymous survey, once submitted: the answers were detached and cannot be reopened.</summary>
    public bool IsSealed => Invitation is { SubmittedOn: not null } && Survey.Anonymous;

    public bool IsSubmitted => Invitation?.SubmittedOn is not null || Response?.State == ResponseState.Submitted;

    /// <summary>A named survey answered from the public link asks who answers.</summary>
    public bool AsksName => !IsPersonal && !Survey.Anonymous;
}

public enum AnswerOutcome
{
    DraftSaved,
    Submitted,

    /// <summary>Something required is missing or wrong: everything was kept as a draft and the errors are returned.</summary>
    KeptAsDraft,
    NotAccepting,
    AlreadySubmitted,
}

/// <summary>Saving and submitting answers; nothing a person typed is ever thrown away.</summary>
public sealed class SurveyAnswering(MaillageDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<AnswerSession?> OpenAsync(Chamber chamber, string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return null;
        }

        var invitation = await db.Set<SurveyInvitation>().SingleOrDefaultAsync(i => i.Token == token, ct);
        if (invitation is not null)
        {
            var survey = await SurveyAsync(chamber, invitation.SurveyId, ct);
            if (survey is null)
            {
                return null;
            }

            var response = survey.Anonymous ? null : await db.Set<SurveyResponse>().SingleOrDefaultAsync(r => r.InvitationId == invitation.Id, ct);
            return new AnswerSession { Survey = survey, Invitation = invitation, Response = response };
        }

        var resumed = await db.Set<SurveyResponse>().SingleOrDefaultAsync(r => r.ResumeToken == token, ct);
        if (resumed is not null)
        {
            var survey = await SurveyAsync(chamber, resumed.SurveyId, ct);
            return survey is null ? null : new AnswerSession { Survey = survey, Response = resumed };
        }

        var published = await db.Set<Survey>().Include(s => s.Questions).SingleOrDefaultAsync(s => s.PublicToken == token && s.ChamberId == chamber.Id, ct);
        return published is null || published.State == SurveyState.Draft ? null : new AnswerSession { Survey = published };
    }

    /// <summary>What to show in the form: the draft if there is one, else what was submitted (named surveys).</summary>
    public static SurveyAnswers Current(AnswerSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Invitation is { DraftJson: { } draft })
        {
            return SurveyAnswers.FromJson(draft);
        }

        return session.Response?.Answers() ?? new SurveyAnswers();
    }

    public async Task<(AnswerOutcome Outcome, IReadOnlyList<ValidationError> Errors)> SaveAsync(
        AnswerSession session, SurveyAnswers answers, string? respondentName, bool submit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(answers);
        if (!session.Survey.AcceptsAnswers(Now))
        {
            return (AnswerOutcome.NotAccepting, []);
        }

        if (session.IsSealed)
        {
            return (AnswerOutcome.AlreadySubmitted, []);
        }

        var name = string.IsNullOrWhiteSpace(respondentName) ? null : respondentName.Trim();
        var errors = new ValidationErrors();
        if (submit)
        {
            errors.AddRange(answers.CheckForSubmission(session.Survey.Questions));
            if (session.AsksName)
            {
                errors.Length("RespondentName", name, 2, SurveyResponse.RespondentNameMax);
            }
        }
        else
        {
            errors.MaxLength("RespondentName", name, SurveyResponse.RespondentNameMax);
        }

        // A submitted named response edited into something invalid stays as it was: the new answers are not kept
        // as a draft over it, the errors are shown with what was typed.
        if (!errors.IsValid && session.IsSubmitted)
        {
            return (AnswerOutcome.KeptAsDraft, errors.Items);
        }

        if (!submit || !errors.IsValid)
        {
            KeepDraft(session, answers, name);
            await db.SaveChangesAsync(ct);
            return (submit ? AnswerOutcome.KeptAsDraft : AnswerOutcome.DraftSaved, errors.Items);
        }

        if (session.Invitation is { } invitation)
        {
            if (session.Survey.Anonymous)
            {
                // Claim the link first: of two submits racing, only the one that flips SubmittedOn adds a response.
                var claimed = await db.Set<SurveyInvitation>().Where(i => i.Id == invitation.Id && i.SubmittedOn == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.SubmittedOn, Now.Date).SetProperty(i => i.DraftJson, (string?)null), ct);
                if (claimed == 0)
                {
                    return (AnswerOutcome.AlreadySubmitted, []);
                }

                var detached = new SurveyResponse { SurveyId = session.Survey.Id, State = ResponseState.Draft };
                detached.Submit(session.Survey, answers, Now);
                db.Add(detached);
                db.Entry(invitation).State = EntityState.Detached;
                await db.SaveChangesAsync(ct);
                return (AnswerOutcome.Submitted, []);
            }

            session.Response ??= Add(new SurveyResponse { SurveyId = session.Survey.Id, InvitationId = invitation.Id, State = ResponseState.Draft });
            invitation.DraftJson = null;
            invitation.SubmittedOn ??= Now;
        }
        else
        {
            session.Response ??= Add(new SurveyResponse { SurveyId = session.Survey.Id, State = ResponseState.Draft });
            session.Response.RespondentName = session.AsksName ? name : null;
        }

        session.Response.Submit(session.Survey, answers, Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (session.IsPersonal)
        {
            // Two first submissions of one personal link at once: the unique index kept the other one.
            return (AnswerOutcome.AlreadySubmitted, []);
        }

        return (AnswerOutcome.Submitted, []);
    }

    private void KeepDraft(AnswerSession session, SurveyAnswers answers, string? name)
    {
        if (session.Invitation is { } invitation)
        {
            invitation.DraftJson = answers.ToJson();
            return;
        }

        // From the public link a draft needs a row of its own and a resume secret to find it again.
        session.Response ??= Add(new SurveyResponse { SurveyId = session.Survey.Id, State = ResponseState.Draft, ResumeToken = SurveyServices.NewToken() });
        session.Response.AnswersJson = answers.ToJson();
        session.Response.RespondentName = session.AsksName ? name : null;
        session.Response.UpdatedAt = session.Survey.Anonymous ? Now.Date : Now;
    }

    private SurveyResponse Add(SurveyResponse response)
    {
        response.UpdatedAt = Now;
        db.Add(response);
        return response;
    }

    private Task<Survey?> SurveyAsync(Chamber chamber, Guid surveyId, CancellationToken ct) =>
        db.Set<Survey>().Include(s => s.Questions).SingleOrDefaultAsync(s => s.Id == surveyId && s.ChamberId == chamber.Id && s.State != SurveyState.Draft, ct);
}
