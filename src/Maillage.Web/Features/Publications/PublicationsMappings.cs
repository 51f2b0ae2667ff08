using Maillage.Domain.Agenda;
using Maillage.Domain.Chambers;
using Maillage.Domain.Organisations;
using Maillage.Domain.Publications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Publications;

public sealed class NewsItemConfiguration : IEntityTypeConfiguration<NewsItem>
{
    public void Configure(EntityTypeBuilder<NewsItem> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("NewsItems");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.ImageId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(x => x.Title).HasMaxLength(NewsItem.TitleMax);
        builder.Property(x => x.BodyHtml).HasMaxLength(NewsItem.BodyMax);
        builder.Property(x => x.Link).HasMaxLength(PublicationRules.LinkMax);
        builder.Property(x => x.ImageAlt).HasMaxLength(PublicationRules.ImageAltMax);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.ModerationMessage).HasMaxLength(Moderation.MessageMax);
        builder.Ignore(x => x.IsPublic);
        builder.HasIndex(x => new { x.ChamberId, x.State, x.PublishedAt });
        builder.HasIndex(x => x.OrganisationId);
        builder.HasIndex(x => x.ImageId);
    }
}

public sealed class PracticeSheetConfiguration : IEntityTypeConfiguration<PracticeSheet>
{
    public void Configure(EntityTypeBuilder<PracticeSheet> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("PracticeSheets");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.AuthorOrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AgendaEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.ImageId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.Title).HasMaxLength(PracticeSheet.TitleMax);
        builder.Property(x => x.Problem).HasMaxLength(PracticeSheet.SectionMax);
        builder.Property(x => x.Actions).HasMaxLength(PracticeSheet.SectionMax);
        builder.Property(x => x.Results).HasMaxLength(PracticeSheet.SectionMax);
        builder.Property(x => x.Contact).HasMaxLength(PracticeSheet.ContactMax);
        builder.Property(x => x.Themes).HasMaxLength(400);
        builder.Property(x => x.Sectors).HasMaxLength(600);
        builder.Property(x => x.Organisations).HasMaxLength(400);
        builder.Property(x => x.Link).HasMaxLength(PublicationRules.LinkMax);
        builder.Property(x => x.ImageAlt).HasMaxLength(PublicationRules.ImageAltMax);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.ModerationMessage).HasMaxLength(Moderation.MessageMax);
        builder.Ignore(x => x.IsPublic);
        builder.Ignore(x => x.ThemeList);
        builder.Ignore(x => x.SectorList);
        builder.Ignore(x => x.OrganisationList);
        builder.HasIndex(x => new { x.ChamberId, x.State, x.PublishedAt });
        builder.HasIndex(x => x.AuthorOrganisationId);
        builder.HasIndex(x => x.EventId);
        builder.HasIndex(x => x.ImageId);
        builder.HasIndex(x => x.DocumentId);
    }
}

public sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("PublicationFiles");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.ContentType).HasMaxLength(60);
        builder.Property(x => x.Hash).HasMaxLength(32);
        builder.HasIndex(x => x.ChamberId);
    }
}
