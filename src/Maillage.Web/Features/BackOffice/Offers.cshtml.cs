using Maillage.Domain.Offers;
using Maillage.Web.Data;
using Maillage.Web.Features.Offers;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.BackOffice;

/// <summary>Staff oversee the chamber's offers and can hide one with a reason its owner sees.</summary>
public sealed class OffersModel(MaillageDbContext db, OfferSearch search, AuditLog audit) : ChamberPageModel
{
    public sealed record Row(Offer Offer, string OrganisationName, string OrganisationSlug);

    public IReadOnlyList<Row> Items { get; private set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostHideAsync(Guid id)
    {
        var offer = await db.Set<Offer>().FirstOrDefaultAsync(o => o.Id == id && o.ChamberId == Chamber.Id);
        if (offer is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), L["Offer.HideReasonRequired"]);
            await LoadAsync();
            return Page();
        }

        offer.Hide(Reason, Now);
        audit.Record(Chamber.Id, "offer.hidden", nameof(Offer), offer.Id, offer.Details.Title);
        await db.SaveChangesAsync();
        await search.RefreshAsync();
        Flash(L["Offer.HiddenFlash", offer.Details.Title]);
        return Redirect($"/{Chamber.Slug}/gestion/offres");
    }

    public async Task<IActionResult> OnPostUnhideAsync(Guid id)
    {
        var offer = await db.Set<Offer>().FirstOrDefaultAsync(o => o.Id == id && o.ChamberId == Chamber.Id);
        if (offer is null)
        {
            return NotFound();
        }

        offer.Unhide(Now);
        audit.Record(Chamber.Id, "offer.unhidden", nameof(Offer), offer.Id, offer.Details.Title);
        await db.SaveChangesAsync();
        await search.RefreshAsync();
        return Redirect($"/{Chamber.Slug}/gestion/offres");
    }

    private async Task LoadAsync()
    {
        var rows = await db.Set<Offer>().AsNoTracking().Where(o => o.ChamberId == Chamber.Id)
            .OrderByDescending(o => o.UpdatedAt)
            .Take(500)
            .Join(db.Organisations, o => o.OrganisationId, org => org.Id, (o, org) => new Row(o, org.Profile.Name, org.Slug))
            .ToListAsync();
        Items = [.. rows.OrderByDescending(r => r.Offer.UpdatedAt)];
    }
}
