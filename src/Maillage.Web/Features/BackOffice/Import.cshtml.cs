using System.Text;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

/// <summary>Step 1 of a CSV import: upload. The file is kept in the database until staff confirm the preview.</summary>
public sealed class ImportModel(MaillageDbContext db) : ChamberPageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), L["Import.NoFile"]);
            return Page();
        }

        if (Upload.Length > MemberCsv.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), L["Import.TooLarge", MemberCsv.MaxBytes / 1024 / 1024]);
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

        var import = new MemberImport
        {
            ChamberId = Chamber.Id,
            UserId = Me.UserId!.Value,
            FileName = Path.GetFileName(Upload.FileName).Length > 200 ? Path.GetFileName(Upload.FileName)[..200] : Path.GetFileName(Upload.FileName),
            Content = content,
            CreatedAt = Now,
        };
        db.MemberImports.Add(import);

        // Previews never confirmed are cleaned after a day.
        var stale = Now.AddDays(-1);
        await db.MemberImports.Where(i => i.ChamberId == Chamber.Id && i.ConfirmedAt == null && i.CreatedAt < stale).ExecuteDeleteAsync(HttpContext.RequestAborted);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"/{Chamber.Slug}/gestion/membres/import/{import.Id}");
    }
}
