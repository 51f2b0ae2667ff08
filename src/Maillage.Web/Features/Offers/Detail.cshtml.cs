using System.Text.Json;
using System.Text.Json.Nodes;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Offers;

/// <summary>An offer's public page, with schema.org Offer and Product or Service data.</summary>
public sealed class DetailModel(MaillageDbContext db, OfferImageStore images) : ChamberPageModel
{
    public Offer Offer { get; private set; } = null!;

    public Organisation Owner { get; private set; } = null!;

    public string JsonLd { get; private set; } = "{}";

    /// <summary>The offer's pictures, main one first.</summary>
    public IReadOnlyList<OfferImageRef> Images { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var offer = await db.Set<Offer>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.ChamberId == Chamber.Id);
        var owner = offer is null ? null : await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offer.OrganisationId && o.State == OrganisationState.Active);
        var canSee = offer is not null && owner is not null && (offer.IsVisible(Maillage.Domain.ChamberDays.Of(Now)) || Me.CanEditOrganisation(Chamber.Id, owner.Id));
        if (!canSee)
        {
            return NotFound();
        }

        Offer = offer!;
        Owner = owner!;
        Images = await images.ListAsync(Offer.Id, HttpContext.RequestAborted);
        JsonLd = BuildJsonLd($"{Request.Scheme}://{Request.Host}");
        return Page();
    }

    private string BuildJsonLd(string root)
    {
        var d = Offer.Details;
        var url = $"{root}/{Chamber.Slug}/offres/{Offer.Id}";
        var seller = new JsonObject { ["@type"] = "Organization", ["name"] = Owner.Profile.Name, ["url"] = $"{root}/{Chamber.Slug}/membres/{Owner.Slug}" };
        var offer = new JsonObject
        {
            ["@type"] = "Offer",
            ["url"] = url,
            ["seller"] = seller,
            ["availability"] = "https://schema.org/InStock",
        };
        if (d.PriceKind == PriceKind.Amount && d.PriceMinor is { } minor)
        {
            offer["price"] = (minor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            offer["priceCurrency"] = "CHF";
        }

        if (d.ValidFrom is { } from)
        {
            offer["validFrom"] = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (d.ValidUntil is { } until)
        {
            offer["priceValidUntil"] = until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        var item = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = d.Kind == OfferKind.Good ? "Product" : "Service",
            ["@id"] = url,
            ["name"] = d.Title,
            ["description"] = d.Description,
            ["category"] = OfferCatalogue.Find(d.Category)?.Label,
            ["offers"] = offer,
        };
        item[d.Kind == OfferKind.Good ? "brand" : "provider"] = seller.DeepClone();
        if (Images.Count > 0)
        {
            item["image"] = new JsonArray(Images.Select(i => (JsonNode)new JsonObject
            {
                ["@type"] = "ImageObject",
                ["contentUrl"] = $"{root}/{Chamber.Slug}/offres/{Offer.Id}/images/{i.Id}",
                ["description"] = i.AltText,
                ["width"] = i.Width,
                ["height"] = i.Height,
            }).ToArray());
        }

        return item.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
    }
}
