using Maillage.Domain.Common;

namespace Maillage.Domain.Surveys;

public enum ResponseState
{
    Draft,
    Submitted,
}

/// <summary>
/// A personal link sent to one contact of a member organisation. While the person has not submitted, their partial
/// answers live here (<see cref="DraftJson"/>). On a named survey the submitted response points back at the
/// invitation so the person can edit it until closing; on an anonymous survey it does not (see <see cref="SurveyResponse.Submit"/>).
/// </summary>
public sealed class SurveyInvitation
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid SurveyId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid UserId { get; set; }

    public string Email { get; set; } = string.Empty;

    /// <summary>The secret of the personal link (random, 32 characters).</summary>
    public string Token { get; set; } = string.Empty;

    public DateTime SentAt { get; set; }

    public string? DraftJson { get; set; }

    /// <summary>When the person submitted; only the day on an anonymous survey, so it cannot be matched with a response's time.</summary>
    public DateTime? SubmittedOn { get; set; }
}

/// <summary>
/// One person's answers. A response made from a public link carries a resume token while it is a draft; a named
/// response keeps it (and its invitation) so it can be edited until closing.
/// </summary>
public sealed class SurveyResponse
{
    public const int RespondentNameMax = 200;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid SurveyId { get; set; }

    public ResponseState State { get; set; }

    public string AnswersJson { get; set; } = "{}";

    /// <summary>Named surveys only: the personal link this response came from.</summary>
    public Guid? InvitationId { get; set; }

    /// <summary>Public link: the secret of the resume link.</summary>
    public string? ResumeToken { get; set; }

    /// <summary>Named public surveys: who answered (e.g. a candidate and the list they stand for).</summary>
    public string? RespondentName { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public SurveyAnswers Answers() => SurveyAnswers.FromJson(AnswersJson);

    /// <summary>
    /// Marks the response submitted. On an anonymous survey every thread back to the person is cut here: no
    /// invitation, no resume token, and times kept to the day only — so neither staff nor the database can tell
    /// whose answers these are, and the respondent can no longer reopen them.
    /// </summary>
    public void Submit(Survey survey, SurveyAnswers answers, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(answers);
        if (!survey.AcceptsAnswers(now))
        {
            throw new DomainException(SurveyCodes.NotAccepting);
        }

        AnswersJson = answers.ToJson();
        State = ResponseState.Submitted;
        if (survey.Anonymous)
        {
            InvitationId = null;
            ResumeToken = null;
            RespondentName = null;
            UpdatedAt = now.Date;
            SubmittedAt = now.Date;
        }
        else
        {
            UpdatedAt = now;
            SubmittedAt ??= now;
        }
    }
}
