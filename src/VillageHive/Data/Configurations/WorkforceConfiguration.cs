using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class TrainingModuleConfiguration : IEntityTypeConfiguration<TrainingModule>
{
    /// <summary>
    /// The curriculum every installation starts with: the social-work skills the village-based social workers are
    /// trained in (after the Social Services Cambodia curriculum), in our own words. Counselling and child protection are core.
    /// </summary>
    internal static readonly TrainingModule[] Curriculum =
    [
        new() { Id = 1, Code = "SW1", Order = 1, NameEn = "Foundations of social work", NameKm = "មូលដ្ឋានគ្រឹះនៃការងារសង្គមកិច្ច" },
        new() { Id = 2, Code = "CP1", Order = 2, Core = true, NameEn = "Child protection and safeguarding", NameKm = "ការការពារកុមារ និងសុវត្ថិភាពកុមារ" },
        new() { Id = 3, Code = "CO1", Order = 3, Core = true, NameEn = "Counselling skills", NameKm = "ជំនាញប្រឹក្សាយោបល់" },
        new() { Id = 4, Code = "CM1", Order = 4, NameEn = "Case management: assessment and planning", NameKm = "ការគ្រប់គ្រងករណី៖ ការវាយតម្លៃ និងការរៀបចំផែនការ" },
        new() { Id = 5, Code = "FN1", Order = 5, NameEn = "Working with family networks", NameKm = "ការធ្វើការជាមួយបណ្ដាញគ្រួសារ" },
        new() { Id = 6, Code = "RF1", Order = 6, NameEn = "Referral and the services network", NameKm = "ការបញ្ជូន និងបណ្ដាញសេវា" },
        new() { Id = 7, Code = "ET1", Order = 7, NameEn = "Ethics, confidentiality and consent", NameKm = "ក្រមសីលធម៌ ការរក្សាការសម្ងាត់ និងការយល់ព្រម" },
        new() { Id = 8, Code = "SC1", Order = 8, NameEn = "Self-care and supervision", NameKm = "ការថែទាំខ្លួនឯង និងការត្រួតពិនិត្យការងារ" },
    ];

    public void Configure(EntityTypeBuilder<TrainingModule> b)
    {
        b.Property(x => x.Code).HasMaxLength(16);
        b.Property(x => x.NameKm).HasMaxLength(TextLength.Name);
        b.Property(x => x.NameEn).HasMaxLength(TextLength.Name);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasData(Curriculum);
    }
}

internal sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> b)
    {
        b.Property(x => x.Worker).HasMaxLength(TextLength.User);
        b.Property(x => x.Trainer).HasMaxLength(WorkforceRules.MaxTrainer);
        b.Property(x => x.RecordedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.CommuneId, x.Worker });
        b.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Module).WithMany().HasForeignKey(x => x.ModuleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SupervisionSessionConfiguration : IEntityTypeConfiguration<SupervisionSession>
{
    public void Configure(EntityTypeBuilder<SupervisionSession> b)
    {
        b.Property(x => x.Supervisor).HasMaxLength(TextLength.User);
        b.Property(x => x.Worker).HasMaxLength(TextLength.User);
        b.Property(x => x.AgreedActions).HasMaxLength(WorkforceRules.MaxActions);
        b.Property(x => x.RecordedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.Worker, x.HeldOn });
        b.HasIndex(x => new { x.CommuneId, x.NextOn });
        b.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Cases).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupervisionCaseConfiguration : IEntityTypeConfiguration<SupervisionCase>
{
    public void Configure(EntityTypeBuilder<SupervisionCase> b)
    {
        b.HasKey(x => new { x.SessionId, x.CaseId });
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffMovementConfiguration : IEntityTypeConfiguration<StaffMovement>
{
    public void Configure(EntityTypeBuilder<StaffMovement> b)
    {
        b.Property(x => x.Worker).HasMaxLength(TextLength.User);
        b.Property(x => x.Note).HasMaxLength(WorkforceRules.MaxNote);
        b.Property(x => x.RecordedBy).HasMaxLength(TextLength.User);
        b.HasIndex(x => new { x.Worker, x.On });
        b.HasIndex(x => new { x.CommuneId, x.On });
        b.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReadinessConfirmationConfiguration : IEntityTypeConfiguration<ReadinessConfirmation>
{
    public void Configure(EntityTypeBuilder<ReadinessConfirmation> b)
    {
        b.Property(x => x.Evidence).HasMaxLength(ReadinessConfirmation.MaxEvidence);
        b.Property(x => x.ConfirmedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.ReviewedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.CommuneId, x.Item }).IsUnique();
        b.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Cascade);
    }
}
