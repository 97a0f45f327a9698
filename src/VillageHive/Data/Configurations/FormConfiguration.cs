using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class FormAnswerConfiguration : IEntityTypeConfiguration<FormAnswer>
{
    public void Configure(EntityTypeBuilder<FormAnswer> b)
    {
        b.Property(x => x.Field).HasMaxLength(64);
        b.Property(x => x.Answer).HasMaxLength(TextLength.Long);
        b.Property(x => x.AnsweredBy).HasMaxLength(TextLength.User);
        // One answer per case, form and field: a second save of the same field updates it.
        b.HasIndex(x => new { x.CaseId, x.Form, x.Field }).IsUnique();
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_FormAnswers_Form", "\"Form\" >= 1 AND \"Form\" <= 6"));
    }
}

internal sealed class WellbeingScoringConfiguration : IEntityTypeConfiguration<WellbeingScoring>
{
    public void Configure(EntityTypeBuilder<WellbeingScoring> b)
    {
        b.Property(x => x.ScoredBy).HasMaxLength(TextLength.User);
        b.HasIndex(x => new { x.CaseId, x.ScoredOn });
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Scores).WithOne().HasForeignKey(s => s.ScoringId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.ChildTotal);
        b.Ignore(x => x.FamilyTotal);
    }
}

internal sealed class WellbeingScoreConfiguration : IEntityTypeConfiguration<WellbeingScore>
{
    public void Configure(EntityTypeBuilder<WellbeingScore> b)
    {
        b.HasKey(x => new { x.ScoringId, x.Domain });
        b.Property(x => x.Domain).HasMaxLength(32);
        b.Property(x => x.Comment).HasMaxLength(TextLength.Short);
        b.ToTable(t => t.HasCheckConstraint("CK_WellbeingScores_Score", "\"Score\" >= 1 AND \"Score\" <= 4"));
    }
}
