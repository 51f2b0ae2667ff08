using Maillage.Domain.Currency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

/// <summary>One account for staff: override its credit limit, block or unblock it, reverse a payment; each with a reason, through the ledger.</summary>
public sealed class StaffAccountModel : StaffCurrencyPageModel
{
    public LedgerAccount Account { get; private set; } = null!;

    public string Holder { get; private set; } = string.Empty;

    public Statement Lines { get; private set; } = null!;

    public IReadOnlySet<Guid> Reversed { get; private set; } = new HashSet<Guid>();

    [BindProperty]
    public string? CreditLimit { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid accountId)
    {
        if (!await LoadAsync(accountId))
        {
            return NotFound();
        }

        CreditLimit = Amounts.Format(Account.CreditLimit, Currency.MinorDigits, System.Globalization.CultureInfo.CurrentCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostLimitAsync(Guid accountId)
    {
        if (!await LoadAsync(accountId))
        {
            return NotFound();
        }

        var limit = ParseAmount(CreditLimit, nameof(CreditLimit));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        return await ExecuteAsync(new ChangeLimit(Chamber.Id, Account.Id, limit!.Value, Account.Ceiling, Reason ?? string.Empty, Actor, Now), "Currency.Staff.LimitChanged");
    }

    public async Task<IActionResult> OnPostBlockAsync(Guid accountId, bool blocked)
    {
        if (!await LoadAsync(accountId))
        {
            return NotFound();
        }

        return await ExecuteAsync(new SetBlocked(Chamber.Id, Account.Id, blocked, Reason ?? string.Empty, Actor, Now), blocked ? "Currency.Staff.BlockedDone" : "Currency.Staff.UnblockedDone");
    }

    public async Task<IActionResult> OnPostReverseAsync(Guid accountId, Guid operationId, string? reverseReason)
    {
        if (!await LoadAsync(accountId))
        {
            return NotFound();
        }

        if (!Lines.Lines.Any(l => l.OperationId == operationId))
        {
            return NotFound();
        }

        Reason = reverseReason;
        return await ExecuteAsync(new Reverse(Chamber.Id, operationId, reverseReason ?? string.Empty, Actor, Now, "web:reverse:" + operationId.ToString("N")), "Currency.Staff.Reversed", "reason-" + operationId);
    }

    private async Task<IActionResult> ExecuteAsync(LedgerCommand command, string doneKey, string? reasonField = null)
    {
        try
        {
            await Ledger.ExecuteAsync(command, HttpContext.RequestAborted);
        }
        catch (LedgerException e)
        {
            var field = e.Field switch
            {
                "Reason" => reasonField ?? nameof(Reason),
                "CreditLimit" or "Ceiling" => nameof(CreditLimit),
                _ => reasonField ?? string.Empty,
            };
            ModelState.AddModelError(field, CurrencyErrors.Message(L, e, Currency));
            return Page();
        }

        Flash(L[doneKey]);
        return Redirect($"{BasePath}/comptes/{Account.Id}");
    }

    public string KindLabel(OperationKind kind) => L["Currency.Kind." + kind];

    private async Task<bool> LoadAsync(Guid accountId)
    {
        var account = await Accounts.FindAccountAsync(Chamber.Id, accountId, HttpContext.RequestAborted);
        if (account is null)
        {
            return false;
        }

        Account = account;
        Holder = (await Accounts.NamesOfAccountsAsync([account.Id], HttpContext.RequestAborted)).GetValueOrDefault(account.Id) ?? L["Currency.Staff.Kind." + account.Kind];
        var statement = await Accounts.StatementAsync(Currency, account, DateTime.MinValue, DateTime.MaxValue, ct: HttpContext.RequestAborted);
        Lines = statement with { Lines = statement.Lines.Reverse().Take(50).ToList() };
        var db = HttpContext.RequestServices.GetRequiredService<Data.MaillageDbContext>();
        var ids = Lines.Lines.Select(l => l.OperationId).ToList();
        Reversed = (await db.Set<Operation>().AsNoTracking().Where(o => o.ReversesOperationId != null && ids.Contains(o.ReversesOperationId.Value)).Select(o => o.ReversesOperationId!.Value).ToListAsync(HttpContext.RequestAborted)).ToHashSet();
        return true;
    }
}
