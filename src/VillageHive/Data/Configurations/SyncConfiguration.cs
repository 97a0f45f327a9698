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
