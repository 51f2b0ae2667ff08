using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Data;

/// <summary>Delivery state of an outbox message (the SMTP worker's columns).</summary>
public sealed partial class OutboxMessage
{
    public const int ClaimMax = 64;

    /// <summary>The HTML part; when null, one is made from the text.</summary>
    public string? HtmlBody { get; set; }

    /// <summary>For bulk mail: the one-click unsubscribe address of this recipient (List-Unsubscribe).</summary>
    public string? UnsubscribeUrl { get; set; }

    /// <summary>Lower goes first: personal messages (0) before bulk mail (10), so a newsletter never delays a password reset.</summary>
    public int Priority { get; set; }

    /// <summary>Not before this time (a scheduled newsletter, or the back-off after a temporary failure).</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>The batch of the instance sending it now; with <see cref="ClaimedUntil"/>, keeps other instances off it.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    /// <summary>Set when the message will never be sent (permanent refusal, or temporary failures until the last attempt).</summary>
    public DateTime? FailedAt { get; set; }

    /// <summary>The SMTP reply code of the last failure (0 when the server could not be reached).</summary>
    public int? LastErrorCode { get; set; }

    public bool IsBulk => UnsubscribeUrl is not null;
}

internal sealed class OutboxDeliveryMapping : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(x => x.UnsubscribeUrl).HasMaxLength(500);
        builder.Property(x => x.ClaimedBy).HasMaxLength(OutboxMessage.ClaimMax);
        builder.HasIndex(x => new { x.SentAt, x.FailedAt, x.Priority, x.CreatedAt });
        builder.HasIndex(x => x.ClaimedBy);
    }
}
