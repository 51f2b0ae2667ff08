using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

/// <summary>Step 2: the row-by-row report, then confirm (valid rows only, all at once) or cancel.</summary>
public sealed class ImportPreviewModel(MaillageDbContext db, MemberCsv csv) : ChamberPageModel
{
    public MemberImport Import { get; private set; } = null!;

    public ImportPreview Preview { get; private set; } = new([], []);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Import.ConfirmedAt is null)
        {
            Preview = await csv.PreviewAsync(Chamber.Id, Import.Content, HttpContext.RequestAborted);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Import.ConfirmedAt is not null)
        {
            Flash(L["Import.AlreadyDone"]);
            return Redirect($"/{Chamber.Slug}/gestion/membres/import/{id}");
        }

        // Validated again: the member list may have changed since the preview.
        Preview = await csv.PreviewAsync(Chamber.Id, Import.Content, HttpContext.RequestAborted);
        if (Preview.FileProblems.Count > 0 && Preview.Rows.Count == 0)
        {
            return Page();
        }

        var count = await csv.ImportAsync(Chamber.Id, id, Preview, HttpContext.RequestAborted);
        Flash(count is null ? L["Import.AlreadyDone"] : L["Import.Done", count.Value, Preview.SkippedCount]);
        return Redirect($"/{Chamber.Slug}/gestion/membres");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id)
    {
        await db.MemberImports.Where(i => i.Id == id && i.ChamberId == Chamber.Id && i.ConfirmedAt == null).ExecuteDeleteAsync(HttpContext.RequestAborted);
        Flash(L["Import.Cancelled"]);
        return Redirect($"/{Chamber.Slug}/gestion/membres/import");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var import = await db.MemberImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.ChamberId == Chamber.Id, HttpContext.RequestAborted);
        if (import is null)
        {
            return false;
        }

        Import = import;
        return true;
    }
}
