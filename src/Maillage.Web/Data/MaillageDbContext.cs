using Maillage.Domain.Chambers;
using Maillage.Domain.Criteria;
using Maillage.Domain.Membership;
using Maillage.Domain.Organisations;
using Maillage.Web.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Maillage.Web.Data;

public sealed class MaillageDbContext(DbContextOptions<MaillageDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    public DbSet<Chamber> Chambers => Set<Chamber>();

    public DbSet<ChamberStaffMember> ChamberStaff => Set<ChamberStaffMember>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();

    public DbSet<Criterion> Criteria => Set<Criterion>();

    public DbSet<MembershipApplication> Applications => Set<MembershipApplication>();

    public DbSet<ApplicationEvent> ApplicationEvents => Set<ApplicationEvent>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<MemberImport> MemberImports => Set<MemberImport>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Every instant is UTC; the converter restores the kind that SQLite's text storage forgets.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.FirstName).HasMaxLength(80);
            u.Property(x => x.LastName).HasMaxLength(80);
            u.Property(x => x.PreferredCulture).HasMaxLength(10);
        });

        builder.Entity<Chamber>(c =>
        {
            c.HasKey(x => x.Id);
            c.HasIndex(x => x.Slug).IsUnique();
            c.Property(x => x.Slug).HasMaxLength(12);
            c.Property(x => x.Name).HasMaxLength(120);
            c.Property(x => x.ShortName).HasMaxLength(40);
            c.Property(x => x.Canton).HasMaxLength(2);
            c.Property(x => x.Tagline).HasMaxLength(300);
            c.Property(x => x.ContactEmail).HasMaxLength(254);
            c.Property(x => x.Website).HasMaxLength(300);
        });

        builder.Entity<ChamberStaffMember>(s =>
        {
            s.HasKey(x => new { x.ChamberId, x.UserId });
            s.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
            s.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Organisation>(o =>
        {
            o.HasKey(x => x.Id);
            o.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
            o.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ReferredByOrganisationId).OnDelete(DeleteBehavior.SetNull);
            o.HasIndex(x => new { x.ChamberId, x.Slug }).IsUnique();
            o.HasIndex(x => new { x.ChamberId, x.NormalizedName });
            o.Property(x => x.Slug).HasMaxLength(90);
            o.Property(x => x.NormalizedName).HasMaxLength(OrganisationProfile.NameMax);
            if (Database.IsNpgsql())
            {
                // Byte order, as SQLite sorts: folded names then list identically on both engines.
                o.Property(x => x.NormalizedName).UseCollation("C");
            }

            o.Property(x => x.SearchText).HasMaxLength(6000);
            o.OwnsOne(x => x.Profile, p => ConfigureProfile(p, "Profile"));
            o.Navigation(x => x.Profile).IsRequired();
        });

        builder.Entity<OrganisationMember>(m =>
        {
            m.HasKey(x => new { x.OrganisationId, x.UserId });
            m.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            m.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            m.HasIndex(x => x.UserId);
        });

        builder.Entity<Criterion>(c =>
        {
            c.HasKey(x => x.Id);
            c.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
            c.HasOne<Criterion>().WithMany().HasForeignKey(x => x.BaseCriterionId).OnDelete(DeleteBehavior.SetNull);
            c.HasIndex(x => new { x.ChamberId, x.Code }).IsUnique();
            c.Property(x => x.Code).HasMaxLength(60);
            c.Property(x => x.Title).HasMaxLength(120);
            c.Property(x => x.Guidance).HasMaxLength(1000);
        });

        builder.Entity<MembershipApplication>(a =>
        {
            a.HasKey(x => x.Id);
            a.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ReferredByOrganisationId).OnDelete(DeleteBehavior.SetNull);
            a.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.SetNull);
            a.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ApplicantUserId).OnDelete(DeleteBehavior.SetNull);
            a.HasIndex(x => new { x.ChamberId, x.State });
            a.HasIndex(x => x.ApplicantUserId);
            a.Property(x => x.DecisionReason).HasMaxLength(2000);
            a.OwnsOne(x => x.Organisation, p => ConfigureProfile(p, "Org"));
            a.Navigation(x => x.Organisation).IsRequired();
            a.OwnsOne(x => x.Contact, c =>
            {
                c.Property(x => x.FirstName).HasColumnName("ContactFirstName").HasMaxLength(80);
                c.Property(x => x.LastName).HasColumnName("ContactLastName").HasMaxLength(80);
                c.Property(x => x.Email).HasColumnName("ContactEmail").HasMaxLength(254);
                c.Property(x => x.Phone).HasColumnName("ContactPhone").HasMaxLength(30);
                c.Property(x => x.Role).HasColumnName("ContactRole").HasMaxLength(80);
            });
            a.Navigation(x => x.Contact).IsRequired();
            a.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            a.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            a.Navigation(x => x.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);
            a.Navigation(x => x.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        builder.Entity<ApplicationAnswer>(a =>
        {
            a.HasKey(x => new { x.ApplicationId, x.CriterionId });
            a.HasOne<Criterion>().WithMany().HasForeignKey(x => x.CriterionId).OnDelete(DeleteBehavior.Restrict);
            a.Property(x => x.Justification).HasMaxLength(ApplicationAnswer.JustificationMax);
        });

        builder.Entity<ApplicationEvent>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.ApplicationId, x.At });
            e.Property(x => x.ActorName).HasMaxLength(170);
            e.Property(x => x.Text).HasMaxLength(2000);
        });

        builder.Entity<OutboxMessage>(m =>
        {
            m.HasKey(x => x.Id);
            m.HasIndex(x => new { x.SentAt, x.CreatedAt });
            m.HasIndex(x => x.ChamberId);
            m.Property(x => x.ToAddress).HasMaxLength(254);
            m.Property(x => x.Subject).HasMaxLength(300);
            m.Property(x => x.Kind).HasMaxLength(60);
            m.Property(x => x.LastError).HasMaxLength(2000);
        });

        builder.Entity<AuditEntry>(a =>
        {
            a.HasKey(x => x.Id);
            a.HasIndex(x => new { x.ChamberId, x.At });
            a.Property(x => x.Action).HasMaxLength(60);
            a.Property(x => x.EntityType).HasMaxLength(60);
            a.Property(x => x.Summary).HasMaxLength(1000);
        });

        builder.Entity<MemberImport>(i =>
        {
            i.HasKey(x => x.Id);
            i.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
            i.Property(x => x.FileName).HasMaxLength(260);
        });

        // Domain objects make their own ids: an event added to an application's list is new, not an update.
        foreach (var entity in new[] { typeof(Chamber), typeof(Organisation), typeof(Criterion), typeof(MembershipApplication), typeof(ApplicationEvent), typeof(OutboxMessage), typeof(AuditEntry), typeof(MemberImport) })
        {
            builder.Entity(entity).Property(nameof(Organisation.Id)).ValueGeneratedNever();
        }

        // Feature modules keep their mappings beside their code, as IEntityTypeConfiguration<T> classes.
        builder.ApplyConfigurationsFromAssembly(typeof(MaillageDbContext).Assembly);

        builder.Entity<DataProtectionKey>(k =>
        {
            k.HasKey(x => x.Id);
            k.Property(x => x.FriendlyName).HasMaxLength(200);
        });
    }

    private static void ConfigureProfile<TOwner>(Microsoft.EntityFrameworkCore.Metadata.Builders.OwnedNavigationBuilder<TOwner, OrganisationProfile> p, string prefix)
        where TOwner : class
    {
        p.Property(x => x.Name).HasColumnName(prefix + "Name").HasMaxLength(OrganisationProfile.NameMax);
        p.Property(x => x.LegalForm).HasColumnName(prefix + "LegalForm");
        p.Property(x => x.Status).HasColumnName(prefix + "Status");
        p.Property(x => x.Uid).HasColumnName(prefix + "Uid").HasMaxLength(20);
        p.Property(x => x.NogaSection).HasColumnName(prefix + "NogaSection").HasMaxLength(2);
        p.Property(x => x.EssSectorCodes).HasColumnName(prefix + "EssSectors").HasMaxLength(300);
        p.Property(x => x.Street).HasColumnName(prefix + "Street").HasMaxLength(120);
        p.Property(x => x.PostalCode).HasColumnName(prefix + "PostalCode").HasMaxLength(5);
        p.Property(x => x.Town).HasColumnName(prefix + "Town").HasMaxLength(80);
        p.Property(x => x.Canton).HasColumnName(prefix + "Canton").HasMaxLength(2);
        p.Property(x => x.Latitude).HasColumnName(prefix + "Latitude");
        p.Property(x => x.Longitude).HasColumnName(prefix + "Longitude");
        p.Property(x => x.ShortDescription).HasColumnName(prefix + "ShortDescription").HasMaxLength(OrganisationProfile.ShortDescriptionMax);
        p.Property(x => x.Description).HasColumnName(prefix + "Description").HasMaxLength(OrganisationProfile.DescriptionMax);
        p.Property(x => x.Website).HasColumnName(prefix + "Website").HasMaxLength(300);
        p.Property(x => x.Email).HasColumnName(prefix + "Email").HasMaxLength(254);
        p.Property(x => x.Phone).HasColumnName(prefix + "Phone").HasMaxLength(30);
        p.Property(x => x.FoundedYear).HasColumnName(prefix + "FoundedYear");
        p.Property(x => x.Employees).HasColumnName(prefix + "Employees");
        p.Ignore(x => x.EssSectors);
        p.HasIndex(x => x.Uid);
    }

    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
