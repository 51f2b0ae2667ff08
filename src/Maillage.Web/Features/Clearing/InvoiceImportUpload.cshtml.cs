using System.Text;
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

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), L["Import.NoFile"]);
            return Page();
        }

        if (Upload.Length > InvoiceCsv.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), L["Import.TooLarge", InvoiceCsv.MaxBytes / 1024 / 1024]);
            return Page();
        }

        string content;
        using (var stream = Upload.OpenReadStream())
        using (var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true))
        {
            try
            {
                content = await reader.ReadToEndAsync(HttpContext.RequestAborted);
            }
            catch (DecoderFallbackException)
            {
                // Spreadsheets on Windows often save CSV as Windows-1252; Latin-1 reads its accents the same.
                stream.Position = 0;
                using var latin = new StreamReader(stream, Encoding.Latin1);
                content = await latin.ReadToEndAsync(HttpContext.RequestAborted);
            }
        }

        if (content.Contains('\0', StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Upload), L["Import.NotCsv"]);
            return Page();
        }

        var fileName = Path.GetFileName(Upload.FileName);
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
