using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class OutcomeSurveyConfiguration : IEntityTypeConfiguration<OutcomeSurvey>
{
    public void Configure(EntityTypeBuilder<OutcomeSurvey> b)
    {
        b.Property(x => x.Note).HasMaxLength(TextLength.Long);
        b.Property(x => x.RecordedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        // A household's surveys in date order (charts, first and latest survey).
        b.HasIndex(x => new { x.HouseholdId, x.SurveyedOn });
        b.HasIndex(x => x.CaseId);
        b.HasOne(x => x.Household).WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.Property(x => x.Said).HasMaxLength(TextLength.Short);
        b.Property(x => x.RecordedBy).HasMaxLength(TextLength.User);
        // The latest answer per household (or person) and use.
        b.HasIndex(x => new { x.HouseholdId, x.Use, x.RecordedAt });
        b.HasIndex(x => x.PersonId);
        b.HasOne(x => x.Household).WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseStoryConfiguration : IEntityTypeConfiguration<CaseStory>
{
    public void Configure(EntityTypeBuilder<CaseStory> b)
    {
        b.Property(x => x.Title).HasMaxLength(TextLength.Name);
        b.Property(x => x.Text).HasMaxLength(TextLength.Long);
        b.Property(x => x.WrittenBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.SelectedForYear);
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PseudonymKeyConfiguration : IEntityTypeConfiguration<PseudonymKey>
{
    public void Configure(EntityTypeBuilder<PseudonymKey> b)
    {
        // One row, id 1: two exports racing to make the key cannot both insert it.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProtectedKey).HasMaxLength(TextLength.Short);
    }
}
