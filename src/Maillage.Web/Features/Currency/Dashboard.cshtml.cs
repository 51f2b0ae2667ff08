using Maillage.Domain.Currency;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Currency;

/// <summary>The currency's dashboard for staff: volume per month, active accounts, velocity, flows between sectors; verification of the ledger.</summary>
public sealed class DashboardModel : StaffCurrencyPageModel
{
    public CurrencyDashboard Figures { get; private set; } = null!;

    public string VolumeChart { get; private set; } = string.Empty;

    /// <summary>Set after "verify": the violations found (empty = all well).</summary>
    public IReadOnlyList<LedgerViolation>? Violations { get; private set; }

    public long? VerifiedOperations { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        // A scope of its own: the verification reads the whole ledger in one snapshot transaction on a fresh connection.
        using (var scope = HttpContext.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateScope())
        {
            Violations = await scope.ServiceProvider.GetRequiredService<LedgerService>().VerifyAsync(Chamber.Id, HttpContext.RequestAborted);
        }

        VerifiedOperations = (await Accounts.CurrencyAsync(Chamber.Id, HttpContext.RequestAborted))?.ChainSequence;
        await LoadAsync();
        return Page();
    }

    public static string SectorName(string code) => code.Length == 0 ? "—" : Display.SectorLabel(code);

    private async Task LoadAsync()
    {
        Figures = await Staff.DashboardAsync(Currency, HttpContext.RequestAborted);
        VolumeChart = Charts.Bars(Figures.Months.Select(m => (m.Month.ToString("MMM yy", System.Globalization.CultureInfo.CurrentCulture), m.Volume)).ToList(), L["Currency.Dashboard.VolumeChart"], Money);
    }
}
