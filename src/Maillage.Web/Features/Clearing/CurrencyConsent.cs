using Maillage.Domain.Chambers;
using Maillage.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Clearing;

/// <summary>
/// An organisation's opt-in to the liquidity-saving step: clearing rounds may use its complementary-currency account
/// to settle more of its invoices, paying at most <see cref="UpTo"/> per round (null: up to its available amount).
/// </summary>
public sealed class CurrencyConsent
{
    public Guid OrganisationId { get; set; }

    public Guid ChamberId { get; set; }

    public long? UpTo { get; set; }

    public DateTime GivenAt { get; set; }

    public string GivenByName { get; set; } = string.Empty;
}

internal sealed class CurrencyConsentMapping : IEntityTypeConfiguration<CurrencyConsent>
{
    public void Configure(EntityTypeBuilder<CurrencyConsent> builder)
    {
        builder.ToTable("ClearingCurrencyConsents");
        builder.HasKey(x => x.OrganisationId);
        builder.Property(x => x.OrganisationId).ValueGeneratedNever();
        builder.HasOne<Organisation>().WithOne().HasForeignKey<CurrencyConsent>(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Chamber>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ChamberId);
        builder.Property(x => x.GivenByName).HasMaxLength(170);
    }
}
