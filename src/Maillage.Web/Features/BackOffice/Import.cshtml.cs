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
        var (content, error) = await CsvUpload.ReadAsync(Upload, MemberCsv.MaxBytes, L, HttpContext.RequestAborted);
        if (content is null)
        {
            ModelState.AddModelError(nameof(Upload), error!);
            return Page();
        }

        var import = new MemberImport
        {
            ChamberId = Chamber.Id,
            UserId = Me.UserId!.Value,
            FileName = Path.GetFileName(Upload!.FileName).Length > 200 ? Path.GetFileName(Upload.FileName)[..200] : Path.GetFileName(Upload.FileName),
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
