using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VillageHive.Domain;

namespace VillageHive.Data.Configurations;

internal sealed class ProvinceConfiguration : IEntityTypeConfiguration<Province>
{
    public void Configure(EntityTypeBuilder<Province> b)
    {
        b.Property(x => x.Code).HasMaxLength(10);
        b.Property(x => x.NameKm).HasMaxLength(100);
        b.Property(x => x.NameEn).HasMaxLength(100);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.Property(x => x.Code).HasMaxLength(10);
        b.Property(x => x.NameKm).HasMaxLength(100);
        b.Property(x => x.NameEn).HasMaxLength(100);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne(x => x.Province).WithMany(p => p.Districts).HasForeignKey(x => x.ProvinceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommuneConfiguration : IEntityTypeConfiguration<Commune>
{
    public void Configure(EntityTypeBuilder<Commune> b)
    {
        b.Property(x => x.Code).HasMaxLength(10);
        b.Property(x => x.NameKm).HasMaxLength(100);
        b.Property(x => x.NameEn).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne(x => x.District).WithMany(d => d.Communes).HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VillageConfiguration : IEntityTypeConfiguration<Village>
{
    public void Configure(EntityTypeBuilder<Village> b)
    {
        b.Property(x => x.Code).HasMaxLength(10);
        b.Property(x => x.NameKm).HasMaxLength(100);
        b.Property(x => x.NameEn).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne(x => x.Commune).WithMany(c => c.Villages).HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HiveConfiguration : IEntityTypeConfiguration<Hive>
{
    public void Configure(EntityTypeBuilder<Hive> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.CommuneId).IsUnique();
        b.HasOne(x => x.Commune).WithOne(c => c.Hive).HasForeignKey<Hive>(x => x.CommuneId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InstallationConfiguration : IEntityTypeConfiguration<Installation>
{
    public void Configure(EntityTypeBuilder<Installation> b)
    {
        b.Property(x => x.TimeZoneId).HasMaxLength(Installation.MaxZoneId);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
