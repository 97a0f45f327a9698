using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class ScopeTests
{
    // Two districts; district 1 has communes 10 and 11, district 2 has commune 20.
    private static readonly List<Village> Villages =
    [
        V(100, 10, 1), V(101, 10, 1), V(110, 11, 1), V(111, 11, 1), V(200, 20, 2),
    ];

    private static Village V(int id, int commune, int district) => new()
    {
        Id = id, CommuneId = commune, Code = id.ToString(), NameKm = "ភូមិ", NameEn = "Village",
        Commune = new Commune { Id = commune, DistrictId = district, Code = commune.ToString(), NameKm = "ឃុំ", NameEn = "Commune" },
    };

    private static int[] Visible(Scope scope) => Villages.AsQueryable().Where(scope.VillagePredicate()).Select(v => v.Id).ToArray();

    [Fact]
    public void Village_scope_sees_only_its_villages() =>
        Visible(new Scope(ScopeLevel.Villages, [100, 110])).ShouldBe([100, 110]);

    [Fact]
    public void Commune_scope_sees_every_village_of_its_communes() =>
        Visible(new Scope(ScopeLevel.Communes, [11])).ShouldBe([110, 111]);

    [Fact]
    public void District_scope_sees_every_village_of_the_district_and_none_of_another() =>
        Visible(new Scope(ScopeLevel.District, [1])).ShouldBe([100, 101, 110, 111]);

    [Fact]
    public void Empty_scope_sees_nothing() => Visible(Scope.None).ShouldBeEmpty();

    [Fact]
    public void InScope_composes_the_filter_through_a_navigation()
    {
        var households = Villages.Select((v, i) => new Household { Id = i + 1, VillageId = v.Id, Village = v }).AsQueryable();
        households.InScope(new Scope(ScopeLevel.Communes, [10]), h => h.Village!).Select(h => h.VillageId).ToArray().ShouldBe([100, 101]);
    }

    [Fact]
    public void Includes_checks_one_record_at_each_level()
    {
        new Scope(ScopeLevel.Villages, [100]).Includes(100, 10, 1).ShouldBeTrue();
        new Scope(ScopeLevel.Villages, [100]).Includes(101, 10, 1).ShouldBeFalse();
        new Scope(ScopeLevel.Communes, [20]).Includes(100, 10, 1).ShouldBeFalse();
        new Scope(ScopeLevel.District, [2]).Includes(200, 20, 2).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Communes:3,4", ScopeLevel.Communes, new[] { 3, 4 })]
    [InlineData("District:1", ScopeLevel.District, new[] { 1 })]
    [InlineData("Villages:", ScopeLevel.Villages, new int[0])]
    public void Serialised_scope_parses_back(string text, ScopeLevel level, int[] ids)
    {
        var scope = Scope.Parse(text);
        scope.Level.ShouldBe(level);
        scope.AreaIds.ShouldBe(ids);
        scope.Serialise().ShouldBe(text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Galaxy:1")]
    [InlineData("Communes:1,x")]
    [InlineData("Communes:-1")]
    [InlineData("nonsense")]
    public void Malformed_scope_text_means_no_access(string? text) => Scope.Parse(text).IsEmpty.ShouldBeTrue();

    [Fact]
    public void A_commune_scope_covers_its_villages_but_not_another_commune()
    {
        var commune = new Scope(ScopeLevel.Communes, [10]);
        commune.Covers(new Scope(ScopeLevel.Villages, [100, 101]), Villages).ShouldBeTrue();
        commune.Covers(new Scope(ScopeLevel.Villages, [100, 110]), Villages).ShouldBeFalse();
        commune.Covers(new Scope(ScopeLevel.District, [1]), Villages).ShouldBeFalse();
    }
}
