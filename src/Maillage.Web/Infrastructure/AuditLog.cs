using Maillage.Web.Data;

namespace Maillage.Web.Infrastructure;

/// <summary>Records who changed what, in the same unit of work as the change.</summary>
public sealed class AuditLog(MaillageDbContext db, Access access, TimeProvider clock)
{
    public void Record(Guid? chamberId, string action, string entityType, Guid? entityId, string summary)
    {
        db.Audit.Add(new AuditEntry
        {
            ChamberId = chamberId,
            UserId = access.UserId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary.Length > 1000 ? summary[..1000] : summary,
            At = clock.GetUtcNow().UtcDateTime,
        });
    }
}
