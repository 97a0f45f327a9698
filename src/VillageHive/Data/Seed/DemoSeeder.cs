using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Data.Seed;

/// <summary>Fills an empty database with the demo commune: geography, population and one user per role.</summary>
public sealed class DemoSeeder(HiveDbContext db, UserManager<HiveUser> users, RoleManager<IdentityRole> roles, HiveClock clock, ILogger<DemoSeeder> log)
{
    public static readonly string[] DemoUserNames =
    [
        "admin", "district.manager", "ouchar.ccwc", "ouchar.senior", "ouchar.vbsw1", "ouchar.vbsw2",
        "ouchar.member1", "ouchar.chief", "svaypao.ccwc", "svaypao.vbsw1", "researcher", "provider.healthcentre",
    ];

    /// <summary>Seeds when <c>Seed:Demo</c> is true and the database holds no geography yet.</summary>
    public static async Task SeedIfConfiguredAsync(IServiceProvider services, IConfiguration config)
    {
        if (!config.GetValue<bool>("Seed:Demo")) return;
        var password = config["Seed:DemoPassword"];
        if (string.IsNullOrWhiteSpace(password))
            throw new InvalidOperationException("Seed:Demo is true but Seed:DemoPassword is not set.");
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(password);
    }

    public async Task SeedAsync(string password)
    {
        await EnsureRolesAsync();
        if (await db.Provinces.AnyAsync()) return;
        var now = clock.UtcNow;
        var province = DemoGeography.Build();
        db.Provinces.Add(province);
        await db.SaveChangesAsync();

        var district = province.Districts[0];
        var ouChar = district.Communes.Single(c => c.Code == DemoGeography.OuCharCode);
        var svayPao = district.Communes.Single(c => c.Code == DemoGeography.SvayPaoCode);
        var households = DemoPopulation.Build(ouChar.Villages, perVillage: 55, seed: 2022, clock)
            .Concat(DemoPopulation.Build(svayPao.Villages, perVillage: 64, seed: 2023, clock))
            .ToList();
        db.Households.AddRange(households);
        var criteria = ScreeningScorer.DefaultVersion(now);
        db.ScreeningCriteriaVersions.Add(criteria);
        await db.SaveChangesAsync();

        var ouCharHouseholds = households.Where(h => ouChar.Villages.Any(v => v.Id == h.VillageId)).ToList();
        var svayPaoHouseholds = households.Where(h => svayPao.Villages.Any(v => v.Id == h.VillageId)).ToList();
        var referrals = DemoReferrals.Build(ouCharHouseholds, DemoReferrals.OuChar, criteria, "ouchar.member1", "ouchar.vbsw1", 64, clock)
            .Concat(DemoReferrals.Build(svayPaoHouseholds, DemoReferrals.SvayPao, criteria, "svaypao.vbsw1", "svaypao.vbsw1", 20, clock))
            .ToList();
        db.Referrals.AddRange(referrals);
        await db.SaveChangesAsync();
        var ouCharCases = DemoReferrals.CasesFor(referrals.Where(r => r.VillageId is var v && ouChar.Villages.Any(x => x.Id == v)), "ouchar.senior", clock);
        var svayPaoCases = DemoReferrals.CasesFor(referrals.Where(r => r.VillageId is var v && svayPao.Villages.Any(x => x.Id == v)), "svaypao.vbsw1", clock);
        db.Cases.AddRange(ouCharCases);
        db.Cases.AddRange(svayPaoCases);
        await db.SaveChangesAsync();
        DemoCases.Add(db, DemoCases.OuChar, ouCharCases, ouCharHouseholds, ouChar.Villages, seed: 2024, clock);
        DemoCases.Add(db, DemoCases.SvayPao, svayPaoCases, svayPaoHouseholds, svayPao.Villages, seed: 2025, clock);
        await db.SaveChangesAsync();
        await DemoCommunity.SeedAsync(db, ouChar, clock);
        db.ChangeTracker.Clear();
        await DemoOutcomes.SeedAsync(db, ouChar.Id, clock);
        db.ChangeTracker.Clear();
        await DemoCare.SeedAsync(db, ouChar.Id, DemoCare.OuChar, clock);
        await DemoCare.SeedAsync(db, svayPao.Id, DemoCare.SvayPao, clock);
        db.ChangeTracker.Clear();
        await DemoStudy.SeedAsync(db, ouChar.Id, clock);
        await DemoStudyToday.SeedAsync(db, clock);

        await CreateDemoUsersAsync(password);
        await DemoServices.SeedAsync(db, ouChar, svayPao, clock);
        await DemoHistory.SeedAsync(db, DemoHistory.OuChar, criteria, clock);
        await DemoHistory.SeedAsync(db, DemoHistory.SvayPao, criteria, clock);
        await DemoWorkforce.SeedAsync(db, ouChar, svayPao, clock);
        await DemoConsultations.SeedAsync(db, ouChar, clock);
        log.LogInformation("Seeded the demo commune: {Households} households, {Users} users", households.Count, DemoUserNames.Length);
    }

    /// <summary>
    /// One user per role, scoped to the demo district, Ou Char and Svay Pao as found in the database (the demo's
    /// or a synthetic population's: <c>seed --scale</c> uses the same users so that benchmarks sign in as them).
    /// </summary>
    public async Task CreateDemoUsersAsync(string password)
    {
        var district = await db.Districts.Where(d => d.Code == DemoGeography.DistrictCode).Select(d => d.Id).SingleAsync();
        var ouChar = await CommuneAsync(DemoGeography.OuCharCode);
        var svayPao = await CommuneAsync(DemoGeography.SvayPaoCode);
        var ou = ouChar.Villages;
        var sp = svayPao.Villages;
        await CreateAsync("admin", "Administrator", Roles.Administrator, ScopeLevel.District, [district], password);
        await CreateAsync("district.manager", "District manager", Roles.DistrictManager, ScopeLevel.District, [district], password);
        await CreateAsync("ouchar.ccwc", "ម៉ៅ សុភា (CCWC Ou Char)", Roles.Ccwc, ScopeLevel.Communes, [ouChar.Id], password);
        await CreateAsync("ouchar.senior", "ហេង ចន្ធី (Senior SW Ou Char)", Roles.SeniorSocialWorker, ScopeLevel.Communes, [ouChar.Id], password);
        await CreateAsync("ouchar.vbsw1", "សុខ ស្រីមុំ (VBSW Ou Char)", Roles.VillageSocialWorker, ScopeLevel.Villages, ou.Take(3).ToList(), password);
        await CreateAsync("ouchar.vbsw2", "ចាន់ វិសាល (VBSW Ou Char)", Roles.VillageSocialWorker, ScopeLevel.Villages, ou.Skip(3).ToList(), password);
        await CreateAsync("ouchar.member1", "កែវ បុប្ផា (Community network)", Roles.CommunityNetworkMember, ScopeLevel.Villages, [ou[0]], password);
        await CreateAsync("ouchar.chief", "ប្រាក់ សុវណ្ណ (Commune chief Ou Char)", Roles.CommuneOfficial, ScopeLevel.Communes, [ouChar.Id], password);
        await CreateAsync("svaypao.ccwc", "គង់ ធីតា (CCWC Svay Pao)", Roles.Ccwc, ScopeLevel.Communes, [svayPao.Id], password);
        await CreateAsync("svaypao.vbsw1", "ឡុង រិទ្ធី (VBSW Svay Pao)", Roles.VillageSocialWorker, ScopeLevel.Villages, sp.Take(3).ToList(), password);
        await CreateAsync("researcher", "Researcher", Roles.Researcher, ScopeLevel.District, [district], password);
        await CreateAsync("provider.healthcentre", "Health centre", Roles.ServiceProvider, ScopeLevel.Communes, [ouChar.Id, svayPao.Id], password);
    }

    private async Task<(int Id, List<int> Villages)> CommuneAsync(string code)
    {
        var commune = await db.Communes.Where(c => c.Code == code)
            .Select(c => new { c.Id, Villages = c.Villages.OrderBy(v => v.Code).Select(v => v.Id).ToList() })
            .SingleAsync();
        return (commune.Id, commune.Villages);
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));
        }
    }

    private async Task CreateAsync(string userName, string displayName, string role, ScopeLevel level, List<int> areas, string password)
    {
        var user = new HiveUser
        {
            UserName = userName,
            DisplayName = displayName,
            ScopeLevel = level,
            ScopeAreaIds = areas,
            EmailConfirmed = true,
        };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
