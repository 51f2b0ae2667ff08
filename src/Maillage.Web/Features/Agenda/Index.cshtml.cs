using Microsoft.AspNetCore.Mvc;

namespace Maillage.Web.Features.Agenda;

/// <summary>A chamber's agenda: list or month, filters in the URL.</summary>
public sealed class IndexModel(AgendaQuery query) : Shared.ChamberPageModel
{
    public AgendaListView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var filter = AgendaFilter.FromQuery(Request.Query);
        filter.Chamber = null;
        var items = await query.ListAsync([Chamber.Id], filter, AgendaQuery.InsiderChambers(Me), HttpContext.RequestAborted);
        var towns = await query.TownsAsync([Chamber.Id], HttpContext.RequestAborted);
        View = new AgendaListView($"/{Chamber.Slug}/agenda", filter, items, towns, null, AgendaListView.MonthOf(filter, Now), $"/{Chamber.Slug}/agenda/calendrier.ics");
        return Page();
    }
}
