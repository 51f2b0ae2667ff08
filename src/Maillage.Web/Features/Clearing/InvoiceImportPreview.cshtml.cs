using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Clearing;

/// <summary>Step 2: the row-by-row report, then confirm (valid rows only, all at once) or cancel.</summary>
public sealed class InvoiceImportPreviewModel(InvoiceCsv csv) : MemberInvoicePageModel
{
    public InvoiceImport Import { get; private set; } = null!;

    public InvoiceImportPreview Preview { get; private set; } = new([], []);

    public async Task<IActionResult> OnGetAsync(string org, Guid id)
    {
        if (!await LoadAsync(org, id))
        {
            return NotFound();
        }

        if (Import.ConfirmedAt is null)
        {
            Preview = await csv.PreviewAsync(Chamber.Id, Organisation, Import.Content, HttpContext.RequestAborted);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string org, Guid id)
    {
        if (!await LoadAsync(org, id))
        {
            return NotFound();
        }

        if (Import.ConfirmedAt is not null)
        {
            Flash(L["Import.AlreadyDone"]);
            return Redirect($"{InvoicesPath}/import/{id}");
        }

        // Checked again: invoices may have been declared since the preview.
        Preview = await csv.PreviewAsync(Chamber.Id, Organisation, Import.Content, HttpContext.RequestAborted);
        if (Preview.ValidCount == 0)
        {
            return Page();
        }

        var count = await csv.ImportAsync(Organisation, Me.UserId, id, Preview, HttpContext.RequestAborted);
        Flash(count is null ? L["Import.AlreadyDone"] : L["Invoice.Imported", count.Value, Preview.SkippedCount]);
        return Redirect(InvoicesPath);
    }

    public async Task<IActionResult> OnPostCancelAsync(string org, Guid id)
    {
        if (!await LoadOrganisationAsync(org) || !CanAct)
        {
            return NotFound();
        }

        await Db.Set<InvoiceImport>().Where(i => i.Id == id && i.OrganisationId == Organisation.Id && i.ConfirmedAt == null).ExecuteDeleteAsync(HttpContext.RequestAborted);
        Flash(L["Import.Cancelled"]);
        return Redirect($"{InvoicesPath}/import");
    }

    private async Task<bool> LoadAsync(string org, Guid id)
    {
        if (!await LoadOrganisationAsync(org) || !CanAct)
        {
            return false;
        }

        var import = await Db.Set<InvoiceImport>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.OrganisationId == Organisation.Id, HttpContext.RequestAborted);
        if (import is null)
        {
            return false;
        }

        Import = import;
        return true;
    }
}
