using System.Globalization;
using System.Threading.RateLimiting;
using Maillage.Web.Data;
using Maillage.Web.Features.Currency;
using Maillage.Web.Features.Email;
using Maillage.Web.Features.Labels;
using Maillage.Web.Features.Map;
using Maillage.Web.Features.Needs;
using Maillage.Web.Features.Newsletter;
using Maillage.Web.Features.Offers;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Maillage.Web.Infrastructure;

public static class ServiceRegistration
{
    public static readonly CultureInfo[] SupportedCultures = [new("fr-CH"), new("en-CH")];

    public static WebApplicationBuilder AddMaillage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        if (string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        var databaseOptions = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddMaillageDatabase(databaseOptions, builder.Environment.ContentRootPath);
        services.Configure<MaillageOptions>(configuration.GetSection("Maillage"));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        services.AddIdentity<AppUser, AppRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<MaillageDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        var requireHttps = configuration.GetValue("Maillage:RequireHttps", false);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "maillage.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/compte/connexion";
            o.LogoutPath = "/compte/deconnexion";
            o.AccessDeniedPath = "/compte/acces-refuse";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ApiAwareRedirect(StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ApiAwareRedirect(StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "maillage.csrf";
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddSingleton<IXmlRepository, DataProtectionKeyStore>();
        services.AddDataProtection().SetApplicationName("Maillage");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((o, sp) => o.XmlRepository = sp.GetRequiredService<IXmlRepository>());

        services.AddScoped<Access>();
        services.AddScoped<ChamberResolver>();
        services.AddScoped<IAuthorizationHandler, ChamberRoleHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ChamberStaff, p => p.RequireAuthenticatedUser().AddRequirements(new ChamberRoleRequirement(Domain.Chambers.ChamberRole.Staff)))
            .AddPolicy(Policies.ChamberAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new ChamberRoleRequirement(Domain.Chambers.ChamberRole.Admin)));

        services.AddEmail(configuration);
        services.AddNewsletter();
        services.AddScoped<Invitations>();
        services.AddScoped<AuditLog>();
        services.AddCurrency();
        services.AddScoped<Features.BackOffice.Admission>();
        services.AddScoped<Features.BackOffice.MemberCsv>();
        services.AddScoped<Features.Directory.DirectoryQuery>();
        services.AddSingleton<Features.Offers.OfferSearch>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Offers.OfferSearch>());
        services.AddScoped<Features.Offers.PortalSearch>();
        services.AddMap(configuration);
        services.AddNeeds();
        services.AddLabels();
        services.AddOfferImages(configuration);
        services.AddScoped<Features.Clearing.InvoiceBook>();
        services.AddScoped<Features.Clearing.InvoiceCsv>();
        services.AddScoped<Features.Clearing.ClearingRounds>();
        services.AddScoped<Features.Clearing.ClearingReports>();
        services.AddHostedService<Features.Clearing.ClearingScheduler>();
        Features.Agenda.AgendaServices.AddAgenda(services);
        Features.Procurement.ProcurementSetup.AddProcurement(services);
        Features.Surveys.SurveyServices.AddSurveys(services);
        Features.Publications.PublicationServices.AddPublications(services);
        services.AddScoped<DemoSeeder>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<MigrationRunner>();

        // Accented letters are written as they are (é, not &#xE9;); markup characters are still encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures[0], new CultureInfo("fr"));
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = [new CultureInfo("fr"), new CultureInfo("en")];

            // French unless the person chose otherwise: the platform is French first.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/BackOffice", Policies.ChamberStaff);
                o.Conventions.AuthorizePage("/BackOffice/Criteria", Policies.ChamberAdmin);
                o.Conventions.AuthorizePage("/BackOffice/Settings", Policies.ChamberAdmin);
                o.Conventions.AddPageRoute("/BackOffice/MemberEdit", "/{chamber}/gestion/membres/nouveau");
                o.Conventions.AuthorizeFolder("/MemberSpace");
                o.Conventions.AuthorizePage("/Account/Index");
                o.Conventions.AuthorizePage("/Account/MyData");
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddMvcOptions(o =>
            {
                o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
            });
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, LocalizedBindingMessages>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Maillage API";
            doc.Info.Version = "v1";
            doc.Info.Description = "Public directory of the chambers of the social and solidarity economy, and staff operations.";
            return Task.CompletedTask;
        }));
        // Bad request bodies become exceptions the API error handler turns into problem details naming the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        var limits = configuration.GetSection("Maillage:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicies.SignIn, ctx => PostsOnly(ctx, "signin", limits.SignInPerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(RateLimitPolicies.Forms, ctx => PostsOnly(ctx, "forms", limits.FormsPerTenMinutes, TimeSpan.FromMinutes(10)));
            o.OnRejected = async (ctx, token) =>
            {
                var localizer = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync(localizer["Error.TooManyRequests"], token);
            };
        });

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    private static RateLimitPartition<string> PostsOnly(HttpContext context, string name, int permits, TimeSpan window)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(name + ":" + client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
    }

    private static Func<Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions>, Task> ApiAwareRedirect(int statusCode) => ctx =>
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = statusCode;
            return Results.Problem(statusCode: statusCode).ExecuteAsync(ctx.HttpContext);
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    };
}

public sealed class MaillageOptions
{
    /// <summary>The address people reach the platform at, for links in emails (e.g. https://maillage.example.ch).</summary>
    public string? PublicBaseUrl { get; set; }

    public bool RequireHttps { get; set; }
}

public sealed class RateLimitOptions
{
    public int SignInPerMinute { get; set; } = 10;

    public int FormsPerTenMinutes { get; set; } = 20;
}

public static class RateLimitPolicies
{
    public const string SignIn = "signin";
    public const string Forms = "forms";
}

public static class Policies
{
    public const string ChamberStaff = "ChamberStaff";
    public const string ChamberAdmin = "ChamberAdmin";
}
