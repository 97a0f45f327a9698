using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class HouseholdImportRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static readonly string[] Headers =
        ["household_id", "person_id", "នាមត្រកូល", "នាមខ្លួន", "Family name", "Given name", "Sex", "Date of birth", "Age", "Relation", "Phone", "Village", "IDPoor level", "IDPoor card"];

    private static readonly ImportVillage[] Villages =
    [
        new(1, "02030901", "អូរចារ ១", "Ou Char 1", true),
        new(2, "02030902", "អូរចារ ២", "Ou Char 2", true),
        new(9, "02030201", "ស្វាយប៉ោ ១", "Svay Pao 1", false),
    ];

    private static ImportRawRow Row(int n, params string?[] cells) => new(n, cells);

    private static ImportPlan Read(params ImportRawRow[] rows) =>
        HouseholdImportRules.Read(rows, ImportColumns.Map(Headers), Villages, Today);

    [Fact]
    public void Default_mapping_knows_english_and_khmer_headers()
    {
        var map = ImportColumns.Map(Headers);
        map.IndexOf(ImportField.HouseholdId).ShouldBe(0);
        map.IndexOf(ImportField.FamilyNameKm).ShouldBe(2);
        map.IndexOf(ImportField.FamilyNameLatin).ShouldBe(4);
        map.IndexOf(ImportField.IdPoorCard).ShouldBe(13);
    }

    [Fact]
    public void Saved_mapping_wins_and_round_trips()
    {
        var saved = new Dictionary<string, ImportField> { ["Phum"] = ImportField.Village };
        var map = ImportColumns.Map(["HH", "Phum"], saved);
        map.IndexOf(ImportField.Village).ShouldBe(1);
        ImportColumns.ParseSaved(map.Serialise())["Phum"].ShouldBe(ImportField.Village);
    }

    [Fact]
    public void A_good_household_reads_with_its_head_and_facts()
    {
        var plan = Read(
            Row(2, "H1", null, "សុខ", "ដារ៉ា", "Sok", "Dara", "M", "1980-05-01", null, "head", "012 345 678", "02030901", "1", "IDP-7"),
            Row(3, "H1", null, "សុខ", "ស្រីមុំ", "Sok", "Sreymom", "ស្រី", null, "៨", "កូន", null, "Ou Char 1", null, null));
        plan.Errors.ShouldBeEmpty();
        var h = plan.Households.ShouldHaveSingleItem();
        h.VillageId.ShouldBe(1);
        h.IdPoor.ShouldBe(IdPoorStatus.Level1);
        h.IdPoorCard.ShouldBe("IDP-7");
        h.Phone.ShouldBe("012345678");
        h.Members.Count.ShouldBe(2);
        h.Members[0].DateOfBirth.ShouldBe(new DateOnly(1980, 5, 1));
        h.Members[1].EstimatedBirthYear.ShouldBe(2018);
        h.Members[1].Relation.ShouldBe(RelationToHead.Child);
        h.Members[1].ExternalId.ShouldBe("H1-2");
    }

    [Fact]
    public void Bad_rows_are_named_by_row_and_column()
    {
        var plan = Read(
            Row(2, "H1", "P1", "សុខ", "ដារ៉ា", null, null, "M", null, "40", "head", null, "02039999", null, null),
            Row(3, "H2", "P2", "កែវ", "សុភា", null, null, "F", "2027-01-01", null, "head", null, "02030901", null, null),
            Row(4, "H3", "P3", "ចាន់", "ធី", null, null, "F", null, "-3", "head", null, "02030901", null, null),
            Row(5, "H4", "P4", null, null, null, null, "F", null, "30", "head", null, "02030901", null, null));
        plan.Errors.ShouldContain(new ImportError(2, "Village", "Import.VillageUnknown"));
        plan.Errors.ShouldContain(new ImportError(3, "Date of birth", "Validation.DateInFuture"));
        plan.Errors.ShouldContain(new ImportError(4, "Age", "Import.AgeNegative"));
        plan.Errors.ShouldContain(new ImportError(5, "នាមខ្លួន", "Import.NameMissing"));
        plan.Errors.ShouldContain(new ImportError(5, "នាមត្រកូល", "Import.NameMissing"));
    }

    [Fact]
    public void A_village_outside_the_area_is_refused()
    {
        var plan = Read(Row(2, "H1", null, "សុខ", "ដារ៉ា", null, null, "M", null, "40", "head", null, "02030201", null, null));
        plan.Errors.ShouldBe([new ImportError(2, "Village", "Validation.VillageOutOfScope")]);
    }

    [Fact]
    public void A_household_needs_one_head_and_agreeing_facts()
    {
        var plan = Read(
            Row(2, "H1", null, "សុខ", "ដារ៉ា", null, null, "M", null, "40", "head", null, "02030901", null, null),
            Row(3, "H1", null, "សុខ", "នី", null, null, "F", null, "38", "head", null, "02030902", null, null),
            Row(4, "H2", null, "កែវ", "សុភា", null, null, "F", null, "10", "child", null, "02030901", null, null));
        plan.Errors.ShouldContain(new ImportError(3, "Relation", "Import.TwoHeads"));
        plan.Errors.ShouldContain(new ImportError(3, "Village", "Import.HouseholdDiffers"));
        plan.Errors.ShouldContain(new ImportError(4, "Relation", "Import.NoHead"));
    }

    [Fact]
    public void Repeated_person_id_is_refused()
    {
        var plan = Read(
            Row(2, "H1", "P1", "សុខ", "ដារ៉ា", null, null, "M", null, "40", "head", null, "02030901", null, null),
            Row(3, "H1", "P1", "សុខ", "នី", null, null, "F", null, "38", "spouse", null, null, null, null));
        plan.Errors.ShouldBe([new ImportError(3, "person_id", "Import.DuplicateId")]);
    }

    [Theory]
    [InlineData("F", Sex.Female)]
    [InlineData("male", Sex.Male)]
    [InlineData("ប្រុស", Sex.Male)]
    [InlineData("ស្រី", Sex.Female)]
    public void Sex_reads_in_both_languages(string text, Sex sex) => HouseholdImportRules.ParseSex(text).ShouldBe(sex);

    [Theory]
    [InlineData("1", IdPoorStatus.Level1)]
    [InlineData("២", IdPoorStatus.Level2)]
    [InlineData("0", IdPoorStatus.NotPoor)]
    [InlineData("3", null)]
    public void IdPoor_level_is_1_or_2(string text, IdPoorStatus? status) => HouseholdImportRules.ParseIdPoor(text).ShouldBe(status);

    [Theory]
    [InlineData("31/03/2015", 2015, 3, 31)]
    [InlineData("2015-03-31 00:00:00", 2015, 3, 31)]
    [InlineData("២០១៥-០៣-៣១", 2015, 3, 31)]
    public void Dates_read_iso_or_day_first(string text, int y, int m, int d) =>
        HouseholdImportRules.ParseBirth(text, null, Today).DateOfBirth.ShouldBe(new DateOnly(y, m, d));

    [Fact]
    public void Age_over_120_is_refused() =>
        HouseholdImportRules.ParseBirth(null, "121", Today).Error.ShouldBe((ImportField.Age, "Validation.AgeRange"));

    [Theory]
    [InlineData("012 345 678", "012345678")]
    [InlineData("12345678", "012345678")]
    [InlineData("+855 12 345 678", "85512345678")]
    [InlineData("call me", null)]
    [InlineData("123", null)]
    public void Phones_keep_digits_and_their_leading_zero(string text, string? stored) =>
        HouseholdImportRules.NormalisePhone(text).ShouldBe(stored);
}
