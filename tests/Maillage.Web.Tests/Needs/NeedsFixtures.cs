using Maillage.Domain.Needs;
using Maillage.Domain.Offers;
using Maillage.Web.Features.Needs;
using Maillage.Web.Features.Notifications;
using Maillage.Web.Tests.Clearing;
using Maillage.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Tests.Needs;

/// <summary>Members placed on the map with published offers, and the needs and notifications they end up with.</summary>
public static class NeedsFixtures
{
    public static readonly (double Lat, double Lon) Geneva = (46.2044, 6.1432);
    public static readonly (double Lat, double Lon) Lausanne = (46.5197, 6.6323);

    public static async Task<TestMember> PlacedMemberAsync(this MaillageApp app, string chamber, (double Lat, double Lon) at, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var member = await app.NewMemberAsync(chamber, name);
        await app.WithDbAsync(async db =>
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Id == member.Id);
            var profile = organisation.Profile.Copy();
            profile.Latitude = at.Lat;
            profile.Longitude = at.Lon;
            profile.Canton = chamber == "vd" ? "VD" : "GE";
            profile.Town = chamber == "vd" ? "Lausanne" : "Genève";
            profile.PostalCode = chamber == "vd" ? "1003" : "1205";
            organisation.UpdateProfile(profile, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        return member;
    }

    public static async Task<Guid> PublishedOfferAsync(this MaillageApp app, TestMember owner, string title, string category, string chamber = "ge")
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(owner);
        var chamberId = await app.ChamberIdAsync(chamber);
        var offer = new Offer(chamberId, owner.Id, new OfferDetails { Title = title, Description = $"{title} : un service soigné, proposé par notre équipe.", Category = category, Audience = OfferAudience.Companies }, DateTime.UtcNow);
        offer.Publish(DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Add(offer);
            await db.SaveChangesAsync();
        });
        return offer.Id;
    }

    public static Task<List<Need>> NeedsOfAsync(this MaillageApp app, Guid organisationId) =>
        app.WithDbAsync(db => db.Set<Need>().AsNoTracking().Where(n => n.OrganisationId == organisationId).ToListAsync());

    public static Task<List<Notification>> NotificationsOfAsync(this MaillageApp app, string email) =>
        app.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => db.Users.Any(u => u.Id == n.UserId && u.Email == email)).ToListAsync());

    public static Task<int> OutboxCountAsync(this MaillageApp app, string email, string kind) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().CountAsync(m => m.ToAddress == email && m.Kind == kind));

    public static Task<List<NeedMessage>> MessagesOfAsync(this MaillageApp app, Guid needId) =>
        app.WithDbAsync(db => db.Set<NeedMessage>().AsNoTracking().Where(m => m.NeedId == needId).ToListAsync());

    public static string NeedsUrl(this TestMember member, string chamber = "ge") => $"/{chamber}/espace/{member.Slug}/besoins";

    /// <summary>A complete valid form; tests change what they need with <c>With</c>.</summary>
    public static List<KeyValuePair<string, string>> NeedForm(string title, string category = "logistique/livraison", int fromDays = 10, int? untilDays = 40, string budget = "350", string town = "Genève", string canton = "GE")
    {
        var today = Maillage.Domain.ChamberDays.Of(DateTime.UtcNow);
        return
        [
            new("Input.Title", title),
            new("Input.Description", "Chaque semaine, départ le mardi matin, retour possible à vide."),
            new("Input.Category", category),
            new("Input.DateFrom", today.AddDays(fromDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.DateUntil", untilDays is { } u ? today.AddDays(u).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : string.Empty),
            new("Input.Town", town),
            new("Input.Canton", canton),
            new("Input.Budget", budget),
            new("Input.CurrencyPossible", "true"),
            new("Input.CurrencyAmount", "100"),
        ];
    }
}
