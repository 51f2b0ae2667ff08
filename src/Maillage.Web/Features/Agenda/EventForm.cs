using Maillage.Domain.Agenda;
using Maillage.Domain.Common;
using Maillage.Domain.Invoices;

namespace Maillage.Web.Features.Agenda;

/// <summary>The event form as posted (text as typed, so that a wrong value comes back to the person unchanged).</summary>
public sealed class EventForm
{
    public EventKind Kind { get; set; } = EventKind.BestPracticeCafe;

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? VenueName { get; set; }

    public string? Address { get; set; }

    public string? Town { get; set; }

    public string? OnlineUrl { get; set; }

    public string TimeZoneId { get; set; } = EventTime.DefaultZone;

    /// <summary>datetime-local: "2026-12-03T10:00".</summary>
    public string? Start { get; set; }

    public string? End { get; set; }

    /// <summary>Further sessions of a course, one per line ("2026-12-10 09:00-12:00").</summary>
    public string? MoreSessions { get; set; }

    public int? Capacity { get; set; }

    public string? RegistrationDeadline { get; set; }

    public EventVisibility Visibility { get; set; } = EventVisibility.Public;

    public List<Guid> CoOrganiserIds { get; set; } = [];

    public string? MemberPrice { get; set; }

    public string? NonMemberPrice { get; set; }

    public int? CurrencySharePercent { get; set; }

    public Guid? TrainerOrganisationId { get; set; }

    public string? TrainerName { get; set; }

    public string? Prerequisites { get; set; }

    public static EventForm From(AgendaEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EventForm
        {
            Kind = e.Kind,
            Title = e.Title,
            Description = e.Description,
            VenueName = e.VenueName,
            Address = e.Address,
            Town = e.Town,
            OnlineUrl = e.OnlineUrl,
            TimeZoneId = e.TimeZoneId,
            Start = EventTime.ToText(e.Sessions[0].LocalStart),
            End = EventTime.ToText(e.Sessions[0].LocalEnd),
            MoreSessions = SessionLines.Format(e.Sessions.Skip(1)),
            Capacity = e.Capacity,
            RegistrationDeadline = e.RegistrationDeadlineLocal is { } d ? EventTime.ToText(d) : null,
            Visibility = e.Visibility,
            CoOrganiserIds = [.. e.CoOrganiserIds],
            MemberPrice = e.MemberPrice == 0 ? null : MoneyText.Format(e.MemberPrice),
            NonMemberPrice = e.NonMemberPrice == 0 ? null : MoneyText.Format(e.NonMemberPrice),
            CurrencySharePercent = e.CurrencySharePercent == 0 ? null : e.CurrencySharePercent,
            TrainerOrganisationId = e.TrainerOrganisationId,
            TrainerName = e.TrainerName,
            Prerequisites = e.Prerequisites,
        };
    }

    /// <summary>The details, with every problem of the form (typing and rules) in <paramref name="errors"/>.</summary>
    public EventDetails ToDetails(ValidationErrors errors, int confirmedRegistrations)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var parse = new ValidationErrors();
        var sessions = new List<EventSession>();
        var startOk = EventTime.TryParseLocal(Start, out var start);
        var endOk = EventTime.TryParseLocal(End, out var end);
        if (!startOk)
        {
            parse.Add(nameof(Start), string.IsNullOrWhiteSpace(Start) ? ValidationCodes.Required : AgendaCodes.InvalidDateTime);
        }

        if (!endOk)
        {
            parse.Add(nameof(End), string.IsNullOrWhiteSpace(End) ? ValidationCodes.Required : AgendaCodes.InvalidDateTime);
        }

        if (startOk && endOk)
        {
            sessions.Add(new EventSession { LocalStart = start, LocalEnd = end });
        }

        sessions.AddRange(SessionLines.Parse(MoreSessions, parse));
        DateTime? deadline = null;
        if (!string.IsNullOrWhiteSpace(RegistrationDeadline))
        {
            if (EventTime.TryParseLocal(RegistrationDeadline, out var d))
            {
                deadline = d;
            }
            else
            {
                parse.Add(nameof(RegistrationDeadline), AgendaCodes.InvalidDateTime);
            }
        }

        var details = new EventDetails
        {
            Kind = Kind,
            Title = Title ?? string.Empty,
            Description = Description ?? string.Empty,
            VenueName = VenueName,
            Address = Address,
            Town = Town,
            OnlineUrl = OnlineUrl,
            TimeZoneId = TimeZoneId,
            Sessions = startOk && endOk ? sessions : [],
            Capacity = Capacity,
            RegistrationDeadlineLocal = deadline,
            Visibility = Visibility,
            CoOrganiserIds = CoOrganiserIds,
            MemberPrice = Price(MemberPrice, nameof(MemberPrice), parse),
            NonMemberPrice = Price(NonMemberPrice, nameof(NonMemberPrice), parse),
            CurrencySharePercent = CurrencySharePercent ?? 0,
            TrainerOrganisationId = TrainerOrganisationId,
            TrainerName = TrainerName,
            Prerequisites = Prerequisites,
        };
        errors.AddRange(parse.Items);
        var parsedFields = parse.Items.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(details.Validate(confirmedRegistrations).Where(e => !parsedFields.Contains(e.Field) && !(e.Field == "Start" && !(startOk && endOk))));
        return details;
    }

    private static long Price(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        var outcome = MoneyText.TryParse(text, out var centimes);
        if (outcome != MoneyText.Outcome.Ok || centimes < 0)
        {
            errors.Add(field, ValidationCodes.OutOfRange, 0, EventDetails.MaxPrice / 100);
            return 0;
        }

        return centimes;
    }
}
