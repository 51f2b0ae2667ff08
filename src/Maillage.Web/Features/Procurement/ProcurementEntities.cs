using Maillage.Domain.Chambers;
using Maillage.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Procurement;

/// <summary>A tender notice of a chamber: the compiled notice (JSON in <see cref="Data"/>) and the columns lists and matching need.</summary>
public sealed class TenderNotice
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ChamberId { get; set; }

    public string Ocid { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string? Buyer { get; set; }

    public string? Status { get; set; }

    public string? Procedure { get; set; }

    /// <summary>Estimated value in minor units (centimes), as both engines compare integers alike.</summary>
    public long? ValueMinor { get; set; }

    public string? Currency { get; set; }

    public DateTime? TenderDeadline { get; set; }

    public DateTime? EnquiryDeadline { get; set; }

    /// <summary>",GE,VD,"</summary>
    public string Regions { get; set; } = ",";

    /// <summary>",90911200,55524000,"</summary>
    public string CpvCodes { get; set; } = ",";

    /// <summary>eForms reserved-procurement code (res-ws, res-pub-ser), from the source or set by staff.</summary>
    public string? Reserved { get; set; }

    /// <summary>eForms social-objective codes ",opp,work-cond,", from the source or set by staff.</summary>
    public string SocialObjectives { get; set; } = ",";

    /// <summary>Staff set the reserved/social marks: later imports keep them.</summary>
    public bool MarkedByStaff { get; set; }

    /// <summary>Title, description, lots and items, for keyword matching.</summary>
    public string MatchText { get; set; } = string.Empty;

    /// <summary>Where it came from: "upload: file.json", a feed URL, or "manual".</summary>
    public string Source { get; set; } = string.Empty;

    public string Data { get; set; } = "{}";

    public DateTime? LatestReleaseDate { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool IsReservedOrSocial => Reserved is not null || SocialObjectives.Length > 1;

    public IReadOnlyList<string> RegionList => Regions.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> CpvList => CpvCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> SocialList => SocialObjectives.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public decimal? Value => ValueMinor / 100m;
}

/// <summary>One release applied to a notice (the history): the release as read, in JSON.</summary>
public sealed class TenderRelease
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid NoticeId { get; set; }

    public string ReleaseId { get; set; } = string.Empty;

    public DateTime Date { get; set; }

    public string Tags { get; set; } = string.Empty;

    public Guid? ImportId { get; set; }

    public string Data { get; set; } = "{}";
}

public enum TenderImportKind
{
    Upload,
    Feed,
}

public enum TenderImportState
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>An import of one OCDS file; its progress is written as it goes and read by the page that polls it.</summary>
public sealed class TenderImport
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ChamberId { get; set; }

    public TenderImportKind Kind { get; set; }

    public string Source { get; set; } = string.Empty;

    public TenderImportState State { get; set; }

    public long BytesTotal { get; set; }

    public long BytesDone { get; set; }

    public int Read { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Skipped { get; set; }

    public string StartedBy { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Written with each batch; a running import silent for long died with its instance.</summary>
    public DateTime HeartbeatAt { get; set; }

    public string? Failure { get; set; }

    public int PercentDone => BytesTotal <= 0 ? (State == TenderImportState.Completed ? 100 : 0) : (int)Math.Min(100, BytesDone * 100 / BytesTotal);
}

public enum TenderLineOutcome
{
    Created,
    Updated,
    Unchanged,
    Skipped,
}

/// <summary>One row of an import report: a release (or a skipped entry) at its position in the file.</summary>
public sealed class TenderImportLine
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ImportId { get; set; }

    public int Position { get; set; }

    public long ByteOffset { get; set; }

    public string? Reference { get; set; }

    public string? Ocid { get; set; }

    public TenderLineOutcome Outcome { get; set; }

    public string? Message { get; set; }
}

/// <summary>A chamber's OCDS feed, polled on a schedule; whichever instance advances <see cref="NextPollAt"/> first polls it.</summary>
public sealed class TenderFeed
{
    public Guid ChamberId { get; set; }

    public string Url { get; set; } = string.Empty;

    public int IntervalHours { get; set; } = 24;

    public DateTime? NextPollAt { get; set; }

    public DateTime? LastPolledAt { get; set; }

    public Guid? LastImportId { get; set; }
}

public enum DigestFrequency
{
    None,
    Daily,
    Weekly,
}

/// <summary>A member's watch profile.</summary>
public sealed class WatchProfile
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ChamberId { get; set; }

    public Guid OrganisationId { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>Keywords or phrases, one per line.</summary>
    public string Keywords { get; set; } = string.Empty;

    /// <summary>CPV prefixes separated by spaces or commas.</summary>
    public string CpvPrefixes { get; set; } = string.Empty;

    /// <summary>",GE,VD,"</summary>
    public string Regions { get; set; } = ",";

    public long? MinValueMinor { get; set; }

    public long? MaxValueMinor { get; set; }

    public bool ReservedOrSocialOnly { get; set; }

    public DigestFrequency Frequency { get; set; }

    public DateTime? NextDigestAt { get; set; }

    public DateTime? LastDigestAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public Domain.Procurement.WatchProfileSpec ToSpec() => new(
        Id,
        Keywords.Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        CpvPrefixes.Split([' ', ',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Regions.Split(',', StringSplitOptions.RemoveEmptyEntries),
        MinValueMinor / 100m,
        MaxValueMinor / 100m,
        ReservedOrSocialOnly);
}

/// <summary>A digest produced for a watch profile: the new matching notices and those closing within 7 days (JSON).</summary>
public sealed class TenderDigest
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ChamberId { get; set; }

    public Guid ProfileId { get; set; }

    public Guid OrganisationId { get; set; }

    public DateTime CreatedAt { get; set; }

    public int NewCount { get; set; }

    public int ClosingCount { get; set; }

    public string Data { get; set; } = "{}";
}

public enum ConsortiumState
{
    Forming,
    Submitted,
    Won,
    Lost,
    Withdrawn,
}

public enum ConsortiumRole
{
    Lead,
    Partner,
    Subcontractor,
}

public enum ConsortiumMemberStatus
{
    Invited,
    Accepted,
    Declined,
}

/// <summary>Members answering one notice together.</summary>
public sealed class Consortium
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ChamberId { get; set; }

    public Guid NoticeId { get; set; }

    public Guid LeadOrganisationId { get; set; }

    public ConsortiumState State { get; set; }

    public long? AmountWonMinor { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? OutcomeAt { get; set; }

    public List<ConsortiumMember> Members { get; set; } = [];

    public List<ConsortiumNote> Notes { get; set; } = [];

    /// <summary>The outcome moves forward only: forming → submitted or withdrawn; submitted → won, lost or withdrawn.</summary>
    public bool CanMoveTo(ConsortiumState next) => (State, next) switch
    {
        (ConsortiumState.Forming, ConsortiumState.Submitted or ConsortiumState.Withdrawn) => true,
        (ConsortiumState.Submitted, ConsortiumState.Won or ConsortiumState.Lost or ConsortiumState.Withdrawn) => true,
        _ => false,
    };
}

public sealed class ConsortiumMember
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ConsortiumId { get; set; }

    public Guid OrganisationId { get; set; }

    public ConsortiumRole Role { get; set; }

    public ConsortiumMemberStatus Status { get; set; }

    /// <summary>Parts of the notice (lot ids) this member covers: ",1,3,".</summary>
    public string Lots { get; set; } = ",";

    public DateTime InvitedAt { get; set; }

    public DateTime? RespondedAt { get; set; }

    public IReadOnlyList<string> LotList => Lots.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public sealed class ConsortiumNote
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ConsortiumId { get; set; }

    public Guid OrganisationId { get; set; }

    public string Author { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }
}

internal sealed class TenderNoticeMapping : IEntityTypeConfiguration<TenderNotice>
{
    public void Configure(EntityTypeBuilder<TenderNotice> builder)
    {
        builder.ToTable("TenderNotices");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.ChamberId, x.Ocid }).IsUnique();
        builder.HasIndex(x => new { x.ChamberId, x.CreatedAt });
        builder.HasIndex(x => new { x.ChamberId, x.TenderDeadline });
        builder.Property(x => x.Ocid).HasMaxLength(200);
        builder.Property(x => x.Title).HasMaxLength(1000);
        builder.Property(x => x.Buyer).HasMaxLength(500);
        builder.Property(x => x.Status).HasMaxLength(60);
        builder.Property(x => x.Procedure).HasMaxLength(100);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.Regions).HasMaxLength(200);
        builder.Property(x => x.CpvCodes).HasMaxLength(4000);
        builder.Property(x => x.Reserved).HasMaxLength(20);
        builder.Property(x => x.SocialObjectives).HasMaxLength(200);
        builder.Property(x => x.Source).HasMaxLength(600);
        builder.Ignore(x => x.RegionList);
        builder.Ignore(x => x.CpvList);
        builder.Ignore(x => x.SocialList);
        builder.Ignore(x => x.Value);
        builder.Ignore(x => x.IsReservedOrSocial);
    }
}

internal sealed class TenderReleaseMapping : IEntityTypeConfiguration<TenderRelease>
{
    public void Configure(EntityTypeBuilder<TenderRelease> builder)
    {
        builder.ToTable("TenderReleases");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<TenderNotice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.NoticeId, x.ReleaseId }).IsUnique();
        builder.Property(x => x.ReleaseId).HasMaxLength(300);
        builder.Property(x => x.Tags).HasMaxLength(300);
    }
}

internal sealed class TenderImportMapping : IEntityTypeConfiguration<TenderImport>
{
    public void Configure(EntityTypeBuilder<TenderImport> builder)
    {
        builder.ToTable("TenderImports");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.ChamberId, x.CreatedAt });
        builder.Property(x => x.Source).HasMaxLength(600);
        builder.Property(x => x.StartedBy).HasMaxLength(170);
        builder.Property(x => x.Failure).HasMaxLength(1000);
        builder.Ignore(x => x.PercentDone);
    }
}

internal sealed class TenderImportLineMapping : IEntityTypeConfiguration<TenderImportLine>
{
    public void Configure(EntityTypeBuilder<TenderImportLine> builder)
    {
        builder.ToTable("TenderImportLines");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<TenderImport>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.ImportId, x.Position });
        builder.Property(x => x.Reference).HasMaxLength(300);
        builder.Property(x => x.Ocid).HasMaxLength(200);
        builder.Property(x => x.Message).HasMaxLength(1000);
    }
}

internal sealed class TenderFeedMapping : IEntityTypeConfiguration<TenderFeed>
{
    public void Configure(EntityTypeBuilder<TenderFeed> builder)
    {
        builder.ToTable("TenderFeeds");
        builder.HasKey(x => x.ChamberId);
        builder.Property(x => x.ChamberId).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.NextPollAt);
        builder.Property(x => x.Url).HasMaxLength(600);
    }
}

internal sealed class WatchProfileMapping : IEntityTypeConfiguration<WatchProfile>
{
    public void Configure(EntityTypeBuilder<WatchProfile> builder)
    {
        builder.ToTable("WatchProfiles");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.OrganisationId);
        builder.HasIndex(x => x.NextDigestAt);
        builder.Property(x => x.Name).HasMaxLength(120);
        builder.Property(x => x.Keywords).HasMaxLength(2000);
        builder.Property(x => x.CpvPrefixes).HasMaxLength(500);
        builder.Property(x => x.Regions).HasMaxLength(200);
    }
}

internal sealed class TenderDigestMapping : IEntityTypeConfiguration<TenderDigest>
{
    public void Configure(EntityTypeBuilder<TenderDigest> builder)
    {
        builder.ToTable("TenderDigests");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<WatchProfile>().WithMany().HasForeignKey(x => x.ProfileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.OrganisationId, x.CreatedAt });
        builder.HasIndex(x => x.ProfileId);
    }
}

internal sealed class ConsortiumMapping : IEntityTypeConfiguration<Consortium>
{
    public void Configure(EntityTypeBuilder<Consortium> builder)
    {
        builder.ToTable("Consortia");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TenderNotice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.LeadOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.NoticeId);
        builder.HasIndex(x => new { x.ChamberId, x.State });
        builder.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.ConsortiumId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Notes).WithOne().HasForeignKey(x => x.ConsortiumId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConsortiumMemberMapping : IEntityTypeConfiguration<ConsortiumMember>
{
    public void Configure(EntityTypeBuilder<ConsortiumMember> builder)
    {
        builder.ToTable("ConsortiumMembers");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.ConsortiumId, x.OrganisationId }).IsUnique();
        builder.HasIndex(x => x.OrganisationId);
        builder.Property(x => x.Lots).HasMaxLength(500);
        builder.Ignore(x => x.LotList);
    }
}

internal sealed class ConsortiumNoteMapping : IEntityTypeConfiguration<ConsortiumNote>
{
    public void Configure(EntityTypeBuilder<ConsortiumNote> builder)
    {
        builder.ToTable("ConsortiumNotes");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasIndex(x => x.ConsortiumId);
        builder.Property(x => x.Author).HasMaxLength(170);
        builder.Property(x => x.Text).HasMaxLength(2000);
    }
}
