namespace Maillage.Domain.Currency;

/// <summary>One broken invariant: its number (1–6, as in <see cref="LedgerInvariants"/>) and what is wrong.</summary>
public sealed record LedgerViolation(int Invariant, string Detail);

/// <summary>
/// The six invariants of the currency, stated once. <see cref="Check"/> verifies the first five on a complete
/// state (every operation, account, request and key of the chambers it holds), recomputed from the raw journal,
/// independently of the bookkeeping that <see cref="Ledger"/> does:
/// <list type="number">
/// <item>Double entry: every operation's entries sum to zero (non-monetary records have none); the balances of a
/// currency sum to zero.</item>
/// <item>Limits: no account is below its floor (−credit limit) or above its ceiling.</item>
/// <item>Idempotency: a key is applied at most once (one record per chamber and key, each naming one distinct
/// result that exists); a standing order's occurrence is paid at most once.</item>
/// <item>Linked entries together: a payment has exactly its payer, payee and (when charged) fee entries; a
/// reversal mirrors its original exactly and an operation is reversed at most once; an accepted request points
/// to its payment.</item>
/// <item>Append-only history: each account's balance equals the sum of its entries, and the hash chain of each
/// chamber verifies up to its stored head.</item>
/// <item>Durability: an acknowledged operation survives a crash. Not visible in a state: the persistence commits
/// durably before answering, and the crash test (kill -9, restart, then <see cref="Check"/>) proves it.</item>
/// </list>
/// </summary>
public static class LedgerInvariants
{
    public static IReadOnlyList<LedgerViolation> Check(LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var violations = new List<LedgerViolation>();
        CheckDoubleEntry(state, violations);
        CheckLimits(state, violations);
        CheckIdempotency(state, violations);
        CheckLinkedEntries(state, violations);
        CheckAppendOnly(state, violations);
        return violations;
    }

    private static bool IsMonetary(OperationKind kind) => kind is OperationKind.Payment or OperationKind.Reversal or OperationKind.ReferralReward or OperationKind.ClearingSettlement;

    private static void CheckDoubleEntry(LedgerState state, List<LedgerViolation> violations)
    {
        foreach (var operation in state.Journal)
        {
            var sum = operation.Entries.Sum(e => e.Amount);
            if (sum != 0)
            {
                violations.Add(new(1, $"Operation #{operation.Sequence} ({operation.Kind}) sums to {sum}, not 0."));
            }

            if (IsMonetary(operation.Kind) != (operation.Entries.Count >= 2))
            {
                violations.Add(new(1, $"Operation #{operation.Sequence} ({operation.Kind}) has {operation.Entries.Count} entries."));
            }
        }

        foreach (var chamber in state.Accounts.Values.GroupBy(a => a.ChamberId))
        {
            var total = chamber.Sum(a => a.Balance);
            if (total != 0)
            {
                violations.Add(new(1, $"The balances of chamber {chamber.Key} sum to {total}, not 0."));
            }
        }
    }

    private static void CheckLimits(LedgerState state, List<LedgerViolation> violations)
    {
        foreach (var account in state.Accounts.Values)
        {
            if (account.Balance < account.Floor || (account.Ceiling is { } ceiling && account.Balance > ceiling))
            {
                violations.Add(new(2, $"Account {account.Id} has {account.Balance}, outside [{account.Floor}, {account.Ceiling?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"}]."));
            }
        }
    }

    private static void CheckIdempotency(LedgerState state, List<LedgerViolation> violations)
    {
        var results = new HashSet<Guid>();
        foreach (var record in state.IdempotencyRecords)
        {
            // A skipped occurrence's key names its standing order (no payment exists for it): a standing order may be
            // named by its set-up key and by the keys of all its skipped occurrences; every other result by one key.
            var skippedOccurrence = state.RecurringPayments.ContainsKey(record.ResultId) && RecurringPayment.IsOccurrenceKeyOf(record.Key, record.ResultId);
            if (!skippedOccurrence && !results.Add(record.ResultId))
            {
                violations.Add(new(3, $"Two keys claim result {record.ResultId}."));
            }

            var exists = state.FindOperation(record.ResultId) is not null || state.Requests.ContainsKey(record.ResultId) || state.RecurringPayments.ContainsKey(record.ResultId);
            if (!exists)
            {
                violations.Add(new(3, $"Key '{record.Key}' names result {record.ResultId}, which does not exist."));
            }
        }

        foreach (var order in state.RecurringPayments.Values)
        {
            for (var n = 0; n < order.OccurrencesPaid; n++)
            {
                if (state.FindIdempotency(order.ChamberId, RecurringPayment.IdempotencyKeyOf(order.Id, n)) is null)
                {
                    violations.Add(new(3, $"Standing order {order.Id} counts occurrence {n} as paid but no payment is recorded for it."));
                }
            }
        }
    }

    private static void CheckLinkedEntries(LedgerState state, List<LedgerViolation> violations)
    {
        var reversals = new Dictionary<Guid, int>();
        foreach (var operation in state.Journal)
        {
            var entries = operation.Entries.OrderBy(e => e.Index).ToList();
            switch (operation.Kind)
            {
                case OperationKind.Payment:
                    var feeAccount = state.Currencies.GetValueOrDefault(operation.ChamberId)?.FeeAccountId;
                    var shapeOk = entries.Count == (operation.Fee > 0 ? 3 : 2)
                        && entries[0].Amount == -(operation.Amount + operation.Fee)
                        && entries[1].Amount == operation.Amount
                        && (operation.Fee == 0 || (entries[2].AccountId == feeAccount && entries[2].Amount == operation.Fee));
                    if (!shapeOk)
                    {
                        violations.Add(new(4, $"Payment #{operation.Sequence} does not hold exactly its payer, payee and fee entries."));
                    }

                    break;
                case OperationKind.Reversal:
                    var original = operation.ReversesOperationId is { } id ? state.FindOperation(id) : null;
                    reversals[operation.ReversesOperationId ?? Guid.Empty] = reversals.GetValueOrDefault(operation.ReversesOperationId ?? Guid.Empty) + 1;
                    var mirrors = original is not null
                        && original.Entries.Count == entries.Count
                        && original.Entries.OrderBy(e => e.Index).Zip(entries).All(p => p.First.AccountId == p.Second.AccountId && p.First.Amount == -p.Second.Amount);
                    if (!mirrors)
                    {
                        violations.Add(new(4, $"Reversal #{operation.Sequence} does not mirror the operation it reverses."));
                    }

                    break;
                case OperationKind.ClearingSettlement:
                    // A round's transfers: one entry per account, no fee, the amount is what the payers pay.
                    var settlementOk = operation.Fee == 0
                        && entries.Select(e => e.AccountId).Distinct().Count() == entries.Count
                        && entries.Where(e => e.Amount > 0).Sum(e => e.Amount) == operation.Amount;
                    if (!settlementOk)
                    {
                        violations.Add(new(4, $"Clearing settlement #{operation.Sequence} does not hold one fee-free entry per account adding up to its amount."));
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var (original, count) in reversals.Where(r => r.Value > 1))
        {
            violations.Add(new(4, $"Operation {original} is reversed {count} times."));
        }

        foreach (var request in state.Requests.Values.Where(r => r.State == PaymentRequestState.Accepted))
        {
            var payment = request.PaymentOperationId is { } id ? state.FindOperation(id) : null;
            if (payment is null || payment.Kind != OperationKind.Payment || payment.Amount != request.Amount)
            {
                violations.Add(new(4, $"Accepted request {request.Id} has no matching payment."));
            }
        }
    }

    private static void CheckAppendOnly(LedgerState state, List<LedgerViolation> violations)
    {
        var sums = state.Journal.SelectMany(o => o.Entries).GroupBy(e => e.AccountId).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
        foreach (var account in state.Accounts.Values)
        {
            var sum = sums.GetValueOrDefault(account.Id);
            if (sum != account.Balance)
            {
                violations.Add(new(5, $"Account {account.Id} shows {account.Balance} but its entries sum to {sum}."));
            }
        }

        foreach (var entry in sums.Keys.Where(id => !state.Accounts.ContainsKey(id)))
        {
            violations.Add(new(5, $"Entries name account {entry}, which does not exist."));
        }

        foreach (var currency in state.Currencies.Values)
        {
            var chain = state.Journal.Where(o => o.ChamberId == currency.ChamberId);
            violations.AddRange(HashChain.Verify(chain, currency.ChainSequence, currency.ChainHash).Select(p => new LedgerViolation(5, p)));
        }
    }
}
