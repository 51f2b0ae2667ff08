using Maillage.Domain.Criteria;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Membership;

public static class CriteriaCatalogue
{
    /// <summary>A chamber's active criteria in display order.</summary>
    public static Task<List<Criterion>> ActiveAsync(this MaillageDbContext db, Guid chamberId, CancellationToken cancellationToken) =>
        db.Criteria.AsNoTracking().Where(c => c.ChamberId == chamberId && c.IsActive).OrderBy(c => c.Position).ThenBy(c => c.Code).ToListAsync(cancellationToken);

    public static CriterionRule ToRule(this Criterion c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CriterionRule(c.Id, c.Code, c.ExpectedLevel, c.Weight, c.IsMandatory);
    }
}
