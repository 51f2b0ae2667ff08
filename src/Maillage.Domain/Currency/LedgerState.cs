namespace Maillage.Domain.Currency;

/// <summary>
/// The part of the ledger a command works on. Tests hold the whole ledger in one; the persistence loads, per batch,
/// the currencies, accounts, requests, standing orders, operations and keys the batch names, applies the batch
/// with <see cref="Ledger"/>, then writes back what is new (the <c>New…</c> lists) and what changed (tracked
/// entities). Whatever was not loaded is unknown: a command naming it is refused, never half-applied.
/// </summary>
public sealed class LedgerState
{
    private readonly Dictionary<Guid, CurrencyDefinition> _currencies = [];
    private readonly Dictionary<Guid, Account> _accounts = [];
    private readonly Dictionary<Guid, PaymentRequest> _requests = [];
    private readonly Dictionary<Guid, RecurringPayment> _recurring = [];
    private readonly Dictionary<(Guid ChamberId, string Key), IdempotencyRecord> _idempotency = [];
    private readonly Dictionary<Guid, Operation> _operations = [];
    private readonly List<Operation> _journal = [];
    private readonly HashSet<Guid> _reversed = [];
    private readonly List<Operation> _newOperations = [];
    private readonly List<PaymentRequest> _newRequests = [];
    private readonly List<RecurringPayment> _newRecurring = [];
    private readonly List<IdempotencyRecord> _newIdempotency = [];

    public IReadOnlyDictionary<Guid, CurrencyDefinition> Currencies => _currencies;

    public IReadOnlyDictionary<Guid, Account> Accounts => _accounts;

    public IReadOnlyDictionary<Guid, PaymentRequest> Requests => _requests;

    public IReadOnlyDictionary<Guid, RecurringPayment> RecurringPayments => _recurring;

    public IReadOnlyCollection<IdempotencyRecord> IdempotencyRecords => _idempotency.Values;

    /// <summary>The known operations in the order they were loaded or appended.</summary>
    public IReadOnlyList<Operation> Journal => _journal;

    public IReadOnlyList<Operation> NewOperations => _newOperations;

    public IReadOnlyList<PaymentRequest> NewRequests => _newRequests;

    public IReadOnlyList<RecurringPayment> NewRecurringPayments => _newRecurring;

    public IReadOnlyList<IdempotencyRecord> NewIdempotencyRecords => _newIdempotency;

    public void Load(CurrencyDefinition currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        _currencies[currency.ChamberId] = currency;
    }

    public void Load(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _accounts[account.Id] = account;
    }

    public void Load(PaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _requests[request.Id] = request;
    }

    public void Load(RecurringPayment recurringPayment)
    {
        ArgumentNullException.ThrowIfNull(recurringPayment);
        _recurring[recurringPayment.Id] = recurringPayment;
    }

    public void Load(IdempotencyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _idempotency[(record.ChamberId, record.Key)] = record;
    }

    /// <summary>A committed operation (with its entries); <paramref name="reversed"/> when a reversal of it exists.</summary>
    public void Load(Operation operation, bool reversed = false)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (_operations.TryAdd(operation.Id, operation))
        {
            _journal.Add(operation);
        }

        if (operation.ReversesOperationId is { } original)
        {
            _reversed.Add(original);
        }

        if (reversed)
        {
            _reversed.Add(operation.Id);
        }
    }

    public Operation? FindOperation(Guid id) => _operations.GetValueOrDefault(id);

    public bool IsReversed(Guid operationId) => _reversed.Contains(operationId);

    public IdempotencyRecord? FindIdempotency(Guid chamberId, string key) => _idempotency.GetValueOrDefault((chamberId, key));

    internal void Append(CurrencyDefinition currency, Operation operation)
    {
        operation.Seal(currency.ChainSequence + 1, currency.ChainHash);
        currency.AdvanceChain(operation.Sequence, operation.Hash);
        Load(operation);
        _newOperations.Add(operation);
    }

    internal void Add(PaymentRequest request)
    {
        Load(request);
        _newRequests.Add(request);
    }

    internal void Add(RecurringPayment recurringPayment)
    {
        Load(recurringPayment);
        _newRecurring.Add(recurringPayment);
    }

    internal void Add(IdempotencyRecord record)
    {
        Load(record);
        _newIdempotency.Add(record);
    }
}
