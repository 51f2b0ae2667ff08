using Maillage.Domain.Procurement;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Procurement;

public sealed record ProcurementIndicators(int Notices, int OpenNotices, int NoticesWatched, int Profiles, int ConsortiaFormed, int Submitted, int Won, int Lost, long AmountWonMinor);

/// <summary>Consortia: start one from a notice, invite, answer, notes, outcome; and the chamber's indicators.</summary>
public sealed class Consortia(MaillageDbContext db, EmailOutbox outbox, AuditLog audit, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public const int NoteMax = 2000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The organisation's consortium for this notice, started now if it has none ("looking for partners").</summary>
    public async Task<Consortium> StartAsync(Guid chamberId, Guid noticeId, Guid organisationId, IReadOnlyList<string> lots, CancellationToken ct)
    {
        var existing = await db.Set<Consortium>().Where(c => c.ChamberId == chamberId && c.NoticeId == noticeId && c.Members.Any(m => m.OrganisationId == organisationId && m.Status == ConsortiumMemberStatus.Accepted))
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing;
        }

        var consortium = new Consortium { ChamberId = chamberId, NoticeId = noticeId, LeadOrganisationId = organisationId, State = ConsortiumState.Forming, CreatedAt = Now };
        consortium.Members.Add(new ConsortiumMember { ConsortiumId = consortium.Id, OrganisationId = organisationId, Role = ConsortiumRole.Lead, Status = ConsortiumMemberStatus.Accepted, Lots = TenderImporter.List(lots), InvitedAt = Now, RespondedAt = Now });
        db.Set<Consortium>().Add(consortium);
        audit.Record(chamberId, "consortium.started", nameof(Consortium), consortium.Id, noticeId.ToString());
        await db.SaveChangesAsync(ct);
        return consortium;
    }

    public Task<Consortium?> FindAsync(Guid chamberId, Guid id, CancellationToken ct) =>
        db.Set<Consortium>().Include(c => c.Members).Include(c => c.Notes).FirstOrDefaultAsync(c => c.ChamberId == chamberId && c.Id == id, ct);

    /// <returns>False when the organisation is not an active member of the chamber or already in the consortium.</returns>
    public async Task<bool> InviteAsync(Consortium consortium, Guid organisationId, ConsortiumRole role, IReadOnlyList<string> lots, string chamberSlug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(consortium);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId && o.ChamberId == consortium.ChamberId && o.State == Domain.Organisations.OrganisationState.Active, ct);
        if (organisation is null || role == ConsortiumRole.Lead)
        {
            return false;
        }

        var member = consortium.Members.FirstOrDefault(m => m.OrganisationId == organisationId);
        if (member is { Status: not ConsortiumMemberStatus.Declined })
        {
            return false;
        }

        if (member is null)
        {
            member = new ConsortiumMember { ConsortiumId = consortium.Id, OrganisationId = organisationId };
            consortium.Members.Add(member);
        }

        member.Role = role;
        member.Status = ConsortiumMemberStatus.Invited;
        member.Lots = TenderImporter.List(lots);
        member.InvitedAt = Now;
        member.RespondedAt = null;
        var notice = await db.Set<TenderNotice>().AsNoTracking().Where(n => n.Id == consortium.NoticeId).Select(n => n.Title).SingleAsync(ct);
        var emails = await db.OrganisationMembers.AsNoTracking().Where(m => m.OrganisationId == organisationId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email).Where(e => e != null).ToListAsync(ct);
        var link = outbox.Link($"/{chamberSlug}/consortiums/{consortium.Id}");
        foreach (var email in emails)
        {
            outbox.Queue(consortium.ChamberId, email!, l["Procurement.InviteMailSubject"], l["Procurement.InviteMailBody", notice, link], EmailKinds.ConsortiumInvitation);
        }

        audit.Record(consortium.ChamberId, "consortium.invited", nameof(Consortium), consortium.Id, organisation.Profile.Name);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <returns>False when the organisation has no pending invitation.</returns>
    public async Task<bool> RespondAsync(Consortium consortium, Guid organisationId, bool accept, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(consortium);
        var member = consortium.Members.FirstOrDefault(m => m.OrganisationId == organisationId && m.Status == ConsortiumMemberStatus.Invited);
        if (member is null || consortium.State != ConsortiumState.Forming)
        {
            return false;
        }

        member.Status = accept ? ConsortiumMemberStatus.Accepted : ConsortiumMemberStatus.Declined;
        member.RespondedAt = Now;
        audit.Record(consortium.ChamberId, accept ? "consortium.accepted" : "consortium.declined", nameof(Consortium), consortium.Id, organisationId.ToString());
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task AddNoteAsync(Consortium consortium, Guid organisationId, string author, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(consortium);
        ArgumentNullException.ThrowIfNull(text);
        consortium.Notes.Add(new ConsortiumNote { ConsortiumId = consortium.Id, OrganisationId = organisationId, Author = author.Length > 170 ? author[..170] : author, Text = text.Trim(), CreatedAt = Now });
        await db.SaveChangesAsync(ct);
    }

    /// <returns>False when the move is not allowed (see <see cref="Consortium.CanMoveTo"/>).</returns>
    public async Task<bool> RecordOutcomeAsync(Consortium consortium, ConsortiumState state, long? amountWonMinor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(consortium);
        if (!consortium.CanMoveTo(state))
        {
            return false;
        }

        consortium.State = state;
        consortium.AmountWonMinor = state == ConsortiumState.Won ? amountWonMinor : null;
        consortium.OutcomeAt = Now;
        audit.Record(consortium.ChamberId, "consortium.outcome", nameof(Consortium), consortium.Id, state.ToString());
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>What the chamber needs to argue for ESS criteria: notices watched, consortia formed, submitted, won, amount won.</summary>
    public async Task<ProcurementIndicators> IndicatorsAsync(Guid chamberId, CancellationToken ct)
    {
        var now = Now;
        var notices = await db.Set<TenderNotice>().AsNoTracking().Where(n => n.ChamberId == chamberId).ToListAsync(ct);
        var profiles = await db.Set<WatchProfile>().AsNoTracking().Where(p => p.ChamberId == chamberId).ToListAsync(ct);
        var watched = profiles.Count == 0 ? 0 : new WatchMatcher(profiles.Select(p => p.ToSpec())).Match(notices.Select(TenderQueries.Facts)).Select(m => m.NoticeId).Distinct().Count();
        var consortia = await db.Set<Consortium>().AsNoTracking().Include(c => c.Members).Where(c => c.ChamberId == chamberId).ToListAsync(ct);
        var formed = consortia.Count(c => c.Members.Count(m => m.Status == ConsortiumMemberStatus.Accepted) >= 2);
        var submitted = consortia.Count(c => c.State is ConsortiumState.Submitted or ConsortiumState.Won or ConsortiumState.Lost);
        return new ProcurementIndicators(
            notices.Count,
            notices.Count(n => n.TenderDeadline is null || n.TenderDeadline > now),
            watched,
            profiles.Count,
            formed,
            submitted,
            consortia.Count(c => c.State == ConsortiumState.Won),
            consortia.Count(c => c.State == ConsortiumState.Lost),
            consortia.Where(c => c.State == ConsortiumState.Won).Sum(c => c.AmountWonMinor ?? 0));
    }
}
