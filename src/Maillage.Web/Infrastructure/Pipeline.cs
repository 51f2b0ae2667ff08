using Maillage.Web.Data;
using Maillage.Web.Features.Api;
using Maillage.Web.Features.Clearing;
using Maillage.Web.Features.Currency;
using Maillage.Web.Features.Labels;
using Maillage.Web.Features.Map;
using Maillage.Web.Features.Offers;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Maillage.Web.Infrastructure;

public static class Pipeline
{
    /// <summary>Brings the schema up to date, then the reference data, then (embedded mode) the demo chambers.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<MigrationRunner>().MigrateAsync();

        // Seeding is one transaction, all or nothing. Instances starting together on one database take turns: an
        // advisory lock on PostgreSQL, the write lock of an immediate transaction on SQLite; the first one writes.
        var db = services.GetRequiredService<MaillageDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({MigrationRunner.AdvisoryLockKey})");
        }

        await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        if (services.GetRequiredService<DatabaseOptions>().ShouldSeedDemo)
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync();
        }

        await transaction.CommitAsync();
    }

    public static WebApplication UseMaillage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Never the developer exception page: no stack trace reaches a person, in any environment.
        // The API answers problem details (RFC 9457); pages show the localised error page in place.
        app.UseWhen(c => ErrorResponses.IsApi(c.Request), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponses.WriteApiProblemAsync });
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !ErrorResponses.IsApi(c.Request), pages =>
        {
            pages.UseExceptionHandler("/erreur/500");
            pages.UseStatusCodePagesWithReExecute("/erreur/{0}");
        });
        if (app.Configuration.GetValue("Maillage:RequireHttps", false))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                });
            },
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).DisableRateLimiting();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapMaillageApi();
        app.MapOffersApi();
        app.MapMapApi();
        app.MapClearingApi();
        app.MapCurrencyApi();
        app.MapLabelsApi();
        app.MapOfferImages();
        Features.Agenda.AgendaApi.MapAgendaApi(app);
        Features.Agenda.AgendaCalendar.MapAgendaCalendar(app);
        Features.Procurement.ProcurementApi.MapProcurementApi(app);
        Features.Surveys.SurveysApi.MapSurveysApi(app);
        Features.Publications.PublicationsApi.MapPublicationsApi(app);
        Features.Publications.PublicationEndpoints.MapPublications(app);
        app.MapPost("/langue", SetLanguage).ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Stores the chosen language in a cookie and goes back to where the person was.</summary>
    private static IResult SetLanguage(HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string culture, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl)
    {
        var chosen = culture == "en" ? "en-CH" : "fr-CH";
        var ui = culture == "en" ? "en" : "fr";
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen, ui)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
        var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
        return Results.LocalRedirect(target);
    }
}

/// <summary>
/// Security headers on every response; the CSP allows no inline script and nothing from elsewhere, except the images
/// of the map tile server when the operator configured one (Map:TileUrlTemplate).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<MapOptions> map)
{
    private readonly string _contentSecurityPolicy =
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{(map.Value.TileOrigin() is { } tiles ? " " + tiles : string.Empty)}; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = _contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}

public sealed class DatabaseHealthCheck(MaillageDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
}
