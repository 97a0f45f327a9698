using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class SyncReceiptConfiguration : IEntityTypeConfiguration<SyncReceipt>
{
    public void Configure(EntityTypeBuilder<SyncReceipt> b)
    {
        b.Property(x => x.Kind).HasMaxLength(32);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Status).HasMaxLength(16);
        b.Property(x => x.Url).HasMaxLength(200);
        b.Property(x => x.Fingerprint).HasMaxLength(64);
        // Exactly once: the second delivery of a record fails here, inside the transaction that would apply it.
        b.HasIndex(x => x.ClientId).IsUnique();
    }
}

internal sealed class ProgrammeAttendanceMarkConfiguration : IEntityTypeConfiguration<ProgrammeAttendanceMark>
{
    public void Configure(EntityTypeBuilder<ProgrammeAttendanceMark> b)
    {
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.EnrolmentId, x.Date });
        b.HasOne<Enrolment>().WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> b)
    {
        b.Property(x => x.ClientId).HasMaxLength(40);
        b.HasIndex(x => x.ClientId).IsUnique();
        b.Property(x => x.Name).HasMaxLength(64);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Role).HasMaxLength(64);
        b.Property(x => x.SecretHash).HasMaxLength(64);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Scope);
    }
}
