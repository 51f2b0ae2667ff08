using Maillage.Domain.Chambers;
using Maillage.Domain.Currency;
using Maillage.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LedgerAccount = Maillage.Domain.Currency.Account;

namespace Maillage.Web.Features.Currency;

internal sealed class CurrencyDefinitionMapping : IEntityTypeConfiguration<CurrencyDefinition>
{
    public void Configure(EntityTypeBuilder<CurrencyDefinition> c)
    {
        c.ToTable("Currencies");
        c.HasKey(x => x.ChamberId);
        c.Property(x => x.ChamberId).ValueGeneratedNever();
        c.HasOne<Chamber>().WithOne().HasForeignKey<CurrencyDefinition>(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        c.Property(x => x.Name).HasMaxLength(CurrencyDefinition.NameMax);
        c.Property(x => x.Code).HasMaxLength(CurrencyDefinition.CodeMax);
        c.Property(x => x.Symbol).HasMaxLength(CurrencyDefinition.SymbolMax);
        c.Property(x => x.ChainHash).HasMaxLength(64);

        // A second writer that slipped past the ledger lock could not fork the chain: its head update would match no row.
        c.Property(x => x.ChainSequence).IsConcurrencyToken();
    }
}

internal sealed class AccountMapping : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> a)
    {
        a.ToTable("LedgerAccounts");
        a.HasKey(x => x.Id);
        a.Property(x => x.Id).ValueGeneratedNever();
        a.HasOne<CurrencyDefinition>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        a.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        a.HasIndex(x => x.OrganisationId).IsUnique();
        a.HasIndex(x => new { x.ChamberId, x.Kind });
        a.Ignore(x => x.Floor);
        a.Ignore(x => x.Available);
    }
}

internal sealed class OperationMapping : IEntityTypeConfiguration<Operation>
{
    public void Configure(EntityTypeBuilder<Operation> o)
    {
        o.ToTable("LedgerOperations");
        o.HasKey(x => x.Id);
        o.Property(x => x.Id).ValueGeneratedNever();
        o.HasOne<CurrencyDefinition>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);

        // The chain cannot fork (one operation per position) and an operation is reversed at most once.
        o.HasIndex(x => new { x.ChamberId, x.Sequence }).IsUnique();
        o.HasIndex(x => x.ReversesOperationId).IsUnique();
        o.HasOne<Operation>().WithMany().HasForeignKey(x => x.ReversesOperationId).OnDelete(DeleteBehavior.Restrict);
        o.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.SubjectAccountId).OnDelete(DeleteBehavior.Restrict);
        o.Property(x => x.Description).HasMaxLength(Operation.DescriptionMax);
        o.Property(x => x.Reference).HasMaxLength(Operation.ReferenceMax);
        o.Property(x => x.Reason).HasMaxLength(Operation.ReasonMax);
        o.Property(x => x.ActorName).HasMaxLength(170);
        o.Property(x => x.PreviousHash).HasMaxLength(64);
        o.Property(x => x.Hash).HasMaxLength(64);
        o.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
        o.Navigation(x => x.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class EntryMapping : IEntityTypeConfiguration<Entry>
{
    public void Configure(EntityTypeBuilder<Entry> e)
    {
        e.ToTable("LedgerEntries");
        e.HasKey(x => new { x.OperationId, x.Index });
        e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.AccountId);
    }
}

internal sealed class PaymentRequestMapping : IEntityTypeConfiguration<PaymentRequest>
{
    public void Configure(EntityTypeBuilder<PaymentRequest> r)
    {
        r.ToTable("PaymentRequests");
        r.HasKey(x => x.Id);
        r.Property(x => x.Id).ValueGeneratedNever();
        r.HasOne<CurrencyDefinition>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        r.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.PayerAccountId).OnDelete(DeleteBehavior.Restrict);
        r.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.PayeeAccountId).OnDelete(DeleteBehavior.Restrict);
        r.HasOne<Operation>().WithMany().HasForeignKey(x => x.PaymentOperationId).OnDelete(DeleteBehavior.Restrict);
        r.HasIndex(x => new { x.PayerAccountId, x.State });
        r.HasIndex(x => new { x.PayeeAccountId, x.State });
        r.HasIndex(x => new { x.State, x.ExpiresAt });
        r.Property(x => x.Description).HasMaxLength(Operation.DescriptionMax);
    }
}

internal sealed class RecurringPaymentMapping : IEntityTypeConfiguration<RecurringPayment>
{
    public void Configure(EntityTypeBuilder<RecurringPayment> r)
    {
        r.ToTable("RecurringPayments");
        r.HasKey(x => x.Id);
        r.Property(x => x.Id).ValueGeneratedNever();
        r.HasOne<CurrencyDefinition>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        r.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.PayerAccountId).OnDelete(DeleteBehavior.Restrict);
        r.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.PayeeAccountId).OnDelete(DeleteBehavior.Restrict);
        r.HasIndex(x => new { x.ChamberId, x.IsActive });
        r.Property(x => x.Description).HasMaxLength(Operation.DescriptionMax);
    }
}

internal sealed class IdempotencyRecordMapping : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> k)
    {
        k.ToTable("LedgerIdempotencyKeys");

        // The primary key is the unique index that makes a key apply at most once, whatever the writer does.
        k.HasKey(x => new { x.ChamberId, x.Key });
        k.HasOne<CurrencyDefinition>().WithMany().HasForeignKey(x => x.ChamberId).OnDelete(DeleteBehavior.Restrict);
        k.Property(x => x.Key).HasMaxLength(IdempotencyRecord.KeyMax);
        k.Property(x => x.Fingerprint).HasMaxLength(64);
    }
}
