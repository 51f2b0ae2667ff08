using Maillage.Domain.Agenda;
using Maillage.Domain.Chambers;
using Maillage.Domain.Organisations;
using Maillage.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Maillage.Web.Features.Agenda;

/// <summary>Wall-clock times are stored as text ("2026-11-22T10:00"): no engine shifts them to UTC or to its own zone.</summary>
internal sealed class LocalTimeConverter() : ValueConverter<DateTime, string>(v => EventTime.ToText(v), v => EventTime.FromText(v));

internal sealed class AgendaEventMapping : IEntityTypeConfiguration<AgendaEvent>
{
    public void Configure(EntityTypeBuilder<AgendaEvent> builder)
    {
        builder.ToTable("AgendaEvents");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.TrainerOrganisationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ProposedByOrganisationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(x => new { x.ChamberId, x.StartsAtUtc });
        builder.HasIndex(x => new { x.Status, x.StartsAtUtc });
        builder.Property(x => x.Title).HasMaxLength(EventDetails.TitleMax);
        builder.Property(x => x.Description).HasMaxLength(EventDetails.DescriptionMax);
        builder.Property(x => x.VenueName).HasMaxLength(EventDetails.VenueMax);
        builder.Property(x => x.Address).HasMaxLength(EventDetails.AddressMax);
        builder.Property(x => x.Town).HasMaxLength(EventDetails.TownMax);
        builder.Property(x => x.OnlineUrl).HasMaxLength(EventDetails.UrlMax);
        builder.Property(x => x.TimeZoneId).HasMaxLength(60);
        builder.Property(x => x.RegistrationDeadlineLocal).HasConversion(new LocalTimeConverter()).HasMaxLength(16);
        builder.Property(x => x.CoOrganisers).HasMaxLength(2000);
        builder.Property(x => x.TrainerName).HasMaxLength(EventDetails.TrainerMax);
        builder.Property(x => x.Prerequisites).HasMaxLength(EventDetails.PrerequisitesMax);
        builder.Property(x => x.CancellationReason).HasMaxLength(500);
        builder.Ignore(x => x.CoOrganiserIds);
        builder.OwnsMany(x => x.Sessions, s =>
        {
            s.ToTable("AgendaSessions");
            s.WithOwner().HasForeignKey("EventId");
            s.HasKey("EventId", nameof(EventSession.Position));
            s.Property(x => x.Position).ValueGeneratedNever();
            s.Property(x => x.LocalStart).HasConversion(new LocalTimeConverter()).HasMaxLength(16);
            s.Property(x => x.LocalEnd).HasConversion(new LocalTimeConverter()).HasMaxLength(16);
        });
        builder.Navigation(x => x.Sessions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RegistrationMapping : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.ToTable("AgendaRegistrations");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<AgendaEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.MemberOrganisationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(x => new { x.EventId, x.State, x.ArrivalNumber });

        // One active registration per email and event, whatever the code above it does.
        builder.HasIndex(x => new { x.EventId, x.Email }).IsUnique().HasFilter("\"State\" <> 'Cancelled'");
        builder.HasIndex(x => x.Token).IsUnique();
        builder.HasIndex(x => x.Email);
        builder.HasIndex(x => x.UserId);
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.Property(x => x.FirstName).HasMaxLength(Registration.NameMax);
        builder.Property(x => x.LastName).HasMaxLength(Registration.NameMax);
        builder.Property(x => x.OrganisationName).HasMaxLength(Registration.OrganisationMax);
        builder.Property(x => x.Token).HasMaxLength(32);
        builder.Property(x => x.FeedbackComment).HasMaxLength(Registration.CommentMax);
        builder.Ignore(x => x.IsActive);
        builder.Ignore(x => x.HoldsSeat);
        builder.Ignore(x => x.FullName);
    }
}
