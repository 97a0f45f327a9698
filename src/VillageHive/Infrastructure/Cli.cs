using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using VillageHive.Data;
using VillageHive.Data.Scale;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Infrastructure;

/// <summary>The same executable's commands: migrate, seed, create-admin.</summary>
public static class Cli
{
    private static readonly string[] Commands = ["migrate", "seed", "create-admin", "verify-audit"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = new Option<string?>("--provider") { Description = "Sqlite or Postgres (default: Database:Provider)" };
        var connection = new Option<string?>("--connection") { Description = "Connection string (default: ConnectionStrings:Hive)" };

        var migrate = new Command("migrate", "Apply the database migrations of the configured provider.") { provider, connection };
        migrate.SetAction(async (r, _) =>
        {
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            await DatabaseSetup.MigrateAsync(app.Services);
            Console.WriteLine($"Migrated the {DatabaseSetup.Provider(app.Configuration)} database.");
            return 0;
        });

        var demoPassword = new Option<string?>("--demo-password") { Description = "Password of the demo users (default: Seed:DemoPassword)" };
        var scale = new Option<ScaleLevel?>("--scale") { Description = "Synthetic population instead of the demo: Commune, District or National" };
        var seedNumber = new Option<int>("--seed") { Description = "Random seed of the synthetic population (same seed and day, same data)", DefaultValueFactory = _ => 1 };
        var households = new Option<int?>("--households") { Description = "Total households instead of the scale's (small test databases)" };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The day the five years of history end (default: today)" };
        var seed = new Command("seed", "Fill an empty database with the demo commune, or with --scale a synthetic population (geography, population, cases, demo users).")
            { provider, connection, demoPassword, scale, seedNumber, households, asOf };
        seed.SetAction(async (r, _) =>
        {
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            var password = r.GetValue(demoPassword) ?? app.Configuration["Seed:DemoPassword"];
            if (string.IsNullOrWhiteSpace(password))
            {
                await Console.Error.WriteLineAsync("Give --demo-password or set Seed:DemoPassword.");
                return 2;
            }
            await DatabaseSetup.MigrateAsync(app.Services);
            await using var scope = app.Services.CreateAsyncScope();
            if (r.GetValue(scale) is { } level)
            {
                var clock = app.Services.GetRequiredService<HiveClock>();
                var day = r.GetValue(asOf) ?? clock.Today;
                // Noon in the commune on that day: the history ends on the day asked for, in any server zone.
                var plan = ScalePlan.For(level, r.GetValue(seedNumber), clock.StartOfDayUtc(day).AddHours(12), r.GetValue(households));
                await scope.ServiceProvider.GetRequiredService<ScaleSeeder>().SeedAsync(plan, password, Console.Out);
                return 0;
            }
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(password);
            Console.WriteLine("Seeded the demo data (skipped if the database already had geography).");
            return 0;
        });

        var user = new Option<string>("--user") { Description = "User name of the administrator", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name" };
        var password = new Option<string?>("--password") { Description = "Password (read from standard input when absent)" };
        var createAdmin = new Command("create-admin", "Create the first administrator, with the whole of every district as scope.") { provider, connection, user, name, password };
        createAdmin.SetAction(async (r, _) =>
        {
            var secret = r.GetValue(password) ?? Console.In.ReadLine();
            if (string.IsNullOrWhiteSpace(secret))
            {
                await Console.Error.WriteLineAsync("A password is required (--password or one line on standard input).");
                return 2;
            }
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            await sp.GetRequiredService<DemoSeeder>().EnsureRolesAsync();
            var db = sp.GetRequiredService<HiveDbContext>();
            var districts = db.Districts.Select(d => d.Id).ToList();
            var admin = new HiveUser
            {
                UserName = r.GetValue(user),
                DisplayName = r.GetValue(name) ?? r.GetValue(user)!,
                ScopeLevel = ScopeLevel.District,
                ScopeAreaIds = districts,
            };
            var users = sp.GetRequiredService<UserManager<HiveUser>>();
            var created = await users.CreateAsync(admin, secret);
            if (!created.Succeeded)
            {
                foreach (var e in created.Errors) await Console.Error.WriteLineAsync(e.Description);
                return 1;
            }
            await users.AddToRoleAsync(admin, Roles.Administrator);
            Console.WriteLine($"Created administrator '{admin.UserName}' for {districts.Count} district(s).");
            return 0;
        });

        var verifyAudit = new Command("verify-audit", "Check the audit log's hash chain; report the first entry where it breaks.") { provider, connection };
        verifyAudit.SetAction(async (r, ct) =>
        {
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            await using var scope = app.Services.CreateAsyncScope();
            var result = await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<HiveDbContext>(), ct);
            if (result.BrokenAtId is { } id)
            {
                Console.WriteLine($"Audit chain BROKEN at entry {id}: {result.Problem}. {result.Entries} entries before it are intact.");
                return 1;
            }
            Console.WriteLine($"Audit chain intact: {result.Entries} entries.");
            return 0;
        });

        var root = new RootCommand("Village Hive") { migrate, seed, createAdmin, verifyAudit };
        return await root.Parse(args).InvokeAsync();
    }

    private static WebApplication BuildFor(string? provider, string? connection)
    {
        var config = new List<string>();
        if (provider is not null) config.Add($"--Database:Provider={provider}");
        if (connection is not null) config.Add($"--ConnectionStrings:Hive={connection}");
        return HiveHost.Build([.. config]);
    }
}
