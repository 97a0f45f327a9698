using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

/// <summary>
/// The spelling rules (Domain/NameRules.tsv) on names as families and workers write them: the Latin spellings heard
/// for the demo population's names and common Khmer typing variants fold to one key; different names do not.
/// </summary>
public sealed class NameRulesTests
{
    [Theory]
    [InlineData("Srey", "Srei")]
    [InlineData("Sreymom", "Sreimom")]
    [InlineData("Chhim", "Chim")]
    [InlineData("Keo", "Kaev")]
    [InlineData("Keo", "Kaew")]
    [InlineData("Sok", "Sokh")]
    [InlineData("Chea", "Chia")]
    [InlineData("Ly", "Lee")]
    [InlineData("Ly", "Li")]
    [InlineData("Sophea", "Sophia")]
    [InlineData("Sophoun", "Sophon")]
    [InlineData("Vannak", "Vanak")]
    [InlineData("Pisey", "Pisei")]
    [InlineData("Leakhena", "Liekhena")]
    [InlineData("Chanthy", "Chanthi")]
    [InlineData("Chanthy", "Chanty")]
    [InlineData("Thida", "Tida")]
    [InlineData("Bunthoeun", "Buntheun")]
    [InlineData("Chorani", "Jorani")]
    [InlineData("Dara", "Darah")]
    [InlineData("Sambath", "Sambat")]
    [InlineData("Kunthea", "Kunthia")]
    [InlineData("Narith", "Narid")]
    [InlineData("Sak", "Sac")]
    [InlineData("Phalla", "Pala")]
    [InlineData("Leap", "Leab")]
    [InlineData("Chéa", "CHEA")]
    public void Latin_spellings_of_one_name_have_one_key(string a, string b) => NameRules.Key(a).ShouldBe(NameRules.Key(b));

    [Theory]
    [InlineData("Sok", "Som")]
    [InlineData("Chan", "Chea")]
    [InlineData("Keo", "Kim")]
    [InlineData("Heng", "Hem")]
    [InlineData("Heng", "Henk")]
    [InlineData("Dara", "Dari")]
    [InlineData("Pich", "Pech")]
    [InlineData("Sophea", "Sophal")]
    public void Different_Latin_names_keep_different_keys(string a, string b) => NameRules.Key(a).ShouldNotBe(NameRules.Key(b));

    [Theory]
    [InlineData("ស្រី", "ស្រិ")]                                 // long/short i
    [InlineData("ស្រី", "ស\u17B8\u17D2\u179A")]                   // vowel typed before the subscript ro (phone keyboard)
    [InlineData("ស្ត្រី", "ស្រ្តី")]                               // subscript ro before subscript ta
    [InlineData("ស្ដី", "ស្តី")]                                   // subscript da / ta look alike
    [InlineData("សុវណ្ណ", "សុវន្ន")]                               // ណ / ន
    [InlineData("ឈឹម", "ឆឹម")]                                   // Chhim in either series
    [InlineData("កែវ", "កេវ")]                                   // ae / e
    [InlineData("ដារ៉ា", "ដារា")]                                 // muusikatoan left out
    [InlineData("ឱក", "ឲក")]                                     // two letters for one sound
    [InlineData("ស្រី\u200Bមុំ", "ស្រីមុំ")]                        // zero-width space
    public void Khmer_spellings_of_one_name_have_one_key(string a, string b) =>
        NameRules.Key(a).Replace(" ", "", StringComparison.Ordinal).ShouldBe(NameRules.Key(b).Replace(" ", "", StringComparison.Ordinal));

    [Theory]
    [InlineData("សុខ", "ស៊ុក")]
    [InlineData("កែវ", "គីម")]
    [InlineData("ស្រីមុំ", "ស្រីពៅ")]
    public void Different_Khmer_names_keep_different_keys(string a, string b) => NameRules.Key(a).ShouldNotBe(NameRules.Key(b));

    [Fact]
    public void A_key_is_made_word_by_word()
    {
        NameRules.Key("Srey  Mom").ShouldBe("sri mom");
        NameRules.Key("ស្រី មុំ Kaew").ShouldBe($"{NameRules.Khmer("ស្រី")} {NameRules.Khmer("មុំ")} keo");
        NameRules.Key("  ").ShouldBe("");
        NameRules.Key("( . )").ShouldBe("");
    }

    [Fact]
    public void The_rules_have_a_version_stored_with_the_keys()
    {
        NameRules.Version.Length.ShouldBe(6);
        var text = NameSearch.SearchText("ស្រី", "មុំ", "Srey", "Mom");
        text.ShouldStartWith("ស្រី មុំ srey mom" + NameSearch.KeyMarker + " ");
        text.ShouldEndWith(" sri mom");
    }

    [Fact]
    public void The_search_text_fits_its_column_and_keeps_the_marker_whatever_the_names()
    {
        var text = NameSearch.SearchText(new string('ក', 100), new string('ខ', 100), new string('a', 100), new string('b', 100));
        text.Length.ShouldBeLessThanOrEqualTo(NameSearch.SearchTextLength);
        text.ShouldContain(NameSearch.KeyMarker);
        NameSearch.SearchText("", "", null, null).ShouldContain(NameSearch.KeyMarker);
    }
}
