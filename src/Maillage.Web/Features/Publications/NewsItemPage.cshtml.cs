using Maillage.Domain.Publications;
using Maillage.Web.Data;
using Maillage.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Publications;

/// <summary>One published news item (404 until published, and in any other chamber).</summary>
public sealed class NewsItemPageModel(MaillageDbContext db, PublicationDesk desk) : ChamberPageModel
{
    public NewsItem Item { get; private set; } = null!;

    public string OrganisationName { get; private set; } = string.Empty;

    public string OrganisationSlug { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var item = await desk.FindPublicNewsAsync(Chamber.Id, id, HttpContext.RequestAborted);
        if (item is null)
        {
            return NotFound();
        }

        Item = item;
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == item.OrganisationId).Select(o => new { o.Profile.Name, o.Slug }).FirstAsync();
        OrganisationName = organisation.Name;
        OrganisationSlug = organisation.Slug;
        return Page();
    }
}
