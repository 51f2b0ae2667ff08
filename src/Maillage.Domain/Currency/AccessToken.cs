using System.Security.Cryptography;
using System.Text;
using Maillage.Domain.Common;

namespace Maillage.Domain.Currency;

/// <summary>
/// A personal access token lets a member's till or accounting software call the currency API for one organisation
/// of one chamber, within its scopes, until it expires or is revoked. The secret is shown once at creation; only
/// its SHA-256 is stored (the secret has 256 bits of randomness, so a fast hash is enough: nothing to brute-force).
/// </summary>
public sealed class AccessToken
{
    public const int NameMax = 100;

    /// <summary>Recognisable in logs and by secret scanners; never part of what identifies the token.</summary>
    public const string SecretPrefix = "mlg_";

    public const string PaymentsWrite = "payments:write";
    public const string RequestsWrite = "requests:write";
    public const string AccountRead = "account:read";

    public const int MaxLifetimeDays = 366;

    public static readonly IReadOnlyList<string> AllScopes = [PaymentsWrite, RequestsWrite, AccountRead];

    private AccessToken()
    {
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>Space-separated, in the order of <see cref="AllScopes"/>.</summary>
    public string Scopes { get; private set; } = string.Empty;

    /// <summary>SHA-256 (hex) of the whole secret.</summary>
    public string SecretHash { get; private set; } = string.Empty;

    /// <summary>The secret's last four characters, so people can tell their tokens apart.</summary>
    public string Hint { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public Guid? CreatedByUserId { get; private set; }

    public string CreatedByName { get; private set; } = string.Empty;

    public DateTime ExpiresAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public DateTime? LastUsedAt { get; private set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Creates a token and its secret (to show once). Throws <see cref="DomainException"/> on bad input.</summary>
    public static (AccessToken Token, string Secret) Issue(
        Guid chamberId, Guid organisationId, string? name, IEnumerable<string> scopes, DateTime expiresAt, Guid? userId, string userName, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainException("TokenNameRequired", nameof(Name));
        }

        if (trimmed.Length > NameMax)
        {
            throw new DomainException("TokenNameTooLong", nameof(Name));
        }

        var chosen = scopes.Select(s => s.Trim()).ToHashSet(StringComparer.Ordinal);
        if (chosen.Count == 0)
        {
            throw new DomainException("TokenScopesRequired", nameof(Scopes));
        }

        if (!chosen.All(AllScopes.Contains))
        {
            throw new DomainException("TokenScopeUnknown", nameof(Scopes));
        }

        if (expiresAt <= now || expiresAt > now.AddDays(MaxLifetimeDays))
        {
            throw new DomainException("TokenExpiryInvalid", nameof(ExpiresAt));
        }

        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new AccessToken
        {
            Id = Guid.NewGuid(),
            ChamberId = chamberId,
            OrganisationId = organisationId,
            Name = trimmed,
            Scopes = string.Join(' ', AllScopes.Where(chosen.Contains)),
            SecretHash = HashOf(secret),
            Hint = secret[^4..],
            CreatedAt = now,
            CreatedByUserId = userId,
            CreatedByName = userName.Length > 170 ? userName[..170] : userName,
            ExpiresAt = expiresAt,
        };
        return (token, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret ?? string.Empty)));

    /// <summary>Whether a presented string could be a secret at all (checked before any database look-up).</summary>
    public static bool LooksLikeSecret(string? secret) =>
        secret is { Length: > 20 and < 100 } && secret.StartsWith(SecretPrefix, StringComparison.Ordinal) && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public bool IsUsableAt(DateTime now) => RevokedAt is null && now < ExpiresAt;

    public bool Allows(string scope) => ScopeList.Contains(scope, StringComparer.Ordinal);

    public void Revoke(DateTime now) => RevokedAt ??= now;

    public void MarkUsed(DateTime now) => LastUsedAt = now;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
