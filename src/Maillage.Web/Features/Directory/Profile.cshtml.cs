using System.Text.Json;
using System.Text.Json.Nodes;
using Maillage.Domain.Organisations;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Directory;

public sealed class ProfileModel(DirectoryQuery directory) : ChamberPageModel
{
    public Organisation Organisation { get; private set; } = null!;

    /// <summary>schema.org Organization, escaped so that no text can close the script element.</summary>
    public string JsonLd { get; private set; } = "{}";

    public bool CanEdit { get; private set; }

    public string EditUrl => Me.IsMemberAdmin(Organisation.Id)
        ? $"/{Chamber.Slug}/espace/{Organisation.Slug}"
        : $"/{Chamber.Slug}/gestion/membres/{Organisation.Id}";

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var organisation = await directory.FindAsync(Chamber.Id, slug, HttpContext.RequestAborted);
        if (organisation is null)
        {
            return NotFound();
        }

        Organisation = organisation;
        CanEdit = Me.CanEditOrganisation(Chamber.Id, organisation.Id);
        JsonLd = BuildJsonLd(organisation, $"{Request.Scheme}://{Request.Host}/{Chamber.Slug}/membres/{organisation.Slug}");
        return Page();
    }

    private string BuildJsonLd(Organisation organisation, string url)
    {
        var p = organisation.Profile;
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Organization",
            ["@id"] = url,
            ["url"] = url,
            ["name"] = p.Name,
            ["description"] = p.ShortDescription,
            ["address"] = new JsonObject
            {
                ["@type"] = "PostalAddress",
                ["streetAddress"] = p.Street,
                ["postalCode"] = p.PostalCode,
                ["addressLocality"] = p.Town,
                ["addressRegion"] = p.Canton,
                ["addressCountry"] = "CH",
            },
            ["memberOf"] = new JsonObject { ["@type"] = "Organization", ["name"] = Chamber.Name },
        };
        if (p.Status == OrganisationStatus.NonProfit)
        {
            // schema.org's NonprofitType has no Swiss value; NGO, a kind of Organization, says it for search engines.
            json["additionalType"] = "https://schema.org/NGO";
        }

        if (p.Website is not null)
        {
            json["sameAs"] = p.Website;
        }

        if (p.Email is not null)
        {
            json["email"] = p.Email;
        }

        if (p.Phone is not null)
        {
            json["telephone"] = p.Phone;
        }

        if (p.Uid is not null)
        {
            json["taxID"] = p.Uid;
        }

        if (p.FoundedYear is { } year)
        {
            json["foundingDate"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (p.Employees is { } employees)
        {
            json["numberOfEmployees"] = new JsonObject { ["@type"] = "QuantitativeValue", ["value"] = employees };
        }

        if (p.Latitude is { } lat && p.Longitude is { } lon)
        {
            json["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = lat, ["longitude"] = lon };
        }

        // The default encoder escapes <, > and & as \u003C…, so the JSON can sit inside <script> safely.
        return json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
    }
}
