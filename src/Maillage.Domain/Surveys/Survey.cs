using Maillage.Domain.Common;

namespace Maillage.Domain.Surveys;

public enum SurveyState
{
    /// <summary>Being built; only staff see it.</summary>
    Draft,

    /// <summary>Published: answers are taken between the opening and the closing dates.</summary>
    Open,

    Closed,
}

/// <summary>The title, introduction and answering window of a survey, validated as a whole.</summary>
public sealed class SurveySettings
{
    public const int TitleMax = 200;
    public const int IntroductionMax = 4000;

    public string Title { get; set; } = string.Empty;

    public string? Introduction { get; set; }

    /// <summary>Results never show who answered what; submitted answers keep no link to the person.</summary>
    public bool Anonymous { get; set; }

    public DateTime? OpensAt { get; set; }

    public DateTime? ClosesAt { get; set; }

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(Title), Title, 3, TitleMax);
        errors.MaxLength(nameof(Introduction), Introduction, IntroductionMax);
        if (OpensAt is { } opens && ClosesAt is { } closes && closes <= opens)
        {
            errors.Add(nameof(ClosesAt), SurveyCodes.ClosesBeforeOpens);
        }

        return errors.Items;
    }
}

/// <summary>
/// A survey of a chamber: its questions in order and its life, draft → open → closed (and reopened when the closing
/// date is moved). Once anyone has answered, a question can be reworded, appended to or moved, but not changed in a
/// way that would make stored answers mean something else (<see cref="SurveyQuestion.BreakingChanges"/>).
/// </summary>
public sealed class Survey
{
    public const int MaxQuestions = 100;

    private readonly List<SurveyQuestion> _questions = [];

    private Survey()
    {
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string? Introduction { get; private set; }

    public bool Anonymous { get; private set; }

    public DateTime? OpensAt { get; private set; }

    public DateTime? ClosesAt { get; private set; }

    public SurveyState State { get; private set; }

    /// <summary>Set when staff publish the survey with a public link (anyone holding it may answer).</summary>
    public string? PublicToken { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? OpenedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public IReadOnlyList<SurveyQuestion> Questions => _questions;

    public static Survey Create(Guid chamberId, SurveySettings settings, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Guard(settings.Validate());
        var survey = new Survey { Id = Guid.NewGuid(), ChamberId = chamberId, State = SurveyState.Draft, CreatedAt = now };
        survey.Apply(settings);
        return survey;
    }

    public SurveySettings Settings() => new() { Title = Title, Introduction = Introduction, Anonymous = Anonymous, OpensAt = OpensAt, ClosesAt = ClosesAt };

    /// <summary>Changes the settings; anonymity cannot be switched once someone answered (they answered under a promise).</summary>
    public IReadOnlyList<ValidationError> Update(SurveySettings settings, bool hasAnswers, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new ValidationErrors();
        errors.AddRange(settings.Validate());
        if (hasAnswers && settings.Anonymous != Anonymous)
        {
            errors.Add(nameof(SurveySettings.Anonymous), SurveyCodes.AnonymityLocked);
        }

        if (State == SurveyState.Open && settings.ClosesAt is { } closes && closes <= now)
        {
            errors.Add(nameof(SurveySettings.ClosesAt), SurveyCodes.ClosesInPast);
        }

        if (errors.IsValid)
        {
            Apply(settings);
        }

        return errors.Items;
    }

    /// <summary>Where the survey stands at <paramref name="now"/>: an open survey past its closing date is closed.</summary>
    public SurveyState StateAt(DateTime now) =>
        State == SurveyState.Open && ClosesAt is { } closes && now >= closes ? SurveyState.Closed : State;

    /// <summary>Answers (drafts included) are taken only while open and inside the window.</summary>
    public bool AcceptsAnswers(DateTime now) =>
        StateAt(now) == SurveyState.Open && (OpensAt is null || now >= OpensAt);

    public IReadOnlyList<ValidationError> AddQuestion(QuestionDraft draft, bool hasAnswers)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new ValidationErrors();
        errors.AddRange(draft.Validate());
        if (_questions.Count >= MaxQuestions)
        {
            errors.Add(nameof(QuestionDraft.Prompt), ValidationCodes.OutOfRange, 1, MaxQuestions);
        }

        // A new required question would make every answer already submitted incomplete.
        if (hasAnswers && draft.Required)
        {
            errors.Add(nameof(QuestionDraft.Required), SurveyCodes.NewRequiredLocked);
        }

        if (errors.IsValid)
        {
            var question = new SurveyQuestion { SurveyId = Id, Position = _questions.Count + 1 };
            question.Apply(draft);
            _questions.Add(question);
        }

        return errors.Items;
    }

    public IReadOnlyList<ValidationError> ReviseQuestion(Guid questionId, QuestionDraft draft, bool hasAnswers)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var question = Find(questionId);
        var errors = new ValidationErrors();
        errors.AddRange(draft.Validate());
        if (hasAnswers)
        {
            errors.AddRange(question.BreakingChanges(draft));
        }

        if (errors.IsValid)
        {
            question.Apply(draft);
        }

        return errors.Items;
    }

    /// <summary>Removing a question would delete what people answered to it: refused once anyone answered.</summary>
    public void RemoveQuestion(Guid questionId, bool hasAnswers)
    {
        var question = Find(questionId);
        if (hasAnswers)
        {
            throw new DomainException(SurveyCodes.RemoveLocked);
        }

        _questions.Remove(question);
        Renumber();
    }

    /// <summary>Moves a question one place up (-1) or down (+1); at either end nothing changes.</summary>
    public void Move(Guid questionId, int step)
    {
        var ordered = _questions.OrderBy(q => q.Position).ToList();
        var index = ordered.IndexOf(Find(questionId));
        var target = index + Math.Sign(step);
        if (target < 0 || target >= ordered.Count)
        {
            return;
        }

        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i + 1;
        }
    }

    public IEnumerable<SurveyQuestion> Ordered() => _questions.OrderBy(q => q.Position);

    public void Open(DateTime now)
    {
        if (State != SurveyState.Draft && StateAt(now) != SurveyState.Closed)
        {
            throw new DomainException(SurveyCodes.InvalidTransition);
        }

        if (_questions.Count == 0)
        {
            throw new DomainException(SurveyCodes.NoQuestions);
        }

        if (ClosesAt is { } closes && closes <= now)
        {
            throw new DomainException(SurveyCodes.ClosesInPast, nameof(ClosesAt));
        }

        State = SurveyState.Open;
        OpenedAt ??= now;
        ClosedAt = null;
    }

    public void Close(DateTime now)
    {
        if (State != SurveyState.Open)
        {
            throw new DomainException(SurveyCodes.InvalidTransition);
        }

        State = SurveyState.Closed;
        ClosedAt = now;
    }

    public void PublishLink(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        PublicToken ??= token;
    }

    public void WithdrawLink() => PublicToken = null;

    private SurveyQuestion Find(Guid questionId) =>
        _questions.FirstOrDefault(q => q.Id == questionId) ?? throw new DomainException(SurveyCodes.UnknownQuestion);

    private void Renumber()
    {
        var position = 1;
        foreach (var q in _questions.OrderBy(q => q.Position))
        {
            q.Position = position++;
        }
    }

    private void Apply(SurveySettings settings)
    {
        Title = settings.Title.Trim();
        Introduction = string.IsNullOrWhiteSpace(settings.Introduction) ? null : settings.Introduction.Trim();
        Anonymous = settings.Anonymous;
        OpensAt = settings.OpensAt;
        ClosesAt = settings.ClosesAt;
    }

    private static void Guard(IReadOnlyList<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code, errors[0].Field);
        }
    }
}
