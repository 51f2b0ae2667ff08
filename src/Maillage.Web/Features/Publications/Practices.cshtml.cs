using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>The good-practice library of a chamber: words, theme, sector and kind in the URL; works without JavaScript.</summary>
public sealed class PracticesModel(MaillageDbContext db, PublicationDesk desk) : ChamberPageModel
{
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "theme")]
    public string? Theme { get; set; }

    [FromQuery(Name = "secteur")]
    public string? Sector { get; set; }

    [FromQuery(Name = "type")]
    public PracticeKind? Kind { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PracticePage Result { get; private set; } = new([], 0, 1, 12, [], []);

    public IReadOnlyDictionary<Guid, string> Authors { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        Theme = string.IsNullOrWhiteSpace(Theme) ? null : Theme;
        Sector = string.IsNullOrWhiteSpace(Sector) ? null : Sector;
        Result = await desk.PracticesAsync(Chamber.Id, new PracticeFilter(Q, Theme, Sector, Kind, PageNumber), HttpContext.RequestAborted);
        var ids = Result.Sheets.Select(s => s.AuthorOrganisationId).OfType<Guid>().Distinct().ToList();
        Authors = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Profile.Name);
        return Page();
    }

    /// <summary>The current filters with one changed (null removes it), as a query string.</summary>
    public string With(string? theme = "\0", string? sector = "\0", int? page = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("q", Q);
        Add("theme", theme == "\0" ? Theme : theme);
        Add("secteur", sector == "\0" ? Sector : sector);
        Add("type", Kind?.ToString());
        if (page is > 1)
        {
            parts.Add($"page={page}");
        }

        return parts.Count == 0 ? "?" : "?" + string.Join('&', parts);
    }
}
