using Maillage.Domain.Chambers;
using Maillage.Web.Data;
using Maillage.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Notifications;

/// <summary>
/// Something a person should look at, shown in the bell of the header. The text is kept as a resource key and its
/// arguments, so that it reads in the person's language whenever they look, not in the sender's.
/// </summary>
public sealed class Notification
{
    public const int ArgumentsMax = 1000;

    /// <summary>Separates the arguments in <see cref="Arguments"/> (a character nobody types).</summary>
    public const char Separator = '\u001F';

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid UserId { get; set; }

    public Guid? ChamberId { get; set; }

    /// <summary>What it is about, for filtering and counting ("need-match", "need-message"…).</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>A key of the UI texts, e.g. "Notifications.NeedMatch" ("{0} cherche : {1}").</summary>
    public string TextKey { get; set; } = string.Empty;

    public string Arguments { get; set; } = string.Empty;

    /// <summary>A local path ("/ge/besoins/…") the notification opens.</summary>
    public string Link { get; set; } = "/";

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    public string Text(IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[TextKey, Arguments.Split(Separator).Cast<object>().ToArray()];
    }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Notifications");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.Kind).HasMaxLength(40);
        builder.Property(x => x.TextKey).HasMaxLength(100);
        builder.Property(x => x.Arguments).HasMaxLength(Notification.ArgumentsMax);
        builder.Property(x => x.Link).HasMaxLength(300);
        builder.HasIndex(x => new { x.UserId, x.ReadAt });
        builder.HasIndex(x => x.ChamberId);
    }
}

/// <summary>Sends and reads in-app notifications; any module may use it. Sending joins the caller's transaction.</summary>
public sealed class NotificationCenter(MaillageDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>Queues one notification per person (duplicates in <paramref name="userIds"/> are sent once).</summary>
    public void Notify(IEnumerable<Guid> userIds, Guid? chamberId, string kind, string link, string textKey, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(arguments);
        var now = clock.GetUtcNow().UtcDateTime;

        // Arguments are user text (titles, names): the separator is removed and the whole kept within the column.
        var joined = string.Join(Notification.Separator, arguments.Select(a => (a ?? string.Empty).Replace(Notification.Separator, ' ')));
        if (joined.Length > Notification.ArgumentsMax)
        {
            joined = joined[..Notification.ArgumentsMax];
        }

        foreach (var userId in userIds.Distinct())
        {
            db.Add(new Notification { UserId = userId, ChamberId = chamberId, Kind = kind, TextKey = textKey, Arguments = joined, Link = link, CreatedAt = now });
        }
    }

    /// <summary>The people of these organisations with their addresses: who a module notifies about an organisation.</summary>
    public async Task<List<(Guid OrganisationId, Guid UserId, string? Email)>> PeopleOfAsync(IReadOnlyCollection<Guid> organisationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisationIds);
        if (organisationIds.Count == 0)
        {
            return [];
        }

        var rows = await db.OrganisationMembers.AsNoTracking()
            .Where(m => organisationIds.Contains(m.OrganisationId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.OrganisationId, u.Id, u.Email })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.OrganisationId, r.Id, r.Email)).ToList();
    }

    public Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    public Task<List<Notification>> LatestAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Take(PageSize).ToListAsync(cancellationToken);

    /// <summary>Marks one of the person's notifications read; null when it is not theirs.</summary>
    public async Task<Notification?> MarkReadAsync(Guid userId, Guid id, CancellationToken cancellationToken = default)
    {
        var notification = await db.Set<Notification>().FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        if (notification is not null && notification.ReadAt is null)
        {
            notification.ReadAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        return notification;
    }

    public async Task MarkAllReadAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}

public static class NotificationServices
{
    /// <summary>Safe to call from several modules: the centre is registered once.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddScoped<NotificationCenter>(services);
        return services;
    }
}
