using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class GazetteerRulesTests
{
    [Theory]
    [InlineData("02", "02")]
    [InlineData("2", "02")]
    [InlineData("0203", "0203")]
    [InlineData("203", "0203")]
    [InlineData("2030901", "02030901")]
    [InlineData("2030901.0", "02030901")]
    [InlineData(" 020309 ", "020309")]
    [InlineData("12345678", "12345678")]
    public void A_code_keeps_its_leading_zero_even_after_a_spreadsheet_dropped_it(string raw, string code) =>
        GazetteerCode.Clean(raw).ShouldBe(code);

    [Theory]
    [InlineData("")]
    [InlineData("123456789")]
    [InlineData("0203-01")]
    [InlineData("2.03E+06")]
    [InlineData("abc")]
    public void Not_a_code(string raw) => GazetteerCode.Clean(raw).ShouldBeNull();

    private static GazetteerRow Row(string code, string km, string latin = "") => new(0, code, km, latin);

    private static readonly KnownPlace[] Known =
    [
        new("020309", "អូរចារ", "Ou Char", InUse: true),
        new("02030901", "ភូមិ ១", "Phum 1", InUse: true),
        new("02030902", "ភូមិ ២", "Phum 2", InUse: false),
        new("02030903", "ភូមិ ៣", "Phum 3", InUse: false),
    ];

    [Fact]
    public void The_file_adds_villages_of_a_served_commune_renames_and_removes_only_what_nothing_refers_to()
    {
        var plan = GazetteerRules.Compare(
        [
            Row("020309", "អូរចារ", "Ou Char"),
            Row("02030902", "ភូមិថ្មី", "Phum Thmei"),
            Row("02030904", "ភូមិ ៤"),
            Row("020310", "វត្តគរ", "Voat Kor"),
            Row("02031001", "ភូមិក្រៅ"),
        ], Known).ToDictionary(p => p.Code);

        plan["020309"].Change.ShouldBe(GazetteerChange.Unchanged);
        plan["02030902"].Change.ShouldBe(GazetteerChange.Renamed);
        plan["02030902"].OldNameKm.ShouldBe("ភូមិ ២");
        plan["02030904"].Change.ShouldBe(GazetteerChange.New);
        plan["02030904"].NameEn.ShouldBe("ភូមិ ៤", "without a Latin name the Khmer one stands in");
        plan["020310"].Change.ShouldBe(GazetteerChange.Outside);
        plan["02031001"].Change.ShouldBe(GazetteerChange.Outside);
        plan["02030901"].Change.ShouldBe(GazetteerChange.KeptInUse);
        plan["02030903"].Change.ShouldBe(GazetteerChange.Gone);
    }

    [Fact]
    public void A_file_of_communes_only_removes_no_village_and_a_commune_gone_stays_while_it_has_villages()
    {
        // Without its district the file says nothing about Ou Char.
        GazetteerRules.Compare([Row("020310", "វត្តគរ", "Voat Kor")], Known).ShouldNotContain(p => p.Code == "020309");

        var unused = Known.Select(k => k with { InUse = false }).ToArray();
        var plan = GazetteerRules.Compare([Row("0203", "បាត់ដំបង"), Row("020310", "វត្តគរ", "Voat Kor")], unused);
        // Ou Char is gone from the district, but its villages are not gone (the file lists no village): it keeps them.
        plan.Single(p => p.Code == "020309").Change.ShouldBe(GazetteerChange.KeptInUse);
        plan.ShouldNotContain(p => p.Code.Length == 8);

        var empty = new KnownPlace[] { new("0203", "បាត់ដំបង", "Battambang", false), new("020308", "អូរម៉ាល់", "Ou Mal", false), new("020309", "អូរចារ", "Ou Char", true) };
        var communes = GazetteerRules.Compare([Row("0203", "បាត់ដំបង", "Battambang"), Row("020310", "វត្តគរ")], empty).ToDictionary(p => p.Code);
        communes["020308"].Change.ShouldBe(GazetteerChange.Gone);
        communes["020309"].Change.ShouldBe(GazetteerChange.KeptInUse);
    }

    [Fact]
    public void A_renamed_place_without_a_latin_name_keeps_its_latin_name()
    {
        var plan = GazetteerRules.Compare([Row("02030902", "ភូមិថ្មី"), Row("02030903", "ភូមិ ៣")], Known);
        var renamed = plan.Single(p => p.Code == "02030902");
        renamed.Change.ShouldBe(GazetteerChange.Renamed);
        renamed.NameEn.ShouldBe("Phum 2");
        plan.Single(p => p.Code == "02030903").Change.ShouldBe(GazetteerChange.Unchanged);
    }

    [Fact]
    public void A_sheet_without_a_code_or_khmer_column_is_refused_as_a_whole()
    {
        var (rows, errors) = GazetteerRules.Read(["Village", "Name"], [new ImportRawRow(2, ["x", "y"])]);
        rows.ShouldBeEmpty();
        errors.Select(e => e.MessageKey).ShouldBe(["Gazetteer.NoCodeColumn", "Gazetteer.NoKhmerColumn"]);
        GazetteerRules.Columns(["លេខកូដ", "ឈ្មោះ", "Name (Latin)"]).ShouldBe((0, 1, 2));
    }
}
