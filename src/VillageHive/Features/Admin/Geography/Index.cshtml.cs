using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Admin.Geography;

/// <summary>Provinces, districts, communes and villages, with each commune's Hive stage.</summary>
public sealed class IndexModel(HiveDbContext db) : PageModel
{
    public IReadOnlyList<CommuneRow> Communes { get; private set; } = [];

    public sealed record CommuneRow(int Id, string Code, string NameKm, string NameEn, string DistrictKm, string DistrictEn,
        HiveStatus Status, int? PlannedYear, DateOnly? OperatingFrom, DateOnly? HandedOverOn, IReadOnlyList<VillageRow> Villages);

    public sealed record VillageRow(int Id, string Code, string NameKm, string NameEn, int Households);

    public async Task OnGetAsync()
    {
        Communes = await db.Communes.AsNoTracking()
            .OrderBy(c => c.Code)
            .Select(c => new CommuneRow(c.Id, c.Code, c.NameKm, c.NameEn, c.District!.NameKm, c.District.NameEn,
                c.Hive != null ? c.Hive.Status : HiveStatus.Planned, c.Hive != null ? c.Hive.PlannedYear : null,
                c.Hive != null ? c.Hive.OperatingFrom : null, c.Hive != null ? c.Hive.HandedOverOn : null,
                c.Villages.OrderBy(v => v.Code)
                    .Select(v => new VillageRow(v.Id, v.Code, v.NameKm, v.NameEn, db.Households.Count(h => h.VillageId == v.Id)))
                    .ToList()))
            .ToListAsync();
    }
}
