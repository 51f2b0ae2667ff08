using System.Data.Common;
using Maillage.Domain.Agenda;
using Maillage.Domain.Common;
using Maillage.Domain.Invoices;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Maillage.Web.Features.Agenda;

/// <summary>What a person sends to register; the claimed rate and amount only serve to refuse a forged price.</summary>
public sealed record RegistrationRequest(string? Email, string? FirstName, string? LastName, string? Organisation, PriceCategory? ClaimedRate = null, long? ClaimedPrice = null);

/// <summary>Who registers: a signed-in person (their verified email skips the confirmation step) or a visitor.</summary>
public sealed record Registrant(Guid? UserId, string? VerifiedEmail)
{
    public static readonly Registrant Visitor = new(null, null);
}

public sealed record RegistrationOutcome(Registration? Registration, IReadOnlyList<ValidationError> Errors)
{
    public bool Succeeded => Registration is not null;

    /// <summary>A refusal that still commits what was changed (an expired registration is marked so while refusing it).</summary>
    public bool KeepChanges { get; init; }

    public static RegistrationOutcome Refused(string code, string field = "") => new(null, [new ValidationError(field, code)]);
}

/// <summary>
/// Every change to an event's seats happens here, inside a transaction that holds the event's lock: the row lock
/// (SELECT … FOR UPDATE) on PostgreSQL, the database write lock (BEGIN IMMEDIATE) on SQLite. Deciding between a seat
/// and the waiting list, numbering arrivals and promoting the head of the waiting list therefore see the committed
/// state of every other instance, and arrival numbers follow commit order. See docs/agenda.md.
/// </summary>
public sealed class AgendaRegistrations(
    MaillageDbContext db, EmailOutbox outbox, IStringLocalizer<SharedResource> l, TimeProvider clock, AgendaAdmissionGate gate, IOptions<AgendaOptions> options, ILogger<AgendaRegistrations> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<RegistrationOutcome> RegisterAsync(Guid chamberId, Guid eventId, RegistrationRequest request, Registrant registrant, CancellationToken ct) =>
        OnOneConnectionAsync(() => RegisterOnConnectionAsync(chamberId, eventId, request, registrant, ct), ct);

    /// <summary>The person pressed the button on the page their email led to: they take a seat or join the waiting list.</summary>
    public Task<RegistrationOutcome> ConfirmEmailAsync(Guid chamberId, string token, CancellationToken ct) =>
        OnOneConnectionAsync(() => ConfirmOnConnectionAsync(chamberId, token, ct), ct);

    /// <summary>
    /// A request slot, then one pooled connection for the whole request: the request that holds the event's turn
    /// never queues for a connection or a thread behind the reads of the requests still arriving (which would
    /// stretch the critical section).
    /// </summary>
    private async Task<RegistrationOutcome> OnOneConnectionAsync(Func<Task<RegistrationOutcome>> work, CancellationToken ct)
    {
        using var slot = await gate.EnterRequestAsync(options.Value.AdmissionWait, ct);
        if (slot is null)
        {
            logger.LogWarning("A registration gave up after waiting {Wait} for a request slot", options.Value.AdmissionWait);
            return RegistrationOutcome.Refused(AgendaCodes.Busy);
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await work();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<RegistrationOutcome> RegisterOnConnectionAsync(Guid chamberId, Guid eventId, RegistrationRequest request, Registrant registrant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(registrant);
        var errors = Registration.ValidatePerson(request.Email, request.FirstName, request.LastName, request.Organisation);
        if (errors.Count > 0)
        {
            return new RegistrationOutcome(null, errors);
        }

        var email = Registration.NormaliseEmail(request.Email!);

        // Everything that does not decide a seat is read and checked before the lock, so that a rush queues only
        // for the few statements that count seats. The lock re-reads what may have changed meanwhile (status,
        // capacity, counters); the unique index refuses a duplicate that slipped between the check and the insert.
        db.ChangeTracker.Clear();
        await ChamberSlugAsync(chamberId, ct);
        var memberOrganisation = registrant.UserId is { } userId ? await MemberOrganisationAsync(userId, chamberId, ct) : null;
        var agendaEvent = await db.Set<AgendaEvent>().FirstOrDefaultAsync(e => e.Id == eventId && e.ChamberId == chamberId, ct);
        if (agendaEvent is null)
        {
            return RegistrationOutcome.Refused("NotFound");
        }

        var now = Now;
        if (agendaEvent.RegistrationRefusal(now) is { } refusal)
        {
            return RegistrationOutcome.Refused(refusal);
        }

        if (agendaEvent.Visibility == EventVisibility.MembersOnly && memberOrganisation is null)
        {
            return RegistrationOutcome.Refused(AgendaCodes.MembersOnly);
        }

        var price = EventPrice.For(agendaEvent, memberOrganisation is not null);
        if (EventPrice.Refusal(price, request.ClaimedRate, request.ClaimedPrice) is { } forged)
        {
            return RegistrationOutcome.Refused(forged, "Rate");
        }

        if (!await FreeEmailAsync(eventId, email, now, ct))
        {
            return RegistrationOutcome.Refused(AgendaCodes.AlreadyRegistered, "Email");
        }

        var registration = Registration.Start(agendaEvent, email, request.FirstName!, request.LastName!, request.Organisation, registrant.UserId, memberOrganisation, price, now);
        if (registrant.VerifiedEmail is { } verified && Registration.NormaliseEmail(verified) == email)
        {
            return await AdmitAsync(agendaEvent, registration, isNew: true, ct);
        }

        // A pending registration holds no seat and takes no arrival number: no lock is needed to write it.
        db.Set<Registration>().Add(registration);
        var until = AgendaDisplay.DateTime(EventTime.ToLocal(now + options.Value.PendingEmailLifetime, agendaEvent.TimeZoneId));
        outbox.Queue(chamberId, email, l["Agenda.Mail.ConfirmSubject", agendaEvent.Title], l["Agenda.Mail.ConfirmBody", registration.FirstName, agendaEvent.Title, When(agendaEvent), ManageLink(registration), until], AgendaEmailKinds.ConfirmRegistration);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return RegistrationOutcome.Refused(AgendaCodes.AlreadyRegistered, "Email");
        }

        return new RegistrationOutcome(registration, []);
    }

    private async Task<RegistrationOutcome> ConfirmOnConnectionAsync(Guid chamberId, string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return RegistrationOutcome.Refused("NotFound");
        }

        db.ChangeTracker.Clear();
        var registration = await db.Set<Registration>().FirstOrDefaultAsync(r => r.Token == token && r.ChamberId == chamberId, ct);
        if (registration is null)
        {
            return RegistrationOutcome.Refused("NotFound");
        }

        if (registration.State != RegistrationState.PendingEmail)
        {
            return RegistrationOutcome.Refused(AgendaCodes.InvalidTransition);
        }

        await ChamberSlugAsync(chamberId, ct);
        var agendaEvent = await db.Set<AgendaEvent>().SingleAsync(e => e.Id == registration.EventId, ct);
        return await AdmitAsync(agendaEvent, registration, isNew: false, ct);
    }

    /// <summary>
    /// Ends pending registrations whose email was not confirmed within <see cref="AgendaOptions.PendingEmailLifetime"/>,
    /// so that the address may register again and nobody is reminded of a registration they never made. A pending
    /// registration holds no seat, so nothing is released; each event's expiries run under its lock, like the
    /// confirmation they compete with, and the update is conditional: with several instances, each registration
    /// is expired once. Returns how many were expired.
    /// </summary>
    public async Task<int> ExpirePendingAsync(CancellationToken ct)
    {
        var cutoff = Now - options.Value.PendingEmailLifetime;
        var eventIds = await db.Set<Registration>().AsNoTracking()
            .Where(r => r.State == RegistrationState.PendingEmail && r.CreatedAt <= cutoff)
            .Select(r => new { r.EventId, r.ChamberId })
            .Distinct()
            .Take(200)
            .ToListAsync(ct);
        var expired = 0;
        foreach (var pair in eventIds)
        {
            var count = 0;
            await InEventLockAsync(pair.ChamberId, pair.EventId, async _ =>
            {
                count = await db.Set<Registration>()
                    .Where(r => r.EventId == pair.EventId && r.State == RegistrationState.PendingEmail && r.CreatedAt <= cutoff)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RegistrationState.Cancelled).SetProperty(r => r.CancelledAt, Now), ct);
                return new RegistrationOutcome(null, []);
            }, ct);
            expired += count;
        }

        return expired;
    }

    /// <summary>The person cancels; a freed seat goes to the head of the waiting list, who is told.</summary>
    public Task<RegistrationOutcome> CancelAsync(Guid chamberId, string token, CancellationToken ct) =>
        WithRegistrationAsync(chamberId, token, (agendaEvent, registration) => CancelLocked(agendaEvent, registration), ct);

    /// <summary>Staff cancel one registration (same rules as the person's own cancellation).</summary>
    public async Task<RegistrationOutcome> CancelByStaffAsync(Guid chamberId, Guid registrationId, CancellationToken ct)
    {
        var token = await db.Set<Registration>().AsNoTracking().Where(r => r.Id == registrationId && r.ChamberId == chamberId).Select(r => r.Token).FirstOrDefaultAsync(ct);
        return token is null ? RegistrationOutcome.Refused("NotFound") : await CancelAsync(chamberId, token, ct);
    }

    /// <summary>Staff change an event; a larger capacity promotes the waiting list at once.</summary>
    public async Task<IReadOnlyList<ValidationError>> UpdateAsync(Guid chamberId, Guid eventId, EventDetails details, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        var outcome = await InEventLockAsync(chamberId, eventId, async agendaEvent =>
        {
            var errors = details.Validate(agendaEvent.ConfirmedCount);
            if (errors.Count > 0)
            {
                return new RegistrationOutcome(null, errors);
            }

            if (agendaEvent.Status == EventStatus.Cancelled)
            {
                return RegistrationOutcome.Refused(AgendaCodes.EventCancelled);
            }

            agendaEvent.Update(details, Now);
            await PromoteAsync(agendaEvent, ct);
            return new RegistrationOutcome(null, []);
        }, ct);
        return outcome.Errors;
    }

    /// <summary>Staff cancel the event: every active registrant is told.</summary>
    public async Task<bool> CancelEventAsync(Guid chamberId, Guid eventId, string? reason, CancellationToken ct)
    {
        var outcome = await InEventLockAsync(chamberId, eventId, async agendaEvent =>
        {
            if (agendaEvent.Status == EventStatus.Cancelled)
            {
                return RegistrationOutcome.Refused(AgendaCodes.EventCancelled);
            }

            agendaEvent.Cancel(reason, Now);
            var registrations = await db.Set<Registration>().Where(r => r.EventId == eventId && r.State != RegistrationState.Cancelled).ToListAsync(ct);
            foreach (var registration in registrations)
            {
                outbox.Queue(chamberId, registration.Email, l["Agenda.Mail.EventCancelledSubject", agendaEvent.Title], l["Agenda.Mail.EventCancelledBody", registration.FirstName, agendaEvent.Title, When(agendaEvent), agendaEvent.CancellationReason ?? "-"], AgendaEmailKinds.EventCancelled);
            }

            return new RegistrationOutcome(null, []);
        }, ct);
        return outcome.Errors.Count == 0;
    }

    public static string When(AgendaEvent agendaEvent)
    {
        ArgumentNullException.ThrowIfNull(agendaEvent);
        return AgendaDisplay.Range(agendaEvent);
    }

    public string ManageLink(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return outbox.Link($"/{ChamberSlug(registration.ChamberId)}/agenda/inscription/{registration.Token}");
    }

    private RegistrationOutcome CancelLocked(AgendaEvent agendaEvent, Registration registration)
    {
        if (registration.State is RegistrationState.Cancelled or RegistrationState.Attended)
        {
            return RegistrationOutcome.Refused(AgendaCodes.InvalidTransition);
        }

        if (registration.Cancel(Now))
        {
            agendaEvent.ReleaseSeat();
        }

        outbox.Queue(agendaEvent.ChamberId, registration.Email, l["Agenda.Mail.CancelledSubject", agendaEvent.Title], l["Agenda.Mail.CancelledBody", registration.FirstName, agendaEvent.Title, When(agendaEvent)], AgendaEmailKinds.RegistrationCancelled);
        return new RegistrationOutcome(registration, []);
    }

    /// <summary>Gives every free seat to the waiting list, lowest arrival number first (the lock is held).</summary>
    private async Task PromoteAsync(AgendaEvent agendaEvent, CancellationToken ct)
    {
        while (agendaEvent.Status == EventStatus.Published && agendaEvent.FreeSeats is null or > 0)
        {
            var next = await db.Set<Registration>()
                .Where(r => r.EventId == agendaEvent.Id && r.State == RegistrationState.Waitlisted)
                .OrderBy(r => r.ArrivalNumber)
                .FirstOrDefaultAsync(ct);
            if (next is null)
            {
                return;
            }

            agendaEvent.Promote(next, Now);
            outbox.Queue(agendaEvent.ChamberId, next.Email, l["Agenda.Mail.PromotedSubject", agendaEvent.Title], l["Agenda.Mail.PromotedBody", next.FirstName, agendaEvent.Title, When(agendaEvent), ManageLink(next)], AgendaEmailKinds.Promoted);

            // The next query must not see this one as still waiting.
            await db.SaveChangesAsync(ct);
        }
    }

    private void TellAdmitted(AgendaEvent agendaEvent, Registration registration)
    {
        var seated = registration.State == RegistrationState.Confirmed;
        outbox.Queue(
            agendaEvent.ChamberId,
            registration.Email,
            l[seated ? "Agenda.Mail.ConfirmedSubject" : "Agenda.Mail.WaitlistedSubject", agendaEvent.Title],
            l[seated ? "Agenda.Mail.ConfirmedBody" : "Agenda.Mail.WaitlistedBody", registration.FirstName, agendaEvent.Title, When(agendaEvent), AgendaDisplay.Place(agendaEvent), PriceText(registration), ManageLink(registration)],
            seated ? AgendaEmailKinds.Confirmed : AgendaEmailKinds.Waitlisted);
    }

    private string PriceText(Registration registration) =>
        registration.Price == 0 ? l["Agenda.Free"] : $"CHF {MoneyText.Format(registration.Price)} ({l.Enum(registration.Rate)})";

    private async Task<RegistrationOutcome> WithRegistrationAsync(Guid chamberId, string token, Func<AgendaEvent, Registration, RegistrationOutcome> change, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return RegistrationOutcome.Refused("NotFound");
        }

        var eventId = await db.Set<Registration>().AsNoTracking().Where(r => r.Token == token && r.ChamberId == chamberId).Select(r => (Guid?)r.EventId).FirstOrDefaultAsync(ct);
        if (eventId is null)
        {
            return RegistrationOutcome.Refused("NotFound");
        }

        return await InEventLockAsync(chamberId, eventId.Value, async agendaEvent =>
        {
            var registration = await db.Set<Registration>().SingleAsync(r => r.Token == token, ct);
            var outcome = change(agendaEvent, registration);
            if (outcome.Succeeded)
            {
                await PromoteAsync(agendaEvent, ct);
            }

            return outcome;
        }, ct);
    }

    /// <summary>
    /// The critical section of a rush: with the event locked, re-read its status, capacity and counters, number the
    /// arrival, seat or waitlist, and commit — one locking read, one batch of writes, the commit. Everything else was
    /// read before. In-process, the gate lets one request per event at a time reach the database, so a rush waits
    /// in memory rather than holding pooled connections in the database's lock queue.
    /// </summary>
    private async Task<RegistrationOutcome> AdmitAsync(AgendaEvent agendaEvent, Registration registration, bool isNew, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(agendaEvent.Id, options.Value.AdmissionWait, ct);
        if (turn is null)
        {
            logger.LogWarning("Registration for event {EventId} gave up after waiting {Wait} for its turn", agendaEvent.Id, options.Value.AdmissionWait);
            return RegistrationOutcome.Refused(AgendaCodes.Busy);
        }

        return await InTransactionAsync(agendaEvent.Id, async () =>
        {
            if (!await RefreshSeatsAsync(agendaEvent, ct))
            {
                return RegistrationOutcome.Refused("NotFound");
            }

            var now = Now;
            if (!isNew)
            {
                // A cancellation or an expiry may have come first: decide on the committed state.
                await db.Entry(registration).ReloadAsync(ct);
                if (registration.State != RegistrationState.PendingEmail)
                {
                    return RegistrationOutcome.Refused(AgendaCodes.InvalidTransition);
                }

                if (registration.IsExpired(now, options.Value.PendingEmailLifetime))
                {
                    registration.Expire(now);
                    return new RegistrationOutcome(null, [new ValidationError(string.Empty, AgendaCodes.Expired)]) { KeepChanges = true };
                }
            }

            if (agendaEvent.RegistrationRefusal(now) is { } refusal)
            {
                return RegistrationOutcome.Refused(refusal);
            }

            if (isNew)
            {
                db.Set<Registration>().Add(registration);
            }

            agendaEvent.Admit(registration, now);
            TellAdmitted(agendaEvent, registration);
            return new RegistrationOutcome(registration, []);
        }, ct);
    }

    /// <summary>
    /// Takes the event's lock and loads what another request may have changed since the event was read (status,
    /// capacity, counters) as the tracked event's current and original values, so that only the counters the
    /// admission changes are written. False when the event is gone.
    /// </summary>
    private async Task<bool> RefreshSeatsAsync(AgendaEvent agendaEvent, CancellationToken ct)
    {
        var locked = db.Database.IsNpgsql()
            ? db.Set<AgendaEvent>().FromSql($"SELECT * FROM \"AgendaEvents\" WHERE \"Id\" = {agendaEvent.Id} FOR UPDATE")
            : db.Set<AgendaEvent>().FromSql($"SELECT * FROM \"AgendaEvents\" WHERE \"Id\" = {agendaEvent.Id}");
        var seats = await locked.AsNoTracking().Select(e => new { e.Status, e.Capacity, e.ConfirmedCount, e.ArrivalCount }).FirstOrDefaultAsync(ct);
        if (seats is null)
        {
            return false;
        }

        var entry = db.Entry(agendaEvent);
        void Set<T>(System.Linq.Expressions.Expression<Func<AgendaEvent, T>> property, T value)
        {
            var p = entry.Property(property);
            p.OriginalValue = value;
            p.CurrentValue = value;
            p.IsModified = false;
        }

        Set(e => e.Status, seats.Status);
        Set(e => e.Capacity, seats.Capacity);
        Set(e => e.ConfirmedCount, seats.ConfirmedCount);
        Set(e => e.ArrivalCount, seats.ArrivalCount);
        return true;
    }

    /// <summary>Is the address free for this event? An unconfirmed registration past its lifetime is expired on the way.</summary>
    private async Task<bool> FreeEmailAsync(Guid eventId, string email, DateTime now, CancellationToken ct)
    {
        var existing = await db.Set<Registration>().AsNoTracking()
            .Where(r => r.EventId == eventId && r.Email == email && r.State != RegistrationState.Cancelled)
            .Select(r => new { r.Id, r.State, r.CreatedAt })
            .FirstOrDefaultAsync(ct);
        if (existing is null)
        {
            return true;
        }

        if (existing.State != RegistrationState.PendingEmail || existing.CreatedAt + options.Value.PendingEmailLifetime > now)
        {
            return false;
        }

        // Conditional: if the person confirmed meanwhile, nothing changes and the address stays taken.
        var expired = await db.Set<Registration>()
            .Where(r => r.Id == existing.Id && r.State == RegistrationState.PendingEmail)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RegistrationState.Cancelled).SetProperty(r => r.CancelledAt, now), ct);
        return expired == 1;
    }

    /// <summary>
    /// Runs <paramref name="change"/> with the event locked and commits what it did, or nothing when it refused.
    /// Returns a NotFound refusal for an event of another chamber.
    /// </summary>
    private async Task<RegistrationOutcome> InEventLockAsync(Guid chamberId, Guid eventId, Func<AgendaEvent, Task<RegistrationOutcome>> change, CancellationToken ct)
    {
        await ChamberSlugAsync(chamberId, ct);
        using var turn = await gate.EnterAsync(eventId, options.Value.AdmissionWait, ct);
        if (turn is null)
        {
            return RegistrationOutcome.Refused(AgendaCodes.Busy);
        }

        db.ChangeTracker.Clear();
        return await InTransactionAsync(eventId, async () =>
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"AgendaEvents\" WHERE \"Id\" = {eventId} FOR UPDATE", ct);
            }

            var agendaEvent = await db.Set<AgendaEvent>().FirstOrDefaultAsync(e => e.Id == eventId && e.ChamberId == chamberId, ct);
            return agendaEvent is null ? RegistrationOutcome.Refused("NotFound") : await change(agendaEvent);
        }, ct);
    }

    /// <summary>
    /// Runs <paramref name="change"/> in a transaction that locks the database for writing on SQLite (the event's
    /// row lock on PostgreSQL is the change's first statement) and commits what it did, or nothing when it refused.
    /// </summary>
    private async Task<RegistrationOutcome> InTransactionAsync(Guid eventId, Func<Task<RegistrationOutcome>> change, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);

        // The transaction is ours: a savepoint before SaveChanges would only add a round trip inside the lock.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await BeginLockingTransactionAsync(ct);
            var outcome = await change();
            if (outcome.Errors.Count > 0 && !outcome.KeepChanges)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return outcome;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return outcome;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // The unique index on (event, email) caught a duplicate registered between the check and the insert.
            logger.LogInformation("Duplicate registration refused by the database for event {EventId}", eventId);
            db.ChangeTracker.Clear();
            return RegistrationOutcome.Refused(AgendaCodes.AlreadyRegistered, "Email");
        }
        finally
        {
            // The transaction was ours, not EF's: detach it, or the next SaveChanges would try to use it.
            await db.Database.UseTransactionAsync(null, CancellationToken.None);
            db.Database.AutoSavepointsEnabled = true;
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<DbTransaction> BeginLockingTransactionAsync(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();

        // SQLite: BEGIN IMMEDIATE takes the write lock now, before the event is read, so that two registrations never
        // both read "one seat left". PostgreSQL: read committed, plus the row lock taken right after.
        DbTransaction transaction = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
        await db.Database.UseTransactionAsync(transaction, ct);
        return transaction;
    }

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is Npgsql.PostgresException { SqlState: "23505" }
        || e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 };

    private async Task<Guid?> MemberOrganisationAsync(Guid userId, Guid chamberId, CancellationToken ct) =>
        await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => new { o.Id, o.ChamberId, o.State })
            .Where(o => o.ChamberId == chamberId && o.State == OrganisationState.Active)
            .Select(o => (Guid?)o.Id)
            .FirstOrDefaultAsync(ct);

    private readonly Dictionary<Guid, string> _slugs = [];

    /// <summary>Reads the chamber's slug for the links of emails, once per request and before any lock.</summary>
    private async Task ChamberSlugAsync(Guid chamberId, CancellationToken ct)
    {
        if (!_slugs.ContainsKey(chamberId))
        {
            _slugs[chamberId] = await db.Chambers.AsNoTracking().Where(c => c.Id == chamberId).Select(c => c.Slug).FirstAsync(ct);
        }
    }

    private string ChamberSlug(Guid chamberId)
    {
        if (!_slugs.TryGetValue(chamberId, out var slug))
        {
            slug = db.Chambers.AsNoTracking().Where(c => c.Id == chamberId).Select(c => c.Slug).First();
            _slugs[chamberId] = slug;
        }

        return slug;
    }
}

public static class AgendaEmailKinds
{
    public const string ConfirmRegistration = "agenda-confirm";
    public const string Confirmed = "agenda-confirmed";
    public const string Waitlisted = "agenda-waitlisted";
    public const string Promoted = "agenda-promoted";
    public const string RegistrationCancelled = "agenda-cancelled";
    public const string EventCancelled = "agenda-event-cancelled";
    public const string Reminder = "agenda-reminder";
}
