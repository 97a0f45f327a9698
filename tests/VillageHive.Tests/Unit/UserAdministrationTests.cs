using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class UserAdministrationTests
{
    // District 1 has communes 10 (villages 100, 101) and 11 (villages 110, 111); district 2 has commune 20 (village 200).
    private static readonly List<Village> Villages =
    [
        V(100, 10, 1), V(101, 10, 1), V(110, 11, 1), V(111, 11, 1), V(200, 20, 2),
    ];

    private static Village V(int id, int commune, int district) => new()
    {
        Id = id, CommuneId = commune, Code = id.ToString(), NameKm = "ភូមិ", NameEn = "Village",
        Commune = new Commune { Id = commune, DistrictId = district, Code = commune.ToString(), NameKm = "ឃុំ", NameEn = "Commune" },
    };

    private static readonly UserAdministrator Admin = new("admin", [Roles.Administrator], new Scope(ScopeLevel.District, [1]));
    private static readonly UserAdministrator Ccwc = new("ccwc", [Roles.Ccwc], new Scope(ScopeLevel.Communes, [10]));

    private static Scope Villages_(params int[] ids) => new(ScopeLevel.Villages, ids);

    private static Scope Commune(params int[] ids) => new(ScopeLevel.Communes, ids);

    [Fact]
    public void Roles_rank_from_administrator_down()
    {
        UserAdministration.Rank(Roles.Administrator).ShouldBeGreaterThan(UserAdministration.Rank(Roles.DistrictManager));
        UserAdministration.Rank(Roles.DistrictManager).ShouldBeGreaterThan(UserAdministration.Rank(Roles.Ccwc));
        UserAdministration.Rank(Roles.Ccwc).ShouldBeGreaterThan(UserAdministration.Rank(Roles.SeniorSocialWorker));
        UserAdministration.Rank(Roles.SeniorSocialWorker).ShouldBeGreaterThan(UserAdministration.Rank(Roles.VillageSocialWorker));
        UserAdministration.Rank(Roles.VillageSocialWorker).ShouldBe(UserAdministration.Rank(Roles.CommuneOfficial));
        UserAdministration.Rank("Nonsense").ShouldBeLessThan(0);
    }

    [Fact]
    public void An_administrator_may_grant_every_role() =>
        UserAdministration.GrantableRoles([Roles.Administrator]).ShouldBe(Roles.All);

    [Theory]
    [InlineData(Roles.SeniorSocialWorker, true)]
    [InlineData(Roles.VillageSocialWorker, true)]
    [InlineData(Roles.CommunityNetworkMember, true)]
    [InlineData(Roles.CommuneOfficial, true)]
    [InlineData(Roles.ServiceProvider, true)]
    [InlineData(Roles.Administrator, false)]
    [InlineData(Roles.DistrictManager, false)]
    [InlineData(Roles.Ccwc, false)]
    [InlineData(Roles.Researcher, false)]
    public void A_CCWC_grants_only_the_communes_working_roles(string role, bool allowed) =>
        UserAdministration.CanGrant([Roles.Ccwc], role).ShouldBe(allowed);

    [Theory]
    [InlineData(Roles.DistrictManager)]
    [InlineData(Roles.SeniorSocialWorker)]
    [InlineData(Roles.VillageSocialWorker)]
    [InlineData(Roles.CommunityNetworkMember)]
    [InlineData(Roles.CommuneOfficial)]
    [InlineData(Roles.ServiceProvider)]
    [InlineData(Roles.Researcher)]
    public void Other_roles_grant_nothing(string role)
    {
        UserAdministration.GrantableRoles([role]).ShouldBeEmpty();
        UserAdministration.ManagesUsers([role]).ShouldBeFalse();
    }

    [Fact]
    public void Only_administrators_and_CCWC_manage_users()
    {
        UserAdministration.ManagesUsers([Roles.Administrator]).ShouldBeTrue();
        UserAdministration.ManagesUsers([Roles.Ccwc]).ShouldBeTrue();
        UserAdministration.ManagesUsers([]).ShouldBeFalse();
    }

    [Fact]
    public void Areas_within_a_commune_scope_are_its_villages_and_the_commune_but_not_the_district()
    {
        var within = UserAdministration.Within(Commune(10), Villages);
        within.VillageIds.ShouldBe([100, 101], ignoreOrder: true);
        within.CommuneIds.ShouldBe([10]);
        within.DistrictIds.ShouldBeEmpty();
        within.For(ScopeLevel.Villages).ShouldBe(within.VillageIds);
    }

    [Fact]
    public void Areas_within_some_villages_include_no_commune_they_only_partly_cover()
    {
        var within = UserAdministration.Within(Villages_(100, 101, 110), Villages);
        within.CommuneIds.ShouldBe([10]);
        within.DistrictIds.ShouldBeEmpty();
    }

    [Fact]
    public void Areas_within_a_district_are_all_its_communes()
    {
        var within = UserAdministration.Within(new Scope(ScopeLevel.District, [1]), Villages);
        within.CommuneIds.ShouldBe([10, 11], ignoreOrder: true);
        within.DistrictIds.ShouldBe([1]);
        within.VillageIds.ShouldNotContain(200);
    }

    [Fact]
    public void A_CCWC_creates_a_village_worker_in_its_commune() =>
        UserAdministration.Check(Ccwc, null, new ManagedUser(null, Roles.VillageSocialWorker, Villages_(100, 101), true), Villages).ShouldBeEmpty();

    [Fact]
    public void A_CCWC_may_give_its_whole_commune() =>
        UserAdministration.Check(Ccwc, null, new ManagedUser(null, Roles.SeniorSocialWorker, Commune(10), true), Villages).ShouldBeEmpty();

    [Fact]
    public void A_CCWC_cannot_give_a_village_of_another_commune() =>
        UserAdministration.Check(Ccwc, null, new ManagedUser(null, Roles.VillageSocialWorker, Villages_(100, 110), true), Villages)
            .ShouldBe([UserRuleBreach.ScopeNotCovered]);

    [Fact]
    public void A_CCWC_cannot_give_another_commune_or_the_district()
    {
        UserAdministration.Check(Ccwc, null, new ManagedUser(null, Roles.CommuneOfficial, Commune(11), true), Villages).ShouldBe([UserRuleBreach.ScopeNotCovered]);
        UserAdministration.Check(Ccwc, null, new ManagedUser(null, Roles.CommuneOfficial, new Scope(ScopeLevel.District, [1]), true), Villages).ShouldBe([UserRuleBreach.ScopeNotCovered]);
    }

    [Fact]
    public void A_CCWC_cannot_create_an_administrator_even_in_its_commune() =>
        UserAdministration.Check(Ccwc, null, new ManagedUser(null, Roles.Administrator, Villages_(100), true), Villages)
            .ShouldBe([UserRuleBreach.RoleNotGrantable]);

    [Fact]
    public void Every_broken_rule_is_reported_at_once() =>
        UserAdministration.Check(Ccwc, null, new ManagedUser(null, Roles.Researcher, Villages_(200), true), Villages)
            .ShouldBe([UserRuleBreach.RoleNotGrantable, UserRuleBreach.ScopeNotCovered]);

    [Fact]
    public void A_user_needs_at_least_one_area()
    {
        UserAdministration.Check(Admin, null, new ManagedUser(null, Roles.VillageSocialWorker, Villages_(), true), Villages).ShouldBe([UserRuleBreach.NoArea]);
        UserAdministration.Check(Ccwc, null, new ManagedUser(null, Roles.VillageSocialWorker, Commune(), true), Villages).ShouldBe([UserRuleBreach.NoArea]);
    }

    [Fact]
    public void An_administrator_grants_any_role_within_its_scope_but_not_beyond()
    {
        UserAdministration.Check(Admin, null, new ManagedUser(null, Roles.Administrator, new Scope(ScopeLevel.District, [1]), true), Villages).ShouldBeEmpty();
        UserAdministration.Check(Admin, null, new ManagedUser(null, Roles.Researcher, new Scope(ScopeLevel.District, [2]), true), Villages)
            .ShouldBe([UserRuleBreach.ScopeNotCovered]);
    }

    [Fact]
    public void An_unchanged_scope_is_not_rechecked_so_a_name_can_be_fixed()
    {
        var before = new ManagedUser("u1", Roles.Researcher, new Scope(ScopeLevel.District, [1, 2]), true);
        UserAdministration.Check(Admin, before, before with { Scope = new Scope(ScopeLevel.District, [2, 1]) }, Villages).ShouldBeEmpty();
    }

    [Fact]
    public void Nobody_changes_their_own_role_scope_or_deactivates_themselves()
    {
        var me = new ManagedUser(Admin.Id, Roles.Administrator, new Scope(ScopeLevel.District, [1]), true);
        UserAdministration.Check(Admin, me, me, Villages).ShouldBeEmpty();
        UserAdministration.Check(Admin, me, me with { Role = Roles.VillageSocialWorker }, Villages).ShouldBe([UserRuleBreach.OwnRole]);
        UserAdministration.Check(Admin, me, me with { Scope = Commune(10) }, Villages).ShouldBe([UserRuleBreach.OwnScope]);
        UserAdministration.Check(Admin, me, me with { IsActive = false }, Villages).ShouldBe([UserRuleBreach.OwnDeactivation]);
        UserAdministration.MayDeactivate(Admin, Admin.Id).ShouldBeFalse();
        UserAdministration.MayDeactivate(Admin, "someone else").ShouldBeTrue();
    }

    [Fact]
    public void An_administrator_changes_another_administrators_role() =>
        UserAdministration.Check(Admin, new ManagedUser("other", Roles.Administrator, new Scope(ScopeLevel.District, [1]), true),
            new ManagedUser("other", Roles.DistrictManager, new Scope(ScopeLevel.District, [1]), true), Villages).ShouldBeEmpty();

    [Theory]
    [InlineData(Roles.VillageSocialWorker, true)]
    [InlineData(Roles.SeniorSocialWorker, true)]
    [InlineData(Roles.Administrator, false)]
    [InlineData(Roles.Ccwc, false)]
    [InlineData(Roles.Researcher, false)]
    public void A_CCWC_manages_only_users_of_roles_it_may_grant(string role, bool expected) =>
        UserAdministration.MayManage(Ccwc, [role], Villages_(100), Villages).ShouldBe(expected);

    [Fact]
    public void A_CCWC_manages_only_users_wholly_inside_its_commune()
    {
        UserAdministration.MayManage(Ccwc, [Roles.VillageSocialWorker], Villages_(100, 101), Villages).ShouldBeTrue();
        UserAdministration.MayManage(Ccwc, [Roles.VillageSocialWorker], Villages_(101, 110), Villages).ShouldBeFalse();
        UserAdministration.MayManage(Ccwc, [Roles.ServiceProvider], Commune(10, 11), Villages).ShouldBeFalse();
        UserAdministration.MayManage(Ccwc, [Roles.VillageSocialWorker], Villages_(), Villages).ShouldBeFalse();
    }

    [Fact]
    public void A_CCWC_does_not_manage_itself_nor_a_peer()
    {
        UserAdministration.MayManage(Ccwc, [Roles.Ccwc], Commune(10), Villages).ShouldBeFalse();
    }

    [Fact]
    public void An_administrator_manages_anyone_and_others_nobody()
    {
        UserAdministration.MayManage(Admin, [Roles.Administrator], new Scope(ScopeLevel.District, [2]), Villages).ShouldBeTrue();
        UserAdministration.MayManage(Admin, [], Scope.None, Villages).ShouldBeTrue();
        var manager = new UserAdministrator("dm", [Roles.DistrictManager], new Scope(ScopeLevel.District, [1]));
        UserAdministration.MayManage(manager, [Roles.VillageSocialWorker], Villages_(100), Villages).ShouldBeFalse();
    }

    [Fact]
    public void Only_an_administrator_resets_two_factor()
    {
        UserAdministration.MayResetTwoFactor(Admin).ShouldBeTrue();
        UserAdministration.MayResetTwoFactor(Ccwc).ShouldBeFalse();
    }

    [Fact]
    public void The_areas_within_agree_with_Covers()
    {
        // The list filters in SQL with Within; single users are checked with Covers: the two must not disagree.
        Scope[] scopes = [Commune(10), Villages_(100, 101, 110), new Scope(ScopeLevel.District, [1]), Commune(10, 11)];
        Scope[] targets = [Villages_(100), Villages_(110, 111), Commune(10), Commune(11), Commune(10, 11), new Scope(ScopeLevel.District, [1]), new Scope(ScopeLevel.District, [2])];
        foreach (var scope in scopes)
        {
            var within = UserAdministration.Within(scope, Villages);
            foreach (var target in targets)
                target.AreaIds.All(within.For(target.Level).Contains).ShouldBe(scope.Covers(target, Villages), $"{scope.Serialise()} / {target.Serialise()}");
        }
    }
}
