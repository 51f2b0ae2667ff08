using Maillage.Domain.Common;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Offers;

/// <summary>A member's offers: list, create, edit, publish, withdraw, archive.</summary>
public sealed partial class MemberOffersModel(MaillageDbContext db, OfferSearch search, AuditLog audit) : ChamberPageModel
{
    public sealed class OfferForm
    {
        public OfferKind Kind { get; set; } = OfferKind.Service;

        public string? Title { get; set; }

        public string? Description { get; set; }

        public string? Category { get; set; }

        public List<OfferAudience> Audience { get; set; } = [];

        public PriceKind PriceKind { get; set; } = PriceKind.OnQuote;

        public string? Price { get; set; }

        public string? PriceUnit { get; set; }

        public int CurrencySharePercent { get; set; }

        public int? DeliveryRadiusKm { get; set; }

        public string? DeliveryAreas { get; set; }

        public DateOnly? ValidFrom { get; set; }

        public DateOnly? ValidUntil { get; set; }
    }

    [BindProperty]
    public OfferForm Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<Offer> Offers { get; private set; } = [];

    public Offer? Editing { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string org, Guid? id)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        Input.Audience = [OfferAudience.Public];
        if (id is { } offerId)
        {
            Editing = Offers.FirstOrDefault(o => o.Id == offerId);
            if (Editing is null)
            {
                return NotFound();
            }

            FillForm(Editing);
            Images = await ImageStore.ListAsync(offerId, HttpContext.RequestAborted);
        }

        return Page();
    }

    /// <summary>Saves the form; <paramref name="publish"/> says whether it goes public now or stays a draft.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string org, Guid? id, bool publish)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        Offer? offer = null;
        if (id is { } offerId)
        {
            offer = await db.Set<Offer>().FirstOrDefaultAsync(o => o.Id == offerId && o.OrganisationId == Organisation.Id);
            if (offer is null)
            {
                return NotFound();
            }

            Editing = offer;
        }

        var details = new OfferDetails
        {
            Kind = Input.Kind,
            Title = Input.Title ?? string.Empty,
            Description = Input.Description ?? string.Empty,
            Category = Input.Category ?? string.Empty,
            Audience = Input.Audience.Aggregate(OfferAudience.None, (all, a) => all | a),
            PriceKind = Input.PriceKind,
            PriceUnit = Input.PriceUnit,
            CurrencySharePercent = Input.CurrencySharePercent,
            DeliveryRadiusKm = Input.DeliveryRadiusKm,
            DeliveryAreas = (Input.DeliveryAreas ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries),
            ValidFrom = Input.ValidFrom,
            ValidUntil = Input.ValidUntil,
        };
        if (Input.PriceKind == PriceKind.Amount)
        {
            details.PriceMinor = PriceText.ParseMinor(Input.Price);
            if (details.PriceMinor is null && !string.IsNullOrWhiteSpace(Input.Price))
            {
                ModelState.AddModelError("Input.Price", L["Offer.PriceInvalid"]);
            }
        }

        foreach (var error in details.Validate())
        {
            var field = error.Field switch
            {
                nameof(OfferDetails.PriceMinor) => "Price",
                nameof(OfferDetails.DeliveryCantons) => "DeliveryAreas",
                _ => error.Field,
            };
            if (!ModelState.ContainsKey("Input." + field) || ModelState["Input." + field]!.Errors.Count == 0)
            {
                ModelState.AddModelError("Input." + field, error.Code == "EndBeforeStart" ? L["Offer.EndBeforeStart"] : L.Message(error));
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (offer is null)
        {
            offer = new Offer(Chamber.Id, Organisation.Id, details, Now);
            db.Add(offer);
        }
        else
        {
            offer.Edit(details, Now);
        }

        if (publish)
        {
            offer.Publish(Now);
        }

        audit.Record(Chamber.Id, publish ? "offer.published" : "offer.saved", nameof(Offer), offer.Id, offer.Details.Title);
        await db.SaveChangesAsync();
        await search.RefreshAsync();
        Flash(L[publish ? "Offer.Published" : "Offer.Saved", offer.Details.Title]);
        return Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}/offres");
    }

    public async Task<IActionResult> OnPostStateAsync(string org, Guid id, OfferState state)
    {
        if (!await LoadAsync(org))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        var offer = await db.Set<Offer>().FirstOrDefaultAsync(o => o.Id == id && o.OrganisationId == Organisation.Id);
        if (offer is null)
        {
            return NotFound();
        }

        switch (state)
        {
            case OfferState.Published: offer.Publish(Now); break;
            case OfferState.Draft: offer.Unpublish(Now); break;
            case OfferState.Archived: offer.Archive(Now); break;
            default: return BadRequest();
        }

        audit.Record(Chamber.Id, "offer.state", nameof(Offer), offer.Id, state.ToString());
        await db.SaveChangesAsync();
        await search.RefreshAsync();
        return Redirect($"/{Chamber.Slug}/espace/{Organisation.Slug}/offres");
    }

    /// <summary>The form shows the offer as saved.</summary>
    private void FillForm(Offer offer)
    {
        var d = offer.Details;
        Input = new OfferForm
        {
            Kind = d.Kind,
            Title = d.Title,
            Description = d.Description,
            Category = d.Category,
            Audience = Enum.GetValues<OfferAudience>().Where(a => a != OfferAudience.None && d.Audience.HasFlag(a)).ToList(),
            PriceKind = d.PriceKind,
            Price = d.PriceMinor is { } minor ? (minor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : null,
            PriceUnit = d.PriceUnit,
            CurrencySharePercent = d.CurrencySharePercent,
            DeliveryRadiusKm = d.DeliveryRadiusKm,
            DeliveryAreas = string.Join(", ", d.DeliveryAreas),
            ValidFrom = d.ValidFrom,
            ValidUntil = d.ValidUntil,
        };
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.ChamberId == Chamber.Id && o.Slug == slug);
        if (organisation is null || !(Me.IsMemberOf(organisation.Id) || Me.IsStaff(Chamber.Id)))
        {
            return false;
        }

        Organisation = organisation;
        CanEdit = Me.CanEditOrganisation(Chamber.Id, organisation.Id);
        Offers = await db.Set<Offer>().AsNoTracking().Where(o => o.OrganisationId == organisation.Id).OrderByDescending(o => o.UpdatedAt).ToListAsync();
        return true;
    }
}
