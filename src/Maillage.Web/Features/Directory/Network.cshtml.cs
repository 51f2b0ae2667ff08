using Maillage.Domain.Chambers;
using Maillage.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Directory;

/// <summary>The network's directory: members of every chamber, or of one chosen in the filters.</summary>
public sealed class NetworkModel(MaillageDbContext db, IStringLocalizer<SharedResource> l) : DirectoryPageModel
{
    [FromQuery(Name = "chambre")]
    public string? ChamberSlug { get; set; }

    public IReadOnlyList<Chamber> Chambers { get; private set; } = [];

    public override string BasePath => "/reseau/membres";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraQuery => [new("chambre", ChamberSlug)];

    public async Task OnGetAsync()
    {
        Chambers = await db.Chambers.AsNoTracking().OrderBy(c => c.Slug).ToListAsync(HttpContext.RequestAborted);
        var chosen = Chambers.FirstOrDefault(c => c.Slug == ChamberSlug);
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(ChamberSlug) && chosen is null)
        {
            errors.Add(l["Directory.Invalid.chamber"]);
            ChamberSlug = null;
        }

        await SearchAsync(chosen?.Id, errors);
    }
}
