using System.Globalization;
using Maillage.Domain.Common;
using Maillage.Domain.Invoices;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Clearing;

/// <summary>One row of an invoice import as the member sees it in the preview.</summary>
/// <param name="Line">Line number in the file (the header is line 1).</param>
public sealed record InvoiceImportRow(int Line, string Number, string Debtor, string Creditor, string Amount, IReadOnlyList<string> Problems, InvoiceDraft? Draft)
{
    public bool IsValid => Problems.Count == 0;
}

public sealed record InvoiceImportPreview(IReadOnlyList<InvoiceImportRow> Rows, IReadOnlyList<string> FileProblems)
{
    public int ValidCount => Rows.Count(r => r.IsValid);

    public int SkippedCount => Rows.Count(r => !r.IsValid);
}

/// <summary>
/// CSV import of a member's invoices (numero;debiteur;crediteur;montant;date_emission;echeance). The organisation
/// must be one side of each row; the other side is a member of the same chamber named by its slug or its UID.
/// Two steps, as for the members import: a preview that says row by row what is skipped and why, then the valid
/// rows in one transaction, once.
/// </summary>
public sealed class InvoiceCsv(MaillageDbContext db, InvoiceBook book, AuditLog audit, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public const int MaxRows = 2000;
    public const long MaxBytes = 1024 * 1024;

    public static readonly string[] Columns = ["numero", "debiteur", "crediteur", "montant", "date_emission", "echeance"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy"];

    public async Task<InvoiceImportPreview> PreviewAsync(Guid chamberId, Organisation organisation, string content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(content);
        var rows = new List<InvoiceImportRow>();
        var fileProblems = new List<string>();
        var members = await db.Organisations.AsNoTracking().Where(o => o.ChamberId == chamberId)
            .Select(o => new { o.Id, o.Slug, o.Profile.Uid }).ToListAsync(ct);
        var bySlug = members.ToDictionary(m => m.Slug, m => m.Id, StringComparer.OrdinalIgnoreCase);
        var byUid = members.Where(m => m.Uid != null).GroupBy(m => Compact(m.Uid!)).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var accepted = new List<InvoiceDraft>();

        fileProblems.AddRange(await CsvTable.ReadAsync(content, Columns, MaxRows, l, async (line, Get) =>
        {
            Guid? Find(string reference) =>
                bySlug.TryGetValue(reference, out var id) ? id : byUid.TryGetValue(Compact(reference), out id) ? id : null;

            var problems = new List<string>();
            void Problem(string column, string message) => problems.Add($"{column} : {message}");
            var (number, debtorText, creditorText, amountText) = (Get("numero"), Get("debiteur"), Get("crediteur"), Get("montant"));
            var debtor = Find(debtorText);
            var creditor = Find(creditorText);
            if (debtor is null)
            {
                Problem("debiteur", string.IsNullOrEmpty(debtorText) ? l["Validation.Required"] : l["Invoice.Error.UnknownMember", debtorText]);
            }

            if (creditor is null)
            {
                Problem("crediteur", string.IsNullOrEmpty(creditorText) ? l["Validation.Required"] : l["Invoice.Error.UnknownMember", creditorText]);
            }

            if (debtor is not null && creditor is not null && debtor != organisation.Id && creditor != organisation.Id)
            {
                problems.Add(l["Invoice.Error.NotAParty"]);
            }

            var amount = 0L;
            switch (MoneyText.TryParse(amountText, out amount))
            {
                case MoneyText.Outcome.Empty:
                    Problem("montant", l["Validation.Required"]);
                    break;
                case MoneyText.Outcome.Malformed:
                    Problem("montant", l["Invoice.Error.InvalidAmount"]);
                    break;
                case MoneyText.Outcome.TooLarge:
                    Problem("montant", l["Invoice.Error.AmountTooLarge", InterMemberInvoice.MaxAmount / 100]);
                    break;
                default:
                    break;
            }

            var issue = ParseDate(Get("date_emission"), "date_emission", Problem);
            var due = ParseDate(Get("echeance"), "echeance", Problem);
            InvoiceDraft? draft = null;
            if (problems.Count == 0)
            {
                var candidate = new InvoiceDraft(debtor!.Value, creditor!.Value, number, amount, issue!.Value, due!.Value);
                foreach (var error in await book.CheckAsync(organisation.ChamberId, candidate, accepted, ct))
                {
                    Problem(ColumnOf(error.Field), l.InvoiceMessage(error));
                }

                if (problems.Count == 0)
                {
                    draft = candidate;
                    accepted.Add(candidate);
                }
            }

            rows.Add(new InvoiceImportRow(line, number, debtorText, creditorText, amountText, problems, draft));
        }));

        return new InvoiceImportPreview(rows, fileProblems);
    }

    /// <summary>Writes every valid row, or none; the pending import is claimed in the same transaction (a double click imports once).</summary>
    public async Task<int?> ImportAsync(Organisation organisation, Guid? userId, Guid importId, InvoiceImportPreview preview, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(preview);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Set<InvoiceImport>()
            .Where(i => i.Id == importId && i.OrganisationId == organisation.Id && i.ConfirmedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ConfirmedAt, now).SetProperty(i => i.Content, string.Empty), ct);
        if (claimed == 0)
        {
            return null;
        }

        var drafts = preview.Rows.Where(r => r.IsValid).Select(r => r.Draft!).ToList();
        book.Add(organisation.ChamberId, organisation.Id, userId, drafts);
        audit.Record(organisation.ChamberId, "invoices.imported", nameof(Organisation), organisation.Id, $"{organisation.Profile.Name} · {drafts.Count}");
        await db.SaveChangesAsync(ct);
        await db.Set<InvoiceImport>().Where(i => i.Id == importId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ImportedCount, drafts.Count), ct);
        await transaction.CommitAsync(ct);
        return drafts.Count;
    }

    private DateOnly? ParseDate(string value, string column, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problem(column, l["Validation.Required"]);
            return null;
        }

        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problem(column, l["Validation.InvalidDate"]);
        return null;
    }

    private static string Compact(string uid) => new(uid.Where(char.IsLetterOrDigit).ToArray());

    private static string ColumnOf(string field) => field switch
    {
        "Number" => "numero",
        "Amount" => "montant",
        "DueDate" => "echeance",
        "IssueDate" => "date_emission",
        _ => "debiteur/crediteur",
    };
}
