using Maillage.Web.Features.Labels;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Offers;

/// <summary>The pictures of the offer being edited: add (checked from the bytes), reorder, delete.</summary>
public sealed partial class MemberOffersModel
{
    public IReadOnlyList<OfferImageRef> Images { get; private set; } = [];

    public long ImageMaxBytes => ImageStore.MaxBytes;

    [BindProperty]
    public IFormFile? ImageFile { get; set; }

    [BindProperty]
    public string? ImageAlt { get; set; }

    private OfferImageStore ImageStore => HttpContext.RequestServices.GetRequiredService<OfferImageStore>();

    public async Task<IActionResult> OnPostAddImageAsync(string org, Guid id)
    {
        if (await EditableOfferAsync(org, id) is { } refusal)
        {
            return refusal;
        }

        var errors = await ImageStore.AddAsync(Editing!, ImageFile, ImageAlt, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Field == "AltText" ? nameof(ImageAlt) : nameof(ImageFile), LabelMessages.For(L, error, "OfferImage.Error"));
            }

            FillForm(Editing!);
            Images = await ImageStore.ListAsync(id, HttpContext.RequestAborted);
            return Page();
        }

        Flash(L["OfferImage.Added"]);
        return Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}/offres/{id}#images");
    }

    public async Task<IActionResult> OnPostDeleteImageAsync(string org, Guid id, Guid imageId)
    {
        if (await EditableOfferAsync(org, id) is { } refusal)
        {
            return refusal;
        }

        if (!await ImageStore.DeleteAsync(Editing!, imageId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        Flash(L["OfferImage.Deleted"]);
        return Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}/offres/{id}#images");
    }

    public async Task<IActionResult> OnPostMoveImageAsync(string org, Guid id, Guid imageId, int delta)
    {
        if (await EditableOfferAsync(org, id) is { } refusal)
        {
            return refusal;
        }

        return await ImageStore.MoveAsync(Editing!, imageId, delta, HttpContext.RequestAborted)
            ? Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}/offres/{id}#images")
            : NotFound();
    }

    /// <summary>Null when the current person may change this organisation's offer <paramref name="id"/>; else the refusal.</summary>
    private async Task<IActionResult?> EditableOfferAsync(string org, Guid id)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        Editing = Offers.FirstOrDefault(o => o.Id == id);
        return Editing is null ? NotFound() : null;
    }
}
