using Maillage.Domain.Organisations;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Directory;

public sealed class IndexModel(DirectoryQuery directory) : ChamberPageModel
{
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "sector")]
    public string? Sector { get; set; }

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "canton")]
    public string? Canton { get; set; }

    [FromQuery(Name = "town")]
    public string? Town { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public DirectoryFilter Filter { get; private set; } = new(null, null, null, null, null);

    public DirectoryPage Result { get; private set; } = new([], 0, 1, 20, []);

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync()
    {
        // A bad filter in a shared link is dropped with a message, never an error page.
        var status = Enum.TryParse<OrganisationStatus>(Status, out var s) && Enum.IsDefined(s) ? s : (OrganisationStatus?)null;
        Filter = new DirectoryFilter(Q, Blank(Sector), status, Blank(Canton)?.ToUpperInvariant(), Blank(Town), Math.Clamp(PageNumber, 1, 10_000));
        var errors = Filter.Validate();
        if (errors.Count > 0)
        {
            Errors = errors.Select(e => L[$"Directory.Invalid.{e.Field}"].Value).ToList();
            Filter = Filter with
            {
                Sector = errors.Any(e => e.Field == "sector") ? null : Filter.Sector,
                Canton = errors.Any(e => e.Field == "canton") ? null : Filter.Canton,
            };
        }

        Result = await directory.SearchAsync(Chamber.Id, Filter, HttpContext.RequestAborted);
    }

    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Filter.Q,
            ["sector"] = Filter.Sector,
            ["status"] = Filter.Status?.ToString(),
            ["canton"] = Filter.Canton,
            ["town"] = Filter.Town,
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/{Chamber.Slug}/membres", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
