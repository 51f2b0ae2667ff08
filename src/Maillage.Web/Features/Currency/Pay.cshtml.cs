using Maillage.Domain.Currency;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Currency;

/// <summary>Pay another member: payee found by name (suggestions while typing), amount in Swiss or French format, description, optional reference.</summary>
public sealed class PayModel : MemberCurrencyPageModel
{
    public sealed class PayInput
    {
        public string? Counterparty { get; set; }

        public string? Amount { get; set; }

        public string? Description { get; set; }

        public string? Reference { get; set; }

        /// <summary>Made when the form is shown: submitting twice (double click, back and resubmit) pays once.</summary>
        public string? Key { get; set; }
    }

    [BindProperty]
    public PayInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string org, string? to)
    {
        if (!await LoadAccountAsync(org))
        {
            return NotFound();
        }

        await LoadMembersAsync();
        Input = new PayInput { Counterparty = to, Key = Guid.NewGuid().ToString("N") };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string org)
    {
        if (!await LoadAccountAsync(org))
        {
            return NotFound();
        }

        if (!CanAct)
        {
            return Forbid();
        }

        await LoadMembersAsync();
        var payee = await ResolveMemberAsync(Input.Counterparty, "Input.Counterparty");
        var amount = ParseAmount(Input.Amount, "Input.Amount");
        if (string.IsNullOrWhiteSpace(Input.Description))
        {
            ModelState.AddModelError("Input.Description", L["Currency.Form.DescriptionRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var key = Input.Key is { Length: > 0 and <= 40 } k && k.All(char.IsAsciiLetterOrDigit) ? k : Guid.NewGuid().ToString("N");
        try
        {
            await Ledger.ExecuteAsync(new Pay(Chamber.Id, Account.Id, payee!.Id, amount!.Value, Input.Description, Input.Reference, Actor, Now, $"web:{Me.UserId:N}:{key}"), HttpContext.RequestAborted);
        }
        catch (LedgerException e)
        {
            AddRefusal(e);
            return Page();
        }

        Flash(L["Currency.Pay.Done", Money(amount.Value), ResolvedName]);
        return Redirect(BasePath);
    }
}
