using NetArchTest.Rules;

namespace VillageHive.Tests.Architecture;

/// <summary>
/// What may use what (docs/architecture.md): features use the domain, data and infrastructure; infrastructure never
/// reaches up into a feature (the composition root that wires the features in aside); the domain is plain C#, with no
/// feature, no EF Core and no ASP.NET Core in it, so its rules run in a unit test without a host.
/// </summary>
public sealed class LayerTests
{
    private static readonly System.Reflection.Assembly App = typeof(VillageHive.Domain.HiveClock).Assembly;

    [Fact]
    public void Infrastructure_does_not_use_features_but_for_the_composition_root()
    {
        var result = Types.InAssembly(App).That().ResideInNamespace("VillageHive.Infrastructure")
            .And().DoNotHaveName(nameof(VillageHive.Infrastructure.HiveHost))
            .ShouldNot().HaveDependencyOn("VillageHive.Features").GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void The_domain_uses_no_feature_no_EF_Core_and_no_ASP_NET_Core()
    {
        var result = Types.InAssembly(App).That().ResideInNamespace("VillageHive.Domain")
            .ShouldNot().HaveDependencyOnAny("VillageHive.Features", "VillageHive.Infrastructure", "VillageHive.Data",
                "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore")
            .GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void The_rule_sees_a_dependency_where_there_is_one()
    {
        // Features do use the domain and EF Core: a rule that reported nothing here would be checking nothing.
        Types.InAssembly(App).That().ResideInNamespace("VillageHive.Features.Cases")
            .ShouldNot().HaveDependencyOn("Microsoft.EntityFrameworkCore").GetResult().IsSuccessful.ShouldBeFalse();
        Types.InAssembly(App).That().ResideInNamespace("VillageHive.Infrastructure")
            .ShouldNot().HaveDependencyOn("VillageHive.Features").GetResult().FailingTypeNames
            .ShouldContain(typeof(VillageHive.Infrastructure.HiveHost).FullName!, "the composition root wires the features in");
    }
}
