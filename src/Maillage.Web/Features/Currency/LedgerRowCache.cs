using Maillage.Domain.Currency;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// The writer's memory of the currency and account rows as its own last commits left them, so that a batch made
/// only of payments goes straight to its write, with no read before it (see docs/ledger-design.md, "Session 10").
/// It is never trusted blindly: every balance the batch moves is written only where its row still holds all the
/// values the batch computed from, and the chain head only where the currency still has the rules and the head it
/// was computed from. Another instance's writer, a staff change or a clearing round in between fails that write;
/// the writer then rolls back, forgets everything and runs the batch again from the database. A command the cache
/// made look refused (insufficient funds on a balance another writer has since raised) is run again the same way.
/// </summary>
public sealed class LedgerRowCache
{
    /// <summary>Far more accounts than a chamber has; beyond it the cache starts over rather than grow without bound.</summary>
    internal const int MaxAccounts = 200_000;

    /// <summary>After a batch the cache misled, this many batches go to the database before it is tried again.</summary>
    private const int MaxBackOff = 64;

    private readonly Dictionary<Guid, CurrencyRow> _currencies = [];
    private readonly Dictionary<Guid, AccountRow> _accounts = [];
    private readonly HashSet<Guid> _chambersRead = [];
    private int _backOff;
    private int _skip;

    /// <summary>
    /// Restores, as fresh domain objects, the currencies of <paramref name="chambers"/> and the accounts in
    /// <paramref name="accountIds"/> (with each currency's fee and issuing accounts, added to the set) when every
    /// one of them is known; otherwise restores nothing and answers false.
    /// </summary>
    public bool TryRestore(IReadOnlyCollection<Guid> chambers, HashSet<Guid> accountIds, out List<CurrencyDefinition> currencies, out List<LedgerAccount> accounts)
    {
        currencies = [];
        accounts = [];
        if (_skip > 0)
        {
            _skip--;
            return false;
        }

        foreach (var chamber in chambers)
        {
            if (!_currencies.TryGetValue(chamber, out var currency))
            {
                return false;
            }

            currencies.Add(currency.Restore());
            accountIds.Add(currency.FeeAccountId);
            accountIds.Add(currency.IssuingAccountId);
        }

        foreach (var id in accountIds)
        {
            if (!_accounts.TryGetValue(id, out var account))
            {
                return false;
            }

            accounts.Add(account.Restore(id));
        }

        return true;
    }

    /// <summary>Remembers the rows as a committed batch left them (called only once its commit has returned).</summary>
    public void Remember(LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_accounts.Count + state.Accounts.Count > MaxAccounts)
        {
            // Starts over with the rows of this batch (the chambers are not read whole again: see RememberChamber).
            _currencies.Clear();
            _accounts.Clear();
        }

        foreach (var currency in state.Currencies.Values)
        {
            _currencies[currency.ChamberId] = CurrencyRow.Of(currency);
        }

        foreach (var account in state.Accounts.Values)
        {
            _accounts[account.Id] = AccountRow.Of(account);
        }
    }

    /// <summary>
    /// Whether every account of <paramref name="chamber"/> was read at once (<see cref="RememberChamber"/>): without
    /// it, a batch of payments between random members rarely finds all its accounts remembered.
    /// </summary>
    public bool KnowsWholeChamber(Guid chamber) => _chambersRead.Contains(chamber);

    /// <summary>
    /// Every account of a chamber, read outside the writer's transactions: as new as the cache's own rows, or newer. A
    /// chamber is read once per session even when it has too many accounts to keep (each batch then reads its own).
    /// </summary>
    public void RememberChamber(Guid chamber, IReadOnlyCollection<LedgerAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        _chambersRead.Add(chamber);
        if (_accounts.Count + accounts.Count > MaxAccounts)
        {
            return;
        }

        foreach (var account in accounts)
        {
            _accounts[account.Id] = AccountRow.Of(account);
        }
    }

    /// <summary>A batch restored from here was misled: its rows are forgotten, and the next batches read for a while (longer each time in a row).</summary>
    public void Forget(LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var chamber in state.Currencies.Keys)
        {
            _currencies.Remove(chamber);
        }

        foreach (var account in state.Accounts.Keys)
        {
            _accounts.Remove(account);
        }

        _backOff = Math.Clamp(_backOff * 2, 1, MaxBackOff);
        _skip = _backOff;
    }

    /// <summary>A batch restored from here was written: the back-off starts over.</summary>
    public void Trusted() => _backOff = 0;


    private sealed record CurrencyRow(
        Guid ChamberId, string Name, string Code, string Symbol, int MinorDigits, int FeeBasisPoints, long ReferralReward, long DefaultCreditLimit,
        Guid FeeAccountId, Guid IssuingAccountId, long ChainSequence, string ChainHash, DateTime CreatedAt)
    {
        public static CurrencyRow Of(CurrencyDefinition c) => new(
            c.ChamberId, c.Name, c.Code, c.Symbol, c.MinorDigits, c.FeeBasisPoints, c.ReferralReward, c.DefaultCreditLimit, c.FeeAccountId, c.IssuingAccountId, c.ChainSequence, c.ChainHash, c.CreatedAt);

        public CurrencyDefinition Restore() => CurrencyDefinition.Restore(
            ChamberId, Name, Code, Symbol, MinorDigits, FeeBasisPoints, ReferralReward, DefaultCreditLimit, FeeAccountId, IssuingAccountId, ChainSequence, ChainHash, CreatedAt);
    }

    private sealed record AccountRow(Guid ChamberId, AccountKind Kind, Guid? OrganisationId, long Balance, long CreditLimit, long? Ceiling, bool IsBlocked, DateTime OpenedAt)
    {
        public static AccountRow Of(LedgerAccount a) => new(a.ChamberId, a.Kind, a.OrganisationId, a.Balance, a.CreditLimit, a.Ceiling, a.IsBlocked, a.OpenedAt);

        public LedgerAccount Restore(Guid id) => LedgerAccount.Restore(id, ChamberId, Kind, OrganisationId, Balance, CreditLimit, Ceiling, IsBlocked, OpenedAt);
    }
}
