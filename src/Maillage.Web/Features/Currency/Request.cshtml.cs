using Maillage.Domain.Currency;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Currency;

/// <summary>Ask another member to pay; the payer accepts or declines on its account page until the request expires.</summary>
public sealed class RequestModel : MemberCurrencyPageModel
{
    public static readonly int[] ExpiryChoices = [3, 7, 14, 30];

    public sealed class RequestInput
    {
        public string? Counterparty { get; set; }

        public string? Amount { get; set; }

        public string? Description { get; set; }

        public int ExpiresInDays { get; set; } = 14;

        public string? Key { get; set; }
    }

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string org)
    {
        if (!await LoadAccountAsync(org))
        {
            return NotFound();
        }

        await LoadMembersAsync();
        Input = new RequestInput { Key = Guid.NewGuid().ToString("N") };
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
        var payer = await ResolveMemberAsync(Input.Counterparty, "Input.Counterparty");
        var amount = ParseAmount(Input.Amount, "Input.Amount");
        if (string.IsNullOrWhiteSpace(Input.Description))
        {
            ModelState.AddModelError("Input.Description", L["Currency.Form.DescriptionRequired"]);
        }

        if (!ExpiryChoices.Contains(Input.ExpiresInDays))
        {
            ModelState.AddModelError("Input.ExpiresInDays", L["Validation.InvalidChoice"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var key = Input.Key is { Length: > 0 and <= 40 } k && k.All(char.IsAsciiLetterOrDigit) ? k : Guid.NewGuid().ToString("N");
        var fullKey = $"web:{Me.UserId:N}:{key}";
        var expiresAt = await PaymentRequests.ExpiryOfEarlierAsync(Db, Chamber.Id, fullKey, HttpContext.RequestAborted) ?? PaymentRequests.DefaultExpiry(Now, Input.ExpiresInDays);
        try
        {
            await Ledger.ExecuteAsync(new RequestPayment(Chamber.Id, Guid.NewGuid(), Account.Id, payer!.Id, amount!.Value, Input.Description, expiresAt, Actor, Now, fullKey), HttpContext.RequestAborted);
        }
        catch (LedgerException e)
        {
            AddRefusal(e);
            return Page();
        }

        Flash(L["Currency.Request.Sent", Money(amount.Value), ResolvedName]);
        return Redirect(BasePath);
    }
}
