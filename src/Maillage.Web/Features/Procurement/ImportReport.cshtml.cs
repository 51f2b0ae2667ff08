using Maillage.Web.Data;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Procurement;

/// <summary>One import: progress while it runs (the page refreshes itself), then the report row by row.</summary>
[Authorize(Policy = Policies.ChamberStaff)]
public sealed class ImportReportModel(MaillageDbContext db) : Shared.ChamberPageModel
{
    public const int LinesPerPage = 200;

    public TenderImport Import { get; private set; } = null!;

    public IReadOnlyList<TenderImportLine> Lines { get; private set; } = [];

    public int LineCount { get; private set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public bool SkippedOnly { get; set; }

    public bool Running => Import.State is TenderImportState.Queued or TenderImportState.Running;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var import = await db.Set<TenderImport>().AsNoTracking().FirstOrDefaultAsync(i => i.ChamberId == Chamber.Id && i.Id == id, HttpContext.RequestAborted);
        if (import is null)
        {
            return NotFound();
        }

        Import = import;
        var lines = db.Set<TenderImportLine>().AsNoTracking().Where(l => l.ImportId == id);
        if (SkippedOnly)
        {
            lines = lines.Where(l => l.Outcome == TenderLineOutcome.Skipped);
        }

        LineCount = await lines.CountAsync(HttpContext.RequestAborted);
        PageNumber = Math.Max(1, PageNumber);
        Lines = await lines.OrderBy(l => l.Position).ThenBy(l => l.ByteOffset).Skip((PageNumber - 1) * LinesPerPage).Take(LinesPerPage).ToListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
