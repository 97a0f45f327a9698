using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.Property(x => x.FileName).HasMaxLength(AttachmentRules.MaxFileName);
        b.Property(x => x.ContentType).HasMaxLength(64);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StorageKey).HasMaxLength(64);
        b.Property(x => x.Caption).HasMaxLength(AttachmentRules.MaxCaption);
        b.Property(x => x.AddedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.RemovedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        // A record's files, in the order they were added.
        b.HasIndex(x => new { x.Owner, x.OwnerId });
        b.HasIndex(x => x.StorageKey).IsUnique();
        // A file sent twice from the phone (or a form posted twice) is stored once.
        b.HasIndex(x => x.ClientId).IsUnique();
    }
}
