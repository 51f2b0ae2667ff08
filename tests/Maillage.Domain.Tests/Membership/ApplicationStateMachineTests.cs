using Maillage.Domain.Common;
using Maillage.Domain.Criteria;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;

namespace Maillage.Domain.Tests.Membership;

public class ApplicationStateMachineTests
{
    private static readonly DateTime Start = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Staff = new(Guid.NewGuid(), "Camille Favre (APRÈS-GE)");
    private static readonly Actor Applicant = new(Guid.NewGuid(), "Léa Morel");

    public static MembershipApplication NewApplication() => new(
        Guid.NewGuid(),
        new OrganisationProfile { Name = "Coopérative Test", Town = "Genève", Canton = "GE", ShortDescription = "Une coopérative de test." },
        new ApplicationContact { FirstName = "Léa", LastName = "Morel", Email = "lea@coop.example" },
        MembershipType.Collective,
        [new ApplicationAnswer(Guid.NewGuid(), CriterionLevel.Fully, "Inscrit dans nos statuts.")],
        null,
        Applicant.UserId,
        Start);

    [Fact]
    public void A_new_application_is_submitted_and_records_who_submitted_it()
    {
        var application = NewApplication();
        application.State.ShouldBe(ApplicationState.Submitted);
        application.IsOpen.ShouldBeTrue();
        application.Events.ShouldHaveSingleItem().Kind.ShouldBe(ApplicationEventKind.Submitted);
        application.Events[0].ActorName.ShouldBe("Léa Morel");
        application.Events[0].At.ShouldBe(Start);
    }

    [Fact]
    public void The_full_path_review_question_answer_admission_is_recorded_step_by_step()
    {
        var application = NewApplication();
        var organisationId = Guid.NewGuid();
        application.StartReview(Staff, Start.AddDays(1));
        application.RequestInformation(Staff, "Pouvez-vous envoyer vos statuts ?", Start.AddDays(2));
        application.State.ShouldBe(ApplicationState.InformationRequested);
        application.ProvideInformation(Applicant, "Les voici.", Start.AddDays(3));
        application.State.ShouldBe(ApplicationState.UnderReview);
        application.Admit(Staff, organisationId, "Bienvenue", Start.AddDays(4));

        application.State.ShouldBe(ApplicationState.Admitted);
        application.OrganisationId.ShouldBe(organisationId);
        application.DecidedAt.ShouldBe(Start.AddDays(4));
        application.Events.Select(e => e.Kind).ShouldBe(
        [
            ApplicationEventKind.Submitted, ApplicationEventKind.ReviewStarted, ApplicationEventKind.InformationRequested,
            ApplicationEventKind.InformationProvided, ApplicationEventKind.Admitted,
        ]);
        application.Events[2].Text.ShouldBe("Pouvez-vous envoyer vos statuts ?");
        application.Events[4].ActorUserId.ShouldBe(Staff.UserId);
    }

    [Fact]
    public void A_refusal_needs_a_reason_and_keeps_it_for_the_applicant()
    {
        var application = NewApplication();
        Should.Throw<DomainException>(() => application.Refuse(Staff, "  ", Start)).Code.ShouldBe(ValidationCodes.Required);
        application.State.ShouldBe(ApplicationState.Submitted);

        application.Refuse(Staff, "La lucrativité n'est pas limitée dans les statuts.", Start.AddDays(1));
        application.State.ShouldBe(ApplicationState.Refused);
        application.DecisionReason.ShouldBe("La lucrativité n'est pas limitée dans les statuts.");
        application.IsOpen.ShouldBeFalse();
    }

    [Theory]
    [InlineData(ApplicationState.Submitted, ApplicationEventKind.ReviewStarted, true)]
    [InlineData(ApplicationState.UnderReview, ApplicationEventKind.ReviewStarted, false)]
    [InlineData(ApplicationState.InformationRequested, ApplicationEventKind.Admitted, false)]
    [InlineData(ApplicationState.InformationRequested, ApplicationEventKind.Refused, true)]
    [InlineData(ApplicationState.Submitted, ApplicationEventKind.InformationProvided, false)]
    [InlineData(ApplicationState.Admitted, ApplicationEventKind.Refused, false)]
    [InlineData(ApplicationState.Refused, ApplicationEventKind.Admitted, false)]
    [InlineData(ApplicationState.Withdrawn, ApplicationEventKind.ReviewStarted, false)]
    [InlineData(ApplicationState.Admitted, ApplicationEventKind.Comment, true)]
    public void Allowed_moves_follow_the_state_machine(ApplicationState from, ApplicationEventKind action, bool allowed) =>
        MembershipApplication.CanMove(from, action).ShouldBe(allowed);

    [Fact]
    public void An_impossible_move_is_refused_and_changes_nothing()
    {
        var application = NewApplication();
        application.Withdraw(Applicant, Start.AddDays(1));
        var events = application.Events.Count;

        Should.Throw<DomainException>(() => application.Admit(Staff, Guid.NewGuid(), null, Start.AddDays(2))).Code.ShouldBe("InvalidTransition");
        application.State.ShouldBe(ApplicationState.Withdrawn);
        application.OrganisationId.ShouldBeNull();
        application.Events.Count.ShouldBe(events);
    }

    /// <summary>
    /// Invariants, checked after every step of seeded random sequences: the state only moves along allowed edges,
    /// every successful action adds exactly one event in time order, a failed one adds none, a closed application
    /// never reopens, and an admitted one always names its organisation.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2026)]
    public void Random_sequences_of_actions_keep_the_invariants(int seed)
    {
        var random = new Random(seed);
        var actions = Enum.GetValues<ApplicationEventKind>().Where(k => k != ApplicationEventKind.Submitted).ToArray();
        for (var run = 0; run < 200; run++)
        {
            var application = NewApplication();
            var now = Start;
            for (var step = 0; step < 12; step++)
            {
                now = now.AddHours(1 + random.Next(48));
                var action = actions[random.Next(actions.Length)];
                var before = application.State;
                var eventsBefore = application.Events.Count;
                var allowed = MembershipApplication.CanMove(before, action);
                try
                {
                    Apply(application, action, now);
                    allowed.ShouldBeTrue($"seed {seed}, run {run}: {action} from {before} should have been refused");
                    application.Events.Count.ShouldBe(eventsBefore + 1);
                    application.Events[^1].Kind.ShouldBe(action);
                    application.Events[^1].At.ShouldBe(now);
                }
                catch (DomainException)
                {
                    allowed.ShouldBeFalse($"seed {seed}, run {run}: {action} from {before} should have been allowed");
                    application.State.ShouldBe(before);
                    application.Events.Count.ShouldBe(eventsBefore);
                }

                if (before is ApplicationState.Admitted or ApplicationState.Refused or ApplicationState.Withdrawn)
                {
                    application.State.ShouldBe(before, "a closed application never reopens");
                }

                (application.State == ApplicationState.Admitted).ShouldBe(application.OrganisationId is not null);
                application.IsOpen.ShouldBe(application.DecidedAt is null);
                application.Events.Select(e => e.At).ShouldBeInOrder();
            }
        }
    }

    private static void Apply(MembershipApplication application, ApplicationEventKind action, DateTime now)
    {
        switch (action)
        {
            case ApplicationEventKind.ReviewStarted: application.StartReview(Staff, now); break;
            case ApplicationEventKind.Comment: application.Comment(Staff, "Note interne", true, now); break;
            case ApplicationEventKind.InformationRequested: application.RequestInformation(Staff, "Une question ?", now); break;
            case ApplicationEventKind.InformationProvided: application.ProvideInformation(Applicant, "Une réponse.", now); break;
            case ApplicationEventKind.Admitted: application.Admit(Staff, Guid.NewGuid(), null, now); break;
            case ApplicationEventKind.Refused: application.Refuse(Staff, "Motif", now); break;
            case ApplicationEventKind.Withdrawn: application.Withdraw(Applicant, now); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
