using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Agenda;

/// <summary>The agenda of every chamber of the network, filterable by chamber.</summary>
public sealed class NetworkModel(AgendaQuery query) : Shared.PlatformPageModel
{
    public AgendaListView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var filter = AgendaFilter.FromQuery(Request.Query);
        var chambers = await query.ChambersAsync(HttpContext.RequestAborted);
        var chosen = chambers.FirstOrDefault(c => c.Slug == filter.Chamber);
        if (chosen is null)
        {
            filter.Chamber = null;
        }

        IReadOnlyCollection<Guid>? scope = chosen is null ? null : [chosen.Id];
        var items = await query.ListAsync(scope, filter, AgendaQuery.InsiderChambers(Me), HttpContext.RequestAborted);
        var towns = await query.TownsAsync(scope, HttpContext.RequestAborted);
        View = new AgendaListView("/agenda", filter, items, towns, chambers, AgendaListView.MonthOf(filter, Now), chosen is null ? null : $"/{chosen.Slug}/agenda/calendrier.ics");
        return Page();
    }
}
