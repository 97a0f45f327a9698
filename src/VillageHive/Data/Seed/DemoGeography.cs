using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>
/// Battambang province and district with the ten sangkats (communes) of Battambang municipality and
/// their 62 villages. The commune names are the real ones; the village names are numbered placeholders
/// until the commune councils confirm the official list.
/// </summary>
public static class DemoGeography
{
    public const string OuCharCode = "020309";
    public const string SvayPaoCode = "020302";
    public const string DistrictCode = "0203";

    // (code, Khmer, Latin, villages, Hive stage)
    private static readonly (string Code, string Km, string En, int Villages)[] Communes =
    [
        ("020301", "ទួលតាឯក", "Tuol Ta Aek", 7),
        ("020302", "ស្វាយប៉ោ", "Svay Pao", 5),
        ("020303", "ព្រែកព្រះស្ដេច", "Prek Preah Sdach", 7),
        ("020304", "រតនៈ", "Rotanak", 6),
        ("020305", "ចំការសំរោង", "Chamkar Samraong", 6),
        ("020306", "ស្លាកែត", "Sla Kaet", 4),
        ("020307", "ក្ដុលដូនទាវ", "Kdol Doun Teav", 7),
        ("020308", "អូរម៉ាល់", "Ou Mal", 7),
        ("020309", "អូរចារ", "Ou Char", 6),
        ("020310", "វត្តគរ", "Voat Kor", 7),
    ];

    private static readonly string[] KhmerDigits = ["០", "១", "២", "៣", "៤", "៥", "៦", "៧", "៨", "៩"];

    public static Province Build()
    {
        var province = new Province { Code = "02", NameKm = "បាត់ដំបង", NameEn = "Battambang" };
        var district = new District { Code = DistrictCode, NameKm = "បាត់ដំបង", NameEn = "Battambang" };
        province.Districts.Add(district);
        var plannedYear = 2025;
        foreach (var (code, km, en, villageCount) in Communes)
        {
            var commune = new Commune { Code = code, NameKm = km, NameEn = en };
            for (var i = 1; i <= villageCount; i++)
            {
                commune.Villages.Add(new Village
                {
                    Code = $"{code}{i:00}",
                    NameKm = $"{km} {KhmerDigits[i]}",
                    NameEn = $"{en} {i}",
                });
            }
            commune.Hive = code switch
            {
                OuCharCode => new Hive
                {
                    Status = HiveStatus.HandedOver,
                    PlannedYear = 2022,
                    CoCreationFrom = new DateOnly(2020, 10, 1),
                    OperatingFrom = new DateOnly(2022, 1, 1),
                    HandedOverOn = new DateOnly(2022, 12, 15),
                },
                SvayPaoCode => new Hive
                {
                    Status = HiveStatus.Operating,
                    PlannedYear = 2023,
                    CoCreationFrom = new DateOnly(2022, 6, 1),
                    OperatingFrom = new DateOnly(2023, 1, 1),
                },
                _ => new Hive { Status = HiveStatus.Planned, PlannedYear = plannedYear++ },
            };
            district.Communes.Add(commune);
        }
        return province;
    }
}
