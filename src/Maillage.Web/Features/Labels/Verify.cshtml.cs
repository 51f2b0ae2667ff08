using Maillage.Domain.Labels;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Labels;

/// <summary>
/// The public check of a label: anyone types or follows a code and reads, in plain words, whether the label is valid
/// (until when), expired (since when) or revoked (when and why). Only the chamber's own labels are found here.
/// </summary>
public sealed class VerifyModel(LabelBook labels) : ChamberPageModel
{
    public LabelVerification? Result { get; private set; }

    /// <summary>What the person typed, kept in the box when it is not a code.</summary>
    public string? Typed { get; private set; }

    public bool NotFoundCode { get; private set; }

    public bool BadFormat { get; private set; }

    public DateOnly Today => labels.Today;

    public async Task<IActionResult> OnGetAsync(string? code, [FromQuery(Name = "q")] string? typed)
    {
        if (code is null)
        {
            if (string.IsNullOrWhiteSpace(typed))
            {
                return Page();
            }

            Typed = typed.Length > 40 ? typed[..40] : typed;
            if (LabelCode.Normalize(typed) is { } normalized)
            {
                return Redirect($"/{Chamber.Slug}/label/{normalized}");
            }

            BadFormat = true;
            return Page();
        }

        Result = await labels.VerifyAsync(code, Chamber.Id, HttpContext.RequestAborted);
        if (Result is null)
        {
            // The page says so plainly, with the form to try again; the status tells machines the same.
            NotFoundCode = true;
            Typed = code.Length > 40 ? code[..40] : code;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (Result.Label.Code != code)
        {
            return Redirect($"/{Chamber.Slug}/label/{Result.Label.Code}");
        }

        return Page();
    }
}
