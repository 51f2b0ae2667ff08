using System.Text;
using Maillage.Domain.Common;
using Maillage.Domain.Currency;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>
/// Every account of the chamber's currency with its balance, limit and state: searchable by holder, filtered by
/// state (blocked, below zero, close to the limit), sorted, and exported as CSV as filtered.
/// </summary>
public sealed class StaffAccountsModel : StaffCurrencyPageModel
{
    /// <summary>"Close to the limit": less than this share of the credit limit is still available.</summary>
    private const int CloseToLimitPercent = 10;

    private static readonly string[] States = ["tous", "bloques", "negatifs", "pres-limite"];
    private static readonly string[] Sorts = ["nom", "solde", "solde-desc", "disponible"];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "tri")]
    public string? Sort { get; set; }

    public IReadOnlyList<StaffAccountRow> Rows { get; private set; } = [];

    /// <summary>Accounts of the currency before filtering.</summary>
    public int Total { get; private set; }

    public int BlockedCount { get; private set; }

    /// <summary>The sum of the negative member balances: the credit the members have drawn.</summary>
    public long CreditDrawn { get; private set; }

    public IReadOnlyList<string> StateOptions => States;

    public IReadOnlyList<string> SortOptions => Sorts;

    public string CurrentState => States.Contains(State) ? State! : States[0];

    public string CurrentSort => Sorts.Contains(Sort) ? Sort! : Sorts[0];

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Query) || CurrentState != States[0];

    public string ExportPath => $"{BasePath}/comptes?handler=Csv&q={Uri.EscapeDataString(Query ?? string.Empty)}&etat={CurrentState}&tri={CurrentSort}";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetCsvAsync()
    {
        await LoadAsync();
        var b = new StringBuilder();
        void Row(params string[] cells) => b.Append(string.Join(';', cells.Select(AccountModel.Cell))).Append("\r\n");
        Row(L["Currency.Staff.Holder"], L["Currency.Staff.AccountKind"], L["Currency.Account.Balance"], L["Currency.Account.CreditLimit"], L["Currency.Account.Available"], L["Currency.Recurring.State"]);
        foreach (var row in Rows)
        {
            Row(AccountModel.Text(KindName(row)), L["Currency.Staff.Kind." + row.Account.Kind], Number(row.Account.Balance), Number(row.Account.CreditLimit), Number(row.Account.Available), StateName(row));
        }

        var today = TimeZoneInfo.ConvertTimeFromUtc(Now, Display.SwissTime);
        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(b.ToString())], "text/csv; charset=utf-8",
            FormattableString.Invariant($"comptes-{Chamber.Slug}-{today:yyyy-MM-dd}.csv"));

        string Number(long value) => Amounts.FormatInvariant(value, Currency.MinorDigits);
    }

    public string KindName(StaffAccountRow row) => row.Name.Length > 0 ? row.Name : L["Currency.Staff.Kind." + row.Account.Kind];

    public string StateName(StaffAccountRow row) => row.Account.IsBlocked ? L["Currency.Staff.Blocked"] : L["Currency.Recurring.StateActive"];

    public static bool IsCloseToLimit(LedgerAccount account) =>
        account.CreditLimit > 0 && account.Available * 100 < account.CreditLimit * (long)CloseToLimitPercent;

    private async Task LoadAsync()
    {
        var all = await Staff.AccountsAsync(Chamber.Id, HttpContext.RequestAborted);
        Total = all.Count;
        BlockedCount = all.Count(r => r.Account.IsBlocked);
        CreditDrawn = all.Where(r => r.Account.Kind == AccountKind.Organisation && r.Account.Balance < 0).Sum(r => -r.Account.Balance);

        IEnumerable<StaffAccountRow> rows = all;
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var folded = TextNormalizer.Fold(Query);
            rows = rows.Where(r => TextNormalizer.Fold(KindName(r)).Contains(folded, StringComparison.Ordinal));
        }

        rows = CurrentState switch
        {
            "bloques" => rows.Where(r => r.Account.IsBlocked),
            "negatifs" => rows.Where(r => r.Account.Balance < 0),
            "pres-limite" => rows.Where(r => IsCloseToLimit(r.Account)),
            _ => rows,
        };

        // The chamber's own accounts (fees, issuing) stay after the members' in every order.
        rows = CurrentSort switch
        {
            "solde" => rows.OrderBy(r => r.Account.Kind).ThenBy(r => r.Account.Balance),
            "solde-desc" => rows.OrderBy(r => r.Account.Kind).ThenByDescending(r => r.Account.Balance),
            "disponible" => rows.OrderBy(r => r.Account.Kind).ThenBy(r => r.Account.Available),
            _ => rows,
        };
        Rows = [.. rows];
    }
}
