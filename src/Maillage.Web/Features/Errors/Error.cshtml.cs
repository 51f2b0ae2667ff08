using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Errors;

/// <summary>The page people see when something is missing or went wrong: what happened, never how.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Explanation { get; private set; } = string.Empty;

    public string Reference { get; private set; } = string.Empty;

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // Re-executed for a failed request: keep its status; reached directly: answer with the code asked for.
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = code is >= 400 and <= 599 ? code : 404;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Error is Infrastructure.ServiceWarmingUpException)
        {
            // Still loading after a start: a temporary state, said as such.
            Code = StatusCodes.Status503ServiceUnavailable;
            Response.StatusCode = Code;
            Response.Headers.RetryAfter = Infrastructure.ServiceWarmingUpException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!reExecuted || Response.StatusCode < 400)
        {
            Response.StatusCode = Code;
        }

        var key = Code switch
        {
            404 => "404",
            403 => "403",
            401 => "401",
            400 => "400",
            429 => "429",
            503 => "503",
            >= 500 => "500",
            _ => "Other",
        };
        Title = l[$"Error.{key}.Title"];
        Explanation = l[$"Error.{key}.Text"];
        Reference = HttpContext.TraceIdentifier;
    }
}
