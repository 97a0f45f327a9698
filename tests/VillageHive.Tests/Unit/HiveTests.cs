using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class HiveTests
{
    [Fact]
    public void A_planned_hive_needs_no_dates() => new Hive { Status = HiveStatus.Planned, PlannedYear = 2027 }.Validate().ShouldBeEmpty();

    [Fact]
    public void A_handed_over_hive_needs_its_handover_date() =>
        new Hive { Status = HiveStatus.HandedOver, CoCreationFrom = new(2020, 10, 1), OperatingFrom = new(2022, 1, 1) }
            .Validate().ShouldBe([nameof(Hive.HandedOverOn)]);

    [Fact]
    public void Operating_before_co_creation_is_refused() =>
        new Hive { Status = HiveStatus.Operating, CoCreationFrom = new(2023, 1, 1), OperatingFrom = new(2022, 1, 1) }
            .Validate().ShouldContain(nameof(Hive.OperatingFrom));

    [Fact]
    public void Ou_Char_as_seeded_is_valid() =>
        new Hive { Status = HiveStatus.HandedOver, PlannedYear = 2022, CoCreationFrom = new(2020, 10, 1), OperatingFrom = new(2022, 1, 1), HandedOverOn = new(2022, 12, 15) }
            .Validate().ShouldBeEmpty();

    [Fact]
    public void Demo_geography_has_ten_communes_and_sixty_two_villages()
    {
        var province = VillageHive.Data.Seed.DemoGeography.Build();
        var communes = province.Districts.ShouldHaveSingleItem().Communes;
        communes.Count.ShouldBe(10);
        communes.Sum(c => c.Villages.Count).ShouldBe(62);
        communes.Select(c => c.NameEn).ShouldContain("Ou Char");
        communes.Select(c => c.NameEn).ShouldContain("Svay Pao");
        communes.Where(c => c.Hive!.Status == HiveStatus.Planned).Select(c => c.Hive!.PlannedYear!.Value).Order().ShouldBe(Enumerable.Range(2025, 8));
        communes.ShouldAllBe(c => c.Hive!.Validate().Count == 0);
    }
}
