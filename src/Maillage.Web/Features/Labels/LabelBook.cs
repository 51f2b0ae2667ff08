using System.Security.Cryptography;
using Maillage.Domain.Chambers;
using Maillage.Domain.Labels;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Offers;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Labels;

/// <summary>A member's valid label as a badge shows it: the code its link verifies, and until when.</summary>
public sealed record LabelBadge(string Code, DateOnly ValidUntil);

/// <summary>What the public verification of a code finds: the label, its holder and the chamber that granted it.</summary>
public sealed record LabelVerification(EssLabel Label, Organisation Organisation, Chamber Chamber, LabelStatus Status, DateOnly? EndedOn);

/// <summary>The chambers' labels: decisions by staff (recorded in the audit log), badges and public verification.</summary>
public sealed class LabelBook(MaillageDbContext db, AuditLog audit, TimeProvider clock, OfferSearch search)
{
    /// <summary>Labels run by Swiss calendar days: valid "until 31 December" means all of that day in Geneva.</summary>
    public DateOnly Today => Maillage.Domain.ChamberDays.Of(Now);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<EssLabel?> OfAsync(Guid chamberId, Guid organisationId, CancellationToken ct) =>
        db.Set<EssLabel>().Include(l => l.Events).FirstOrDefaultAsync(l => l.ChamberId == chamberId && l.OrganisationId == organisationId, ct);

    /// <summary>The badges of those of <paramref name="organisationIds"/> whose label is valid today.</summary>
    public async Task<IReadOnlyDictionary<Guid, LabelBadge>> ValidBadgesAsync(IReadOnlyCollection<Guid> organisationIds, CancellationToken ct)
    {
        if (organisationIds.Count == 0)
        {
            return new Dictionary<Guid, LabelBadge>();
        }

        var today = Today;
        var valid = await db.Set<EssLabel>().AsNoTracking()
            .ValidOn(today)
            .Where(l => organisationIds.Contains(l.OrganisationId))
            .Select(l => new { l.OrganisationId, l.Code, l.ValidUntil })
            .ToListAsync(ct);
        return valid.ToDictionary(l => l.OrganisationId, l => new LabelBadge(l.Code, l.ValidUntil));
    }

    /// <summary>
    /// Finds a typed code in the chamber named by the address (or in any chamber when <paramref name="chamberId"/> is
    /// null); a code of another chamber is not found, so one chamber's page never tells about another's labels.
    /// </summary>
    public async Task<LabelVerification?> VerifyAsync(string? typedCode, Guid? chamberId, CancellationToken ct)
    {
        var code = LabelCode.Normalize(typedCode);
        if (code is null)
        {
            return null;
        }

        var label = await db.Set<EssLabel>().AsNoTracking().FirstOrDefaultAsync(l => l.Code == code && (chamberId == null || l.ChamberId == chamberId), ct);
        if (label is null)
        {
            return null;
        }

        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == label.OrganisationId, ct);
        var chamber = await db.Chambers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == label.ChamberId, ct);
        if (organisation is null || chamber is null)
        {
            return null;
        }

        var today = Today;
        return new LabelVerification(label, organisation, chamber, label.StatusOn(today), label.EndedOn(today, Display.SwissTime));
    }

    public async Task<EssLabel> GrantAsync(Chamber chamber, Organisation organisation, DateOnly from, DateOnly until, string? note, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(organisation);
        var code = await NewCodeAsync(ct);
        var label = EssLabel.Grant(chamber.Id, organisation.Id, code, from, until, note, actor, Now, Today);
        db.Add(label);
        audit.Record(chamber.Id, "label.granted", nameof(EssLabel), label.Id, $"{organisation.Profile.Name}: {from:yyyy-MM-dd} – {until:yyyy-MM-dd}");
        await SaveAsync(ct);
        return label;
    }

    public async Task RenewAsync(Chamber chamber, Organisation organisation, EssLabel label, DateOnly from, DateOnly until, string? note, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(label);
        if (label.RevokedAt is null)
        {
            label.Renew(from, until, note, actor, Now, Today);
            audit.Record(chamber.Id, "label.renewed", nameof(EssLabel), label.Id, $"{organisation.Profile.Name}: {from:yyyy-MM-dd} – {until:yyyy-MM-dd}");
        }
        else
        {
            label.Regrant(from, until, note, actor, Now, Today);
            audit.Record(chamber.Id, "label.regranted", nameof(EssLabel), label.Id, $"{organisation.Profile.Name}: {from:yyyy-MM-dd} – {until:yyyy-MM-dd}");
        }

        await SaveAsync(ct);
    }

    public async Task RevokeAsync(Chamber chamber, Organisation organisation, EssLabel label, string reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(label);
        label.Revoke(reason, actor, Now);
        audit.Record(chamber.Id, "label.revoked", nameof(EssLabel), label.Id, $"{organisation.Profile.Name}: {label.RevokedReason}");
        await SaveAsync(ct);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);

        // This instance's index sees the change at once; the others within their next refresh.
        await search.RefreshAsync(ct);
    }

    private async Task<string> NewCodeAsync(CancellationToken ct)
    {
        while (true)
        {
            var code = LabelCode.Create(RandomNumberGenerator.GetBytes(LabelCode.Length));
            if (!await db.Set<EssLabel>().AnyAsync(l => l.Code == code, ct))
            {
                return code;
            }
        }
    }
}

public static class LabelQueries
{
    /// <summary>Labels in force on <paramref name="day"/> (Swiss date): not revoked, within their period. Stated once for every query.</summary>
    public static IQueryable<EssLabel> ValidOn(this IQueryable<EssLabel> labels, DateOnly day) =>
        labels.Where(l => l.RevokedAt == null && l.ValidFrom <= day && l.ValidUntil >= day);
}
