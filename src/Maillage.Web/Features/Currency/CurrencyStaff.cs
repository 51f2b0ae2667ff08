using System.Globalization;
using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

public sealed record CurrencyRules(int FeeBasisPoints, long ReferralReward, long CollectiveLimit, long IndividualLimit);

public sealed record MonthVolume(DateOnly Month, long Volume, int Payments);

public sealed record SectorFlow(string FromSector, string ToSector, long Volume, int Payments);

public sealed record CurrencyDashboard(
    IReadOnlyList<MonthVolume> Months, int Accounts, int ActiveAccounts, long VolumeLastYear, long MoneyInCirculation, decimal? Velocity, IReadOnlyList<SectorFlow> Flows);

public sealed record StaffAccountRow(LedgerAccount Account, string Name, string Slug, MembershipType? MembershipType);

/// <summary>
/// The chamber staff's side of the currency: settings (under the ledger lock, each change recorded with who, when
/// and why), accounts, and the dashboard's figures. Balances still move only through <see cref="LedgerService"/>.
/// </summary>
public sealed class CurrencyStaff(MaillageDbContext db, TimeProvider clock, CurrencyApiCache apiCache)
{
    public Task<List<CurrencySettingChange>> ChangesAsync(Guid chamberId, CancellationToken ct = default) =>
        db.Set<CurrencySettingChange>().AsNoTracking().Where(c => c.ChamberId == chamberId).OrderByDescending(c => c.At).Take(100).ToListAsync(ct);

    public async Task<CurrencyRules> RulesAsync(CurrencyDefinition currency, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var defaults = await db.Set<CurrencyLimitDefault>().AsNoTracking().Where(d => d.ChamberId == currency.ChamberId).ToDictionaryAsync(d => d.MembershipType, d => d.CreditLimit, ct);
        return new CurrencyRules(
            currency.FeeBasisPoints, currency.ReferralReward,
            defaults.GetValueOrDefault(MembershipType.Collective, currency.DefaultCreditLimit), defaults.GetValueOrDefault(MembershipType.Individual, currency.DefaultCreditLimit));
    }

    /// <summary>Name, code, symbol, minor unit: a new code or unit is refused with <see cref="LedgerErrors.CurrencyInUse"/> once an operation exists.</summary>
    public Task RedefineAsync(Guid chamberId, string name, string code, string symbol, int minorDigits, string reason, Guid? userId, string userName, CancellationToken ct = default) =>
        UnderLedgerLockAsync(chamberId, reason, userId, userName, async (currency, record) =>
        {
            var before = (currency.Name, currency.Code, currency.Symbol, currency.MinorDigits);
            var accounts = await db.Set<LedgerAccount>().Where(a => a.ChamberId == chamberId).ToListAsync(ct);
            var defaults = await db.Set<CurrencyLimitDefault>().Where(d => d.ChamberId == chamberId).ToListAsync(ct);
            currency.Redefine(name, code, symbol, minorDigits, accounts);
            foreach (var d in defaults)
            {
                d.CreditLimit = CurrencyDefinition.Rescale(d.CreditLimit, before.MinorDigits, minorDigits);
            }

            record("Name", before.Name, currency.Name);
            record("Code", before.Code, currency.Code);
            record("Symbol", before.Symbol, currency.Symbol);
            record("MinorDigits", before.MinorDigits.ToString(CultureInfo.InvariantCulture), currency.MinorDigits.ToString(CultureInfo.InvariantCulture));
        }, ct);

    /// <summary>Fee, referral reward and default limits per kind of membership (new accounts only; existing ones keep theirs).</summary>
    public Task ChangeRulesAsync(Guid chamberId, CurrencyRules rules, string reason, Guid? userId, string userName, CancellationToken ct = default) =>
        UnderLedgerLockAsync(chamberId, reason, userId, userName, async (currency, record) =>
        {
            ArgumentNullException.ThrowIfNull(rules);
            Amounts.Validate(rules.CollectiveLimit, currency.MinorDigits, AmountRule.ZeroOrPositive, "CollectiveLimit");
            Amounts.Validate(rules.IndividualLimit, currency.MinorDigits, AmountRule.ZeroOrPositive, "IndividualLimit");
            var before = await RulesAsync(currency, ct);
            currency.SetRules(rules.FeeBasisPoints, rules.ReferralReward, rules.CollectiveLimit);
            foreach (var (type, limit) in new[] { (MembershipType.Collective, rules.CollectiveLimit), (MembershipType.Individual, rules.IndividualLimit) })
            {
                var row = await db.Set<CurrencyLimitDefault>().SingleOrDefaultAsync(d => d.ChamberId == chamberId && d.MembershipType == type, ct);
                if (row is null)
                {
                    db.Add(new CurrencyLimitDefault { ChamberId = chamberId, MembershipType = type, CreditLimit = limit });
                }
                else
                {
                    row.CreditLimit = limit;
                }
            }

            string M(long v) => Amounts.FormatInvariant(v, currency.MinorDigits);
            record("FeeBasisPoints", before.FeeBasisPoints.ToString(CultureInfo.InvariantCulture), rules.FeeBasisPoints.ToString(CultureInfo.InvariantCulture));
            record("ReferralReward", M(before.ReferralReward), M(rules.ReferralReward));
            record("DefaultCreditLimit.Collective", M(before.CollectiveLimit), M(rules.CollectiveLimit));
            record("DefaultCreditLimit.Individual", M(before.IndividualLimit), M(rules.IndividualLimit));
        }, ct);

    public async Task<IReadOnlyList<StaffAccountRow>> AccountsAsync(Guid chamberId, CancellationToken ct = default)
    {
        var accounts = await db.Set<LedgerAccount>().AsNoTracking().Where(a => a.ChamberId == chamberId).ToListAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == chamberId)
            .Select(o => new { o.Id, o.Profile.Name, o.Slug, o.MembershipType }).ToDictionaryAsync(o => o.Id, ct);
        return accounts
            .Select(a => a.OrganisationId is { } id && organisations.TryGetValue(id, out var o)
                ? new StaffAccountRow(a, o.Name, o.Slug, o.MembershipType)
                : new StaffAccountRow(a, string.Empty, string.Empty, null))
            .OrderBy(r => r.Account.Kind).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>
    /// Volume per month (payments net of their reversals, fees excluded), accounts active over 90 days, velocity
    /// (payments over the last 12 months ÷ money in circulation, i.e. the sum of positive member balances) and the
    /// largest flows between the ESS sectors of payer and payee.
    /// </summary>
    public async Task<CurrencyDashboard> DashboardAsync(CurrencyDefinition currency, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var chamberId = currency.ChamberId;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-11);
        var payments = await db.Set<Operation>().AsNoTracking()
            .Where(o => o.ChamberId == chamberId && o.Kind == OperationKind.Payment && o.At >= since)
            .Select(o => new { o.Id, o.At, o.Amount })
            .ToListAsync(ct);
        var reversed = (await db.Set<Operation>().AsNoTracking().Where(o => o.ChamberId == chamberId && o.Kind == OperationKind.Reversal && o.ReversesOperationId != null)
            .Select(o => o.ReversesOperationId!.Value).ToListAsync(ct)).ToHashSet();
        var counted = payments.Where(p => !reversed.Contains(p.Id)).ToList();
        var months = Enumerable.Range(0, 12).Select(i => DateOnly.FromDateTime(since.AddMonths(i)))
            .Select(m => new MonthVolume(m, counted.Where(p => p.At.Year == m.Year && p.At.Month == m.Month).Sum(p => p.Amount), counted.Count(p => p.At.Year == m.Year && p.At.Month == m.Month)))
            .ToList();

        var accounts = await db.Set<LedgerAccount>().AsNoTracking().Where(a => a.ChamberId == chamberId && a.Kind == AccountKind.Organisation).ToListAsync(ct);
        var activeSince = now.AddDays(-90);
        var accountIds = accounts.Select(a => a.Id).ToList();
        var active = await db.Set<Entry>().AsNoTracking()
            .Join(db.Set<Operation>(), e => e.OperationId, o => o.Id, (e, o) => new { e.AccountId, o.ChamberId, o.At, o.Kind })
            .Where(x => x.ChamberId == chamberId && x.At >= activeSince && x.Kind == OperationKind.Payment)
            .Select(x => x.AccountId).Distinct().ToListAsync(ct);
        var activeCount = active.Count(accountIds.Contains);
        var circulation = accounts.Where(a => a.Balance > 0).Sum(a => a.Balance);
        var yearVolume = counted.Sum(p => p.Amount);
        decimal? velocity = circulation > 0 ? Math.Round((decimal)yearVolume / circulation, 2) : null;

        // Payer = first entry, payee = second (see Ledger.PreparePayment).
        var ids = counted.Select(p => p.Id).ToList();
        var entries = await db.Set<Entry>().AsNoTracking()
            .Join(db.Set<Operation>(), e => e.OperationId, o => o.Id, (e, o) => new { e.OperationId, e.Index, e.AccountId, o.ChamberId, o.Kind, o.At, o.Amount })
            .Where(x => x.ChamberId == chamberId && x.Kind == OperationKind.Payment && x.At >= since && x.Index < 2)
            .ToListAsync(ct);
        var organisationOf = accounts.Where(a => a.OrganisationId != null).ToDictionary(a => a.Id, a => a.OrganisationId!.Value);
        var sectors = (await db.Organisations.AsNoTracking().Where(o => o.ChamberId == chamberId).Select(o => new { o.Id, o.Profile }).ToListAsync(ct))
            .ToDictionary(o => o.Id, o => o.Profile.EssSectors.Count > 0 ? o.Profile.EssSectors[0] : string.Empty);
        string SectorOf(Guid account) => organisationOf.TryGetValue(account, out var org) ? sectors.GetValueOrDefault(org, string.Empty) : string.Empty;
        var flows = entries.Where(e => !reversed.Contains(e.OperationId)).GroupBy(e => e.OperationId)
            .Where(g => g.Count() == 2)
            .Select(g => (From: SectorOf(g.Single(e => e.Index == 0).AccountId), To: SectorOf(g.Single(e => e.Index == 1).AccountId), g.First().Amount))
            .GroupBy(f => (f.From, f.To))
            .Select(g => new SectorFlow(g.Key.From, g.Key.To, g.Sum(f => f.Amount), g.Count()))
            .OrderByDescending(f => f.Volume).Take(10).ToList();
        return new CurrencyDashboard(months, accounts.Count, activeCount, yearVolume, circulation, velocity, flows);
    }

    /// <summary>
    /// Runs a settings change in one transaction holding the ledger lock (the writer's advisory lock on PostgreSQL,
    /// the write lock on SQLite), so no batch of payments reads the currency half-changed; records each change.
    /// </summary>
    private async Task UnderLedgerLockAsync(Guid chamberId, string reason, Guid? userId, string userName, Func<CurrencyDefinition, Action<string, string, string>, Task> change, CancellationToken ct)
    {
        var why = reason?.Trim() ?? string.Empty;
        if (why.Length == 0)
        {
            throw new LedgerException(LedgerErrors.ReasonRequired, "Reason");
        }

        if (why.Length > Operation.ReasonMax)
        {
            throw new LedgerException(LedgerErrors.DescriptionTooLong, "Reason", Operation.ReasonMax);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LedgerWriter.AdvisoryLockKey})", ct);
            }

            var currency = await db.Set<CurrencyDefinition>().SingleOrDefaultAsync(c => c.ChamberId == chamberId, ct) ?? throw new LedgerException(LedgerErrors.NoCurrency);
            var now = clock.GetUtcNow().UtcDateTime;
            try
            {
                await Apply(currency, now);
            }
            catch
            {
                // Refused: nothing is written, and nothing half-changed stays tracked in this request.
                db.ChangeTracker.Clear();
                throw;
            }

            await transaction.CommitAsync(ct);

            // The API keeps each token's currency for a while: read it again (other instances: the writer refuses a payment read with another unit).
            apiCache.ForgetTokens();
        });

        async Task Apply(CurrencyDefinition currency, DateTime now)
        {
            await change(currency, (setting, oldValue, newValue) =>
            {
                if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
                {
                    db.Add(new CurrencySettingChange
                    {
                        ChamberId = chamberId,
                        At = now,
                        ActorUserId = userId,
                        ActorName = userName.Length > 170 ? userName[..170] : userName,
                        Setting = setting,
                        OldValue = Clip(oldValue),
                        NewValue = Clip(newValue),
                        Reason = why,
                    });
                }
            });
            await db.SaveChangesAsync(ct);
        }
    }

    private static string Clip(string value) => value.Length > CurrencySettingChange.ValueMax ? value[..CurrencySettingChange.ValueMax] : value;
}
