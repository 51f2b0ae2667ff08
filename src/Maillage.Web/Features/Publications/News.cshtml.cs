using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>The chamber's published member news, newest first, ten a page.</summary>
public sealed class NewsModel(MaillageDbContext db, PublicationDesk desk) : ChamberPageModel
{
    public IReadOnlyList<NewsItem> Items { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Organisations { get; private set; } = new Dictionary<Guid, string>();

    public int Total { get; private set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public int PageCount => Total == 0 ? 1 : (int)Math.Ceiling(Total / (double)PublicationDesk.NewsPageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 1000);
        (Items, Total) = await desk.PublishedNewsAsync(Chamber.Id, PageNumber, PublicationDesk.NewsPageSize, HttpContext.RequestAborted);
        var ids = Items.Select(i => i.OrganisationId).Distinct().ToList();
        Organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Profile.Name);
        return Page();
    }
}
