using Maillage.Domain.Chambers;
using Maillage.Domain.Organisations;
using Maillage.Domain.Surveys;
using Maillage.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Surveys;

internal sealed class SurveyMapping : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("Surveys");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.ChamberId, x.CreatedAt });
        builder.HasIndex(x => x.PublicToken).IsUnique();
        builder.Property(x => x.Title).HasMaxLength(SurveySettings.TitleMax);
        builder.Property(x => x.Introduction).HasMaxLength(SurveySettings.IntroductionMax);
        builder.Property(x => x.PublicToken).HasMaxLength(64);
        builder.HasMany(x => x.Questions).WithOne().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Questions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SurveyQuestionMapping : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> builder)
    {
        builder.ToTable("SurveyQuestions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Prompt).HasMaxLength(QuestionDraft.PromptMax);
        builder.Property(x => x.Help).HasMaxLength(QuestionDraft.HelpMax);
        builder.Property(x => x.ScaleMinLabel).HasMaxLength(QuestionDraft.ScaleLabelMax);
        builder.Property(x => x.ScaleMaxLabel).HasMaxLength(QuestionDraft.ScaleLabelMax);

        // Options are one per line: an option never holds a line break (the form gives one option per line).
        builder.Property(x => x.Options)
            .HasConversion(v => string.Join('\n', v), v => v.Length == 0 ? new List<string>() : v.Split('\n', StringSplitOptions.None).ToList(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), v => v.ToList()))
            .HasMaxLength(QuestionDraft.MaxOptions * (QuestionDraft.OptionMax + 1));
        builder.Ignore(x => x.IsChoice);
        builder.Ignore(x => x.IsText);
        builder.Ignore(x => x.EffectiveMinSelections);
        builder.Ignore(x => x.EffectiveMaxSelections);
    }
}

internal sealed class SurveyInvitationMapping : IEntityTypeConfiguration<SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<SurveyInvitation> builder)
    {
        builder.ToTable("SurveyInvitations");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Survey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.SurveyId, x.OrganisationId, x.UserId }).IsUnique();
        builder.HasIndex(x => x.Token).IsUnique();
        builder.HasIndex(x => x.UserId);
        builder.Property(x => x.Email).HasMaxLength(256);
        builder.Property(x => x.Token).HasMaxLength(64);
    }
}

internal sealed class SurveyResponseMapping : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("SurveyResponses");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.HasOne<Survey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SurveyInvitation>().WithMany().HasForeignKey(x => x.InvitationId).OnDelete(DeleteBehavior.SetNull);

        // One response per personal link: the database refuses a second one even if two submits race.
        builder.HasIndex(x => x.InvitationId).IsUnique();
        builder.HasIndex(x => x.ResumeToken).IsUnique();
        builder.HasIndex(x => new { x.SurveyId, x.State });
        builder.Property(x => x.ResumeToken).HasMaxLength(64);
        builder.Property(x => x.RespondentName).HasMaxLength(SurveyResponse.RespondentNameMax);
    }
}
