using Maillage.Domain.Currency;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// The rows the writer last committed or read (currencies with their chain heads, accounts, access tokens' facts),
/// as they stood when its transaction committed. On PostgreSQL a batch whose rows are all here skips the read round
/// trip: it is applied to copies of these rows, and its one write command checks, under the ledger lock, that every
/// row it relied on is still exactly so before writing and committing (see docs/ledger-design.md). Nothing here is
/// trusted without that check: another instance, a staff change or a direct edit only costs the batch its shortcut.
/// </summary>
public sealed class LedgerWriterCache
{
    /// <summary>Beyond this many accounts the cache starts afresh: memory stays bounded whatever the ledger's size.</summary>
    public const int MaxAccounts = 200_000;

    private readonly Dictionary<Guid, CurrencyRow> _currencies = [];
    private readonly Dictionary<Guid, AccountRow> _accounts = [];
    private readonly Dictionary<Guid, ApiCredentialFacts> _credentials = [];
    private readonly HashSet<Guid> _preloaded = [];

    public int AccountCount => _accounts.Count;

    /// <summary>
    /// Copies of the rows <paramref name="commands"/> need, loaded into <paramref name="state"/>; false (and the state
    /// left partly loaded, to be thrown away) when any of them is not kept.
    /// </summary>
    public bool TryLoad(LedgerState state, IReadOnlyList<LedgerCommand> commands, IReadOnlyCollection<Guid> credentials, Dictionary<Guid, ApiCredentialFacts> facts)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var command in commands)
        {
            // Requests, standing orders and reversals read rows this cache does not keep.
            if (command.RequestId is not null || command.RecurringPaymentId is not null || command.ReversedOperationId is not null)
            {
                return false;
            }

            if (!state.Currencies.ContainsKey(command.ChamberId))
            {
                if (!_currencies.TryGetValue(command.ChamberId, out var currency)
                    || !TryLoadAccount(state, currency.FeeAccountId)
                    || !TryLoadAccount(state, currency.IssuingAccountId))
                {
                    return false;
                }

                state.Load(currency.Restore());
            }

            foreach (var id in command.AccountIds)
            {
                if (!TryLoadAccount(state, id))
                {
                    return false;
                }
            }
        }

        foreach (var token in credentials)
        {
            if (!_credentials.TryGetValue(token, out var known))
            {
                return false;
            }

            facts[token] = known;
        }

        return true;
    }

    /// <summary>After a commit: the batch's rows as committed (every row it read, changed or not).</summary>
    public void Remember(LedgerState state, IReadOnlyDictionary<Guid, ApiCredentialFacts> credentials)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(credentials);
        if (_accounts.Count + state.Accounts.Count > MaxAccounts)
        {
            Clear();
        }

        foreach (var currency in state.Currencies.Values)
        {
            _currencies[currency.ChamberId] = CurrencyRow.Of(currency);
        }

        foreach (var account in state.Accounts.Values)
        {
            _accounts[account.Id] = AccountRow.Of(account);
        }

        foreach (var (token, facts) in credentials)
        {
            _credentials[token] = facts;
        }
    }

    /// <summary>
    /// After a shortcut whose check failed: forgets the rows that batch relied on (one of them changed elsewhere), so
    /// that the next batch naming them reads them afresh. The other rows stay; a stale one fails its own batch's check.
    /// </summary>
    public void Forget(LedgerState state, IEnumerable<Guid> credentials)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(credentials);
        foreach (var chamber in state.Currencies.Keys)
        {
            _currencies.Remove(chamber);
        }

        foreach (var account in state.Accounts.Keys)
        {
            _accounts.Remove(account);
        }

        foreach (var token in credentials)
        {
            _credentials.Remove(token);
        }
    }

    /// <summary>
    /// True once per chamber whose currency is kept: the writer then reads all its accounts in one go (outside the
    /// lock: the shortcut's check makes a stale row harmless), instead of one batch at a time.
    /// </summary>
    public bool ShouldPreload(Guid chamberId) => _currencies.ContainsKey(chamberId) && _accounts.Count < MaxAccounts && _preloaded.Add(chamberId);

    public void Remember(IEnumerable<LedgerAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        foreach (var account in accounts)
        {
            if (_accounts.Count >= MaxAccounts)
            {
                return;
            }

            _accounts.TryAdd(account.Id, AccountRow.Of(account));
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _currencies.Clear();
        _accounts.Clear();
        _credentials.Clear();
        _preloaded.Clear();
    }

    private bool TryLoadAccount(LedgerState state, Guid id)
    {
        if (state.Accounts.ContainsKey(id))
        {
            return true;
        }

        if (!_accounts.TryGetValue(id, out var row))
        {
            return false;
        }

        state.Load(row.Restore());
        return true;
    }

    private sealed record CurrencyRow(
        Guid ChamberId, string Name, string Code, string Symbol, int MinorDigits, int FeeBasisPoints, long ReferralReward, long DefaultCreditLimit,
        Guid FeeAccountId, Guid IssuingAccountId, long ChainSequence, string ChainHash, DateTime CreatedAt)
    {
        public static CurrencyRow Of(CurrencyDefinition c) => new(
            c.ChamberId, c.Name, c.Code, c.Symbol, c.MinorDigits, c.FeeBasisPoints, c.ReferralReward, c.DefaultCreditLimit, c.FeeAccountId, c.IssuingAccountId, c.ChainSequence, c.ChainHash, c.CreatedAt);

        public CurrencyDefinition Restore() => CurrencyDefinition.Restore(
            ChamberId, Name, Code, Symbol, MinorDigits, FeeBasisPoints, ReferralReward, DefaultCreditLimit, FeeAccountId, IssuingAccountId, ChainSequence, ChainHash, CreatedAt);
    }

    private readonly record struct AccountRow(Guid Id, Guid ChamberId, AccountKind Kind, Guid? OrganisationId, long Balance, long CreditLimit, long? Ceiling, bool IsBlocked, DateTime OpenedAt)
    {
        public static AccountRow Of(LedgerAccount a) => new(a.Id, a.ChamberId, a.Kind, a.OrganisationId, a.Balance, a.CreditLimit, a.Ceiling, a.IsBlocked, a.OpenedAt);

        public LedgerAccount Restore() => LedgerAccount.Restore(Id, ChamberId, Kind, OrganisationId, Balance, CreditLimit, Ceiling, IsBlocked, OpenedAt);
    }
}
