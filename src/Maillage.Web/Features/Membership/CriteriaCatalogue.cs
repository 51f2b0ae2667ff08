using Maillage.Domain.Criteria;
using Maillage.Domain.Membership;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Membership;

public static class CriteriaCatalogue
{
    /// <summary>A chamber's active criteria in display order.</summary>
    public static Task<List<Criterion>> ActiveAsync(this MaillageDbContext db, Guid chamberId, CancellationToken cancellationToken) =>
        db.Criteria.AsNoTracking().Where(c => c.ChamberId == chamberId && c.IsActive).OrderBy(c => c.Position).ThenBy(c => c.Code).ToListAsync(cancellationToken);

    /// <summary>
    /// Scores an application against the criteria in force, plus any it answered that were switched off since:
    /// an answer given is never silently dropped from the review.
    /// </summary>
    public static AssessmentResult AssessAgainst(this MembershipApplication application, IEnumerable<Criterion> chamberCriteria)
    {
        ArgumentNullException.ThrowIfNull(application);
        var answered = application.Answers.Select(a => a.CriterionId).ToHashSet();
        return application.Assess(chamberCriteria.Where(c => c.IsActive || answered.Contains(c.Id)).Select(c => c.ToRule()).ToList());
    }

    public static CriterionRule ToRule(this Criterion c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CriterionRule(c.Id, c.Code, c.ExpectedLevel, c.Weight, c.IsMandatory);
    }
}
