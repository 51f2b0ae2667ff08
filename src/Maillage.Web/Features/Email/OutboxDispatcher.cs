using System.Net.Mail;
using System.Threading.RateLimiting;
using Maillage.Domain.Communication;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Web.Features.Email;

/// <summary>Told when an address refuses a message for good (a hard bounce), so that bulk mail stops going there.</summary>
public interface IHardBounceHandler
{
    Task OnHardBounceAsync(MaillageDbContext db, OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Drains the outbox: claims a batch with one atomic UPDATE (so that several instances on one database never send the
/// same message), sends it over SMTP, then records each outcome. 2yz: sent; 4yz or no connection: retried with
/// exponential back-off; 5yz: failed for good. A crash between the server's "250" and the record sends that message
/// again once its claim expires (at least once); every other path sends it exactly once.
/// Logs carry message ids, kinds and reply codes, never an address, a subject or the server's reply text.
/// </summary>
public sealed class OutboxDispatcher : IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly SmtpOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly DeliveryPolicy _policy;
    private readonly RateLimiter? _rate;

    public OutboxDispatcher(IServiceScopeFactory scopes, IOptions<SmtpOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _policy = new DeliveryPolicy(_options.FirstRetryDelay, _options.MaxRetryDelay, Math.Max(1, _options.MaxAttempts));
        if (_options.MaxPerSecond > 0)
        {
            var perSecond = _options.MaxPerSecond;
            _rate = new TokenBucketRateLimiter(perSecond >= 10
                ? new TokenBucketRateLimiterOptions { TokenLimit = Math.Max(1, perSecond / 10), TokensPerPeriod = Math.Max(1, perSecond / 10), ReplenishmentPeriod = TimeSpan.FromMilliseconds(100), QueueLimit = int.MaxValue, AutoReplenishment = true }
                : new TokenBucketRateLimiterOptions { TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / perSecond), QueueLimit = int.MaxValue, AutoReplenishment = true });
        }
    }

    public SmtpOptions Options => _options;

    /// <summary>Claims one batch, sends it and records the outcomes; returns how many messages were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claim = Guid.NewGuid().ToString("N");
        var batch = await ClaimAsync(claim, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var groups = batch.Select((m, i) => (m, i)).GroupBy(x => x.i % Math.Max(1, _options.Connections), x => x.m).ToList();
        var outcomes = await Task.WhenAll(groups.Select(g => SendGroupAsync([.. g], cancellationToken)));
        await RecordAsync(claim, batch, [.. outcomes.SelectMany(o => o)]);
        return batch.Count;
    }

    public void Dispose() => _rate?.Dispose();

    private async Task<List<Prepared>> ClaimAsync(string claim, CancellationToken cancellationToken)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
        var now = _clock.GetUtcNow().UtcDateTime;
        var until = now + _options.ClaimDuration;
        var due = db.Outbox
            .Where(m => m.SentAt == null && m.FailedAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now) && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Priority).ThenBy(m => m.CreatedAt)
            .Select(m => m.Id)
            .Take(Math.Max(1, _options.BatchSize));

        // The conditions are repeated on the updated rows: PostgreSQL re-checks them on a row another instance claimed
        // meanwhile (READ COMMITTED re-evaluation), so that row is skipped instead of claimed twice. SQLite writes one at a time.
        var claimed = await db.Outbox
            .Where(m => due.Contains(m.Id) && m.SentAt == null && m.FailedAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        if (claimed == 0)
        {
            return [];
        }

        var messages = await db.Outbox.AsNoTracking().Where(m => m.ClaimedBy == claim).OrderBy(m => m.Priority).ThenBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        var chamberIds = messages.Where(m => m.ChamberId != null).Select(m => m.ChamberId!.Value).Distinct().ToList();
        var chambers = await db.Chambers.AsNoTracking().Where(c => chamberIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (c.Name, c.ContactEmail), cancellationToken);
        var domain = _options.FromAddress.Contains('@', StringComparison.Ordinal) ? _options.FromAddress.Split('@')[1] : _options.HeloName;
        return [.. messages.Select(m =>
        {
            var (name, replyTo) = m.ChamberId is { } id && chambers.TryGetValue(id, out var c) ? c : ("Maillage", null);
            var envelope = new MailEnvelope(m.Id, name, _options.FromAddress, replyTo, m.ToAddress, m.Subject, m.TextBody,
                m.HtmlBody ?? MimeWriter.HtmlFromText(m.Subject, m.TextBody), now, m.UnsubscribeUrl, m.Kind);
            var dueSince = m.Attempts == 0 && m.NextAttemptAt is { } scheduled && scheduled > m.CreatedAt ? scheduled : m.CreatedAt;
            return now - dueSince > _options.MaxAge
                ? new Prepared(m, null, "Expired: not sent in time.")
                : IsDeliverable(m.ToAddress) ? new Prepared(m, MimeWriter.Write(envelope, domain), null) : new Prepared(m, null, "Invalid recipient address.");
        })];
    }

    private async Task<List<Outcome>> SendGroupAsync(IReadOnlyList<Prepared> items, CancellationToken cancellationToken)
    {
        var outcomes = new List<Outcome>(items.Count);
        var pending = new Queue<Prepared>(items);

        // Undeliverable addresses fail for good without bothering the server.
        foreach (var bad in items.Where(i => i.Bytes is null))
        {
            outcomes.Add(new Outcome(bad.Message, DeliveryVerdict.Permanent, 0, bad.Refusal));
        }

        if (items.All(i => i.Bytes is null))
        {
            return outcomes;
        }

        SmtpSession session;
        try
        {
            session = await SmtpSession.OpenAsync(_options, cancellationToken);
        }
        catch (SmtpTransportException e)
        {
            _logger.LogWarning("Mail server unreachable; {Count} messages will be retried: {Reason}", items.Count, e.Message);
            outcomes.AddRange(items.Where(i => i.Bytes is not null).Select(i => new Outcome(i.Message, DeliveryVerdict.Temporary, 0, e.Message)));
            return outcomes;
        }

        await using (session)
        {
            while (pending.TryDequeue(out var item))
            {
                if (item.Bytes is null)
                {
                    continue;
                }

                if (_rate is not null)
                {
                    using var lease = await _rate.AcquireAsync(1, cancellationToken);
                }

                try
                {
                    var reply = await session.SendAsync(_options.FromAddress, item.Message.ToAddress, item.Bytes, cancellationToken);
                    outcomes.Add(new Outcome(item.Message, DeliveryPolicy.Classify(reply.Code), reply.Code, reply.ToString()));
                }
                catch (SmtpTransportException e)
                {
                    outcomes.Add(new Outcome(item.Message, DeliveryVerdict.Temporary, 0, e.Message));
                    break;
                }

                if (session.IsBroken)
                {
                    break;
                }
            }
        }

        // What the broken session did not reach is released untouched, for this or another instance to send.
        outcomes.AddRange(pending.Where(p => p.Bytes is not null).Select(p => new Outcome(p.Message, null, 0, null)));
        return outcomes;
    }

    /// <summary>Records outcomes without a cancellation token: once messages went out, their record must be written even while the app stops.</summary>
    private async Task RecordAsync(string claim, List<Prepared> batch, List<Outcome> outcomes)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDbContext>();
        var now = _clock.GetUtcNow().UtcDateTime;
        var sent = outcomes.Where(o => o.Verdict == DeliveryVerdict.Accepted).Select(o => o.Message.Id).ToList();
        foreach (var chunk in sent.Chunk(500))
        {
            await db.Outbox.Where(m => chunk.Contains(m.Id) && m.ClaimedBy == claim).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.LastErrorCode, (int?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        }

        var failures = outcomes.Where(o => o.Verdict is DeliveryVerdict.Temporary or DeliveryVerdict.Permanent).ToDictionary(o => o.Message.Id);
        if (failures.Count > 0)
        {
            var ids = failures.Keys.ToList();
            var rows = await db.Outbox.Where(m => ids.Contains(m.Id) && m.ClaimedBy == claim).ToListAsync(CancellationToken.None);
            foreach (var row in rows)
            {
                var outcome = failures[row.Id];
                row.Attempts++;
                row.LastError = Truncate(outcome.Reply, 2000);
                row.LastErrorCode = outcome.Code;
                row.ClaimedBy = null;
                row.ClaimedUntil = null;
                if (outcome.Verdict == DeliveryVerdict.Temporary && _policy.ShouldRetry(row.Attempts))
                {
                    row.NextAttemptAt = now + _policy.DelayAfter(row.Attempts, Random.Shared.NextDouble());
                    _logger.LogInformation("Message {MessageId} ({Kind}) will be retried after attempt {Attempt} (SMTP {Code})", row.Id, row.Kind, row.Attempts, outcome.Code);
                    continue;
                }

                row.FailedAt = now;
                _logger.LogWarning("Message {MessageId} ({Kind}) failed for good after {Attempts} attempts (SMTP {Code})", row.Id, row.Kind, row.Attempts, outcome.Code);
                if (outcome.Verdict == DeliveryVerdict.Permanent && outcome.Code >= 500)
                {
                    foreach (var handler in scope.ServiceProvider.GetServices<IHardBounceHandler>())
                    {
                        await handler.OnHardBounceAsync(db, row, CancellationToken.None);
                    }
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        var released = outcomes.Where(o => o.Verdict is null).Select(o => o.Message.Id).ToList();
        if (released.Count > 0)
        {
            await db.Outbox.Where(m => released.Contains(m.Id) && m.ClaimedBy == claim).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        }

        _logger.LogInformation("Outbox batch of {Count}: {Sent} sent, {Failed} failed or postponed, {Released} released", batch.Count, sent.Count, failures.Count, released.Count);
    }

    private static bool IsDeliverable(string address) =>
        MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && !address.Contains('\r', StringComparison.Ordinal) && !address.Contains('\n', StringComparison.Ordinal);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    /// <summary>Bytes to send, or why the message is not sent at all.</summary>
    private sealed record Prepared(OutboxMessage Message, byte[]? Bytes, string? Refusal);

    /// <summary>A null verdict: not attempted (released).</summary>
    private sealed record Outcome(OutboxMessage Message, DeliveryVerdict? Verdict, int Code, string? Reply);
}

/// <summary>Runs the dispatcher in the background while an SMTP host is configured; otherwise emails stay in the outbox.</summary>
public sealed class OutboxWorker(OutboxDispatcher dispatcher, TimeProvider clock, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!dispatcher.Options.IsConfigured)
        {
            logger.LogInformation("No SMTP host configured: emails stay in the outbox.");
            return;
        }

        logger.LogInformation("Sending the outbox through SMTP ({Tls}).", dispatcher.Options.Tls);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await dispatcher.RunOnceAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                logger.LogError("Outbox worker pass failed: {Error}", e.GetType().Name);
            }

            try
            {
                await Task.Delay(dispatcher.Options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
