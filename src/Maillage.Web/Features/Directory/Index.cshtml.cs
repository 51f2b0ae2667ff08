using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Maillage.Web.Features.Directory;

/// <summary>One chamber's public directory.</summary>
public sealed class IndexModel(ChamberResolver chambers) : DirectoryPageModel
{
    public Domain.Chambers.Chamber Chamber { get; private set; } = null!;

    public override string BasePath => $"/{Chamber.Slug}/membres";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chamber = await chambers.FromRouteAsync(HttpContext);
        if (chamber is null)
        {
            context.Result = NotFound();
            return;
        }

        Chamber = chamber;
        ViewData["Chamber"] = chamber;
        await base.OnPageHandlerExecutionAsync(context, next);
    }

    public Task OnGetAsync() => SearchAsync(Chamber.Id);
}
