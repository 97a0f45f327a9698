using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class DciReceivedMessageConfiguration : IEntityTypeConfiguration<DciReceivedMessage>
{
    public void Configure(EntityTypeBuilder<DciReceivedMessage> b)
    {
        b.ToTable("DciReceivedMessages");
        b.Property(x => x.ClientId).HasMaxLength(40);
        b.Property(x => x.MessageId).HasMaxLength(100);
        // A replayed message id fails here, inside the request that would act on it again.
        b.HasIndex(x => new { x.ClientId, x.MessageId }).IsUnique();
    }
}

internal sealed class DciTransactionConfiguration : IEntityTypeConfiguration<DciTransaction>
{
    public void Configure(EntityTypeBuilder<DciTransaction> b)
    {
        b.ToTable("DciTransactions");
        b.Property(x => x.ClientId).HasMaxLength(40);
        b.Property(x => x.TransactionId).HasMaxLength(100);
        b.Property(x => x.CorrelationId).HasMaxLength(100);
        b.Property(x => x.Action).HasMaxLength(20);
        b.HasIndex(x => new { x.ClientId, x.TransactionId });
        b.HasIndex(x => x.CorrelationId).IsUnique();
    }
}

internal sealed class DciSubscriptionConfiguration : IEntityTypeConfiguration<DciSubscription>
{
    public void Configure(EntityTypeBuilder<DciSubscription> b)
    {
        b.ToTable("DciSubscriptions");
        b.Property(x => x.Code).HasMaxLength(99);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.ClientId).HasMaxLength(40);
        b.Property(x => x.FilterType).HasMaxLength(20);
        b.Property(x => x.Filter).HasMaxLength(TextLength.Long);
        b.Property(x => x.NotifyUri).HasMaxLength(500);
        b.Property(x => x.SubscriberId).HasMaxLength(100);
    }
}

internal sealed class DciOutboxMessageConfiguration : IEntityTypeConfiguration<DciOutboxMessage>
{
    public void Configure(EntityTypeBuilder<DciOutboxMessage> b)
    {
        b.ToTable("DciOutbox");
        b.Property(x => x.ClientId).HasMaxLength(40);
        b.Property(x => x.Url).HasMaxLength(500);
        b.Property(x => x.Action).HasMaxLength(20);
        b.Property(x => x.LastError).HasMaxLength(TextLength.Short);
        // The sender's question every few seconds: what is due and not yet sent.
        b.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        // One notification per subscription and household change.
        b.HasIndex(x => new { x.SubscriptionId, x.HouseholdId, x.CreatedAt });
    }
}

internal sealed class DciSenderKeyConfiguration : IEntityTypeConfiguration<DciSenderKey>
{
    public void Configure(EntityTypeBuilder<DciSenderKey> b)
    {
        b.ToTable("DciSenderKeys");
        b.Property(x => x.ClientId).HasMaxLength(40);
        b.Property(x => x.KeyId).HasMaxLength(64);
        b.Property(x => x.PublicKey).HasMaxLength(64);
        b.HasIndex(x => new { x.ClientId, x.KeyId }).IsUnique();
    }
}
