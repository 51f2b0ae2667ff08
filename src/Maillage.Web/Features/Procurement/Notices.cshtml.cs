using Maillage.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Procurement;

/// <summary>The chamber's tender notices for its members: search, canton, open only, reserved/social only.</summary>
public sealed class NoticesModel(TenderQueries queries) : ProcurementPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Canton { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Open { get; set; } = true;

    [BindProperty(SupportsGet = true)]
    public bool Reserved { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public TenderPage Result { get; private set; } = null!;

    public IEnumerable<string> CantonCodes => Cantons.All;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadPersonAsync())
        {
            return NotFound();
        }

        Result = await queries.ListAsync(Chamber.Id, Q, Canton, Open, Reserved, PageNumber, HttpContext.RequestAborted);
        return Page();
    }
}
