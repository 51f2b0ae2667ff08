using Maillage.Domain.Agenda;
using Maillage.Domain.Common;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Identity;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Agenda;

public sealed record EventSessionDto(DateTime Start, DateTime End, DateTime StartUtc, DateTime EndUtc);

/// <summary>An event; local times are in <see cref="TimeZone"/>, prices in centimes of CHF.</summary>
public sealed record EventDto(
    Guid Id, string Chamber, string Kind, string Title, string Description, string? Venue, string? Address, string? Town, string? OnlineUrl,
    string TimeZone, IReadOnlyList<EventSessionDto> Sessions, int? Capacity, int Confirmed, int? FreeSeats, DateTime? RegistrationDeadline,
    string Visibility, string Status, long MemberPrice, long NonMemberPrice, int CurrencySharePercent, string? Trainer, string? Prerequisites, string Url, string Calendar);

public sealed record RegistrationBody(string? Email, string? FirstName, string? LastName, string? Organisation, PriceCategory? Rate, long? Price);

public sealed record RegistrationDto(Guid Id, string State, long? ArrivalNumber, string Rate, long Price, string Email, string Name, DateTime CreatedAt);

/// <summary>The agenda's API: public events, registration, and the registrations of an event for staff.</summary>
public static class AgendaApi
{
    public static IEndpointRouteBuilder MapAgendaApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/v1/chambers/{chamber}").WithTags("Maillage");
        events.MapGet("/events", ListAsync).WithName("ListEvents").WithSummary("Coming public events of the chamber (?type=&lieu=&prix=gratuit|payant).");
        events.MapGet("/events/{id:guid}", GetAsync).WithName("GetEvent").WithSummary("One event with its sessions, seats and prices (centimes).");
        events.MapPost("/events/{id:guid}/registrations", RegisterAsync).WithName("RegisterForEvent")
            .WithSummary("Register: a signed-in person with a confirmed email is seated or waitlisted at once; others receive an email with a confirmation page. A price or rate that differs from the server's is refused.");
        events.MapGet("/events/{id:guid}/registrations", RegistrationsAsync).WithName("ListEventRegistrations").RequireAuthorization(Policies.ChamberStaff)
            .WithSummary("Registrations of an event in arrival order (chamber staff).");
        return app;
    }

    private static async Task<Results<Ok<List<EventDto>>, ProblemHttpResult>> ListAsync(
        string chamber, HttpRequest request, ChamberResolver chambers, AgendaQuery query, EmailOutbox links, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return ChamberNotFound(l, chamber);
        }

        var items = await query.ListAsync([found.Id], AgendaFilter.FromQuery(request.Query), [], ct);
        return TypedResults.Ok(items.Select(i => Dto(i.Event, found.Slug, links)).ToList());
    }

    private static async Task<Results<Ok<EventDto>, ProblemHttpResult>> GetAsync(
        string chamber, Guid id, ChamberResolver chambers, MaillageDbContext db, EmailOutbox links, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return ChamberNotFound(l, chamber);
        }

        var agendaEvent = await db.Set<AgendaEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.ChamberId == found.Id && e.Status != EventStatus.Proposed && e.Visibility == EventVisibility.Public, ct);
        return agendaEvent is null ? EventNotFound(l, id) : TypedResults.Ok(Dto(agendaEvent, found.Slug, links));
    }

    private static async Task<Results<Created<RegistrationDto>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        string chamber, Guid id, RegistrationBody body, ChamberResolver chambers, Access access, UserManager<AppUser> users, AgendaRegistrations registrations, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return ChamberNotFound(l, chamber);
        }

        var registrant = await RegistrantAsync(access, users, ct);
        var outcome = await registrations.RegisterAsync(found.Id, id, new RegistrationRequest(body.Email, body.FirstName, body.LastName, body.Organisation, body.Rate, body.Price), registrant, ct);
        if (outcome.Registration is { } r)
        {
            return TypedResults.Created($"/api/v1/chambers/{found.Slug}/events/{id}/registrations/{r.Id}", RegistrationDto(r));
        }

        var errors = outcome.Errors;
        if (errors.Any(e => e.Code == "NotFound"))
        {
            return EventNotFound(l, id);
        }

        if (errors.Any(e => e.Field.Length == 0 || e.Code is AgendaCodes.AlreadyRegistered or AgendaCodes.MemberPriceRefused or AgendaCodes.PriceMismatch))
        {
            var error = errors[0];
            var status = error.Code switch
            {
                AgendaCodes.MemberPriceRefused or AgendaCodes.PriceMismatch => StatusCodes.Status400BadRequest,
                AgendaCodes.Busy => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status409Conflict,
            };
            return TypedResults.Problem(statusCode: status, title: l.AgendaMessage(error), extensions: new Dictionary<string, object?> { ["code"] = error.Code });
        }

        return Invalid(errors, l);
    }

    private static async Task<Results<Ok<List<RegistrationDto>>, ProblemHttpResult>> RegistrationsAsync(
        string chamber, Guid id, ChamberResolver chambers, MaillageDbContext db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var found = await chambers.FindAsync(chamber, ct);
        if (found is null)
        {
            return ChamberNotFound(l, chamber);
        }

        if (!await db.Set<AgendaEvent>().AnyAsync(e => e.Id == id && e.ChamberId == found.Id, ct))
        {
            return EventNotFound(l, id);
        }

        var list = await db.Set<Registration>().AsNoTracking().Where(r => r.EventId == id).OrderBy(r => r.ArrivalNumber == null).ThenBy(r => r.ArrivalNumber).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(list.Select(RegistrationDto).ToList());
    }

    /// <summary>A signed-in person's confirmed email counts as verified: no confirmation email is needed.</summary>
    public static async Task<Registrant> RegistrantAsync(Access access, UserManager<AppUser> users, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(users);
        var me = await access.GetAsync(ct);
        if (me.UserId is not { } userId)
        {
            return Registrant.Visitor;
        }

        var user = await users.FindByIdAsync(userId.ToString());
        return new Registrant(userId, user is { EmailConfirmed: true } ? user.Email : null);
    }

    public static EventDto Dto(AgendaEvent e, string chamber, EmailOutbox links)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(links);
        return new EventDto(
            e.Id, chamber, e.Kind.ToString(), e.Title, e.Description, e.VenueName, e.Address, e.Town, e.OnlineUrl, e.TimeZoneId,
            e.Sessions.Select(s => new EventSessionDto(s.LocalStart, s.LocalEnd, EventTime.ToUtc(s.LocalStart, e.TimeZoneId), EventTime.ToUtc(s.LocalEnd, e.TimeZoneId))).ToList(),
            e.Capacity, e.ConfirmedCount, e.FreeSeats, e.RegistrationDeadlineLocal, e.Visibility.ToString(), e.Status.ToString(), e.MemberPrice, e.NonMemberPrice,
            e.CurrencySharePercent, e.TrainerName, e.Prerequisites, links.Link($"/{chamber}/agenda/{e.Id}"), links.Link($"/{chamber}/agenda/{e.Id}/calendrier.ics"));
    }

    private static RegistrationDto RegistrationDto(Registration r) => new(r.Id, r.State.ToString(), r.ArrivalNumber, r.Rate.ToString(), r.Price, r.Email, r.FullName, r.CreatedAt);

    private static ValidationProblem Invalid(IEnumerable<ValidationError> errors, IStringLocalizer<SharedResource> l)
    {
        var list = errors.ToList();
        var messages = list.GroupBy(e => ToJsonName(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => l.AgendaMessage(e)).ToArray());
        var codes = list.GroupBy(e => ToJsonName(e.Field)).ToDictionary(g => g.Key, g => (object?)g.Select(e => e.Code).ToArray());
        return TypedResults.ValidationProblem(messages, title: l["Api.ValidationTitle"], extensions: new Dictionary<string, object?> { ["codes"] = codes });
    }

    private static string ToJsonName(string field) => field.Length == 0 ? "body" : char.ToLowerInvariant(field[0]) + field[1..];

    private static ProblemHttpResult ChamberNotFound(IStringLocalizer<SharedResource> l, string chamber) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.ChamberNotFound"], detail: chamber);

    private static ProblemHttpResult EventNotFound(IStringLocalizer<SharedResource> l, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Agenda.EventNotFound"], detail: id.ToString(), extensions: new Dictionary<string, object?> { ["code"] = "EventNotFound" });
}

public static class AgendaServices
{
    public static IServiceCollection AddAgenda(this IServiceCollection services)
    {
        services.AddOptions<AgendaOptions>().BindConfiguration("Agenda");
        services.AddSingleton<AgendaAdmissionGate>();
        services.AddScoped<AgendaRegistrations>();
        services.AddScoped<AgendaQuery>();
        services.AddScoped<AgendaReminders>();
        services.AddHostedService<AgendaReminderJob>();
        return services;
    }
}
