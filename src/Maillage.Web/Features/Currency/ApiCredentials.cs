using System.Collections.Concurrent;
using Maillage.Domain.Currency;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// The access token a ledger command was authorised with, for the writer to check again under the ledger lock, and
/// the currency's minor unit the caller parsed its amount with (see <see cref="CurrencyApiCache"/>).
/// </summary>
public sealed record ApiCredential(Guid TokenId, int MinorDigits);

/// <summary>What the writer reads of a token inside its transaction: enough to refuse one that stopped being valid.</summary>
public sealed record ApiCredentialFacts(bool Revoked, DateTime ExpiresAt, bool OrganisationActive)
{
    /// <summary>Null when <paramref name="credential"/> still allows a command made at <paramref name="at"/>; else the API's error code.</summary>
    public static string? Refusal(ApiCredentialFacts? facts, ApiCredential credential, DateTime at, CurrencyDefinition? currency)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return facts is null ? ApiCredentialException.Unknown
            : facts.Revoked ? ApiCredentialException.Revoked
            : at >= facts.ExpiresAt ? ApiCredentialException.Expired
            : !facts.OrganisationActive ? ApiCredentialException.OrganisationInactive
            : currency is not null && currency.MinorDigits != credential.MinorDigits ? ApiCredentialException.CurrencyChanged
            : null;
    }
}

/// <summary>The token a command was authorised with is no longer valid: nothing was written.</summary>
public sealed class ApiCredentialException : Exception
{
    public const string Unknown = "token-invalid";
    public const string Revoked = "token-revoked";
    public const string Expired = "token-expired";
    public const string OrganisationInactive = "organisation-inactive";

    /// <summary>The amount was read with a minor unit the currency no longer has (changed by staff meanwhile).</summary>
    public const string CurrencyChanged = "currency-changed";

    public ApiCredentialException()
        : this(Unknown)
    {
    }

    public ApiCredentialException(string code)
        : base("The access token no longer allows this call: " + code)
    {
        Code = code;
    }

    public ApiCredentialException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = Unknown;
    }

    public string Code { get; }
}

/// <summary>
/// What the payment API reads on every call and what rarely changes, kept for a short while so that a payment reads
/// nothing before it reaches the writer: the token with its organisation's account and currency, and the payee.
/// Safe because the writer checks the token again inside the transaction that writes the payment (revoked, expired,
/// organisation no longer active, or the currency's unit changed: nothing is written), and because what is kept of a
/// payee (its account's id, kind and chamber) never changes; its name may lag by <see cref="Lifetime"/>.
/// </summary>
public sealed class CurrencyApiCache(TimeProvider clock)
{
    /// <summary>How long an entry is used before it is read again (a revocation on this instance forgets it at once).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Beyond this many entries the cache starts afresh: memory stays bounded whatever the callers send.</summary>
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, Timed<ApiTokenContext>> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Guid Chamber, Guid Account), Timed<CachedPayee>> _payees = new();

    public bool TryGetToken(string secretHash, out ApiTokenContext context) => TryGet(_tokens, secretHash, out context);

    /// <summary>Keeps a context only when it allows calls: a refused token is always read again.</summary>
    public void KeepToken(string secretHash, ApiTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Active && context.Token.RevokedAt is null && context.Currency is not null && context.Account is not null)
        {
            Keep(_tokens, secretHash, context);
        }
    }

    public void ForgetToken(string secretHash) => _tokens.TryRemove(secretHash, out _);

    /// <summary>After a change of a currency's settings on this instance: every token's kept currency is read again.</summary>
    public void ForgetTokens() => _tokens.Clear();

    public bool TryGetPayee(Guid chamberId, Guid accountId, out CachedPayee payee) => TryGet(_payees, (chamberId, accountId), out payee);

    public void KeepPayee(Guid chamberId, LedgerAccount account, string? name)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.ChamberId == chamberId && name is not null)
        {
            Keep(_payees, (chamberId, account.Id), new CachedPayee(account, name));
        }
    }

    /// <summary>
    /// Whether this call should stamp the token's "last used" time: once a minute per token and instance, however
    /// many calls share the kept context.
    /// </summary>
    public bool ShouldStampLastUse(ApiTokenContext context, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(context);
        var last = Interlocked.Read(ref context.LastStampedTicks);
        return last < now.AddMinutes(-1).Ticks && Interlocked.CompareExchange(ref context.LastStampedTicks, now.Ticks, last) == last;
    }

    private bool TryGet<TKey, TValue>(ConcurrentDictionary<TKey, Timed<TValue>> entries, TKey key, out TValue value)
        where TKey : notnull
    {
        if (entries.TryGetValue(key, out var entry) && clock.GetUtcNow().UtcDateTime < entry.Until)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    private void Keep<TKey, TValue>(ConcurrentDictionary<TKey, Timed<TValue>> entries, TKey key, TValue value)
        where TKey : notnull
    {
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[key] = new Timed<TValue>(value, clock.GetUtcNow().UtcDateTime + Lifetime);
    }

    private sealed record Timed<T>(T Value, DateTime Until);
}

/// <summary>A token as the API reads it: whether its organisation is an active member, the chamber's currency and the organisation's account.</summary>
public sealed record ApiTokenContext(AccessToken Token, bool Active, CurrencyDefinition? Currency, LedgerAccount? Account)
{
    /// <summary>When this instance last wrote the token's "last used" time (ticks; see <see cref="CurrencyApiCache.ShouldStampLastUse"/>).</summary>
#pragma warning disable CA1051, SA1401 // Updated with Interlocked, which needs a field.
    internal long LastStampedTicks = Token.LastUsedAt?.Ticks ?? 0;
#pragma warning restore CA1051, SA1401
}

/// <summary>A payee's account (id, kind and chamber never change) and its organisation's name when it was read.</summary>
public sealed record CachedPayee(LedgerAccount Account, string Name);
