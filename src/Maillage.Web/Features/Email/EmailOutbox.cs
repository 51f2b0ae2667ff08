using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Maillage.Web.Features.Email;

/// <summary>
/// Queues emails in the database, in the same transaction as the change they announce. A later module drains the
/// outbox through SMTP; until then staff read it in the back office. Addresses are never logged.
/// </summary>
public sealed class EmailOutbox(MaillageDbContext db, TimeProvider clock, IOptions<MaillageOptions> options, IHttpContextAccessor http)
{
    public void Queue(Guid? chamberId, string to, string subject, string body, string kind)
    {
        db.Outbox.Add(new OutboxMessage
        {
            ChamberId = chamberId,
            ToAddress = to,
            Subject = subject,
            TextBody = body,
            Kind = kind,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
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
