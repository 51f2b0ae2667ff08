using Maillage.Domain.Organisations;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Directory;

/// <summary>What a chamber's directory and the network directory share: filters read from the URL, results, paging.</summary>
public abstract class DirectoryPageModel : PageModel
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

    /// <summary>The path of this directory, for paging links and the filter form.</summary>
    public abstract string BasePath { get; }

    /// <summary>Extra query values the page keeps in its links (the network page's chamber).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraQuery => [];

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var me = await HttpContext.RequestServices.GetRequiredService<Access>().GetAsync(HttpContext.RequestAborted);
        ViewData["Me"] = me;
        await next();
    }

    /// <summary>A bad filter in a shared link is dropped with a message, never an error page.</summary>
    protected async Task SearchAsync(Guid? chamberId, IList<string>? extraErrors = null)
    {
        var l = HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var status = Enum.TryParse<OrganisationStatus>(Status, out var s) && Enum.IsDefined(s) ? s : (OrganisationStatus?)null;
        Filter = new DirectoryFilter(Q, Blank(Sector), status, Blank(Canton)?.ToUpperInvariant(), Blank(Town), Math.Clamp(PageNumber, 1, 10_000));
        var errors = Filter.Validate();
        var messages = errors.Select(e => l[$"Directory.Invalid.{e.Field}"].Value).Concat(extraErrors ?? []).ToList();
        if (errors.Count > 0)
        {
            Filter = Filter with
            {
                Sector = errors.Any(e => e.Field == "sector") ? null : Filter.Sector,
                Canton = errors.Any(e => e.Field == "canton") ? null : Filter.Canton,
            };
        }

        Errors = messages;
        Result = await HttpContext.RequestServices.GetRequiredService<DirectoryQuery>().SearchAsync(chamberId, Filter, HttpContext.RequestAborted);
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
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(BasePath, query.Concat(ExtraQuery).Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
