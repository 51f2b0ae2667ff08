using Maillage.Domain.Agenda;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Tests.Agenda;

/// <summary>Fresh events straight in the database, so that each test's event is its own.</summary>
public static class AgendaFixtures
{
    public static async Task<AgendaEvent> NewEventAsync(
        this MaillageApp app, string chamber = "ge", int? capacity = 10, long member = 0, long nonMember = 0, DateTime? localStart = null,
        DateTime? deadline = null, EventKind kind = EventKind.BestPracticeCafe, IReadOnlyList<EventSession>? more = null, EventVisibility visibility = EventVisibility.Public)
    {
        ArgumentNullException.ThrowIfNull(app);
        var chamberId = await app.ChamberIdAsync(chamber);
        var start = localStart ?? EventTime.ToLocal(DateTime.UtcNow, EventTime.DefaultZone).Date.AddDays(10).AddHours(10);
        var details = new EventDetails
        {
            Kind = kind,
            Title = "Café test " + Guid.NewGuid().ToString("N")[..6],
            Description = "Un événement de test, avec virgules, points-virgules; et retours\nà la ligne.",
            VenueName = "Maison des associations",
            Address = "Rue des Savoises 15",
            Town = "Genève",
            Sessions = [new EventSession { LocalStart = start, LocalEnd = start.AddHours(2) }, .. more ?? []],
            Capacity = capacity,
            RegistrationDeadlineLocal = deadline,
            MemberPrice = member,
            NonMemberPrice = nonMember,
            Visibility = visibility,
        };
        var agendaEvent = AgendaEvent.Create(chamberId, details, EventStatus.Published, null, DateTime.UtcNow.AddDays(-30));
        await app.WithDbAsync(async db =>
        {
            db.Set<AgendaEvent>().Add(agendaEvent);
            await db.SaveChangesAsync();
        });
        return agendaEvent;
    }

    public static Task<AgendaEvent> EventAsync(this MaillageApp app, Guid id) =>
        app.WithDbAsync(db => db.Set<AgendaEvent>().AsNoTracking().SingleAsync(e => e.Id == id));

    public static Task<List<Registration>> RegistrationsAsync(this MaillageApp app, Guid eventId) =>
        app.WithDbAsync(db => db.Set<Registration>().AsNoTracking().Where(r => r.EventId == eventId).ToListAsync());

    public static Task<int> MailsAsync(this MaillageApp app, string to, string kind) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().CountAsync(m => m.ToAddress == to && m.Kind == kind));

    public static string Url(this AgendaEvent agendaEvent, string chamber = "ge") => $"/{chamber}/agenda/{agendaEvent?.Id}";
}

public static class FormValues
{
    /// <summary>Every value a form would send as the page shows it (inputs, selects, text areas), with some changed.</summary>
    public static List<KeyValuePair<string, string>> FormFields(this AngleSharp.Html.Dom.IHtmlDocument page, string formSelector, params (string Name, string Value)[] changes)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(changes);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector(formSelector)!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (name is null || name == "__RequestVerificationToken")
            {
                continue;
            }

            if (element is AngleSharp.Html.Dom.IHtmlSelectElement { IsMultiple: true } multiple)
            {
                fields.AddRange(multiple.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                continue;
            }

            var value = element switch
            {
                AngleSharp.Html.Dom.IHtmlSelectElement select => select.Value ?? string.Empty,
                AngleSharp.Html.Dom.IHtmlTextAreaElement area => area.Value,
                AngleSharp.Html.Dom.IHtmlInputElement input when input.Type is not ("checkbox" or "radio") || input.IsChecked => input.Value,
                _ => null,
            };
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        foreach (var (name, value) in changes)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        return fields;
    }
}
