using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Topic).HasMaxLength(200);
        b.Property(x => x.Facilitator).HasMaxLength(256);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CommuneId);
        b.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Villages).WithOne(v => v.Activity).HasForeignKey(v => v.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Sessions).WithOne(s => s.Activity).HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActivityVillageConfiguration : IEntityTypeConfiguration<ActivityVillage>
{
    public void Configure(EntityTypeBuilder<ActivityVillage> b)
    {
        b.HasKey(x => new { x.ActivityId, x.VillageId });
        // Lists start from the user's villages.
        b.HasIndex(x => x.VillageId);
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivitySessionConfiguration : IEntityTypeConfiguration<ActivitySession>
{
    public void Configure(EntityTypeBuilder<ActivitySession> b)
    {
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ActivityId, x.Date });
        // The village calendar: sessions of a village in a month.
        b.HasIndex(x => new { x.VillageId, x.Date });
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Attendance).WithOne(a => a.Session).HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionAttendanceConfiguration : IEntityTypeConfiguration<SessionAttendance>
{
    public void Configure(EntityTypeBuilder<SessionAttendance> b)
    {
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        // A person once per session (guest rows have no person; NULLs are distinct in both databases).
        b.HasIndex(x => new { x.SessionId, x.PersonId }).IsUnique();
        // Participation history on the household page.
        b.HasIndex(x => x.PersonId);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.Eligibility).HasMaxLength(2000);
        b.Property(x => x.ProjectOfficer).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CommuneId);
        b.HasIndex(x => x.VillageId);
        b.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Enrolments).WithOne(e => e.Programme).HasForeignKey(e => e.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Years).WithOne(y => y.Programme).HasForeignKey(y => y.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgrammeYearConfiguration : IEntityTypeConfiguration<ProgrammeYear>
{
    public void Configure(EntityTypeBuilder<ProgrammeYear> b)
    {
        b.Ignore(x => x.Label);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        // One year starting on a day per programme (two clicks of "add the year" keep one).
        b.HasIndex(x => new { x.ProgrammeId, x.StartDate }).IsUnique();
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.Property(x => x.ExitReason).HasMaxLength(1000);
        b.Property(x => x.OverCapacityReason).HasMaxLength(1000);
        b.Property(x => x.EnrolledBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        // One current enrolment per child and programme (per year where the programme has years); a child who left may be enrolled again.
        b.HasIndex(x => new { x.ProgrammeId, x.PersonId }).IsUnique().HasFilter("\"ExitDate\" IS NULL AND \"ProgrammeYearId\" IS NULL");
        b.HasIndex(x => new { x.ProgrammeYearId, x.PersonId }).IsUnique().HasFilter("\"ExitDate\" IS NULL");
        b.HasOne(x => x.ProgrammeYear).WithMany().HasForeignKey(x => x.ProgrammeYearId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PersonId);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProgrammeAttendanceConfiguration : IEntityTypeConfiguration<ProgrammeAttendance>
{
    public void Configure(EntityTypeBuilder<ProgrammeAttendance> b)
    {
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        // One mark per child per day: a second save of the day updates this row.
        b.HasIndex(x => new { x.EnrolmentId, x.Date }).IsUnique();
        b.HasOne(x => x.Enrolment).WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AbsenceFollowUpConfiguration : IEntityTypeConfiguration<AbsenceFollowUp>
{
    public void Configure(EntityTypeBuilder<AbsenceFollowUp> b)
    {
        b.Property(x => x.ActionTaken).HasMaxLength(2000);
        b.Property(x => x.ClosedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        // One follow-up per run of absence, however often the day is saved.
        b.HasIndex(x => new { x.EnrolmentId, x.FromDate }).IsUnique();
        b.HasIndex(x => x.Status);
        b.HasOne(x => x.Enrolment).WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Referral).WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LearningSupportConfiguration : IEntityTypeConfiguration<LearningSupport>
{
    public void Configure(EntityTypeBuilder<LearningSupport> b)
    {
        b.Property(x => x.Note).HasMaxLength(2000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.EnrolmentId, x.Date });
        b.HasOne(x => x.Enrolment).WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
