using Maillage.Domain.Chambers;
using Maillage.Domain.Labels;
using Maillage.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Labels;

public sealed class EssLabelConfiguration : IEntityTypeConfiguration<EssLabel>
{
    public void Configure(EntityTypeBuilder<EssLabel> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Labels");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);

        // One label per member (renewals and revocations are its history); codes are unique across the network.
        builder.HasIndex(x => x.OrganisationId).IsUnique();
        builder.HasIndex(x => x.Code).IsUnique();
        builder.HasIndex(x => x.UpdatedAt);
        builder.Property(x => x.Code).HasMaxLength(14);
        builder.Property(x => x.RevokedReason).HasMaxLength(EssLabel.ReasonMax);
        builder.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.LabelId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class LabelEventConfiguration : IEntityTypeConfiguration<LabelEvent>
{
    public void Configure(EntityTypeBuilder<LabelEvent> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("LabelEvents");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasIndex(x => new { x.LabelId, x.At });
        builder.Property(x => x.Text).HasMaxLength(EssLabel.ReasonMax);
        builder.Property(x => x.ActorName).HasMaxLength(EssLabel.ActorNameMax);
    }
}
