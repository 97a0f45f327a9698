using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(x => x.Recipient).HasMaxLength(TextLength.User);
        b.Ignore(x => x.Kind);
        // The header's unread count on every page (Recipient = @me AND ReadAt IS NULL) and the list, newest first.
        b.HasIndex(x => new { x.Recipient, x.ReadAt });
        b.HasIndex(x => new { x.Recipient, x.CreatedAt });
    }
}

internal sealed class SmsMessageConfiguration : IEntityTypeConfiguration<SmsMessage>
{
    public void Configure(EntityTypeBuilder<SmsMessage> b)
    {
        b.ToTable("SmsOutbox");
        b.Property(x => x.To).HasMaxLength(20);
        b.Property(x => x.Text).HasMaxLength(SmsMessage.MaxText);
        b.Property(x => x.LastError).HasMaxLength(TextLength.Short);
        b.HasOne(x => x.Notification).WithMany().HasForeignKey(x => x.NotificationId).OnDelete(DeleteBehavior.SetNull);
        // The sender's question every few seconds: what is due and not yet sent.
        b.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
    }
}
