using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Clearing;

/// <summary>Step 1 of an invoice import: upload. The file is kept in the database until the member confirms the preview.</summary>
public sealed class InvoiceImportUploadModel : MemberInvoicePageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(string org) => await LoadOrganisationAsync(org) && CanAct ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string org)
    {
        if (!await LoadOrganisationAsync(org) || !CanAct)
        {
            return NotFound();
        }

        var (content, error) = await CsvUpload.ReadAsync(Upload, InvoiceCsv.MaxBytes, L, HttpContext.RequestAborted);
        if (content is null)
        {
            ModelState.AddModelError(nameof(Upload), error!);
            return Page();
        }

        var fileName = Path.GetFileName(Upload!.FileName);
        var import = new InvoiceImport
        {
            ChamberId = Chamber.Id,
            OrganisationId = Organisation.Id,
            UserId = Me.UserId!.Value,
            FileName = fileName.Length > 200 ? fileName[..200] : fileName,
            Content = content,
            CreatedAt = Now,
        };
        Db.Set<InvoiceImport>().Add(import);

        // Previews never confirmed are cleaned after a day.
        var stale = Now.AddDays(-1);
        await Db.Set<InvoiceImport>().Where(i => i.OrganisationId == Organisation.Id && i.ConfirmedAt == null && i.CreatedAt < stale).ExecuteDeleteAsync(HttpContext.RequestAborted);
        await Db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{InvoicesPath}/import/{import.Id}");
    }
}
