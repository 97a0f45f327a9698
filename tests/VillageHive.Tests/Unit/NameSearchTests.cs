using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class NameSearchTests
{
    [Theory]
    [InlineData("  Sok   DARA ", "sok dara")]
    [InlineData("Chéa", "chea")]
    [InlineData("ស្រី\u200Bមុំ", "ស្រីមុំ")]
    [InlineData("Keo-Bopha", "keo bopha")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalise_folds_case_accents_spaces_and_invisible_marks(string? input, string expected) =>
        NameSearch.Normalise(input).ShouldBe(expected);

    [Fact]
    public void Khmer_vowel_signs_are_kept_because_they_change_the_name() =>
        NameSearch.Normalise("ដារ៉ា").ShouldNotBe(NameSearch.Normalise("ដារា"));

    [Theory]
    [InlineData("012 345 678", "012345678")]
    [InlineData("+855-12-345-678", "85512345678")]
    [InlineData(null, "")]
    public void Phone_keeps_digits_only(string? input, string expected) => NameSearch.NormalisePhone(input).ShouldBe(expected);
}
