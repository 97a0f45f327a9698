using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.Property(x => x.EnteredBy).HasMaxLength(256);
        b.Property(x => x.ReferrerName).HasMaxLength(200);
        b.Property(x => x.ReferrerPhone).HasMaxLength(20);
        b.Property(x => x.ConcernNote).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        // Exactly-once intake: a second submit of the same form cannot create a second referral.
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.HasIndex(x => new { x.VillageId, x.Status });
        b.HasIndex(x => x.EnteredBy);
        // The inbox, newest first: walked from the newest instead of sorting every referral in scope (4 ms a page for a
        // district's 5,500 referrals on PostgreSQL; docs/scaling.md).
        b.HasIndex(x => new { x.ReceivedAt, x.Id });
        // One referral per hotline call.
        b.HasIndex(x => x.HotlineCallId).IsUnique();
        b.HasOne(x => x.Household).WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Children).WithOne(c => c.Referral).HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Screening).WithOne(s => s.Referral).HasForeignKey<Screening>(s => s.ReferralId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralChildConfiguration : IEntityTypeConfiguration<ReferralChild>
{
    public void Configure(EntityTypeBuilder<ReferralChild> b)
    {
        b.HasKey(x => new { x.ReferralId, x.PersonId });
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScreeningCriteriaVersionConfiguration : IEntityTypeConfiguration<ScreeningCriteriaVersion>
{
    public void Configure(EntityTypeBuilder<ScreeningCriteriaVersion> b)
    {
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasMany(x => x.Criteria).WithOne(c => c.Version).HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScreeningCriterionConfiguration : IEntityTypeConfiguration<ScreeningCriterion>
{
    public void Configure(EntityTypeBuilder<ScreeningCriterion> b)
    {
        b.Property(x => x.TextKm).HasMaxLength(300);
        b.Property(x => x.TextEn).HasMaxLength(300);
    }
}

internal sealed class ScreeningConfiguration : IEntityTypeConfiguration<Screening>
{
    public void Configure(EntityTypeBuilder<Screening> b)
    {
        b.Property(x => x.OverrideReason).HasMaxLength(2000);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.Property(x => x.ScreenedBy).HasMaxLength(256);
        b.HasIndex(x => x.ReferralId).IsUnique();
        b.HasOne(x => x.CriteriaVersion).WithMany().HasForeignKey(x => x.CriteriaVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HotlineCallConfiguration : IEntityTypeConfiguration<HotlineCall>
{
    public void Configure(EntityTypeBuilder<HotlineCall> b)
    {
        b.Property(x => x.CallerName).HasMaxLength(200);
        b.Property(x => x.CallerPhone).HasMaxLength(20);
        b.Property(x => x.CallerRelation).HasMaxLength(100);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.Location).HasMaxLength(300);
        b.Property(x => x.TakenBy).HasMaxLength(256);
        b.HasIndex(x => x.ReceivedAt);
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.Property(x => x.AcknowledgedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.CommuneId, x.AcknowledgedAt });
        b.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Referral).WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonMergeConfiguration : IEntityTypeConfiguration<PersonMerge>
{
    public void Configure(EntityTypeBuilder<PersonMerge> b)
    {
        b.Property(x => x.MergedBy).HasMaxLength(256);
        b.Property(x => x.UndoneBy).HasMaxLength(256);
        b.HasIndex(x => x.KeptPersonId);
        // A record is merged once at a time; after an undo it may be merged again.
        b.HasIndex(x => x.MergedPersonId).IsUnique().HasFilter("\"UndoneAt\" IS NULL");
    }
}

internal sealed class HouseholdMergeConfiguration : IEntityTypeConfiguration<HouseholdMerge>
{
    public void Configure(EntityTypeBuilder<HouseholdMerge> b)
    {
        b.Property(x => x.MergedBy).HasMaxLength(256);
        b.Property(x => x.UndoneBy).HasMaxLength(256);
        b.HasIndex(x => x.KeptHouseholdId);
        b.HasIndex(x => x.MergedHouseholdId).IsUnique().HasFilter("\"UndoneAt\" IS NULL");
    }
}
