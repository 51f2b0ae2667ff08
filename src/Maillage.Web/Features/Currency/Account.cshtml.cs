using System.Globalization;
using System.Text;
using Maillage.Domain.Currency;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Currency;

/// <summary>The organisation's account: balance, limit, available, pending requests (answer them), balance chart, recent operations, statement download.</summary>
public sealed class AccountModel : MemberCurrencyPageModel
{
    public const int ChartDays = 90;

    public AccountView View { get; private set; } = null!;

    public IReadOnlyList<(DateOnly Day, long Balance)> History { get; private set; } = [];

    public Statement Recent { get; private set; } = null!;

    public string Chart { get; private set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public async Task<IActionResult> OnGetAsync(string org) => await LoadAsync(org) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(string org, Guid requestId) => AnswerAsync(org, requestId, accept: true);

    public Task<IActionResult> OnPostDeclineAsync(string org, Guid requestId) => AnswerAsync(org, requestId, accept: false);

    /// <summary>The statement as CSV (semicolons, UTF-8 with BOM for spreadsheets; text that would run as a formula is neutralised).</summary>
    public async Task<IActionResult> OnGetCsvAsync(string org)
    {
        if (!await LoadAccountAsync(org))
        {
            return NotFound();
        }

        var (first, last) = Period();
        if (first > last)
        {
            (first, last) = (last, first);
        }

        var statement = await Accounts.StatementAsync(Currency, Account, PaymentRequests.StartOfSwissDay(first), PaymentRequests.StartOfSwissDay(last.AddDays(1)), ct: HttpContext.RequestAborted);
        return File(StatementCsv(statement), "text/csv; charset=utf-8", $"releve-{Organisation.Slug}-{PaymentRequests.Iso(first)}-{PaymentRequests.Iso(last)}.csv");
    }

    public string KindLabel(OperationKind kind) => L["Currency.Kind." + kind];

    private byte[] StatementCsv(Statement statement)
    {
        var digits = Currency.MinorDigits;
        var b = new StringBuilder();
        void Row(params string[] cells) => b.Append(string.Join(';', cells.Select(Cell))).Append("\r\n");
        Row(L["Currency.Csv.Date"], L["Currency.Csv.Kind"], L["Currency.Csv.Counterparty"], L["Currency.Csv.Description"], L["Currency.Csv.Reference"], L["Currency.Csv.Amount"], L["Currency.Csv.Fee"], L["Currency.Csv.Balance"]);
        Row(PaymentRequests.Iso(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(statement.From, Display.SwissTime))), string.Empty, string.Empty, L["Currency.Csv.Opening"], string.Empty, string.Empty, string.Empty, Number(statement.OpeningBalance));
        foreach (var line in statement.Lines)
        {
            Row(TimeZoneInfo.ConvertTimeFromUtc(line.At, Display.SwissTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), KindLabel(line.Kind), Text(line.Counterparty), Text(line.Description), Text(line.Reference ?? string.Empty), Number(line.Amount), Number(line.Fee), Number(line.BalanceAfter));
        }

        Row(string.Empty, string.Empty, string.Empty, L["Currency.Csv.Closing"], string.Empty, string.Empty, string.Empty, Number(statement.ClosingBalance));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(b.ToString())];

        string Number(long value) => Amounts.FormatInvariant(value, digits);
    }

    /// <summary>Text typed by people: a leading =, +, -, @, tab or carriage return would make a spreadsheet run it as a formula.</summary>
    internal static string Text(string value) => value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;

    /// <summary>One cell of a semicolon-separated row, quoted when it holds a separator, a quote or a line break.</summary>
    internal static string Cell(string value) =>
        value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private (DateOnly First, DateOnly Last) Period()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, Display.SwissTime));
        var last = To ?? today;
        return (From ?? new DateOnly(last.Year, last.Month, 1).AddMonths(-2), last);
    }

    private async Task<IActionResult> AnswerAsync(string org, Guid requestId, bool accept)
    {
        if (!await LoadAccountAsync(org))
        {
            return NotFound();
        }

        if (!CanAct)
        {
            return Forbid();
        }

        try
        {
            LedgerCommand command = accept
                ? new AcceptRequest(Chamber.Id, requestId, Account.Id, Actor, Now, "web:accept:" + requestId.ToString("N"))
                : new DeclineRequest(Chamber.Id, requestId, Account.Id, Actor, Now, "web:decline:" + requestId.ToString("N"));
            await Ledger.ExecuteAsync(command, HttpContext.RequestAborted);
        }
        catch (LedgerException e) when (e.Code is LedgerErrors.UnknownRequest or LedgerErrors.NotThePayer)
        {
            return NotFound();
        }
        catch (LedgerException e)
        {
            await LoadAsync(org);
            AddRefusal(e, string.Empty);
            return Page();
        }

        Flash(L[accept ? "Currency.Request.Accepted" : "Currency.Request.Declined"]);
        return Redirect(BasePath);
    }

    private async Task<bool> LoadAsync(string org)
    {
        if (!await LoadAccountAsync(org))
        {
            return false;
        }

        View = await Accounts.ViewAsync(Currency, Account, HttpContext.RequestAborted);
        History = await Accounts.BalanceHistoryAsync(Account, ChartDays, HttpContext.RequestAborted);
        Chart = Charts.Line(History.Select(h => (Display.Date(h.Day), h.Balance)).ToList(), L["Currency.Account.ChartTitle", ChartDays], Money);
        var (first, last) = Period();
        var statement = await Accounts.StatementAsync(Currency, Account, DateTime.MinValue, PaymentRequests.StartOfSwissDay(last.AddDays(1)), ct: HttpContext.RequestAborted);
        Recent = statement with { Lines = statement.Lines.Reverse().Take(15).ToList() };
        From = first;
        To = last;
        return true;
    }
}
