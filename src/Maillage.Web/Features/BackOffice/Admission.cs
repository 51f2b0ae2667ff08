using Maillage.Domain.Chambers;
using Maillage.Domain.Common;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.BackOffice;

/// <summary>
/// Staff decisions on applications. Admission creates the member organisation, makes the contact person its admin,
/// keeps the referral and tells the applicant: all in one transaction, or nothing.
/// </summary>
public sealed class Admission(MaillageDbContext db, EmailOutbox outbox, AuditLog audit, IStringLocalizer<SharedResource> l, TimeProvider clock, Currency.CurrencyReferrals referrals)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Organisation> AdmitAsync(Chamber chamber, MembershipApplication application, Actor actor, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(application);
        if (!application.Can(ApplicationEventKind.Admitted))
        {
            throw new DomainException("InvalidTransition");
        }

        var duplicate = await db.FindDuplicateAsync(chamber.Id, application.Organisation, null, cancellationToken);
        if (duplicate is not null)
        {
            throw new DomainException(ValidationCodes.DuplicateOrganisation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var slug = await db.UniqueSlugAsync(chamber.Id, application.Organisation.Name, cancellationToken);
        var organisation = new Organisation(chamber.Id, slug, application.Organisation, application.MembershipType, Maillage.Domain.ChamberDays.Of(Now), Now)
        {
            ReferredByOrganisationId = application.ReferredByOrganisationId,
            AdmittedFromApplicationId = application.Id,
        };
        db.Organisations.Add(organisation);
        if (application.ApplicantUserId is { } userId)
        {
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisation.Id, UserId = userId, Role = OrganisationRole.MemberAdmin, Since = Now });
        }

        application.Admit(actor, organisation.Id, comment, Now);
        outbox.Queue(chamber.Id, application.Contact.Email, l["Email.Admitted.Subject", chamber.ShortName], l["Email.Admitted.Body", application.Contact.FirstName, organisation.Profile.Name, outbox.Link($"/{chamber.Slug}/membres/{organisation.Slug}")], EmailKinds.Admitted);
        audit.Record(chamber.Id, "application.admitted", nameof(MembershipApplication), application.Id, organisation.Profile.Name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // After the commit: the ledger writes in its own transaction, and the reward is keyed by the admitted organisation.
        await referrals.RewardAsync(chamber.Id, organisation, cancellationToken);
        return organisation;
    }

    public async Task RefuseAsync(Chamber chamber, MembershipApplication application, Actor actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(application);
        application.Refuse(actor, reason, Now);
        outbox.Queue(chamber.Id, application.Contact.Email, l["Email.Refused.Subject", chamber.ShortName], l["Email.Refused.Body", application.Contact.FirstName, application.Organisation.Name, reason.Trim(), outbox.Link($"/{chamber.Slug}/adhesion/{application.Id}")], EmailKinds.Refused);
        audit.Record(chamber.Id, "application.refused", nameof(MembershipApplication), application.Id, application.Organisation.Name);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RequestInformationAsync(Chamber chamber, MembershipApplication application, Actor actor, string question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(application);
        application.RequestInformation(actor, question, Now);
        outbox.Queue(chamber.Id, application.Contact.Email, l["Email.InformationRequested.Subject", chamber.ShortName], l["Email.InformationRequested.Body", application.Contact.FirstName, question.Trim(), outbox.Link($"/{chamber.Slug}/adhesion/{application.Id}")], EmailKinds.InformationRequested);
        audit.Record(chamber.Id, "application.information-requested", nameof(MembershipApplication), application.Id, application.Organisation.Name);
        await db.SaveChangesAsync(cancellationToken);
    }
}
