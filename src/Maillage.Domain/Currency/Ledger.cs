namespace Maillage.Domain.Currency;

/// <summary>
/// The rules of the currency. <see cref="Execute"/> applies one command to a <see cref="LedgerState"/> all or
/// nothing: every check runs before the first change, so a refused command (a <see cref="LedgerException"/>)
/// leaves the state exactly as it was. The invariants these rules keep are stated in <see cref="LedgerInvariants"/>.
/// </summary>
public static class Ledger
{
    public static LedgerOutcome Execute(LedgerState state, LedgerCommand command)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var currency = state.Currencies.GetValueOrDefault(command.ChamberId) ?? throw new LedgerException(LedgerErrors.NoCurrency);
        var key = command.EffectiveIdempotencyKey;
        string? fingerprint = null;
        if (key is not null)
        {
            if (key.Length is 0 or > IdempotencyRecord.KeyMax || key.Any(char.IsControl))
            {
                throw new LedgerException(LedgerErrors.IdempotencyKeyInvalid, "IdempotencyKey");
            }

            fingerprint = command.Fingerprint();
            if (state.FindIdempotency(command.ChamberId, key) is { } earlier)
            {
                return string.Equals(earlier.Fingerprint, fingerprint, StringComparison.Ordinal)
                    ? new LedgerOutcome(earlier.ResultId, Replayed: true)
                    : throw new LedgerException(LedgerErrors.IdempotencyKeyReused, "IdempotencyKey");
            }
        }

        var resultId = command switch
        {
            Pay pay => Commit(state, currency, PreparePayment(state, currency, pay.PayerAccountId, pay.PayeeAccountId, pay.Amount, pay.Description, pay.Reference, pay)),
            RequestPayment request => CreateRequest(state, currency, request),
            AcceptRequest accept => Accept(state, currency, accept),
            DeclineRequest decline => Decline(state, decline),
            ExpireRequest expire => Expire(state, expire),
            Reverse reverse => Commit(state, currency, PrepareReversal(state, reverse)),
            ChangeLimit change => Commit(state, currency, PrepareLimitChange(state, currency, change)),
            SetBlocked block => Commit(state, currency, PrepareBlock(state, block)),
            RewardReferral reward => Commit(state, currency, PrepareReward(state, currency, reward)),
            SetUpRecurringPayment setUp => CreateRecurring(state, currency, setUp),
            PayRecurringOccurrence occurrence => PayOccurrence(state, currency, occurrence),
            SkipRecurringOccurrence skip => SkipOccurrence(state, skip),
            SettleClearing settlement => Commit(state, currency, PrepareSettlement(state, currency, settlement)),
            PauseRecurringPayment pause => ChangeRecurring(state, pause.ChamberId, pause.StandingOrderId, pause.PayerAccountId, order =>
            {
                if (pause.Paused)
                {
                    order.Pause();
                }
                else
                {
                    // The occurrences that fell during the pause are given up: each takes its key, as a skipped one
                    // does, so none can be paid late and every counted occurrence has its key.
                    var before = order.OccurrencesPaid;
                    order.Resume(ChamberDays.Of(pause.At));
                    for (var n = before; n < order.OccurrencesPaid; n++)
                    {
                        state.Add(new IdempotencyRecord(order.ChamberId, RecurringPayment.IdempotencyKeyOf(order.Id, n), "paused", order.Id, pause.At));
                    }
                }
            }),
            CancelRecurringPayment cancel => ChangeRecurring(state, cancel.ChamberId, cancel.StandingOrderId, cancel.PayerAccountId, order => order.Cancel()),
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };

        if (key is not null)
        {
            state.Add(new IdempotencyRecord(command.ChamberId, key, fingerprint!, resultId, command.At));
        }

        return new LedgerOutcome(resultId, Replayed: false) { Operation = state.FindOperation(resultId) };
    }

    /// <summary>An operation checked and ready, with the balance change of each account; applying it cannot fail.</summary>
    private sealed record Prepared(Operation Operation, IReadOnlyList<(Account Account, long Amount)> Postings);

    private static Guid Commit(LedgerState state, CurrencyDefinition currency, Prepared prepared)
    {
        foreach (var (account, amount) in prepared.Postings)
        {
            prepared.Operation.AddEntry(account.Id, amount);
        }

        foreach (var (account, amount) in prepared.Postings)
        {
            account.Post(amount);
        }

        state.Append(currency, prepared.Operation);
        return prepared.Operation.Id;
    }

    private static Prepared PreparePayment(LedgerState state, CurrencyDefinition currency, Guid payerId, Guid payeeId, long amount, string? description, string? reference, LedgerCommand command)
    {
        Amounts.Validate(amount, currency.MinorDigits);
        var payer = MemberAccount(state, command.ChamberId, payerId, "Payer");
        var payee = MemberAccount(state, command.ChamberId, payeeId, "Payee");
        if (payer.Id == payee.Id)
        {
            throw new LedgerException(LedgerErrors.SameAccount, "Payee");
        }

        var fee = currency.FeeOn(amount);
        var postings = new List<(Account, long)> { (payer, -(amount + fee)), (payee, amount) };
        if (fee > 0)
        {
            var feeAccount = state.Accounts.GetValueOrDefault(currency.FeeAccountId) ?? throw new LedgerException(LedgerErrors.UnknownAccount, "FeeAccount");
            postings.Add((feeAccount, fee));
        }

        CheckLimits(postings);
        var operation = new Operation(command.ChamberId, OperationKind.Payment, command.At, command.Actor)
        {
            Amount = amount,
            Fee = fee,
            Description = Text(description, Operation.DescriptionMax, "Description"),
            Reference = string.IsNullOrWhiteSpace(reference) ? null : Text(reference, Operation.ReferenceMax, "Reference"),
        };
        return new Prepared(operation, postings);
    }

    /// <summary>No fee: the set-off is the chamber's service to its members, not a payment between them.</summary>
    private static Prepared PrepareSettlement(LedgerState state, CurrencyDefinition currency, SettleClearing command)
    {
        if (command.Transfers.Count < 2 || command.Transfers.Sum(t => t.Amount) != 0 || command.Transfers.Any(t => t.Amount == 0)
            || command.Transfers.Select(t => t.AccountId).Distinct().Count() != command.Transfers.Count)
        {
            throw new LedgerException(LedgerErrors.SettlementUnbalanced, "Transfers");
        }

        var postings = new List<(Account, long)>();
        foreach (var transfer in command.Transfers)
        {
            Amounts.Validate(Math.Abs(transfer.Amount), currency.MinorDigits);
            postings.Add((MemberAccount(state, command.ChamberId, transfer.AccountId, "Transfers"), transfer.Amount));
        }

        CheckLimits(postings);
        var operation = new Operation(command.ChamberId, OperationKind.ClearingSettlement, command.At, command.Actor)
        {
            Amount = command.Transfers.Where(t => t.Amount > 0).Sum(t => t.Amount),
            Reference = FormattableString.Invariant($"clearing:{command.RoundId:N}"),
        };
        return new Prepared(operation, postings);
    }

    private static Prepared PrepareReversal(LedgerState state, Reverse command)
    {
        var original = state.FindOperation(command.OperationId);
        if (original is null || original.ChamberId != command.ChamberId)
        {
            throw new LedgerException(LedgerErrors.UnknownOperation, "Operation");
        }

        if (original.Kind is not (OperationKind.Payment or OperationKind.ReferralReward))
        {
            throw new LedgerException(LedgerErrors.NotReversible, "Operation", original.Kind.ToString());
        }

        if (state.IsReversed(original.Id))
        {
            throw new LedgerException(LedgerErrors.AlreadyReversed, "Operation");
        }

        var reason = Reason(command.Reason);
        var postings = original.Entries.OrderBy(e => e.Index)
            .Select(e => (state.Accounts.GetValueOrDefault(e.AccountId) ?? throw new LedgerException(LedgerErrors.UnknownAccount, "Operation"), -e.Amount))
            .ToList();
        CheckLimits(postings);
        var operation = new Operation(command.ChamberId, OperationKind.Reversal, command.At, command.Actor)
        {
            Amount = original.Amount,
            Fee = original.Fee,
            Description = original.Description,
            ReversesOperationId = original.Id,
            Reason = reason,
        };
        return new Prepared(operation, postings);
    }

    private static Prepared PrepareLimitChange(LedgerState state, CurrencyDefinition currency, ChangeLimit command)
    {
        var account = Find(state, command.ChamberId, command.AccountId, "Account");
        Amounts.Validate(command.CreditLimit, currency.MinorDigits, AmountRule.ZeroOrPositive, "CreditLimit");
        if (command.Ceiling is { } ceiling)
        {
            Amounts.Validate(ceiling, currency.MinorDigits, AmountRule.ZeroOrPositive, "Ceiling");
        }

        var reason = Reason(command.Reason);
        if (account.Balance < -command.CreditLimit || (command.Ceiling is { } c && account.Balance > c))
        {
            throw new LedgerException(LedgerErrors.LimitExcludesBalance, "CreditLimit", account.Balance);
        }

        account.SetLimits(command.CreditLimit, command.Ceiling);
        var operation = new Operation(command.ChamberId, OperationKind.LimitChange, command.At, command.Actor)
        {
            SubjectAccountId = account.Id,
            NewCreditLimit = command.CreditLimit,
            NewCeiling = command.Ceiling,
            Reason = reason,
        };
        return new Prepared(operation, []);
    }

    private static Prepared PrepareBlock(LedgerState state, SetBlocked command)
    {
        var account = Find(state, command.ChamberId, command.AccountId, "Account");
        var reason = Reason(command.Reason);
        account.SetBlocked(command.Blocked);
        var operation = new Operation(command.ChamberId, command.Blocked ? OperationKind.AccountBlocked : OperationKind.AccountUnblocked, command.At, command.Actor)
        {
            SubjectAccountId = account.Id,
            Reason = reason,
        };
        return new Prepared(operation, []);
    }

    private static Prepared PrepareReward(LedgerState state, CurrencyDefinition currency, RewardReferral command)
    {
        if (currency.ReferralReward <= 0)
        {
            throw new LedgerException(LedgerErrors.NoReward);
        }

        var referrer = MemberAccount(state, command.ChamberId, command.ReferrerAccountId, "Account");
        var issuing = state.Accounts.GetValueOrDefault(currency.IssuingAccountId) ?? throw new LedgerException(LedgerErrors.UnknownAccount, "IssuingAccount");
        var postings = new List<(Account, long)> { (issuing, -currency.ReferralReward), (referrer, currency.ReferralReward) };
        CheckLimits(postings);
        var operation = new Operation(command.ChamberId, OperationKind.ReferralReward, command.At, command.Actor)
        {
            Amount = currency.ReferralReward,
            Description = "referral",
            Reference = command.ReferredOrganisationId.ToString("N"),
        };
        return new Prepared(operation, postings);
    }

    private static Guid CreateRequest(LedgerState state, CurrencyDefinition currency, RequestPayment command)
    {
        Amounts.Validate(command.Amount, currency.MinorDigits);
        var payee = MemberAccount(state, command.ChamberId, command.PayeeAccountId, "Payee");
        var payer = MemberAccount(state, command.ChamberId, command.PayerAccountId, "Payer");
        if (payer.Id == payee.Id)
        {
            throw new LedgerException(LedgerErrors.SameAccount, "Payer");
        }

        if (command.ExpiresAt <= command.At)
        {
            throw new LedgerException(LedgerErrors.InvalidExpiry, "ExpiresAt");
        }

        var description = Text(command.Description, Operation.DescriptionMax, "Description");
        state.Add(new PaymentRequest(command.NewRequestId, command.ChamberId, payee.Id, payer.Id, command.Amount, description, command.At, command.ExpiresAt));
        return command.NewRequestId;
    }

    private static Guid Accept(LedgerState state, CurrencyDefinition currency, AcceptRequest command)
    {
        var request = AnswerableRequest(state, command.ChamberId, command.PaymentRequestId, command.PayerAccountId, command.At);
        var prepared = PreparePayment(state, currency, request.PayerAccountId, request.PayeeAccountId, request.Amount, request.Description, null, command);
        var paymentId = Commit(state, currency, prepared);
        request.MarkAccepted(paymentId, command.At);
        return paymentId;
    }

    private static Guid Decline(LedgerState state, DeclineRequest command)
    {
        var request = AnswerableRequest(state, command.ChamberId, command.PaymentRequestId, command.PayerAccountId, command.At);
        request.MarkDeclined(command.At);
        return request.Id;
    }

    private static Guid Expire(LedgerState state, ExpireRequest command)
    {
        var request = state.Requests.GetValueOrDefault(command.PaymentRequestId);
        if (request is null || request.ChamberId != command.ChamberId)
        {
            throw new LedgerException(LedgerErrors.UnknownRequest, "Request");
        }

        if (request.State != PaymentRequestState.Pending)
        {
            throw new LedgerException(LedgerErrors.RequestAlreadyAnswered, "Request", request.State.ToString());
        }

        if (!request.IsExpiredAt(command.At))
        {
            throw new LedgerException(LedgerErrors.RequestNotExpired, "Request");
        }

        request.MarkExpired(command.At);
        return request.Id;
    }

    private static Guid CreateRecurring(LedgerState state, CurrencyDefinition currency, SetUpRecurringPayment command)
    {
        Amounts.Validate(command.Amount, currency.MinorDigits);
        var payer = MemberAccount(state, command.ChamberId, command.PayerAccountId, "Payer");
        var payee = MemberAccount(state, command.ChamberId, command.PayeeAccountId, "Payee");
        if (payer.Id == payee.Id)
        {
            throw new LedgerException(LedgerErrors.SameAccount, "Payee");
        }

        if (command.End is { } end && end < command.Start)
        {
            throw new LedgerException(LedgerErrors.InvalidSchedule, "End");
        }

        var description = Text(command.Description, Operation.DescriptionMax, "Description");
        state.Add(new RecurringPayment(command.NewRecurringPaymentId, command.ChamberId, payer.Id, payee.Id, command.Amount, description, command.Start, command.Interval, command.End));
        return command.NewRecurringPaymentId;
    }

    private static Guid PayOccurrence(LedgerState state, CurrencyDefinition currency, PayRecurringOccurrence command)
    {
        var order = state.RecurringPayments.GetValueOrDefault(command.StandingOrderId);
        if (order is null || order.ChamberId != command.ChamberId)
        {
            throw new LedgerException(LedgerErrors.UnknownRecurringPayment, "RecurringPayment");
        }

        if (!order.DueOccurrences(ChamberDays.Of(command.At)).Take(1).Contains(command.Occurrence))
        {
            throw new LedgerException(LedgerErrors.OccurrenceNotDue, "Occurrence");
        }

        var prepared = PreparePayment(state, currency, order.PayerAccountId, order.PayeeAccountId, order.Amount, order.Description, null, command);
        var paymentId = Commit(state, currency, prepared);
        order.MarkPaid(command.Occurrence);
        return paymentId;
    }

    private static Guid SkipOccurrence(LedgerState state, SkipRecurringOccurrence command)
    {
        var order = state.RecurringPayments.GetValueOrDefault(command.StandingOrderId);
        if (order is null || order.ChamberId != command.ChamberId)
        {
            throw new LedgerException(LedgerErrors.UnknownRecurringPayment, "RecurringPayment");
        }

        var today = ChamberDays.Of(command.At);
        if (!order.DueOccurrences(today).Take(1).Contains(command.Occurrence))
        {
            throw new LedgerException(LedgerErrors.OccurrenceNotDue, "Occurrence");
        }

        if (!order.RetryDaysOver(command.Occurrence, today))
        {
            throw new LedgerException(LedgerErrors.OccurrenceStillRetried, "Occurrence");
        }

        order.MarkSkipped(command.Occurrence);
        return order.Id;
    }

    private static Guid ChangeRecurring(LedgerState state, Guid chamberId, Guid orderId, Guid payerAccountId, Action<RecurringPayment> change)
    {
        var order = state.RecurringPayments.GetValueOrDefault(orderId);
        if (order is null || order.ChamberId != chamberId)
        {
            throw new LedgerException(LedgerErrors.UnknownRecurringPayment, "RecurringPayment");
        }

        if (order.PayerAccountId != payerAccountId)
        {
            throw new LedgerException(LedgerErrors.NotThePayer, "RecurringPayment");
        }

        if (!order.IsActive)
        {
            throw new LedgerException(LedgerErrors.RecurringPaymentCancelled, "RecurringPayment");
        }

        change(order);
        return order.Id;
    }

    private static PaymentRequest AnswerableRequest(LedgerState state, Guid chamberId, Guid requestId, Guid payerAccountId, DateTime now)
    {
        var request = state.Requests.GetValueOrDefault(requestId);
        if (request is null || request.ChamberId != chamberId)
        {
            throw new LedgerException(LedgerErrors.UnknownRequest, "Request");
        }

        if (request.PayerAccountId != payerAccountId)
        {
            throw new LedgerException(LedgerErrors.NotThePayer, "Request");
        }

        request.EnsureAnswerable(now);
        return request;
    }

    /// <summary>Every account's new balance within its limits, or the first one that is not, with what it has.</summary>
    private static void CheckLimits(IReadOnlyList<(Account Account, long Amount)> postings)
    {
        foreach (var group in postings.GroupBy(p => p.Account))
        {
            var account = group.Key;
            var newBalance = account.Balance + group.Sum(p => p.Amount);
            if (newBalance < account.Floor)
            {
                throw new LedgerException(LedgerErrors.InsufficientFunds, "Amount", account.Available);
            }

            if (account.Ceiling is { } ceiling && newBalance > ceiling)
            {
                throw new LedgerException(LedgerErrors.CeilingExceeded, "Amount", Math.Max(0, ceiling - account.Balance));
            }
        }
    }

    private static Account Find(LedgerState state, Guid chamberId, Guid accountId, string field)
    {
        var account = state.Accounts.GetValueOrDefault(accountId) ?? throw new LedgerException(LedgerErrors.UnknownAccount, field);
        return account.ChamberId == chamberId ? account : throw new LedgerException(LedgerErrors.OtherChamber, field);
    }

    /// <summary>An account that may pay or be paid: known, of this chamber, not blocked.</summary>
    private static Account MemberAccount(LedgerState state, Guid chamberId, Guid accountId, string field)
    {
        var account = Find(state, chamberId, accountId, field);
        return account.IsBlocked ? throw new LedgerException(LedgerErrors.AccountBlocked, field) : account;
    }

    private static string Text(string? text, int max, string field)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        return trimmed.Length > max ? throw new LedgerException(LedgerErrors.DescriptionTooLong, field, max) : trimmed;
    }

    private static string Reason(string? reason)
    {
        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new LedgerException(LedgerErrors.ReasonRequired, "Reason");
        }

        return trimmed.Length > Operation.ReasonMax ? throw new LedgerException(LedgerErrors.DescriptionTooLong, "Reason", Operation.ReasonMax) : trimmed;
    }
}
