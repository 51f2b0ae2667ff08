using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Procurement;

/// <summary>The chamber's procurement figures: notices watched, consortia formed, submitted, won, amount won.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class IndicatorsModel(Consortia consortia) : Shared.ChamberPageModel
{
    public ProcurementIndicators Figures { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        Figures = await consortia.IndicatorsAsync(Chamber.Id, HttpContext.RequestAborted);
        return Page();
    }
}
