using Maillage.Web.Features.Shared;

namespace Maillage.Web.Features.Map;

/// <summary>The network's map: every chamber's organisations, filtered like the portal's search.</summary>
public sealed class NetworkModel : PlatformPageModel
{
    public MapView View { get; } = new() { BasePath = "/carte", ApiPath = "/api/v1/map" };

    public Task OnGetAsync() => View.LoadAsync(HttpContext);
}
