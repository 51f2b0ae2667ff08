using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Labels;

/// <summary>The "ESS made" badge of one organisation, linking to its verification page; nothing when not labelled today.</summary>
public sealed class LabelBadgeViewComponent(LabelBook labels) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string chamber, Guid organisationId)
    {
        var badges = await labels.ValidBadgesAsync([organisationId], HttpContext.RequestAborted);
        return badges.TryGetValue(organisationId, out var badge)
            ? View("/Features/Labels/_LabelBadge.cshtml", (chamber, badge.Code))
            : Content(string.Empty);
    }
}
