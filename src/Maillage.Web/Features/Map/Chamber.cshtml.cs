using Maillage.Web.Features.Shared;

namespace Maillage.Web.Features.Map;

/// <summary>A chamber's map: its organisations only, whatever the chambre parameter says.</summary>
public sealed class ChamberModel : ChamberPageModel
{
    public MapView View { get; private set; } = null!;

    public Task OnGetAsync()
    {
        View = new MapView { BasePath = $"/{Chamber.Slug}/carte", ApiPath = $"/api/v1/chambers/{Chamber.Slug}/map", ChamberSlug = Chamber.Slug };
        return View.LoadAsync(HttpContext);
    }
}
