using Maillage.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Maillage.Web.Infrastructure;

/// <summary>Failures under /api become problem details; the exception is logged by the handler, never shown.</summary>
public static class ErrorResponses
{
    public static bool IsApi(HttpRequest request) =>
        request?.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ?? false;

    public static async Task WriteApiProblemAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = error switch
        {
            DomainException => StatusCodes.Status400BadRequest,
            BadHttpRequestException bad => bad.StatusCode,
            _ => StatusCodes.Status500InternalServerError,
        };
        var extensions = new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier };
        if (error is DomainException domain)
        {
            extensions["code"] = domain.Code;
        }

        await Results.Problem(statusCode: status, extensions: extensions).ExecuteAsync(context);
    }
}
