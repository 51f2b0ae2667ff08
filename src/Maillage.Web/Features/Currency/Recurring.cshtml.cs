using System.Globalization;
using Maillage.Domain.Currency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Currency;

/// <summary>Standing orders paid by the organisation (e.g. monthly rent): create, pause, resume, cancel. A background job pays them.</summary>
public sealed class RecurringModel : MemberCurrencyPageModel
{
    public sealed class RecurringInput
    {
        public string? Counterparty { get; set; }

        public string? Amount { get; set; }

        public string? Description { get; set; }

        public string? Start { get; set; }

        public RecurrenceInterval Interval { get; set; } = RecurrenceInterval.Monthly;

        public string? End { get; set; }

        public string? Key { get; set; }
    }

    [BindProperty]
    public RecurringInput Input { get; set; } = new();

    public IReadOnlyList<(RecurringPayment Order, string Payee)> Orders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        Input = new RecurringInput { Key = Guid.NewGuid().ToString("N"), Start = Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string org)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanAct)
        {
            return Forbid();
        }

        var payee = await ResolveMemberAsync(Input.Counterparty, "Input.Counterparty");
        var amount = ParseAmount(Input.Amount, "Input.Amount");
        if (string.IsNullOrWhiteSpace(Input.Description))
        {
            ModelState.AddModelError("Input.Description", L["Currency.Form.DescriptionRequired"]);
        }

        var start = ParseDate(Input.Start, "Input.Start", required: true);
        var end = ParseDate(Input.End, "Input.End", required: false);
        if (start is { } s && s < Today)
        {
            ModelState.AddModelError("Input.Start", L["Currency.Recurring.StartPast"]);
        }

        if (!Enum.IsDefined(Input.Interval))
        {
            ModelState.AddModelError("Input.Interval", L["Validation.InvalidChoice"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var key = Input.Key is { Length: > 0 and <= 40 } k && k.All(char.IsAsciiLetterOrDigit) ? k : Guid.NewGuid().ToString("N");
        try
        {
            await Ledger.ExecuteAsync(new SetUpRecurringPayment(Chamber.Id, Guid.NewGuid(), Account.Id, payee!.Id, amount!.Value, Input.Description, start!.Value, Input.Interval, end, Actor, Now, $"web:{Me.UserId:N}:{key}"), HttpContext.RequestAborted);
        }
        catch (LedgerException e)
        {
            AddRefusal(e);
            if (e.Code == LedgerErrors.InvalidSchedule)
            {
                ModelState.AddModelError("Input.End", CurrencyErrors.Message(L, e, Currency));
            }

            return Page();
        }

        Flash(L["Currency.Recurring.Created"]);
        return Redirect(BasePath + "/recurrents");
    }

    public Task<IActionResult> OnPostPauseAsync(string org, Guid orderId) => ChangeAsync(org, orderId, a => new PauseRecurringPayment(Chamber.Id, orderId, Account.Id, true, Actor, Now), "Currency.Recurring.Paused");

    public Task<IActionResult> OnPostResumeAsync(string org, Guid orderId) => ChangeAsync(org, orderId, a => new PauseRecurringPayment(Chamber.Id, orderId, Account.Id, false, Actor, Now), "Currency.Recurring.Resumed");

    public Task<IActionResult> OnPostCancelAsync(string org, Guid orderId) => ChangeAsync(org, orderId, a => new CancelRecurringPayment(Chamber.Id, orderId, Account.Id, Actor, Now), "Currency.Recurring.Cancelled");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, Infrastructure.Display.SwissTime));

    private async Task<IActionResult> ChangeAsync(string org, Guid orderId, Func<Guid, LedgerCommand> command, string doneKey)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanAct)
        {
            return Forbid();
        }

        try
        {
            await Ledger.ExecuteAsync(command(orderId), HttpContext.RequestAborted);
        }
        catch (LedgerException e) when (e.Code is LedgerErrors.UnknownRecurringPayment or LedgerErrors.NotThePayer)
        {
            return NotFound();
        }
        catch (LedgerException e)
        {
            ModelState.AddModelError(string.Empty, CurrencyErrors.Message(L, e, Currency));
            return Page();
        }

        Flash(L[doneKey]);
        return Redirect(BasePath + "/recurrents");
    }

    private DateOnly? ParseDate(string? text, string key, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                ModelState.AddModelError(key, L["Validation.Required"]);
            }

            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        ModelState.AddModelError(key, L["Validation.InvalidDate"]);
        return null;
    }

    private async Task<bool> LoadAsync(string org)
    {
        if (!await LoadAccountAsync(org))
        {
            return false;
        }

        await LoadMembersAsync();
        var orders = await Db.Set<RecurringPayment>().AsNoTracking().Where(r => r.PayerAccountId == Account.Id).ToListAsync(HttpContext.RequestAborted);
        var names = await Accounts.NamesOfAccountsAsync(orders.Select(o => o.PayeeAccountId), HttpContext.RequestAborted);
        Orders = orders.OrderByDescending(o => o.IsActive).ThenBy(o => o.Start).Select(o => (o, names.GetValueOrDefault(o.PayeeAccountId, string.Empty))).ToList();
        return true;
    }
}
