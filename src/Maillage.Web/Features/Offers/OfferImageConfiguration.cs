using Maillage.Domain.Offers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Offers;

public sealed class OfferImageConfiguration : IEntityTypeConfiguration<OfferImage>
{
    public void Configure(EntityTypeBuilder<OfferImage> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("OfferImages");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Offer>().WithMany().HasForeignKey(x => x.OfferId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.OfferId, x.Position });
        builder.Property(x => x.Content).IsRequired();
        builder.Property(x => x.Hash).HasMaxLength(32);
        builder.Property(x => x.AltText).HasMaxLength(OfferImage.AltTextMax);
        builder.Ignore(x => x.ContentType);
    }
}
