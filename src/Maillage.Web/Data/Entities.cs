namespace Maillage.Web.Data;

/// <summary>An email waiting to leave. The communication module drains it through SMTP; until then staff read it.</summary>
public sealed partial class OutboxMessage
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid? ChamberId { get; set; }

    public string ToAddress { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string TextBody { get; set; } = string.Empty;

    /// <summary>What kind of message (confirmation, decision...), for statistics and tests; never personal data.</summary>
    public string Kind { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>Who changed what, when: the trail staff and auditors read.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid? ChamberId { get; set; }

    public Guid? UserId { get; set; }

    public string Action { get; set; } = string.Empty;

    public string EntityType { get; set; } = string.Empty;

    public Guid? EntityId { get; set; }

    public string Summary { get; set; } = string.Empty;

    public DateTime At { get; set; }
}

/// <summary>A CSV file uploaded by staff, kept between the preview and the confirmation (the app holds no state).</summary>
public sealed class MemberImport
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ChamberId { get; set; }

    public Guid UserId { get; set; }

    public string FileName { get; set; } = string.Empty;

    public string Content { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public int ImportedCount { get; set; }
}

/// <summary>ASP.NET Core data-protection keys, shared by every app instance through the database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string FriendlyName { get; set; } = string.Empty;

    public string Xml { get; set; } = string.Empty;
}
