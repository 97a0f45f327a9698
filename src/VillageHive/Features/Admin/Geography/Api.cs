using Microsoft.EntityFrameworkCore;
using VillageHive.Data;

namespace VillageHive.Features.Admin.Geography;

/// <summary>The installation's places with their official gazetteer codes (8-digit villages), for mapping other systems' locations.</summary>
public static class GeographyApi
{
    public sealed record VillageRecord(string Code, string NameKm, string NameEn, string CommuneCode, string CommuneNameKm, string CommuneNameEn,
        string DistrictCode, string DistrictNameEn, string ProvinceCode, string ProvinceNameEn);

    public sealed record VillageList(IReadOnlyList<VillageRecord> Items);

    public static RouteGroupBuilder MapGeographyApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/geography/villages", ListAsync).WithTags("Geography")
            .WithSummary("Every village of the installation with its official code, commune, district and province").Produces<VillageList>();
        return api;
    }

    private static async Task<IResult> ListAsync(HiveDbContext db) =>
        Results.Ok(new VillageList(await db.Villages.AsNoTracking().OrderBy(v => v.Code).Select(v => new VillageRecord(
            v.Code, v.NameKm, v.NameEn, v.Commune!.Code, v.Commune.NameKm, v.Commune.NameEn,
            v.Commune.District!.Code, v.Commune.District.NameEn, v.Commune.District.Province!.Code, v.Commune.District.Province.NameEn)).ToListAsync()));
}
