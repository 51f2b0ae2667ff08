using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>A pending request seen from one side: who the other party is.</summary>
public sealed record PendingRequestView(PaymentRequest Request, string Counterparty, bool Incoming);

/// <summary>An organisation's account as its people see it.</summary>
public sealed record AccountView(
    CurrencyDefinition Currency, LedgerAccount Account, string OrganisationName, IReadOnlyList<PendingRequestView> Incoming, IReadOnlyList<PendingRequestView> Outgoing);

/// <summary>One line of a statement: an operation that moved the account, with the balance just after it.</summary>
public sealed record StatementLine(
    Guid OperationId, long Sequence, DateTime At, OperationKind Kind, string Counterparty, string Description, string? Reference, long Amount, long Fee, long BalanceAfter);

public sealed record Statement(DateTime From, DateTime To, long OpeningBalance, long ClosingBalance, int Total, IReadOnlyList<StatementLine> Lines);

/// <summary>A member another member can pay: an active organisation of the same chamber.</summary>
public sealed record PayeeOption(Guid OrganisationId, string Name, string Town, string Slug);

/// <summary>
/// Reads for the currency's pages and API (accounts, pending requests, statements, payees) and opens an
/// organisation's account the first time it is needed. Writes to balances go through <see cref="LedgerService"/> only.
/// </summary>
public sealed class CurrencyAccounts(MaillageDbContext db, TimeProvider clock)
{
    public Task<CurrencyDefinition?> CurrencyAsync(Guid chamberId, CancellationToken ct = default) =>
        db.Set<CurrencyDefinition>().AsNoTracking().SingleOrDefaultAsync(c => c.ChamberId == chamberId, ct);

    /// <summary>
    /// The account of an active organisation of the chamber, opened on first use with the default limit of its
    /// kind of membership. Null when the chamber has no currency or the organisation is not an active member.
    /// </summary>
    public async Task<LedgerAccount?> AccountOfAsync(Guid chamberId, Guid organisationId, CancellationToken ct = default)
    {
        var existing = await db.Set<LedgerAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.OrganisationId == organisationId, ct);
        if (existing is not null)
        {
            return existing.ChamberId == chamberId ? existing : null;
        }

        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == organisationId && o.ChamberId == chamberId && o.State == OrganisationState.Active)
            .Select(o => new { o.MembershipType })
            .SingleOrDefaultAsync(ct);
        var currency = organisation is null ? null : await CurrencyAsync(chamberId, ct);
        if (currency is null)
        {
            return null;
        }

        var limit = await db.Set<CurrencyLimitDefault>().AsNoTracking()
            .Where(d => d.ChamberId == chamberId && d.MembershipType == organisation!.MembershipType)
            .Select(d => (long?)d.CreditLimit).SingleOrDefaultAsync(ct) ?? currency.DefaultCreditLimit;
        var account = currency.OpenOrganisationAccount(organisationId, limit, clock.GetUtcNow().UtcDateTime);
        db.Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
            db.Entry(account).State = EntityState.Detached;
            return account;
        }
        catch (DbUpdateException)
        {
            // Two first uses at once: the unique index kept one account; use it.
            db.Entry(account).State = EntityState.Detached;
            return await db.Set<LedgerAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.OrganisationId == organisationId, ct);
        }
    }

    public async Task<AccountView> ViewAsync(CurrencyDefinition currency, LedgerAccount account, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(account);
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.Set<PaymentRequest>().AsNoTracking()
            .Where(r => (r.PayerAccountId == account.Id || r.PayeeAccountId == account.Id) && r.State == PaymentRequestState.Pending && r.ExpiresAt > now)
            .OrderBy(r => r.ExpiresAt)
            .ToListAsync(ct);
        var names = await NamesOfAccountsAsync(pending.Select(r => r.PayerAccountId == account.Id ? r.PayeeAccountId : r.PayerAccountId), ct);
        var views = pending.Select(r =>
        {
            var incoming = r.PayerAccountId == account.Id;
            return new PendingRequestView(r, names.GetValueOrDefault(incoming ? r.PayeeAccountId : r.PayerAccountId, string.Empty), incoming);
        }).ToList();
        var name = await db.Organisations.AsNoTracking().Where(o => o.Id == account.OrganisationId).Select(o => o.Profile.Name).SingleOrDefaultAsync(ct) ?? string.Empty;
        return new AccountView(currency, account, name, views.Where(v => v.Incoming).ToList(), views.Where(v => !v.Incoming).ToList());
    }

    /// <summary>The names of the organisations holding these accounts; the chamber's accounts get no name here.</summary>
    public async Task<Dictionary<Guid, string>> NamesOfAccountsAsync(IEnumerable<Guid> accountIds, CancellationToken ct = default)
    {
        var ids = accountIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Set<LedgerAccount>().AsNoTracking()
            .Where(a => ids.Contains(a.Id) && a.OrganisationId != null)
            .Join(db.Organisations, a => a.OrganisationId, o => o.Id, (a, o) => new { a.Id, o.Profile.Name })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.Name);
    }

    /// <summary>
    /// The operations that moved the account between two instants (from inclusive, to exclusive), oldest first,
    /// one page of them, with the opening and closing balances of the period and the balance after each line.
    /// </summary>
    public async Task<Statement> StatementAsync(CurrencyDefinition currency, LedgerAccount account, DateTime from, DateTime to, int page = 1, int pageSize = int.MaxValue, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(account);
        var rows = await db.Set<Entry>().AsNoTracking()
            .Where(e => e.AccountId == account.Id)
            .Join(db.Set<Operation>(), e => e.OperationId, o => o.Id, (e, o) => new { EntryAmount = e.Amount, o.Id, o.At, o.Sequence, o.Kind, o.Description, o.Reference, o.Fee })
            .Where(r => r.At < to)
            .ToListAsync(ct);
        rows = rows.OrderBy(r => r.Sequence).ToList();

        // Several entries of one operation on one account (never today, but cheap to be right) count as one line.
        var lines = rows.GroupBy(r => r.Id).Select(g => (First: g.First(), Amount: g.Sum(r => r.EntryAmount))).ToList();
        var opening = lines.Where(l => l.First.At < from).Sum(l => l.Amount);
        var inPeriod = lines.Where(l => l.First.At >= from).ToList();
        var closing = opening + inPeriod.Sum(l => l.Amount);

        var ids = inPeriod.Select(l => l.First.Id).ToList();
        var others = ids.Count == 0 ? [] : await db.Set<Entry>().AsNoTracking()
            .Where(e => ids.Contains(e.OperationId) && e.AccountId != account.Id && e.AccountId != currency.FeeAccountId)
            .Select(e => new { e.OperationId, e.AccountId })
            .ToListAsync(ct);
        var names = await NamesOfAccountsAsync(others.Select(o => o.AccountId), ct);
        var counterpartOf = others.GroupBy(o => o.OperationId).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(o => names.GetValueOrDefault(o.AccountId, string.Empty)).Where(n => n.Length > 0).Distinct()));

        var balance = opening;
        var all = new List<StatementLine>(inPeriod.Count);
        foreach (var (first, amount) in inPeriod)
        {
            balance += amount;
            var fee = amount < 0 && first.Kind is OperationKind.Payment ? first.Fee : 0;
            all.Add(new StatementLine(first.Id, first.Sequence, first.At, first.Kind, counterpartOf.GetValueOrDefault(first.Id, string.Empty), first.Description, first.Reference, amount, fee, balance));
        }

        var size = Math.Max(1, pageSize);
        var skip = (long)(Math.Max(1, page) - 1) * size;
        var pageLines = skip >= all.Count ? [] : all.Skip((int)skip).Take(size).ToList();
        return new Statement(from, to, opening, closing, all.Count, pageLines);
    }

    /// <summary>Balance at the end of each of the last <paramref name="days"/> days (Swiss time), oldest first.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, long Balance)>> BalanceHistoryAsync(LedgerAccount account, int days, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var moves = await db.Set<Entry>().AsNoTracking().Where(e => e.AccountId == account.Id)
            .Join(db.Set<Operation>(), e => e.OperationId, o => o.Id, (e, o) => new { e.Amount, o.At })
            .ToListAsync(ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Infrastructure.Display.SwissTime));
        var first = today.AddDays(1 - days);
        var byDay = moves.GroupBy(m => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(m.At, Infrastructure.Display.SwissTime)))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Amount));
        var balance = byDay.Where(d => d.Key < first).Sum(d => d.Value);
        var result = new List<(DateOnly, long)>(days);
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            balance += byDay.GetValueOrDefault(day);
            result.Add((day, balance));
        }

        return result;
    }

    /// <summary>Active organisations of the chamber whose name contains the typed text (accents and case ignored).</summary>
    public async Task<IReadOnlyList<PayeeOption>> SearchPayeesAsync(Guid chamberId, string? query, Guid exceptOrganisationId, int max = 10, CancellationToken ct = default)
    {
        var folded = Domain.Common.TextNormalizer.Fold(query);
        var organisations = db.Organisations.AsNoTracking().Where(o => o.ChamberId == chamberId && o.State == OrganisationState.Active && o.Id != exceptOrganisationId);
        if (folded.Length > 0)
        {
            organisations = organisations.Where(o => o.NormalizedName.Contains(folded));
        }

        return await organisations.OrderBy(o => o.NormalizedName).Take(max)
            .Select(o => new PayeeOption(o.Id, o.Profile.Name, o.Profile.Town ?? string.Empty, o.Slug))
            .ToListAsync(ct);
    }

    /// <summary>An account of this chamber with the name of the organisation holding it (null for the chamber's own accounts).</summary>
    public async Task<(LedgerAccount? Account, string? Name)> FindAccountWithNameAsync(Guid chamberId, Guid accountId, CancellationToken ct = default)
    {
        var row = await AccountWithName.For(db)(db, accountId, chamberId, ct);
        return (row?.Account, row?.Name);
    }

    // Compiled once: every API payment reads its payee, and translating the LINQ each time cost more than the query.
    private static readonly CompiledPerModel<Func<MaillageDbContext, Guid, Guid, CancellationToken, Task<AccountAndName?>>> AccountWithName = new(() =>
        EF.CompileAsyncQuery((MaillageDbContext db, Guid accountId, Guid chamberId, CancellationToken ct) => (
            from a in db.Set<LedgerAccount>().AsNoTracking()
            where a.Id == accountId && a.ChamberId == chamberId
            join o in db.Organisations.AsNoTracking() on a.OrganisationId equals o.Id into organisations
            from o in organisations.DefaultIfEmpty()
            select new AccountAndName(a, o == null ? null : o.Profile.Name)).SingleOrDefault()));

    private sealed record AccountAndName(LedgerAccount Account, string? Name);

    /// <summary>The organisation holding an account of this chamber, if it is one.</summary>
    public Task<LedgerAccount?> FindAccountAsync(Guid chamberId, Guid accountId, CancellationToken ct = default) =>
        db.Set<LedgerAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId && a.ChamberId == chamberId, ct);
}
