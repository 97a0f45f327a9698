using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class StudyConfiguration : IEntityTypeConfiguration<ResearchStudy>
{
    public void Configure(EntityTypeBuilder<ResearchStudy> b)
    {
        b.Property(x => x.NameEn).HasMaxLength(TextLength.Name);
        b.Property(x => x.NameKm).HasMaxLength(TextLength.Name);
        b.Property(x => x.Purpose).HasMaxLength(TextLength.Long);
    }
}

internal sealed class StudyCohortConfiguration : IEntityTypeConfiguration<StudyCohort>
{
    public void Configure(EntityTypeBuilder<StudyCohort> b)
    {
        b.Property(x => x.Name).HasMaxLength(TextLength.Name);
        b.Property(x => x.Rule).HasMaxLength(TextLength.Short);
        b.HasIndex(x => x.CommuneId);
        b.HasOne(x => x.Study).WithMany(s => s.Cohorts).HasForeignKey(x => x.StudyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CohortMemberConfiguration : IEntityTypeConfiguration<CohortMember>
{
    public void Configure(EntityTypeBuilder<CohortMember> b)
    {
        b.HasIndex(x => new { x.CohortId, x.HouseholdId }).IsUnique();
        b.HasIndex(x => x.HouseholdId);
        b.HasOne(x => x.Cohort).WithMany(c => c.Members).HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Household).WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StudyWaveConfiguration : IEntityTypeConfiguration<StudyWave>
{
    public void Configure(EntityTypeBuilder<StudyWave> b)
    {
        b.HasIndex(x => new { x.CohortId, x.Number }).IsUnique();
        b.HasIndex(x => x.QuestionnaireVersionId);
        b.HasOne(x => x.Cohort).WithMany(c => c.Waves).HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.QuestionnaireVersion).WithMany().HasForeignKey(x => x.QuestionnaireVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QuestionnaireConfiguration : IEntityTypeConfiguration<Questionnaire>
{
    public void Configure(EntityTypeBuilder<Questionnaire> b)
    {
        b.Property(x => x.Name).HasMaxLength(TextLength.Name);
        b.HasIndex(x => x.StudyId);
        b.HasOne(x => x.Study).WithMany(s => s.Questionnaires).HasForeignKey(x => x.StudyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QuestionnaireVersionConfiguration : IEntityTypeConfiguration<QuestionnaireVersion>
{
    public void Configure(EntityTypeBuilder<QuestionnaireVersion> b)
    {
        b.Property(x => x.CreatedBy).HasMaxLength(TextLength.User);
        b.Ignore(x => x.IsFrozen);
        b.HasIndex(x => new { x.QuestionnaireId, x.Number }).IsUnique();
        b.HasOne(x => x.Questionnaire).WithMany(q => q.Versions).HasForeignKey(x => x.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StudyQuestionConfiguration : IEntityTypeConfiguration<StudyQuestion>
{
    public void Configure(EntityTypeBuilder<StudyQuestion> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.Property(x => x.TextEn).HasMaxLength(TextLength.Short);
        b.Property(x => x.TextKm).HasMaxLength(TextLength.Short);
        b.Property(x => x.Unit).HasMaxLength(64);
        b.Property(x => x.Options).HasMaxLength(TextLength.Long);
        // A code names one column of the export: once in a version.
        b.HasIndex(x => new { x.VersionId, x.Code }).IsUnique();
        b.HasOne(x => x.Version).WithMany(v => v.Questions).HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WaveParticipantConfiguration : IEntityTypeConfiguration<WaveParticipant>
{
    public void Configure(EntityTypeBuilder<WaveParticipant> b)
    {
        b.Property(x => x.Reason).HasMaxLength(TextLength.Short);
        b.Property(x => x.RecordedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.WaveId, x.HouseholdId }).IsUnique();
        b.HasIndex(x => new { x.WaveId, x.Status });
        b.HasIndex(x => x.HouseholdId);
        b.HasOne(x => x.Wave).WithMany(w => w.Participants).HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Household).WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StudyAnswerConfiguration : IEntityTypeConfiguration<StudyAnswer>
{
    public void Configure(EntityTypeBuilder<StudyAnswer> b)
    {
        b.Property(x => x.Choice).HasMaxLength(64);
        b.Property(x => x.Text).HasMaxLength(StudyQuestions.MaxText);
        b.Ignore(x => x.Number);
        // One answer per participant and question.
        b.HasIndex(x => new { x.ParticipantId, x.QuestionId }).IsUnique();
        b.HasIndex(x => x.QuestionId);
        b.HasOne(x => x.Participant).WithMany(p => p.Answers).HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Question).WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
    }
}
