using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Maillage.Domain.Invoices;
using Maillage.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Clearing;

/// <summary>What one round did to one invoice, seen from a member.</summary>
public sealed record InvoiceHistoryLine(Guid RoundId, DateTime At, long Reduction, long After);

/// <summary>An invoice as a member sees it, with what the rounds did to it.</summary>
public sealed record MemberInvoice(InterMemberInvoice Invoice, bool OwedByUs, string Counterparty, IReadOnlyList<InvoiceHistoryLine> History)
{
    public InvoiceSide OurSide => OwedByUs ? InvoiceSide.Debtor : InvoiceSide.Creditor;

    public bool DeclaredByUs => Invoice.DeclaredBy == OurSide;

    public bool CanConfirm => !DeclaredByUs && Invoice.State is InvoiceState.Declared or InvoiceState.Disputed;

    public bool CanDispute => !DeclaredByUs && Invoice.State is InvoiceState.Declared or InvoiceState.Confirmed or InvoiceState.PartlyCleared;

    public bool CanWithdraw => DeclaredByUs && Invoice.State is InvoiceState.Declared or InvoiceState.Disputed && Invoice.Remaining == Invoice.Amount;
}

/// <summary>One line of a set-off notice.</summary>
public sealed record NoticeLine(string Number, bool OwedByUs, string Counterparty, long Before, long Reduction)
{
    public long After => Before - Reduction;
}

/// <summary>The set-off notice of one organisation for one round: the document its accountant files.</summary>
/// <param name="CurrencyPaid">What the organisation paid (positive) or received (negative) in the chamber's currency in this round's liquidity-saving step.</param>
public sealed record SetOffNotice(ClearingRound Round, string ChamberName, string Organisation, string? OrganisationUid, IReadOnlyList<NoticeLine> Lines, long CurrencyPaid = 0, string? CurrencyCode = null)
{
    public long PayablesReduced => Lines.Where(l => l.OwedByUs).Sum(l => l.Reduction);

    public long ReceivablesReduced => Lines.Where(l => !l.OwedByUs).Sum(l => l.Reduction);
}

/// <summary>A pair of members as the round saw it: owed before, owed after.</summary>
public sealed record NetworkArc(Guid Debtor, Guid Creditor, long Before, long After);

/// <summary>Everything staff see of one round.</summary>
public sealed record RoundReport(ClearingRound Round, IReadOnlyDictionary<Guid, string> Names, IReadOnlyList<NetworkArc> Arcs, IReadOnlyDictionary<ExclusionReason, int> Exclusions);

/// <summary>Read side of clearing: member invoice lists, set-off notices, round reports and their CSV files.</summary>
public sealed class ClearingReports(MaillageDbContext db)
{
    public async Task<IReadOnlyList<MemberInvoice>> InvoicesOfAsync(Guid organisationId, CancellationToken ct)
    {
        var invoices = await db.Set<InterMemberInvoice>().AsNoTracking()
            .Where(i => i.DebtorId == organisationId || i.CreditorId == organisationId)
            .OrderByDescending(i => i.IssueDate).ThenBy(i => i.Number)
            .ToListAsync(ct);
        var ids = invoices.Select(i => i.Id).ToList();
        var history = await db.Set<ClearingEntry>().AsNoTracking()
            .Where(e => ids.Contains(e.InvoiceId) && e.Reduction > 0)
            .Join(db.Set<ClearingRound>(), e => e.RoundId, r => r.Id, (e, r) => new { e.InvoiceId, RoundId = r.Id, r.StartedAt, e.Reduction, e.AmountBefore })
            .ToListAsync(ct);
        var names = await NamesAsync(invoices.SelectMany(i => new[] { i.DebtorId, i.CreditorId }), ct);
        return invoices.Select(i =>
        {
            var owedByUs = i.DebtorId == organisationId;
            var lines = history.Where(h => h.InvoiceId == i.Id).OrderBy(h => h.StartedAt)
                .Select(h => new InvoiceHistoryLine(h.RoundId, h.StartedAt, h.Reduction, h.AmountBefore - h.Reduction)).ToList();
            return new MemberInvoice(i, owedByUs, names[owedByUs ? i.CreditorId : i.DebtorId], lines);
        }).ToList();
    }

    /// <summary>The completed rounds that reduced at least one of the organisation's invoices, newest first.</summary>
    public async Task<IReadOnlyList<ClearingRound>> RoundsOfAsync(Guid organisationId, CancellationToken ct)
    {
        var roundIds = db.Set<ClearingEntry>().Where(e => e.Reduction > 0 && (e.DebtorId == organisationId || e.CreditorId == organisationId)).Select(e => e.RoundId);
        return await db.Set<ClearingRound>().AsNoTracking().Where(r => roundIds.Contains(r.Id)).OrderByDescending(r => r.StartedAt).ToListAsync(ct);
    }

    public async Task<SetOffNotice?> NoticeAsync(Guid chamberId, Guid roundId, Guid organisationId, CancellationToken ct)
    {
        var round = await db.Set<ClearingRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.ChamberId == chamberId && r.State == ClearingRoundState.Completed, ct);
        if (round is null)
        {
            return null;
        }

        var entries = await db.Set<ClearingEntry>().AsNoTracking()
            .Where(e => e.RoundId == roundId && e.Reduction > 0 && (e.DebtorId == organisationId || e.CreditorId == organisationId))
            .ToListAsync(ct);
        if (entries.Count == 0)
        {
            return null;
        }

        var names = await NamesAsync(entries.SelectMany(e => new[] { e.DebtorId, e.CreditorId }), ct);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => new { o.Profile.Name, o.Profile.Uid }).SingleAsync(ct);
        var chamber = await db.Chambers.AsNoTracking().Where(c => c.Id == chamberId).Select(c => c.Name).SingleAsync(ct);
        var lines = entries
            .Select(e => new NoticeLine(e.Number, e.DebtorId == organisationId, names[e.DebtorId == organisationId ? e.CreditorId : e.DebtorId], e.AmountBefore, e.Reduction))
            .OrderBy(l => l.OwedByUs).ThenBy(l => l.Counterparty, StringComparer.Ordinal).ThenBy(l => l.Number, StringComparer.Ordinal)
            .ToList();
        long currencyPaid = 0;
        string? currencyCode = null;
        if (round.CurrencyOperationId is { } operationId)
        {
            currencyPaid = -await db.Set<Domain.Currency.Entry>().AsNoTracking()
                .Where(e => e.OperationId == operationId)
                .Join(db.Set<Domain.Currency.Account>().Where(a => a.OrganisationId == organisationId), e => e.AccountId, a => a.Id, (e, _) => e.Amount)
                .SumAsync(ct);
            currencyCode = await db.Set<Domain.Currency.CurrencyDefinition>().AsNoTracking().Where(c => c.ChamberId == chamberId).Select(c => c.Code).FirstOrDefaultAsync(ct);
        }

        return new SetOffNotice(round, chamber, organisation.Name, organisation.Uid, lines, currencyPaid, currencyCode);
    }

    public async Task<RoundReport?> RoundAsync(Guid chamberId, Guid roundId, CancellationToken ct)
    {
        var round = await db.Set<ClearingRound>().AsNoTracking().AsSplitQuery()
            .Include(r => r.Entries).Include(r => r.Cycles).Include(r => r.Exclusions)
            .FirstOrDefaultAsync(r => r.Id == roundId && r.ChamberId == chamberId, ct);
        if (round is null)
        {
            return null;
        }

        var names = await NamesAsync(round.Entries.SelectMany(e => new[] { e.DebtorId, e.CreditorId }), ct);
        var arcs = round.Entries.GroupBy(e => (e.DebtorId, e.CreditorId))
            .Select(g => new NetworkArc(g.Key.DebtorId, g.Key.CreditorId, g.Sum(e => e.AmountBefore), g.Sum(e => e.AmountAfter)))
            .OrderBy(a => names[a.Debtor], StringComparer.Ordinal).ThenBy(a => names[a.Creditor], StringComparer.Ordinal)
            .ToList();
        var exclusions = round.Exclusions.GroupBy(e => e.Reason).ToDictionary(g => g.Key, g => g.Count());
        return new RoundReport(round, names, arcs, exclusions);
    }

    public async Task<IReadOnlyList<ClearingRound>> RoundsAsync(Guid chamberId, CancellationToken ct) =>
        await db.Set<ClearingRound>().AsNoTracking().Where(r => r.ChamberId == chamberId).OrderByDescending(r => r.StartedAt).Take(200).ToListAsync(ct);

    public static byte[] NoticeCsv(SetOffNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return Csv(
            ["chambre", "organisation", "ide", "tour", "date", "numero", "sens", "contrepartie", "montant_avant", "compense", "montant_apres"],
            notice.Lines.Select(l => new[]
            {
                notice.ChamberName, notice.Organisation, notice.OrganisationUid ?? string.Empty, notice.Round.Id.ToString(), IsoDate(notice.Round.StartedAt),
                l.Number, l.OwedByUs ? "dette" : "creance", l.Counterparty, MoneyText.Plain(l.Before), MoneyText.Plain(l.Reduction), MoneyText.Plain(l.After),
            }),
            [
                ["total", notice.Organisation, string.Empty, notice.Round.Id.ToString(), IsoDate(notice.Round.StartedAt), string.Empty, "dette", string.Empty, string.Empty, MoneyText.Plain(notice.PayablesReduced), string.Empty],
                ["total", notice.Organisation, string.Empty, notice.Round.Id.ToString(), IsoDate(notice.Round.StartedAt), string.Empty, "creance", string.Empty, string.Empty, MoneyText.Plain(notice.ReceivablesReduced), string.Empty],
                .. (notice.CurrencyPaid == 0 ? Array.Empty<string[]>() :
                [
                    ["monnaie", notice.Organisation, string.Empty, notice.Round.Id.ToString(), IsoDate(notice.Round.StartedAt), string.Empty, notice.CurrencyPaid > 0 ? "paye" : "recu", notice.CurrencyCode ?? string.Empty, string.Empty, MoneyText.Plain(Math.Abs(notice.CurrencyPaid)), string.Empty],
                ]),
            ]);
    }

    public static byte[] RoundCsv(RoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var round = report.Round;
        return Csv(
            ["tour", "date", "numero", "debiteur", "crediteur", "montant_avant", "compense", "montant_apres"],
            round.Entries.OrderBy(e => report.Names[e.DebtorId], StringComparer.Ordinal).ThenBy(e => e.Number, StringComparer.Ordinal).Select(e => new[]
            {
                round.Id.ToString(), IsoDate(round.StartedAt), e.Number, report.Names[e.DebtorId], report.Names[e.CreditorId],
                MoneyText.Plain(e.AmountBefore), MoneyText.Plain(e.Reduction), MoneyText.Plain(e.AmountAfter),
            }),
            [["total", IsoDate(round.StartedAt), string.Empty, string.Empty, string.Empty, MoneyText.Plain(round.TotalSubmitted), MoneyText.Plain(round.TotalCleared), MoneyText.Plain(round.TotalSubmitted - round.TotalCleared)]]);
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Profile.Name, ct);
    }

    private static string IsoDate(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static byte[] Csv(string[] header, IEnumerable<string[]> rows, IEnumerable<string[]> totals)
    {
        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }))
        {
            foreach (var row in new[] { header }.Concat(rows).Concat(totals))
            {
                foreach (var value in row)
                {
                    // A leading =, +, - or @ would run as a formula in a spreadsheet: neutralise it.
                    csv.WriteField(value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value);
                }

                csv.NextRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(builder.ToString())];
    }
}
