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
            ServiceWarmingUpException => StatusCodes.Status503ServiceUnavailable,
            BadHttpRequestException bad => bad.StatusCode,
            _ => StatusCodes.Status500InternalServerError,
        };
        var extensions = new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier };
        if (error is DomainException domain)
        {
            extensions["code"] = domain.Code;
        }

        if (error is ServiceWarmingUpException)
        {
            extensions["code"] = "WarmingUp";
            context.Response.Headers.RetryAfter = ServiceWarmingUpException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // A JSON body that does not parse, or a value of the wrong type: name the field as JSON Path reports it.
        if (FindJsonError(error) is { } json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "body" : json.Path.TrimStart('$', '.');
            var l = context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
            await Results.ValidationProblem(
                new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [l["Validation.ValueInvalid", field]] },
                statusCode: StatusCodes.Status400BadRequest,
                title: l["Api.ValidationTitle"],
                extensions: extensions).ExecuteAsync(context);
            return;
        }

        await Results.Problem(statusCode: status, extensions: extensions).ExecuteAsync(context);
    }

    private static System.Text.Json.JsonException? FindJsonError(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is System.Text.Json.JsonException json)
            {
                return json;
            }
        }

        return null;
    }
}
