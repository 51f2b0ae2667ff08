namespace Maillage.Domain.Currency;

/// <summary>
/// A chamber's own currency (e.g. "Léman", code "LEM", symbol "L", two minor digits), its fee and reward rules, its
/// two system accounts, and the head of its journal's hash chain (the last sequence number and hash), which
/// anchors the chain so that deleting the newest operations is detected too.
/// </summary>
public sealed class CurrencyDefinition
{
    public const int MaxMinorDigits = 4;
    public const int NameMax = 60;
    public const int CodeMax = 8;
    public const int SymbolMax = 8;

    /// <summary>The fee is expressed in basis points of the amount: 100 = 1 %; at most 10 %.</summary>
    public const int MaxFeeBasisPoints = 1_000;

    private CurrencyDefinition()
    {
    }

    public CurrencyDefinition(Guid chamberId, string name, string code, string symbol, int minorDigits, DateTime now)
    {
        var (trimmedName, trimmedCode, trimmedSymbol) = Checked(name, code, symbol, minorDigits);
        ChamberId = chamberId;
        Name = trimmedName;
        Code = trimmedCode;
        Symbol = trimmedSymbol;
        MinorDigits = minorDigits;
        CreatedAt = now;
        FeeAccountId = Guid.NewGuid();
        IssuingAccountId = Guid.NewGuid();
        ChainHash = HashChain.Genesis;
    }

    /// <summary>A currency as stored, for the persistence that reads it back (with its chain head); no rule runs here.</summary>
    public static CurrencyDefinition Restore(
        Guid chamberId, string name, string code, string symbol, int minorDigits, int feeBasisPoints, long referralReward, long defaultCreditLimit,
        Guid feeAccountId, Guid issuingAccountId, long chainSequence, string chainHash, DateTime createdAt) => new()
        {
            ChamberId = chamberId,
            Name = name,
            Code = code,
            Symbol = symbol,
            MinorDigits = minorDigits,
            FeeBasisPoints = feeBasisPoints,
            ReferralReward = referralReward,
            DefaultCreditLimit = defaultCreditLimit,
            FeeAccountId = feeAccountId,
            IssuingAccountId = issuingAccountId,
            ChainSequence = chainSequence,
            ChainHash = chainHash,
            CreatedAt = createdAt,
        };

    /// <summary>One currency per chamber: the chamber's id is the key.</summary>
    public Guid ChamberId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Code { get; private set; } = string.Empty;

    public string Symbol { get; private set; } = string.Empty;

    public int MinorDigits { get; private set; }

    public int FeeBasisPoints { get; private set; }

    /// <summary>Credited from the issuing account when a referred organisation is admitted; 0 = no reward.</summary>
    public long ReferralReward { get; private set; }

    /// <summary>The credit limit a new organisation account gets (minor units).</summary>
    public long DefaultCreditLimit { get; private set; }

    /// <summary>The chamber's account that collects transaction fees.</summary>
    public Guid FeeAccountId { get; private set; }

    /// <summary>The chamber's account that issues rewards (it goes negative down to its own credit limit).</summary>
    public Guid IssuingAccountId { get; private set; }

    /// <summary>Sequence number of the newest operation (0 before the first).</summary>
    public long ChainSequence { get; private set; }

    /// <summary>Hash of the newest operation (<see cref="HashChain.Genesis"/> before the first).</summary>
    public string ChainHash { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// Changes the name, code, symbol and minor unit. The name and symbol are labels and may change at any time; the
    /// code (which integrations read) and the minor unit (every stored amount is in minor units) only while the
    /// journal is empty. The currency's own amounts and the given accounts' limits are rescaled to a new minor unit
    /// (rounded down when digits are removed), so a limit of 500.00 stays 500.
    /// </summary>
    public void Redefine(string name, string code, string symbol, int minorDigits, IEnumerable<Account> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var (trimmedName, trimmedCode, trimmedSymbol) = Checked(name, code, symbol, minorDigits);
        var accountList = accounts.Where(a => a.ChamberId == ChamberId).ToList();
        var inUse = ChainSequence > 0 || accountList.Any(a => a.Balance != 0);
        if (inUse && !string.Equals(trimmedCode, Code, StringComparison.Ordinal))
        {
            throw new LedgerException(LedgerErrors.CurrencyInUse, nameof(Code));
        }

        if (inUse && minorDigits != MinorDigits)
        {
            throw new LedgerException(LedgerErrors.CurrencyInUse, nameof(MinorDigits));
        }

        Name = trimmedName;
        Code = trimmedCode;
        Symbol = trimmedSymbol;
        if (minorDigits != MinorDigits)
        {
            var from = MinorDigits;
            ReferralReward = Rescale(ReferralReward, from, minorDigits);
            DefaultCreditLimit = Rescale(DefaultCreditLimit, from, minorDigits);
            foreach (var account in accountList)
            {
                account.SetLimits(Rescale(account.CreditLimit, from, minorDigits), account.Ceiling is { } c ? Rescale(c, from, minorDigits) : null);
            }

            MinorDigits = minorDigits;
        }
    }

    /// <summary>An amount in minor units of <paramref name="fromDigits"/> expressed in minor units of <paramref name="toDigits"/>.</summary>
    public static long Rescale(long amount, int fromDigits, int toDigits) =>
        toDigits >= fromDigits ? checked(amount * Amounts.Pow10(toDigits - fromDigits)) : amount / Amounts.Pow10(fromDigits - toDigits);

    public void SetRules(int feeBasisPoints, long referralReward, long defaultCreditLimit)
    {
        if (feeBasisPoints is < 0 or > MaxFeeBasisPoints)
        {
            throw new LedgerException(LedgerErrors.InvalidCurrency, nameof(FeeBasisPoints));
        }

        Amounts.Validate(referralReward, MinorDigits, AmountRule.ZeroOrPositive, nameof(ReferralReward));
        Amounts.Validate(defaultCreditLimit, MinorDigits, AmountRule.ZeroOrPositive, nameof(DefaultCreditLimit));
        FeeBasisPoints = feeBasisPoints;
        ReferralReward = referralReward;
        DefaultCreditLimit = defaultCreditLimit;
    }

    /// <summary>The fee on a payment, rounded half up to the minor unit, in exact integer arithmetic.</summary>
    public long FeeOn(long amount) => ((amount * FeeBasisPoints) + 5_000) / 10_000;

    public Account OpenFeeAccount(DateTime now) => new(FeeAccountId, ChamberId, AccountKind.Fees, null, 0, null, now);

    public Account OpenIssuingAccount(long creditLimit, DateTime now) => new(IssuingAccountId, ChamberId, AccountKind.Issuing, null, creditLimit, null, now);

    public Account OpenOrganisationAccount(Guid organisationId, DateTime now) => OpenOrganisationAccount(organisationId, DefaultCreditLimit, now);

    /// <summary>An organisation's account with the default limit of its kind of membership.</summary>
    public Account OpenOrganisationAccount(Guid organisationId, long creditLimit, DateTime now)
    {
        Amounts.Validate(creditLimit, MinorDigits, AmountRule.ZeroOrPositive, "CreditLimit");
        return new(Guid.NewGuid(), ChamberId, AccountKind.Organisation, organisationId, creditLimit, null, now);
    }

    private static (string Name, string Code, string Symbol) Checked(string name, string code, string symbol, int minorDigits)
    {
        var trimmedName = name?.Trim() ?? string.Empty;
        var trimmedCode = code?.Trim().ToUpperInvariant() ?? string.Empty;
        var trimmedSymbol = symbol?.Trim() ?? string.Empty;
        if (trimmedName.Length is 0 or > NameMax)
        {
            throw new LedgerException(LedgerErrors.InvalidCurrency, nameof(Name));
        }

        if (trimmedCode.Length is < 2 or > CodeMax || !trimmedCode.All(char.IsAsciiLetterOrDigit))
        {
            throw new LedgerException(LedgerErrors.InvalidCurrency, nameof(Code));
        }

        if (trimmedSymbol.Length is 0 or > SymbolMax)
        {
            throw new LedgerException(LedgerErrors.InvalidCurrency, nameof(Symbol));
        }

        if (minorDigits is < 0 or > MaxMinorDigits)
        {
            throw new LedgerException(LedgerErrors.InvalidCurrency, nameof(MinorDigits));
        }

        return (trimmedName, trimmedCode, trimmedSymbol);
    }

    internal void AdvanceChain(long sequence, string hash)
    {
        ChainSequence = sequence;
        ChainHash = hash;
    }
}
