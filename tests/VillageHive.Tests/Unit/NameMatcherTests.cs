using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class NameMatcherTests
{
    private static PersonName Km(string family, string given) => new(family, given, null, null);
    private static PersonName Latin(string family, string given) => new(null, null, family, given);

    [Theory]
    // Khmer script: the same name typed differently.
    [InlineData("សុខ", "ដារ៉ា", "សុខ", "ដារា")]          // muusikatoan left out
    [InlineData("ហេង", "ចន្ធី", "ហេង", "ចន្ធិ")]          // long/short i
    [InlineData("ម៉ៅ", "សុភា", "មៅ", "សុភា")]            // mark on the family name left out
    [InlineData("គង់", "ធីតា", "គង", "ធីតា")]            // bantoc left out
    [InlineData("ស៊ន", "ស្រីពៅ", "សន", "ស្រីពៅ")]         // triisap left out
    [InlineData("ញឹម", "សុគន្ធា", "ញឹម", "សុគន្ថា")]       // aspirated consonant variant
    [InlineData("ឡុង", "រិទ្ធី", "លុង", "រិទ្ធី")]          // ឡ / ល
    [InlineData("សុខ", "ស្រីមុំ", "សុខ", "ស្រី\u200Bមុំ")]  // zero-width space inside a name
    [InlineData("សោម", "បុប្ផា", "សោម", "បុប្ភា")]         // ផ / ភ
    [InlineData("ចាន់", "វិសាល", "ចាន", "វិសាល")]
    // Swapped family and given names.
    [InlineData("ដារ៉ា", "សុខ", "សុខ", "ដារ៉ា")]
    [InlineData("ស្រីមុំ", "កែវ", "កែវ", "ស្រីមុំ")]
    public void Khmer_spelling_variants_match(string f1, string g1, string f2, string g2) =>
        NameMatcher.NameSimilarity(Km(f1, g1), Km(f2, g2)).ShouldBeGreaterThanOrEqualTo(NameMatcher.SuggestFrom);

    [Theory]
    [InlineData("Sok", "Dara", "Sokh", "Darah")]
    [InlineData("Chhim", "Sreymom", "Chim", "Sreimom")]
    [InlineData("Keo", "Srey Pov", "Keo", "Sreypov")]
    [InlineData("Heng", "Chanthy", "Heng", "Chanthi")]
    [InlineData("Chea", "Sophea", "Chia", "Sophia")]
    [InlineData("Nuon", "Phalla", "Nuon", "Phala")]
    [InlineData("Ly", "Rithy", "Lee", "Rithy")]
    [InlineData("Kim", "Vuthy", "Kimm", "Vuthi")]
    [InlineData("Dara", "Sok", "Sok", "Dara")]   // swapped
    [InlineData("SOK", "dara", "Sok", "Dara")]   // case
    public void Latin_transliteration_variants_match(string f1, string g1, string f2, string g2) =>
        NameMatcher.NameSimilarity(Latin(f1, g1), Latin(f2, g2)).ShouldBeGreaterThanOrEqualTo(NameMatcher.SuggestFrom);

    [Theory]
    [InlineData("សុខ", "ដារ៉ា", "ហេង", "ចន្ធី")]
    [InlineData("កែវ", "បុប្ផា", "កែវ", "វិសាល")]   // same family, different child
    [InlineData("ម៉ៅ", "សុភា", "មាស", "ពិសី")]
    public void Different_Khmer_names_do_not_match(string f1, string g1, string f2, string g2) =>
        NameMatcher.NameSimilarity(Km(f1, g1), Km(f2, g2)).ShouldBeLessThan(NameMatcher.SuggestFrom);

    [Theory]
    [InlineData("Sok", "Dara", "Heng", "Chanthy")]
    [InlineData("Keo", "Bopha", "Keo", "Visal")]
    [InlineData("Chan", "Rotha", "Chea", "Makara")]
    public void Different_Latin_names_do_not_match(string f1, string g1, string f2, string g2) =>
        NameMatcher.NameSimilarity(Latin(f1, g1), Latin(f2, g2)).ShouldBeLessThan(NameMatcher.SuggestFrom);

    [Fact]
    public void A_Khmer_record_matches_a_query_typed_in_Latin_only_when_the_Latin_names_are_recorded()
    {
        var record = new PersonName("សុខ", "ដារ៉ា", "Sok", "Dara");
        NameMatcher.NameSimilarity(Latin("Sokh", "Dara"), record).ShouldBeGreaterThanOrEqualTo(NameMatcher.SuggestFrom);
        NameMatcher.NameSimilarity(Latin("Sokh", "Dara"), Km("សុខ", "ដារ៉ា")).ShouldBe(0);
    }

    [Fact]
    public void Age_and_village_move_the_score()
    {
        var a = Km("សុខ", "ដារ៉ា");
        var b = Km("សុខ", "ដារា");
        var close = NameMatcher.Score(a, 10, b, 11, sameVillage: true);
        var far = NameMatcher.Score(a, 10, b, 40, sameVillage: false);
        close.ShouldBeGreaterThan(far);
        far.ShouldBeLessThan(NameMatcher.SuggestFrom);
        close.ShouldBeGreaterThanOrEqualTo(NameMatcher.SuggestFrom);
    }

    [Fact]
    public void Folding_keeps_what_distinguishes_names()
    {
        NameMatcher.FoldLatin("Chhim").ShouldBe("chim");
        NameMatcher.FoldLatin("Srey Mom").ShouldBe("srimom");
        NameMatcher.FoldKhmer("ដារ៉ា").ShouldBe(NameMatcher.FoldKhmer("តារា"));
        NameMatcher.FoldKhmer("សុខ").ShouldNotBe(NameMatcher.FoldKhmer("ស៊ុក"));
    }
}
