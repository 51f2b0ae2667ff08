using Maillage.Domain.Chambers;
using Maillage.Domain.Invoices;
using Maillage.Domain.Organisations;
using Maillage.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Clearing;

/// <summary>A CSV of invoices uploaded by a member, kept between the preview and the confirmation (the app holds no state).</summary>
public sealed class InvoiceImport
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ChamberId { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid UserId { get; set; }

    public string FileName { get; set; } = string.Empty;

    public string Content { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public int ImportedCount { get; set; }
}

internal sealed class InterMemberInvoiceMapping : IEntityTypeConfiguration<InterMemberInvoice>
{
    public void Configure(EntityTypeBuilder<InterMemberInvoice> builder)
    {
        builder.ToTable("Invoices");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.DebtorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.CreditorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(x => x.DeclaredByUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(x => new { x.CreditorId, x.Number }).IsUnique();
        builder.HasIndex(x => x.DebtorId);
        builder.HasIndex(x => new { x.ChamberId, x.State });
        builder.Property(x => x.Number).HasMaxLength(InterMemberInvoice.NumberMax);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.DisputeReason).HasMaxLength(InterMemberInvoice.ReasonMax);

        // A round books an invoice only if nobody changed it since the round read it.
        builder.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class ClearingRoundMapping : IEntityTypeConfiguration<ClearingRound>
{
    public void Configure(EntityTypeBuilder<ClearingRound> builder)
    {
        builder.ToTable("ClearingRounds");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(x => x.StartedByUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(x => new { x.ChamberId, x.StartedAt });
        builder.Property(x => x.StartedByName).HasMaxLength(170);
        builder.Property(x => x.FailureReason).HasMaxLength(ClearingRound.FailureMax);
        builder.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Exclusions).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Cycles).WithOne().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(x => x.Exclusions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(x => x.Cycles).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ClearingEntryMapping : IEntityTypeConfiguration<ClearingEntry>
{
    public void Configure(EntityTypeBuilder<ClearingEntry> builder)
    {
        builder.ToTable("ClearingEntries");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<InterMemberInvoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.InvoiceId);
        builder.HasIndex(x => x.DebtorId);
        builder.HasIndex(x => x.CreditorId);
        builder.Property(x => x.Number).HasMaxLength(InterMemberInvoice.NumberMax);
    }
}

internal sealed class ClearingExclusionMapping : IEntityTypeConfiguration<ClearingExclusion>
{
    public void Configure(EntityTypeBuilder<ClearingExclusion> builder)
    {
        builder.ToTable("ClearingExclusions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<InterMemberInvoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.InvoiceId);
    }
}

internal sealed class ClearingRoundCycleMapping : IEntityTypeConfiguration<ClearingRoundCycle>
{
    public void Configure(EntityTypeBuilder<ClearingRoundCycle> builder)
    {
        builder.ToTable("ClearingCycles");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasIndex(x => new { x.RoundId, x.Position });

        // Up to the members of a chamber, 37 characters each (a Guid and a space).
        builder.Property(x => x.MemberIds).HasMaxLength(40_000);
    }
}

internal sealed class ClearingScheduleMapping : IEntityTypeConfiguration<ClearingSchedule>
{
    public void Configure(EntityTypeBuilder<ClearingSchedule> builder)
    {
        builder.ToTable("ClearingSchedules");
        builder.HasKey(x => x.ChamberId);
        builder.Property(x => x.ChamberId).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.NextRunAt);
    }
}

internal sealed class InvoiceImportMapping : IEntityTypeConfiguration<InvoiceImport>
{
    public void Configure(EntityTypeBuilder<InvoiceImport> builder)
    {
        builder.ToTable("InvoiceImports");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.FileName).HasMaxLength(260);
    }
}
