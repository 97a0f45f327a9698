using System.Globalization;
using VillageHive.Data.Seed;
using VillageHive.Domain;

namespace VillageHive.Data.Scale;

/// <summary>
/// The places: the real Battambang District (DemoGeography) always; at national scale also 25 provinces with
/// synthetic districts, communes and villages (codes in the national pattern PP DD CC VV, numbered names).
/// Returns the communes to populate.
/// </summary>
public static class GeographyGenerator
{
    private static readonly string[] KhmerDigits = ["០", "១", "២", "៣", "៤", "៥", "៦", "៧", "៨", "៩"];

    public static List<CommuneChunk> Generate(ScaleContext context)
    {
        var ids = context.Ids;
        var rows = context.Rows;
        var populated = new List<List<VillageRef>>();
        var battambang = DemoGeography.Build();
        var random = new Random(context.Plan.Seed);
        var provinceCount = context.Plan.Level == ScaleLevel.National ? 25 : 1;
        for (var p = 1; p <= provinceCount; p++)
        {
            var code = context.Plan.Level == ScaleLevel.National ? p.ToString("00", CultureInfo.InvariantCulture) : "02";
            var province = code == "02" ? battambang : new Province { Code = code, NameKm = $"ខេត្ត {Km(code)}", NameEn = $"Province {code}" };
            province.Id = ids.Next<Province>();
            rows.Add(province);
            if (code == "02")
            {
                var real = battambang.Districts[0];
                AddDistrict(context, province, real, populated, populate: c => context.Plan.Level != ScaleLevel.Commune || c.Code == DemoGeography.OuCharCode);
            }
            if (context.Plan.Level != ScaleLevel.National) continue;
            for (var d = 1; d <= 8; d++)
            {
                var districtCode = $"{code}{d:00}";
                if (districtCode == battambang.Districts[0].Code) continue;
                var district = new District { Code = districtCode, NameKm = $"ស្រុក {Km(districtCode)}", NameEn = $"District {districtCode}" };
                var communes = random.Next(6, 11);
                for (var c = 1; c <= communes; c++)
                {
                    var communeCode = $"{districtCode}{c:00}";
                    var commune = new Commune { Code = communeCode, NameKm = $"ឃុំ {Km(communeCode)}", NameEn = $"Commune {communeCode}" };
                    var villages = random.Next(6, 12);
                    for (var v = 1; v <= villages; v++)
                    {
                        var villageCode = $"{communeCode}{v:00}";
                        commune.Villages.Add(new Village { Code = villageCode, NameKm = $"ភូមិ {Km(villageCode)}", NameEn = $"Village {villageCode}" });
                    }
                    district.Communes.Add(commune);
                }
                AddDistrict(context, province, district, populated, populate: _ => true);
            }
        }
        var ordinal = 0;
        var chunks = populated.Select((villages, i) => new CommuneChunk(i, villages.Select(v => v with { Ordinal = ordinal++ }).ToList())).ToList();
        context.PopulatedVillages = ordinal;
        return chunks;
    }

    private static void AddDistrict(ScaleContext context, Province province, District district, List<List<VillageRef>> populated, Func<Commune, bool> populate)
    {
        district.Id = context.Ids.Next<District>();
        district.ProvinceId = province.Id;
        context.Rows.Add(district);
        foreach (var commune in district.Communes)
        {
            commune.Id = context.Ids.Next<Commune>();
            commune.DistrictId = district.Id;
            context.Rows.Add(commune);
            if (commune.Hive is { } hive)
            {
                hive.Id = context.Ids.Next<Hive>();
                hive.CommuneId = commune.Id;
                context.Rows.Add(hive);
            }
            var refs = new List<VillageRef>();
            var number = 0;
            foreach (var village in commune.Villages)
            {
                village.Id = context.Ids.Next<Village>();
                village.CommuneId = commune.Id;
                context.Rows.Add(village);
                refs.Add(new VillageRef(village.Id, village.Code, ++number, commune.Id, commune.Code));
            }
            if (populate(commune)) populated.Add(refs);
        }
    }

    private static string Km(string digits) => string.Concat(digits.Select(c => KhmerDigits[c - '0']));
}
