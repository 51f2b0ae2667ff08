using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maillage.Domain.Agenda;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Identity;
using Maillage.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Agenda;

/// <summary>An event: details, schema.org JSON-LD, and registration with or without an account.</summary>
public sealed class EventModel(MaillageDbContext db, AgendaRegistrations registrations, UserManager<AppUser> users) : Shared.ChamberPageModel
{
    public sealed class RegistrationInput
    {
        public string? Email { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Organisation { get; set; }

        /// <summary>The rate the page showed; the server charges by membership and refuses a mismatch.</summary>
        public PriceCategory? Rate { get; set; }
    }

    [BindProperty]
    public RegistrationInput Input { get; set; } = new();

    public AgendaEvent Event { get; private set; } = null!;

    public EventPrice Price { get; private set; } = null!;

    public bool IsMember { get; private set; }

    public Registration? Mine { get; private set; }

    public string? TrainerOrganisation { get; private set; }

    public string? TrainerSlug { get; private set; }

    public IReadOnlyList<(string Name, string Slug)> CoOrganisers { get; private set; } = [];

    public string JsonLd { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Me.UserId is not null)
        {
            var user = await users.FindByIdAsync(Me.UserId.Value.ToString());
            Input = new RegistrationInput { Email = user?.Email, FirstName = user?.FirstName, LastName = user?.LastName };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var registrant = await AgendaApi.RegistrantAsync(HttpContext.RequestServices.GetRequiredService<Access>(), users, HttpContext.RequestAborted);
        var outcome = await registrations.RegisterAsync(Chamber.Id, id, new RegistrationRequest(Input.Email, Input.FirstName, Input.LastName, Input.Organisation, Input.Rate), registrant, HttpContext.RequestAborted);
        if (outcome.Registration is not { } registration)
        {
            ModelState.AddAgendaErrors(outcome.Errors, L, "Input.");
            await LoadAsync(id);
            return Page();
        }

        if (registration.State == RegistrationState.PendingEmail)
        {
            Flash(L["Agenda.CheckYourEmail", registration.Email]);
            return Redirect($"/{Chamber.Slug}/agenda/{id}#inscription");
        }

        // The person's own verified address: their registration page is theirs to see.
        Flash(registration.State == RegistrationState.Confirmed ? L["Agenda.YouAreRegistered"] : L["Agenda.YouAreWaitlisted", registration.ArrivalNumber ?? 0]);
        return Redirect($"/{Chamber.Slug}/agenda/inscription/{registration.Token}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        db.ChangeTracker.Clear();
        var found = await db.Set<AgendaEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.ChamberId == Chamber.Id);
        if (found is null || (found.Status == EventStatus.Proposed && !Me.IsStaff(Chamber.Id))
            || (found.Visibility == EventVisibility.MembersOnly && !AgendaQuery.InsiderChambers(Me).Contains(Chamber.Id)))
        {
            return false;
        }

        Event = found;
        IsMember = Me.Organisations.Values.Any(o => o.ChamberId == Chamber.Id)
            && await db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == Me.UserId)
                .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => o)
                .AnyAsync(o => o.ChamberId == Chamber.Id && o.State == OrganisationState.Active);
        Price = EventPrice.For(found, IsMember);
        if (Me.UserId is { } userId)
        {
            Mine = await db.Set<Registration>().AsNoTracking().FirstOrDefaultAsync(r => r.EventId == id && r.UserId == userId && r.State != RegistrationState.Cancelled);
        }

        var organisationIds = found.CoOrganiserIds.Append(found.TrainerOrganisationId ?? Guid.Empty).ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id) && o.ChamberId == Chamber.Id)
            .Select(o => new { o.Id, o.Profile.Name, o.Slug }).ToListAsync();
        CoOrganisers = organisations.Where(o => found.CoOrganiserIds.Contains(o.Id)).Select(o => (o.Name, o.Slug)).ToList();
        var trainer = organisations.FirstOrDefault(o => o.Id == found.TrainerOrganisationId);
        TrainerOrganisation = trainer?.Name;
        TrainerSlug = trainer?.Slug;
        JsonLd = BuildJsonLd($"{Request.Scheme}://{Request.Host}");
        return true;
    }

    private string BuildJsonLd(string root)
    {
        var e = Event;
        var url = $"{root}/{Chamber.Slug}/agenda/{e.Id}";
        string Iso(DateTime local) => new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById(e.TimeZoneId).GetUtcOffset(EventTime.ToUtc(local, e.TimeZoneId))).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        JsonNode Location()
        {
            var physical = e.VenueName is null ? null : new JsonObject
            {
                ["@type"] = "Place",
                ["name"] = e.VenueName,
                ["address"] = new JsonObject { ["@type"] = "PostalAddress", ["streetAddress"] = e.Address, ["addressLocality"] = e.Town, ["addressCountry"] = "CH" },
            };
            var online = e.OnlineUrl is null ? null : new JsonObject { ["@type"] = "VirtualLocation", ["url"] = e.OnlineUrl };
            return physical is not null && online is not null ? new JsonArray(physical, online) : (JsonNode)(physical ?? online!);
        }

        JsonObject Offer(long price, string name) => new()
        {
            ["@type"] = "Offer",
            ["name"] = name,
            ["price"] = (price / 100m).ToString("0.00", CultureInfo.InvariantCulture),
            ["priceCurrency"] = "CHF",
            ["url"] = url,
            ["availability"] = e.FreeSeats == 0 ? "https://schema.org/SoldOut" : "https://schema.org/InStock",
        };

        var organizer = new JsonObject { ["@type"] = "Organization", ["name"] = Chamber.Name, ["url"] = $"{root}/{Chamber.Slug}" };
        var offers = e.IsFree ? new JsonArray(Offer(0, "Gratuit")) : new JsonArray(Offer(e.MemberPrice, "Membres"), Offer(e.NonMemberPrice, "Non-membres"));
        var attendance = e.OnlineUrl is null ? "OfflineEventAttendanceMode" : e.VenueName is null ? "OnlineEventAttendanceMode" : "MixedEventAttendanceMode";
        JsonObject EventNode(string type) => new()
        {
            ["@type"] = type,
            ["name"] = e.Title,
            ["description"] = e.Description,
            ["startDate"] = Iso(e.LocalStart),
            ["endDate"] = Iso(e.LocalEnd),
            ["eventStatus"] = e.Status == EventStatus.Cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/" + attendance,
            ["location"] = Location(),
            ["organizer"] = organizer.DeepClone(),
            ["offers"] = offers.DeepClone(),
            ["url"] = url,
        };

        JsonObject item;
        if (e.IsTraining)
        {
            var instances = new JsonArray();
            foreach (var session in e.Sessions)
            {
                instances.Add(new JsonObject
                {
                    ["@type"] = "CourseInstance",
                    ["courseMode"] = e.OnlineUrl is null ? "onsite" : e.VenueName is null ? "online" : "blended",
                    ["startDate"] = Iso(session.LocalStart),
                    ["endDate"] = Iso(session.LocalEnd),
                    ["location"] = Location(),
                });
            }

            item = new JsonObject
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "Course",
                ["name"] = e.Title,
                ["description"] = e.Description,
                ["provider"] = organizer.DeepClone(),
                ["offers"] = offers.DeepClone(),
                ["hasCourseInstance"] = instances,
                ["url"] = url,
            };
            if (e.Prerequisites is not null)
            {
                item["coursePrerequisites"] = e.Prerequisites;
            }

            if ((TrainerOrganisation ?? e.TrainerName) is { } trainerName)
            {
                instances.OfType<JsonObject>().ToList().ForEach(i => i["instructor"] = new JsonObject { ["@type"] = TrainerOrganisation is null ? "Person" : "Organization", ["name"] = trainerName });
            }
        }
        else
        {
            item = EventNode("Event");
            item["@context"] = "https://schema.org";
        }

        return item.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
    }
}
