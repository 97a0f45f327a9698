using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class ServiceProviderConfiguration : IEntityTypeConfiguration<ProviderOrganisation>
{
    public void Configure(EntityTypeBuilder<ProviderOrganisation> b)
    {
        b.Property(x => x.Name).HasMaxLength(TextLength.Name);
        b.Property(x => x.ContactName).HasMaxLength(TextLength.Name);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Address).HasMaxLength(TextLength.Short);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class ServiceProviderUserConfiguration : IEntityTypeConfiguration<ServiceProviderUser>
{
    public void Configure(EntityTypeBuilder<ServiceProviderUser> b)
    {
        b.HasKey(x => x.UserName);
        b.Property(x => x.UserName).HasMaxLength(TextLength.User);
        b.HasOne(x => x.Provider).WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceEntityConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.Property(x => x.NameKm).HasMaxLength(TextLength.Name);
        b.Property(x => x.NameEn).HasMaxLength(TextLength.Name);
        b.Property(x => x.Eligibility).HasMaxLength(TextLength.Short);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.Category, x.Tier });
        b.HasOne(x => x.Provider).WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Coverage).WithOne().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceCoverageConfiguration : IEntityTypeConfiguration<ServiceCoverage>
{
    public void Configure(EntityTypeBuilder<ServiceCoverage> b)
    {
        b.HasKey(x => new { x.ServiceId, x.VillageId });
        b.HasIndex(x => x.VillageId);
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceReferralConfiguration : IEntityTypeConfiguration<ServiceReferral>
{
    public void Configure(EntityTypeBuilder<ServiceReferral> b)
    {
        b.Property(x => x.Request).HasMaxLength(TextLength.Long);
        b.Property(x => x.SentBy).HasMaxLength(TextLength.User);
        b.Property(x => x.RespondedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.DeclineReason).HasMaxLength(TextLength.Long);
        b.Property(x => x.Outcome).HasMaxLength(TextLength.Long);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => new { x.ServiceId, x.Status });
        b.HasIndex(x => new { x.Status, x.RespondBy });
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.PlanAction).WithMany().HasForeignKey(x => x.PlanActionId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(x => x.Service).WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceGapReportConfiguration : IEntityTypeConfiguration<ServiceGapReport>
{
    public void Configure(EntityTypeBuilder<ServiceGapReport> b)
    {
        b.Property(x => x.Description).HasMaxLength(TextLength.Long);
        b.Property(x => x.ReportedBy).HasMaxLength(TextLength.User);
        b.HasIndex(x => x.VillageId);
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MaterialSupportRequestConfiguration : IEntityTypeConfiguration<MaterialSupportRequest>
{
    public void Configure(EntityTypeBuilder<MaterialSupportRequest> b)
    {
        b.Property(x => x.Description).HasMaxLength(TextLength.Short);
        b.Property(x => x.RequestedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.DecidedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.DecisionNote).HasMaxLength(TextLength.Short);
        b.Property(x => x.ReceivedBy).HasMaxLength(TextLength.Name);
        b.Property(x => x.ReceiptNote).HasMaxLength(TextLength.Short);
        b.Property(x => x.DisbursementRecordedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.HouseholdId);
        b.HasIndex(x => x.Status);
        // One payment per schedule and month, however often "record due payments" is pressed.
        b.HasIndex(x => new { x.ScheduleId, x.PeriodStart }).IsUnique();
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Household).WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SupportPaymentSchedule>().WithMany().HasForeignKey(x => x.ScheduleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SupportPaymentScheduleConfiguration : IEntityTypeConfiguration<SupportPaymentSchedule>
{
    public void Configure(EntityTypeBuilder<SupportPaymentSchedule> b)
    {
        b.Property(x => x.EndReason).HasMaxLength(TextLength.Long);
        b.Property(x => x.RequestedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.DecidedBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CaseId);
        b.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommuneBudgetConfiguration : IEntityTypeConfiguration<CommuneBudget>
{
    public void Configure(EntityTypeBuilder<CommuneBudget> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.SetBy).HasMaxLength(TextLength.User);
        // One line per commune, year, currency and kind. NULL is distinct from NULL in a unique index (on both
        // databases), so the line for any kind has an index of its own.
        b.HasIndex(x => new { x.CommuneId, x.Year, x.Currency }).IsUnique().HasFilter("\"Item\" IS NULL");
        b.HasIndex(x => new { x.CommuneId, x.Year, x.Currency, x.Item }).IsUnique().HasFilter("\"Item\" IS NOT NULL");
        b.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApproverLimitConfiguration : IEntityTypeConfiguration<ApproverLimit>
{
    public void Configure(EntityTypeBuilder<ApproverLimit> b)
    {
        b.Property(x => x.Role).HasMaxLength(TextLength.User);
        b.Property(x => x.UserName).HasMaxLength(TextLength.User);
        b.Property(x => x.SetBy).HasMaxLength(TextLength.User);
        b.Property(x => x.Version).IsConcurrencyToken();
        // One limit per role and currency, one per person and currency.
        b.HasIndex(x => new { x.Role, x.Currency }).IsUnique().HasFilter("\"UserName\" IS NULL");
        b.HasIndex(x => new { x.UserName, x.Currency }).IsUnique().HasFilter("\"UserName\" IS NOT NULL");
    }
}
