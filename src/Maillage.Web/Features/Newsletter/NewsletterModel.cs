using System.Security.Cryptography;
using Maillage.Domain.Chambers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Newsletter;

public enum SubscriberState
{
    /// <summary>Signed up, has not yet pressed the button of the confirmation email (double opt-in).</summary>
    Pending,
    Confirmed,
    Unsubscribed,
}

/// <summary>One address on a chamber's lists, with its preferences. Members' people get one when they are first mailed.</summary>
public sealed class Subscriber
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ChamberId { get; set; }

    public string Email { get; set; } = string.Empty;

    /// <summary>The address in lower case: one person, one row, one copy.</summary>
    public string EmailKey { get; set; } = string.Empty;

    public SubscriberState State { get; set; }

    public bool WantsNewsletter { get; set; } = true;

    public bool WantsEvents { get; set; }

    public bool WantsTenders { get; set; }

    /// <summary>The secret of the preferences and unsubscribe links of every email this person receives.</summary>
    public string Token { get; set; } = NewToken();

    /// <summary>The secret of the confirmation link; cleared once used.</summary>
    public string? ConfirmToken { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public DateTime? UnsubscribedAt { get; set; }

    /// <summary>Set when the address refused a message for good: no more bulk mail goes there.</summary>
    public DateTime? BouncedAt { get; set; }

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public bool ReceivesNewsletter => State == SubscriberState.Confirmed && WantsNewsletter && BouncedAt is null;
}

public enum NewsletterState
{
    Draft,
    Scheduled,
    Sent,
}

public enum NewsletterAudience
{
    /// <summary>Confirmed subscribers who want it, and members' people who did not opt out.</summary>
    Subscribers,

    /// <summary>Statutory notices (general assembly): every person of every member organisation, no opt-out.</summary>
    MembersStatutory,
}

/// <summary>One issue of a chamber's newsletter (or a statutory notice): an introduction and an ordered list of items.</summary>
public sealed class NewsletterIssue
{
    public const int SubjectMax = 200;
    public const int IntroMax = 4000;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ChamberId { get; set; }

    public string Subject { get; set; } = string.Empty;

    public string Intro { get; set; } = string.Empty;

    public NewsletterAudience Audience { get; set; }

    public NewsletterState State { get; set; }

    public DateTime PeriodFrom { get; set; }

    public DateTime PeriodTo { get; set; }

    /// <summary>When it goes (now when sent at once): the archive shows it from then on.</summary>
    public DateTime? SendAt { get; set; }

    public int RecipientCount { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<NewsletterItem> Items { get; set; } = [];
}

public enum NewsletterItemKind
{
    News,
    Event,
    NewMember,
    Offer,
    Tender,
    Text,
    Practice,
}

public sealed class NewsletterItem
{
    public const int TitleMax = 200;
    public const int TextMax = 2000;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid NewsletterId { get; set; }

    public NewsletterItemKind Kind { get; set; }

    /// <summary>The news, member or offer it was proposed from (none for free text).</summary>
    public Guid? SourceId { get; set; }

    public int Position { get; set; }

    public bool Included { get; set; } = true;

    public string Title { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    /// <summary>A path on the platform (/ge/membres/…) or an absolute https address.</summary>
    public string? Link { get; set; }
}

internal sealed class SubscriberMapping : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> builder)
    {
        builder.ToTable("Subscribers");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.Property(x => x.EmailKey).HasMaxLength(254);
        builder.Property(x => x.Token).HasMaxLength(40);
        builder.Property(x => x.ConfirmToken).HasMaxLength(40);
        builder.HasIndex(x => new { x.ChamberId, x.EmailKey }).IsUnique();
        builder.HasIndex(x => x.Token).IsUnique();
        builder.HasIndex(x => x.ConfirmToken);
    }
}

internal sealed class NewsletterIssueMapping : IEntityTypeConfiguration<NewsletterIssue>
{
    public void Configure(EntityTypeBuilder<NewsletterIssue> builder)
    {
        builder.ToTable("Newsletters");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.Subject).HasMaxLength(NewsletterIssue.SubjectMax);
        builder.Property(x => x.Intro).HasMaxLength(NewsletterIssue.IntroMax);
        builder.HasIndex(x => new { x.ChamberId, x.State, x.SendAt });
        builder.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.NewsletterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NewsletterItemMapping : IEntityTypeConfiguration<NewsletterItem>
{
    public void Configure(EntityTypeBuilder<NewsletterItem> builder)
    {
        builder.ToTable("NewsletterItems");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Title).HasMaxLength(NewsletterItem.TitleMax);
        builder.Property(x => x.Text).HasMaxLength(NewsletterItem.TextMax);
        builder.Property(x => x.Link).HasMaxLength(500);
        builder.HasIndex(x => new { x.NewsletterId, x.Position });
    }
}
