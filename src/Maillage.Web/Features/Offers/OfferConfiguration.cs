using Maillage.Domain.Chambers;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Offers;

public sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Offers");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.UpdatedAt);
        builder.HasIndex(x => new { x.OrganisationId, x.State });
        builder.Property(x => x.HiddenReason).HasMaxLength(500);
        builder.OwnsOne(x => x.Details, d =>
        {
            d.Property(x => x.Kind).HasColumnName("Kind");
            d.Property(x => x.Title).HasColumnName("Title").HasMaxLength(OfferDetails.TitleMax);
            d.Property(x => x.Description).HasColumnName("Description").HasMaxLength(OfferDetails.DescriptionMax);
            d.Property(x => x.Category).HasColumnName("Category").HasMaxLength(60);
            d.Property(x => x.Audience).HasColumnName("Audience");
            d.Property(x => x.PriceKind).HasColumnName("PriceKind");
            d.Property(x => x.PriceMinor).HasColumnName("PriceMinor");
            d.Property(x => x.PriceUnit).HasColumnName("PriceUnit").HasMaxLength(40);
            d.Property(x => x.CurrencySharePercent).HasColumnName("CurrencySharePercent");
            d.Property(x => x.DeliveryRadiusKm).HasColumnName("DeliveryRadiusKm");
            d.Property(x => x.DeliveryCantons).HasColumnName("DeliveryCantons").HasMaxLength(300);
            d.Property(x => x.ValidFrom).HasColumnName("ValidFrom");
            d.Property(x => x.ValidUntil).HasColumnName("ValidUntil");
            d.Ignore(x => x.DeliveryAreas);
        });
        builder.Navigation(x => x.Details).IsRequired();
    }
}
