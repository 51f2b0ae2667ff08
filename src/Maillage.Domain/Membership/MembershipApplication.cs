using Maillage.Domain.Common;
using Maillage.Domain.Criteria;
using Maillage.Domain.Organisations;

namespace Maillage.Domain.Membership;

public enum ApplicationState
{
    Submitted = 1,
    UnderReview = 2,
    InformationRequested = 3,
    Admitted = 4,
    Refused = 5,
    Withdrawn = 6,
}

public enum ApplicationEventKind
{
    Submitted = 1,
    ReviewStarted = 2,
    Comment = 3,
    InformationRequested = 4,
    InformationProvided = 5,
    Admitted = 6,
    Refused = 7,
    Withdrawn = 8,
}

/// <summary>The person who will administer the organisation once admitted.</summary>
public sealed class ApplicationContact
{
    public string FirstName { get; set; } = string.Empty;

    public string LastName { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string? Phone { get; set; }

    public string? Role { get; set; }

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(FirstName), FirstName, 1, 80);
        errors.Length(nameof(LastName), LastName, 1, 80);
        if (string.IsNullOrWhiteSpace(Email))
        {
            errors.Add(nameof(Email), ValidationCodes.Required);
        }
        else if (!OrganisationProfile.IsEmail(Email.Trim()))
        {
            errors.Add(nameof(Email), ValidationCodes.InvalidEmail);
        }

        if (!string.IsNullOrWhiteSpace(Phone) && !OrganisationProfile.IsPhone(Phone.Trim()))
        {
            errors.Add(nameof(Phone), ValidationCodes.InvalidPhone);
        }

        errors.MaxLength(nameof(Role), Role, 80);
        return errors.Items;
    }
}

/// <summary>A criterion answered by the applicant: a level and why.</summary>
public sealed class ApplicationAnswer
{
    public const int JustificationMin = 10;
    public const int JustificationMax = 1000;

    private ApplicationAnswer()
    {
    }

    public ApplicationAnswer(Guid criterionId, CriterionLevel level, string justification)
    {
        CriterionId = criterionId;
        Level = level;
        Justification = justification.Trim();
    }

    public Guid ApplicationId { get; private set; }

    public Guid CriterionId { get; private set; }

    public CriterionLevel Level { get; private set; }

    public string Justification { get; private set; } = string.Empty;
}

/// <summary>Something that happened to an application: who, when, what, why. Never edited once written.</summary>
public sealed class ApplicationEvent
{
    private ApplicationEvent()
    {
    }

    internal ApplicationEvent(Guid applicationId, ApplicationEventKind kind, Guid? actorUserId, string actorName, string? text, bool isInternal, DateTime at)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        Kind = kind;
        ActorUserId = actorUserId;
        ActorName = actorName;
        Text = text;
        IsInternal = isInternal;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public ApplicationEventKind Kind { get; private set; }

    public Guid? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = string.Empty;

    public string? Text { get; private set; }

    /// <summary>Staff-only note, hidden from the applicant.</summary>
    public bool IsInternal { get; private set; }

    public DateTime At { get; private set; }
}

/// <summary>Who does something to an application.</summary>
public sealed record Actor(Guid? UserId, string Name);

/// <summary>
/// An organisation's request to join a chamber. Its state only moves by the methods below, each of which
/// records who did what and when:
/// Submitted → UnderReview ⇄ InformationRequested; Submitted/UnderReview → Admitted;
/// any open state → Refused (with a reason) or Withdrawn (by the applicant).
/// </summary>
public sealed class MembershipApplication
{
    private readonly List<ApplicationAnswer> _answers = [];
    private readonly List<ApplicationEvent> _events = [];

    private MembershipApplication()
    {
    }

    public MembershipApplication(
        Guid chamberId,
        OrganisationProfile organisation,
        ApplicationContact contact,
        MembershipType membershipType,
        IEnumerable<ApplicationAnswer> answers,
        Guid? referredByOrganisationId,
        Guid? applicantUserId,
        DateTime now)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(answers);
        Id = Guid.NewGuid();
        ChamberId = chamberId;
        Organisation = organisation.Copy();
        Organisation.Normalize();
        Contact = contact;
        Contact.Email = contact.Email.Trim();
        MembershipType = membershipType;
        ReferredByOrganisationId = referredByOrganisationId;
        ApplicantUserId = applicantUserId;
        SubmittedAt = now;
        UpdatedAt = now;
        State = ApplicationState.Submitted;
        _answers.AddRange(answers);
        _events.Add(new ApplicationEvent(Id, ApplicationEventKind.Submitted, applicantUserId, contact.FirstName + " " + contact.LastName, null, false, now));
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public ApplicationState State { get; private set; }

    public OrganisationProfile Organisation { get; private set; } = new();

    public ApplicationContact Contact { get; private set; } = new();

    public MembershipType MembershipType { get; private set; }

    public Guid? ReferredByOrganisationId { get; private set; }

    /// <summary>The account that follows the application and administers the organisation once admitted.</summary>
    public Guid? ApplicantUserId { get; private set; }

    /// <summary>Set on admission.</summary>
    public Guid? OrganisationId { get; private set; }

    /// <summary>The refusal's reason, visible to the applicant.</summary>
    public string? DecisionReason { get; private set; }

    public DateTime SubmittedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public IReadOnlyList<ApplicationAnswer> Answers => _answers;

    public IReadOnlyList<ApplicationEvent> Events => _events;

    public bool IsOpen => State is ApplicationState.Submitted or ApplicationState.UnderReview or ApplicationState.InformationRequested;

    public static bool CanMove(ApplicationState from, ApplicationEventKind action) => action switch
    {
        ApplicationEventKind.ReviewStarted => from == ApplicationState.Submitted,
        ApplicationEventKind.InformationRequested => from is ApplicationState.Submitted or ApplicationState.UnderReview,
        ApplicationEventKind.InformationProvided => from == ApplicationState.InformationRequested,
        ApplicationEventKind.Admitted => from is ApplicationState.Submitted or ApplicationState.UnderReview,
        ApplicationEventKind.Refused or ApplicationEventKind.Withdrawn => from is ApplicationState.Submitted or ApplicationState.UnderReview or ApplicationState.InformationRequested,
        ApplicationEventKind.Comment => true,
        _ => false,
    };

    public bool Can(ApplicationEventKind action) => CanMove(State, action);

    public void StartReview(Actor actor, DateTime now) => Move(ApplicationEventKind.ReviewStarted, ApplicationState.UnderReview, actor, null, now);

    public void RequestInformation(Actor actor, string question, DateTime now) =>
        Move(ApplicationEventKind.InformationRequested, ApplicationState.InformationRequested, actor, RequireText(question, "Question"), now);

    public void ProvideInformation(Actor actor, string answer, DateTime now) =>
        Move(ApplicationEventKind.InformationProvided, ApplicationState.UnderReview, actor, RequireText(answer, "Answer"), now);

    /// <summary>Admits the applicant; the caller creates the organisation and passes its id.</summary>
    public void Admit(Actor actor, Guid organisationId, string? comment, DateTime now)
    {
        Move(ApplicationEventKind.Admitted, ApplicationState.Admitted, actor, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), now);
        OrganisationId = organisationId;
        DecidedAt = now;
    }

    public void Refuse(Actor actor, string reason, DateTime now)
    {
        var text = RequireText(reason, "Reason");
        Move(ApplicationEventKind.Refused, ApplicationState.Refused, actor, text, now);
        DecisionReason = text;
        DecidedAt = now;
    }

    public void Withdraw(Actor actor, DateTime now)
    {
        Move(ApplicationEventKind.Withdrawn, ApplicationState.Withdrawn, actor, null, now);
        DecidedAt = now;
    }

    /// <summary>A note by staff (internal) or a message in the exchange with the applicant.</summary>
    public void Comment(Actor actor, string text, bool isInternal, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _events.Add(new ApplicationEvent(Id, ApplicationEventKind.Comment, actor.UserId, actor.Name, RequireText(text, "Comment"), isInternal, now));
        UpdatedAt = now;
    }

    public AssessmentResult Assess(IReadOnlyList<CriterionRule> rules) =>
        CriteriaAssessment.Evaluate(rules, _answers.ToDictionary(a => a.CriterionId, a => a.Level));

    /// <summary>Validates answers against the chamber's active criteria: every one answered, with a justification.</summary>
    public static IReadOnlyList<ValidationError> ValidateAnswers(IReadOnlyList<CriterionRule> rules, IReadOnlyDictionary<Guid, (CriterionLevel? Level, string? Justification)> answers)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new ValidationErrors();
        foreach (var rule in rules)
        {
            var field = rule.Code;
            if (!answers.TryGetValue(rule.CriterionId, out var answer) || answer.Level is null)
            {
                errors.Add(field + ".Level", ValidationCodes.Required);
                continue;
            }

            if (!Enum.IsDefined(answer.Level.Value))
            {
                errors.Add(field + ".Level", ValidationCodes.InvalidChoice);
            }

            errors.Length(field + ".Justification", answer.Justification, ApplicationAnswer.JustificationMin, ApplicationAnswer.JustificationMax);
        }

        return errors.Items;
    }

    private static string RequireText(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException(ValidationCodes.Required, field);
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 2000)
        {
            throw new DomainException(ValidationCodes.TooLong, field);
        }

        return trimmed;
    }

    private void Move(ApplicationEventKind action, ApplicationState to, Actor actor, string? text, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanMove(State, action))
        {
            throw new DomainException("InvalidTransition");
        }

        State = to;
        UpdatedAt = now;
        _events.Add(new ApplicationEvent(Id, action, actor.UserId, actor.Name, text, false, now));
    }
}
