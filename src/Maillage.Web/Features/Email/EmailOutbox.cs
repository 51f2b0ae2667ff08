using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Maillage.Web.Features.Email;

/// <summary>
/// Queues emails in the database, in the same transaction as the change they announce. The <see cref="OutboxWorker"/>
/// sends them through SMTP when a host is configured; staff see each one's state in the back office. Addresses are never logged.
/// </summary>
public sealed class EmailOutbox(MaillageDbContext db, TimeProvider clock, IOptions<MaillageOptions> options, IHttpContextAccessor http)
{
    public const int BulkPriority = 10;

    public void Queue(Guid? chamberId, string to, string subject, string body, string kind, string? htmlBody = null) =>
        db.Outbox.Add(new OutboxMessage
        {
            ChamberId = chamberId,
            ToAddress = to,
            Subject = subject,
            TextBody = body,
            HtmlBody = htmlBody,
            Kind = kind,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });

    /// <summary>Bulk mail (newsletter, digests): after personal messages, with a one-click unsubscribe link, not before <paramref name="notBefore"/>.</summary>
    public OutboxMessage QueueBulk(Guid chamberId, string to, string subject, string textBody, string htmlBody, string kind, string unsubscribeUrl, DateTime? notBefore = null)
    {
        var message = new OutboxMessage
        {
            ChamberId = chamberId,
            ToAddress = to,
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            Kind = kind,
            UnsubscribeUrl = unsubscribeUrl,
            Priority = BulkPriority,
            NextAttemptAt = notBefore,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Outbox.Add(message);
        return message;
    }

    /// <summary>An absolute link for an email, from the configured public address or the current request.</summary>
    public string Link(string pathAndQuery)
    {
        var baseUrl = options.Value.PublicBaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl) && http.HttpContext is { } context)
        {
            baseUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        }

        return (baseUrl ?? string.Empty).TrimEnd('/') + pathAndQuery;
    }
}

public static class EmailKinds
{
    public const string ConfirmEmail = "confirm-email";
    public const string ResetPassword = "reset-password";
    public const string ApplicationReceived = "application-received";
    public const string ApplicationToReview = "application-to-review";
    public const string InformationRequested = "information-requested";
    public const string Admitted = "admitted";
    public const string Refused = "refused";
    public const string Invitation = "invitation";
    public const string Invoice = "invoice";
    public const string SetOff = "set-off";
    public const string TenderDigest = "tender-digest";
    public const string ConsortiumInvitation = "consortium-invitation";
}
