using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class ConsultationScriptConfiguration : IEntityTypeConfiguration<ConsultationScript>
{
    public void Configure(EntityTypeBuilder<ConsultationScript> b)
    {
        b.Property(x => x.Name).HasMaxLength(TextLength.Name);
        b.HasMany(x => x.Versions).WithOne(v => v.Script).HasForeignKey(v => v.ScriptId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScriptVersionConfiguration : IEntityTypeConfiguration<ScriptVersion>
{
    public void Configure(EntityTypeBuilder<ScriptVersion> b)
    {
        b.Property(x => x.Changes).HasMaxLength(TextLength.Long);
        b.Property(x => x.CreatedBy).HasMaxLength(TextLength.User);
        // Two people starting the next version at once: the second is refused, not a second "version 3".
        b.HasIndex(x => new { x.ScriptId, x.Number }).IsUnique();
        b.HasOne<Consultation>().WithMany().HasForeignKey(x => x.FromConsultationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Questions).WithOne().HasForeignKey(q => q.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScriptQuestionConfiguration : IEntityTypeConfiguration<ScriptQuestion>
{
    public void Configure(EntityTypeBuilder<ScriptQuestion> b)
    {
        b.Property(x => x.TextKm).HasMaxLength(TextLength.Short);
        b.Property(x => x.TextEn).HasMaxLength(TextLength.Short);
    }
}

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> b)
    {
        b.Property(x => x.Facilitators).HasMaxLength(TextLength.Short);
        b.Property(x => x.PreBrief).HasMaxLength(TextLength.Long);
        b.Property(x => x.Debrief).HasMaxLength(TextLength.Long);
        b.Property(x => x.NextScriptChanges).HasMaxLength(TextLength.Long);
        b.Property(x => x.CreatedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.VillageId, x.PlannedOn });
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ScriptVersion).WithMany().HasForeignKey(x => x.ScriptVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Entries).WithOne(e => e.Consultation).HasForeignKey(e => e.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConsultationParticipantsConfiguration : IEntityTypeConfiguration<ConsultationParticipants>
{
    public void Configure(EntityTypeBuilder<ConsultationParticipants> b) => b.HasKey(x => new { x.ConsultationId, x.Group });
}

internal sealed class ConsultationEntryConfiguration : IEntityTypeConfiguration<ConsultationEntry>
{
    public void Configure(EntityTypeBuilder<ConsultationEntry> b)
    {
        b.Property(x => x.Text).HasMaxLength(TextLength.Short);
        b.Property(x => x.RecordedBy).HasMaxLength(TextLength.User);
        b.HasIndex(x => x.ConsultationId);
    }
}

internal sealed class FocusGroupConfiguration : IEntityTypeConfiguration<FocusGroup>
{
    public void Configure(EntityTypeBuilder<FocusGroup> b)
    {
        b.Property(x => x.Title).HasMaxLength(TextLength.Name);
        b.Property(x => x.Facilitator).HasMaxLength(TextLength.User);
        b.Property(x => x.Questions).HasMaxLength(TextLength.Long);
        b.Property(x => x.Notes).HasMaxLength(TextLength.Long);
        b.Property(x => x.Quotes).HasMaxLength(TextLength.Long);
        b.Property(x => x.CreatedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.CommuneId, x.HeldOn });
        b.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.FocusGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FocusGroupParticipantsConfiguration : IEntityTypeConfiguration<FocusGroupParticipants>
{
    public void Configure(EntityTypeBuilder<FocusGroupParticipants> b) => b.HasKey(x => new { x.FocusGroupId, x.Group, x.Sex });
}

internal sealed class CaseStudyConfiguration : IEntityTypeConfiguration<CaseStudy>
{
    public void Configure(EntityTypeBuilder<CaseStudy> b)
    {
        b.Property(x => x.TitleKm).HasMaxLength(TextLength.Name);
        b.Property(x => x.TitleEn).HasMaxLength(TextLength.Name);
        b.Property(x => x.TextKm).HasMaxLength(TextLength.Long);
        b.Property(x => x.TextEn).HasMaxLength(TextLength.Long);
        b.Property(x => x.ConsentGivenBy).HasMaxLength(TextLength.Name);
        b.Property(x => x.CreatedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.HouseholdId);
        b.HasOne(x => x.Household).WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
