namespace Maillage.Domain.Currency;

/// <summary>
/// A command applied under a client's key: the fingerprint of what was asked and what it produced, so a retry
/// gets the same answer and a different request under the same key is refused.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMax = 100;

    private IdempotencyRecord()
    {
    }

    internal IdempotencyRecord(Guid chamberId, string key, string fingerprint, Guid resultId, DateTime at)
    {
        ChamberId = chamberId;
        Key = key;
        Fingerprint = fingerprint;
        ResultId = resultId;
        At = at;
    }

    /// <summary>A record as stored, for the persistence that reads it back.</summary>
    public static IdempotencyRecord Restore(Guid chamberId, string key, string fingerprint, Guid resultId, DateTime at) => new(chamberId, key, fingerprint, resultId, at);

    public Guid ChamberId { get; private set; }

    public string Key { get; private set; } = string.Empty;

    /// <summary>SHA-256 (hex) of the command's canonical content.</summary>
    public string Fingerprint { get; private set; } = string.Empty;

    /// <summary>The operation (or payment request) the command produced.</summary>
    public Guid ResultId { get; private set; }

    public DateTime At { get; private set; }
}
