using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Web.Features.Currency;

/// <summary>The default credit limit an organisation's account opens with, per kind of membership.</summary>
public sealed class CurrencyLimitDefault
{
    public Guid ChamberId { get; set; }

    public MembershipType MembershipType { get; set; }

    public long CreditLimit { get; set; }
}

/// <summary>A change of the currency's settings by staff: who, when, what, from what to what, and why.</summary>
public sealed class CurrencySettingChange
{
    public const int ValueMax = 200;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ChamberId { get; set; }

    public DateTime At { get; set; }

    public Guid? ActorUserId { get; set; }

    public string ActorName { get; set; } = string.Empty;

    /// <summary>A stable name: "Name", "Code", "Symbol", "MinorDigits", "FeeBasisPoints", "ReferralReward", "DefaultCreditLimit.Collective"…</summary>
    public string Setting { get; set; } = string.Empty;

    public string OldValue { get; set; } = string.Empty;

    public string NewValue { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;
}

internal sealed class AccessTokenMapping : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> t)
    {
        t.ToTable("CurrencyAccessTokens");
        t.HasKey(x => x.Id);
        t.Property(x => x.Id).ValueGeneratedNever();
        t.HasOne<CurrencyDefinition>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        t.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);

        // The look-up of every API call, and no two tokens with one secret.
        t.HasIndex(x => x.SecretHash).IsUnique();
        t.HasIndex(x => x.OrganisationId);
        t.Property(x => x.Name).HasMaxLength(AccessToken.NameMax);
        t.Property(x => x.Scopes).HasMaxLength(100);
        t.Property(x => x.SecretHash).HasMaxLength(64);
        t.Property(x => x.Hint).HasMaxLength(8);
        t.Property(x => x.CreatedByName).HasMaxLength(170);
        t.Ignore(x => x.ScopeList);
    }
}

internal sealed class CurrencyLimitDefaultMapping : IEntityTypeConfiguration<CurrencyLimitDefault>
{
    public void Configure(EntityTypeBuilder<CurrencyLimitDefault> d)
    {
        d.ToTable("CurrencyLimitDefaults");
        d.HasKey(x => new { x.ChamberId, x.MembershipType });
        d.HasOne<CurrencyDefinition>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CurrencySettingChangeMapping : IEntityTypeConfiguration<CurrencySettingChange>
{
    public void Configure(EntityTypeBuilder<CurrencySettingChange> c)
    {
        c.ToTable("CurrencySettingChanges");
        c.HasKey(x => x.Id);
        c.Property(x => x.Id).ValueGeneratedNever();
        c.HasOne<CurrencyDefinition>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        c.HasIndex(x => new { x.ChamberId, x.At });
        c.Property(x => x.ActorName).HasMaxLength(170);
        c.Property(x => x.Setting).HasMaxLength(60);
        c.Property(x => x.OldValue).HasMaxLength(CurrencySettingChange.ValueMax);
        c.Property(x => x.NewValue).HasMaxLength(CurrencySettingChange.ValueMax);
        c.Property(x => x.Reason).HasMaxLength(Operation.ReasonMax);
    }
}
