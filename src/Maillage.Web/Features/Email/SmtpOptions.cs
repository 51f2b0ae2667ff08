namespace Maillage.Web.Features.Email;

/// <summary>How the worker reaches the mail server (section <c>Smtp</c>). Without a host, emails stay in the outbox.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (required, port 587), <c>Implicit</c> (TLS from the first byte, port 465) or <c>None</c> (a local relay only).</summary>
    public SmtpTlsMode Tls { get; set; } = SmtpTlsMode.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The envelope sender and the address in <c>From</c>; the chamber's name is its display name and its contact address the <c>Reply-To</c>.</summary>
    public string FromAddress { get; set; } = "no-reply@maillage.example";

    /// <summary>The name this machine gives in EHLO and the right-hand side of Message-IDs.</summary>
    public string HeloName { get; set; } = "maillage.localhost";

    /// <summary>Messages per second this instance sends at most (0: no limit).</summary>
    public int MaxPerSecond { get; set; } = 20;

    /// <summary>Messages claimed at once by one instance.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>SMTP sessions one instance holds open in parallel while draining a batch.</summary>
    public int Connections { get; set; } = 1;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim protects a batch from other instances; an instance that dies releases its batch after it.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    public int MaxAttempts { get; set; } = 8;

    /// <summary>A message still unsent this long after it was due is dropped as expired (a three-day-old password link helps nobody).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(3);

    /// <summary>SHA-256 fingerprint (hex) of a certificate accepted even if it does not chain to a trusted root (an internal relay's self-signed one).</summary>
    public string? PinnedCertificateSha256 { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public enum SmtpTlsMode
{
    StartTls,
    Implicit,
    None,
}
