using Maillage.Domain.Chambers;
using Maillage.Domain.Needs;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Needs;

/// <summary>A member the matcher proposed for a need when it was posted, with why (kept so the poster sees what was sent).</summary>
public sealed class NeedMatchRecord
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid NeedId { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>Its offer that matched best; null when it matched through its profile.</summary>
    public Guid? OfferId { get; set; }

    public int Rank { get; set; }

    public double Score { get; set; }

    /// <summary>The reasons as "Kind=detail" separated by "|" (see <see cref="NeedBoard.ReadReasons"/>).</summary>
    public string Reasons { get; set; } = string.Empty;

    /// <summary>Whether its people were told (in-app and by email).</summary>
    public bool Notified { get; set; }
}

/// <summary>
/// One message of a need's thread. There is one thread per answering organisation, between it and the poster;
/// <see cref="ResponderOrganisationId"/> names the thread whoever writes.
/// </summary>
public sealed class NeedMessage
{
    public const int BodyMax = 4000;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid NeedId { get; set; }

    public Guid ResponderOrganisationId { get; set; }

    public Guid SenderOrganisationId { get; set; }

    public Guid? SenderUserId { get; set; }

    public string SenderName { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }
}

public sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Needs");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.ChamberId, x.State });
        builder.HasIndex(x => x.OrganisationId);
        builder.OwnsOne(x => x.Details, d =>
        {
            d.Property(x => x.Title).HasColumnName("Title").HasMaxLength(NeedDetails.TitleMax);
            d.Property(x => x.Description).HasColumnName("Description").HasMaxLength(NeedDetails.DescriptionMax);
            d.Property(x => x.Category).HasColumnName("Category").HasMaxLength(60);
            d.Property(x => x.DateFrom).HasColumnName("DateFrom");
            d.Property(x => x.DateUntil).HasColumnName("DateUntil");
            d.Property(x => x.Town).HasColumnName("Town").HasMaxLength(NeedDetails.TownMax);
            d.Property(x => x.Canton).HasColumnName("Canton").HasMaxLength(4);
            d.Property(x => x.Latitude).HasColumnName("Latitude");
            d.Property(x => x.Longitude).HasColumnName("Longitude");
            d.Property(x => x.BudgetMinor).HasColumnName("BudgetMinor");
            d.Property(x => x.CurrencyPossible).HasColumnName("CurrencyPossible");
            d.Property(x => x.CurrencyAmountMinor).HasColumnName("CurrencyAmountMinor");
            d.Ignore(x => x.LastDay);
        });
        builder.Navigation(x => x.Details).IsRequired();
        builder.Ignore(x => x.IsOpen);
    }
}

public sealed class NeedMatchRecordConfiguration : IEntityTypeConfiguration<NeedMatchRecord>
{
    public void Configure(EntityTypeBuilder<NeedMatchRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("NeedMatches");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Need>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Offer>().WithMany().HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(x => x.Reasons).HasMaxLength(1000);
        builder.HasIndex(x => new { x.NeedId, x.OrganisationId }).IsUnique();
    }
}

public sealed class NeedMessageConfiguration : IEntityTypeConfiguration<NeedMessage>
{
    public void Configure(EntityTypeBuilder<NeedMessage> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("NeedMessages");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Need>().WithMany().HasForeignKey(x => x.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ResponderOrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.SenderName).HasMaxLength(200);
        builder.Property(x => x.Body).HasMaxLength(NeedMessage.BodyMax);
        builder.HasIndex(x => new { x.NeedId, x.ResponderOrganisationId, x.CreatedAt });
    }
}
