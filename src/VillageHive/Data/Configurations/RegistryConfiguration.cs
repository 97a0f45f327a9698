using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.HeadNameKm).HasMaxLength(201);
        b.Property(x => x.HeadNameLatin).HasMaxLength(201);
        // The list sorted by head: an index walk for a whole district, and within a village for a village worker.
        b.HasIndex(x => new { x.VillageId, x.HeadNameKm, x.Id });
        b.HasIndex(x => new { x.HeadNameKm, x.Id });
        b.HasIndex(x => x.Phone);
        b.Property(x => x.IdPoorCard).HasMaxLength(40);
        // One household per id a file gives it; rows typed in have none.
        b.Property(x => x.ExternalId).HasMaxLength(64);
        b.HasIndex(x => x.ExternalId).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        b.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId).OnDelete(DeleteBehavior.Restrict);
        // A merged duplicate is kept (empty) for history but is nowhere in the registry.
        b.HasQueryFilter(x => x.MergedIntoHouseholdId == null);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(x => x.FamilyNameKm).HasMaxLength(100);
        b.Property(x => x.GivenNameKm).HasMaxLength(100);
        b.Property(x => x.FamilyNameLatin).HasMaxLength(100);
        b.Property(x => x.GivenNameLatin).HasMaxLength(100);
        b.Property(x => x.SearchName).HasMaxLength(420);
        b.Property(x => x.DisabilityNote).HasMaxLength(300);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.DisplayNameKm);
        b.Ignore(x => x.DisplayNameLatin);
        b.HasIndex(x => x.HouseholdId);
        b.HasIndex(x => x.SearchName);
        b.Property(x => x.ExternalId).HasMaxLength(64);
        b.HasIndex(x => x.ExternalId).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        // A merged duplicate is kept for history but is nowhere in the registry.
        b.HasQueryFilter(x => x.MergedIntoPersonId == null);
        b.HasOne(x => x.Household).WithMany(h => h.Members).HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SavedImportMappingConfiguration : IEntityTypeConfiguration<SavedImportMapping>
{
    public void Configure(EntityTypeBuilder<SavedImportMapping> b)
    {
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Columns).HasMaxLength(4000);
        b.Property(x => x.SetBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        // One mapping a kind of file: the last one saved is offered for the next file.
        b.HasIndex(x => x.Kind).IsUnique();
    }
}

internal sealed class PersonMoveConfiguration : IEntityTypeConfiguration<PersonMove>
{
    public void Configure(EntityTypeBuilder<PersonMove> b)
    {
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => x.PersonId);
        b.HasOne(x => x.Person).WithMany(p => p.Moves).HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.FromHousehold).WithMany().HasForeignKey(x => x.FromHouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ToHousehold).WithMany().HasForeignKey(x => x.ToHouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HiveUserConfiguration : IEntityTypeConfiguration<HiveUser>
{
    public void Configure(EntityTypeBuilder<HiveUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.Property(x => x.PreferredCulture).HasMaxLength(10);
        b.Ignore(x => x.Scope);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Action).HasMaxLength(40);
        b.Property(x => x.EntityType).HasMaxLength(100);
        b.Property(x => x.EntityId).HasMaxLength(100);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        // A record's history leaves out reads: without this index a much-read record's history page read every read
        // of it (one more on each view) before finding its few changes.
        b.HasIndex(x => new { x.EntityType, x.EntityId, x.Id }, "IX_AuditEntries_Changes").HasFilter("\"Action\" <> 'Read'");
        b.HasIndex(x => x.UserName);
        b.HasIndex(x => x.At);
    }
}

internal sealed class CareArrangementConfiguration : IEntityTypeConfiguration<CareArrangement>
{
    public void Configure(EntityTypeBuilder<CareArrangement> b)
    {
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.ReasonNote).HasMaxLength(500);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        // Not unique: a merge brings two histories together, and the same day's are ordered by id (CareRules.CurrentOn).
        b.HasIndex(x => new { x.PersonId, x.StartedOn });
        // "Reintegrated this year" reads the reintegrations by day.
        b.HasIndex(x => new { x.Event, x.StartedOn });
        b.HasOne(x => x.Person).WithMany(p => p.CareArrangements).HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Household).WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}
