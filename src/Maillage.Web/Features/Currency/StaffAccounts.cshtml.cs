namespace Maillage.Web.Features.Currency;

/// <summary>Every account of the chamber's currency with its balance, limit and state.</summary>
public sealed class StaffAccountsModel : StaffCurrencyPageModel
{
    public IReadOnlyList<StaffAccountRow> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await Staff.AccountsAsync(Chamber.Id, HttpContext.RequestAborted);

    public string KindName(StaffAccountRow row) => row.Name.Length > 0 ? row.Name : L["Currency.Staff.Kind." + row.Account.Kind];
}
