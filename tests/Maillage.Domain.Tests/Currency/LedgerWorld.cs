using System.Globalization;
using Maillage.Domain.Currency;

namespace Maillage.Domain.Tests.Currency;

/// <summary>A complete in-memory ledger of one chamber: a 1 % fee, a reward, members with a credit limit.</summary>
internal sealed class LedgerWorld
{
    public static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    public static readonly LedgerActor Staff = new(Guid.NewGuid(), "Staff member");

    public LedgerWorld(int members = 6, long creditLimit = 50_000, Guid? chamberId = null)
    {
        Currency = new CurrencyDefinition(chamberId ?? Guid.NewGuid(), "Léman", "lem", "L", 2, Start);
        Currency.SetRules(feeBasisPoints: 100, referralReward: 2_000, defaultCreditLimit: creditLimit);
        State.Load(Currency);
        FeeAccount = Currency.OpenFeeAccount(Start);
        IssuingAccount = Currency.OpenIssuingAccount(10_000_000, Start);
        State.Load(FeeAccount);
        State.Load(IssuingAccount);
        for (var i = 0; i < members; i++)
        {
            var account = Currency.OpenOrganisationAccount(Guid.NewGuid(), Start);
            State.Load(account);
            Members.Add(account);
        }
    }

    public LedgerState State { get; } = new();

    public CurrencyDefinition Currency { get; }

    public Guid ChamberId => Currency.ChamberId;

    public Account FeeAccount { get; }

    public Account IssuingAccount { get; }

    public List<Account> Members { get; } = [];

    public Account this[int member] => Members[member];

    public LedgerOutcome Execute(LedgerCommand command) => Ledger.Execute(State, command);

    public LedgerOutcome Pay(int payer, int payee, long amount, string? key = null, DateTime? at = null) =>
        Execute(new Pay(ChamberId, this[payer].Id, this[payee].Id, amount, "Service", null, new LedgerActor(null, "member"), at ?? Start, key));

    /// <summary>Everything a refused command must leave untouched, as one comparable string.</summary>
    public string Snapshot()
    {
        var c = CultureInfo.InvariantCulture;
        var accounts = State.Accounts.Values.OrderBy(a => a.Id).Select(a => string.Create(c, $"{a.Id}:{a.Balance}:{a.CreditLimit}:{a.Ceiling}:{a.IsBlocked}"));
        var requests = State.Requests.Values.OrderBy(r => r.Id).Select(r => string.Create(c, $"{r.Id}:{r.State}"));
        var orders = State.RecurringPayments.Values.OrderBy(r => r.Id).Select(r => string.Create(c, $"{r.Id}:{r.OccurrencesPaid}"));
        return string.Join('\n', accounts.Concat(requests).Concat(orders).Append(string.Create(c, $"journal:{State.Journal.Count}:{Currency.ChainSequence}:{Currency.ChainHash}:keys:{State.IdempotencyRecords.Count}")));
    }

    /// <summary>Runs a command that must be refused with <paramref name="code"/> and checks it changed nothing.</summary>
    public LedgerException Refused(LedgerCommand command, string code)
    {
        var before = Snapshot();
        var refusal = Should.Throw<LedgerException>(() => Execute(command));
        refusal.Code.ShouldBe(code);
        Snapshot().ShouldBe(before, $"{code} must leave the ledger unchanged");
        return refusal;
    }

    public void AssertInvariants(string context = "")
    {
        var violations = LedgerInvariants.Check(State);
        violations.ShouldBeEmpty($"{context}: {string.Join("; ", violations.Select(v => $"[{v.Invariant}] {v.Detail}"))}");
    }
}
