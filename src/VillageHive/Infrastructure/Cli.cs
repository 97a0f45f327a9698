using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Data.Import;
using VillageHive.Data.Scale;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Infrastructure;

/// <summary>The same executable's commands: migrate, seed, create-admin, verify-audit, import households, import gazetteer, backup, restore, api-client create.</summary>
public static class Cli
{
    private static readonly string[] Commands = ["migrate", "seed", "create-admin", "verify-audit", "import", "backup", "restore", "api-client"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = new Option<string?>("--provider") { Description = "Sqlite or Postgres (default: Database:Provider)" };
        var connection = new Option<string?>("--connection") { Description = "Connection string (default: ConnectionStrings:Hive)" };

        var script = new Option<string?>("--script")
        {
            Description = "Write the SQL of the pending migrations (to FILE, or standard output) instead of applying them",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var migrate = new Command("migrate", "Apply the database migrations of the configured provider.") { provider, connection, script };
        migrate.SetAction(async (r, ct) =>
        {
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            if (r.GetResult(script) is not null)
                return await Backup.Upgrade.WriteScriptAsync(app.Services, r.GetValue(script), ct);
            var refused = await Backup.Upgrade.RefuseNewerAsync(app.Services, ct);
            if (refused is not null)
            {
                await Console.Error.WriteLineAsync(refused);
                return 3;
            }
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

        var root = new RootCommand("Village Hive") { migrate, seed, createAdmin, verifyAudit, ImportCommand(provider, connection), BackupCommand(provider, connection), RestoreCommand(provider, connection), ApiClientCommand(provider, connection) };
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>
    /// `import households FILE [--commune CODE] [--dry-run]`: the same checks and the same one transaction as
    /// /Admin/Import, run as the system for the whole installation (the commune, when given, limits the villages).
    /// </summary>
    private static Command ImportCommand(Option<string?> provider, Option<string?> connection)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV (UTF-8) or XLSX, one row a person" };
        var commune = new Option<string?>("--commune") { Description = "Code of the commune whose villages the file names (6 digits)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check and report every row; save nothing" };
        var households = new Command("households", "Import households and persons; a file imported again changes nothing.") { file, commune, dryRun, provider, connection };
        households.SetAction(async (r, ct) =>
        {
            var path = r.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"No such file: {path.FullName}");
                return 2;
            }
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<HiveDbContext>();
            var code = r.GetValue(commune);
            if (code is not null && !db.Communes.Any(c => c.Code == code))
            {
                await Console.Error.WriteLineAsync($"No commune has the code {code}.");
                return 2;
            }
            ImportSheet? sheet;
            await using (var stream = path.OpenRead()) sheet = ImportFileReader.Read(stream, path.Name);
            if (sheet is null)
            {
                await Console.Error.WriteLineAsync("The file cannot be read: use CSV (UTF-8) or XLSX with a header row.");
                return 2;
            }
            var saved = db.ImportMappings.AsNoTracking().Where(m => m.Kind == HouseholdImporter.Kind).Select(m => m.Columns).FirstOrDefault();
            var columns = ImportColumns.Map(sheet.Headers, ImportColumns.ParseSaved(saved));
            var everywhere = new Scope(ScopeLevel.District, [.. db.Districts.Select(d => d.Id)]);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var report = await sp.GetRequiredService<HouseholdImporter>().RunAsync(sheet, columns, everywhere, code, save: !r.GetValue(dryRun), ct);
            // The console speaks English; the page speaks the user's language.
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var text = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
            foreach (var e in report.Errors.Take(200))
                Console.WriteLine($"row {e.Row}, {e.Column}: {text[e.MessageKey]}");
            if (report.Errors.Count > 200) Console.WriteLine($"... and {report.Errors.Count - 200} more errors.");
            foreach (var d in report.Duplicates.Take(50))
                Console.WriteLine($"row {d.Row}: {d.Name} may be {d.RegisteredName} (person {d.RegisteredPersonId}, {d.Percent}%)");
            Console.WriteLine($"{sheet.Rows.Count} rows: {report.Count(ImportOutcome.New)} new, {report.Count(ImportOutcome.Updated)} updated, " +
                $"{report.Count(ImportOutcome.Unchanged)} unchanged, {report.Count(ImportOutcome.Error)} with errors; " +
                $"{report.Duplicates.Count} possible duplicates. {(report.Saved ? "Saved" : "Nothing saved")} in {started.Elapsed.TotalSeconds:0.0} s.");
            return report.Errors.Count > 0 ? 1 : 0;
        });
        return new Command("import", "Import records from a file.") { households, GazetteerCommand(provider, connection) };
    }

    /// <summary>`import gazetteer FILE [--dry-run]`: the preview and the one transaction of /Admin/Geography/Import.</summary>
    private static Command GazetteerCommand(Option<string?> provider, Option<string?> connection)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV (UTF-8) or XLSX with a code, a Khmer name and a Latin name a row" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change; save nothing" };
        var gazetteer = new Command("gazetteer", "Import the official gazetteer: new villages, new names, places gone.") { file, dryRun, provider, connection };
        gazetteer.SetAction(async (r, ct) =>
        {
            var path = r.GetValue(file)!;
            ImportSheet? sheet = null;
            if (path.Exists)
                await using (var stream = path.OpenRead()) sheet = ImportFileReader.Read(stream, path.Name);
            if (sheet is null)
            {
                await Console.Error.WriteLineAsync($"Cannot read {path.FullName}: use CSV (UTF-8) or XLSX with a header row.");
                return 2;
            }
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var report = await sp.GetRequiredService<GazetteerImporter>().RunAsync(sheet, save: !r.GetValue(dryRun), ct);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var text = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
            foreach (var e in report.Errors.Take(200))
                Console.WriteLine($"row {e.Row}, {e.Column}: {text[e.MessageKey]}");
            foreach (var p in report.Changes)
                Console.WriteLine($"{p.Change,-10} {p.Code} {p.NameKm} / {p.NameEn}{(p.OldNameKm is null ? "" : $" (was {p.OldNameKm} / {p.OldNameEn})")}");
            Console.WriteLine($"{report.Plan.Count(GazetteerChange.New)} new, {report.Plan.Count(GazetteerChange.Renamed)} renamed, " +
                $"{report.Plan.Count(GazetteerChange.Gone)} removed, {report.Plan.Count(GazetteerChange.KeptInUse)} kept (in use), " +
                $"{report.Plan.Count(GazetteerChange.Unchanged)} unchanged, {report.Plan.Count(GazetteerChange.Outside)} outside; " +
                $"{report.Errors.Count} errors. {(report.Saved ? "Saved" : "Nothing saved")}.");
            return report.Errors.Count > 0 ? 1 : 0;
        });
        return gazetteer;
    }

    /// <summary>`backup [--to DIR]` takes a backup; `backup --verify FILE` restores one into a scratch database and checks it.</summary>
    private static Command BackupCommand(Option<string?> provider, Option<string?> connection)
    {
        var to = new Option<DirectoryInfo?>("--to") { Description = "Folder to write the backup to (default: Backup:Directory)" };
        var verify = new Option<FileInfo?>("--verify") { Description = "Verify this backup instead of taking one: restore it into a temporary database, check the audit chain and the row counts" };
        var backup = new Command("backup", "Take a consistent backup of the database while the app serves (a .hivebackup file with a manifest).") { to, verify, provider, connection };
        backup.SetAction(async (r, ct) =>
        {
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            var database = app.Services.GetRequiredService<HiveDatabase>();
            if (r.GetValue(verify) is { } file)
            {
                Console.WriteLine($"Verifying {file.FullName} ...");
                var check = await Backup.Backups.VerifyAsync(file.FullName, database, ct);
                if (file.Exists)
                {
                    try { Backup.BackupStore.Record(file.FullName, check, app.Services.GetRequiredService<HiveClock>().UtcNow); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* a read-only copy is verified all the same */ }
                }
                if (!check.Ok)
                {
                    Console.WriteLine($"Backup verification FAILED: {check.Problem}");
                    return 1;
                }
                var m = check.Manifest!;
                Console.WriteLine($"Backup verified: made {m.CreatedUtc:u} by Village Hive {m.AppVersion}, schema {m.SchemaVersion}; " +
                    $"restored into a temporary database, audit chain intact ({check.AuditEntries} entries), row counts of {m.RowCounts.Count} tables match the manifest" +
                    (m.Attachments is { } a ? $", {a.Count} attachments match their checksums." : "."));
                return 0;
            }
            var directory = r.GetValue(to)?.FullName ?? app.Services.GetRequiredService<Backup.BackupSettings>().Directory;
            try
            {
                var made = await Backup.Backups.CreateAsync(database, directory, app.Services.GetRequiredService<HiveClock>().UtcNow,
                    app.Services.GetRequiredService<Attachments.IAttachmentStore>(), ct);
                var manifest = Backup.Backups.ReadManifest(made)!;
                Console.WriteLine($"Backup written: {made} ({new FileInfo(made).Length / 1024} KiB, schema {manifest.SchemaVersion}, " +
                    $"{manifest.RowCounts.Values.Sum()} rows in {manifest.RowCounts.Count} tables). Check it with: backup --verify {made}");
                return 0;
            }
            catch (Backup.BackupException e)
            {
                await Console.Error.WriteLineAsync($"Backup failed: {e.Message}");
                return 1;
            }
        });
        return backup;
    }

    /// <summary>`restore FILE`: into an empty database only, refusing a damaged backup or one newer than the app.</summary>
    private static Command RestoreCommand(Option<string?> provider, Option<string?> connection)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A .hivebackup file made by `backup`" };
        var restore = new Command("restore", "Restore a backup into an empty database (a new SQLite file, or a PostgreSQL database without tables).") { file, provider, connection };
        restore.SetAction(async (r, ct) =>
        {
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            var path = r.GetValue(file)!.FullName;
            try
            {
                var m = await Backup.Backups.RestoreAsync(path, app.Services.GetRequiredService<HiveDatabase>(),
                    app.Services.GetRequiredService<Attachments.IAttachmentStore>(), ct);
                Console.WriteLine($"Restored {path}: made {m.CreatedUtc:u} by Village Hive {m.AppVersion}, schema {m.SchemaVersion}, " +
                    $"{m.RowCounts.Values.Sum()} rows. The app applies any newer migrations when it starts.");
                return 0;
            }
            catch (Backup.BackupException e)
            {
                await Console.Error.WriteLineAsync($"Restore refused: {e.Message}");
                return 1;
            }
        });
        return restore;
    }

    /// <summary>
    /// `api-client create NAME --role ROLE --area CODE...`: a client of the API with a role and an area, like a user. The
    /// client id and the secret are printed once, each on a line of its own; only the secret's hash is kept.
    /// </summary>
    private static Command ApiClientCommand(Option<string?> provider, Option<string?> connection)
    {
        var name = new Argument<string>("NAME") { Description = "The client's name, as the audit log will show it (api:NAME)" };
        var role = new Option<string>("--role") { Description = "A role, e.g. SeniorSocialWorker", Required = true };
        var area = new Option<string[]>("--area") { Description = "Gazetteer codes of its villages, communes or district (one level)", Required = true, AllowMultipleArgumentsPerToken = true };
        var organisation = new Option<string?>("--organisation") { Description = "For a ServiceProvider client: the name of its organisation" };
        var create = new Command("create", "Create an API client and print its id and secret once.") { name, role, area, organisation, provider, connection };
        create.SetAction(async (r, ct) =>
        {
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var made = await Api.ApiClientStore.CreateAsync(sp.GetRequiredService<HiveDbContext>(), r.GetValue(name)!, r.GetValue(role)!,
                r.GetValue(area) ?? [], r.GetValue(organisation), "system", sp.GetRequiredService<HiveClock>().UtcNow, ct);
            if (made.Client is null)
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
                await Console.Error.WriteLineAsync(sp.GetRequiredService<IStringLocalizer<SharedResource>>()[made.ErrorKey!]);
                return 2;
            }
            Console.WriteLine($"client_id: {made.Client.ClientId}");
            Console.WriteLine($"client_secret: {made.Secret}");
            return 0;
        });
        var keyClient = new Argument<string>("NAME") { Description = "The API client's name" };
        var publicKey = new Option<string>("--public-key") { Description = "Its Ed25519 public key: the raw 32 bytes, base64", Required = true };
        var keyId = new Option<string?>("--key-id") { Description = "The key id its signatures name (default: the first 16 hex digits of the key's SHA-256)" };
        var dciKey = new Command("dci-key", "Register a DCI client's signing key (docs/interop.md).") { keyClient, publicKey, keyId, provider, connection };
        dciKey.SetAction(async (r, ct) =>
        {
            await using var app = BuildFor(r.GetValue(provider), r.GetValue(connection));
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var error = await Dci.DciSenderKeyStore.AddAsync(sp.GetRequiredService<HiveDbContext>(), r.GetValue(keyClient)!, r.GetValue(publicKey)!,
                r.GetValue(keyId), sp.GetRequiredService<HiveClock>().UtcNow, ct);
            if (error is not null)
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
                await Console.Error.WriteLineAsync(sp.GetRequiredService<IStringLocalizer<SharedResource>>()[error]);
                return 2;
            }
            Console.WriteLine("key registered");
            return 0;
        });
        return new Command("api-client", "Clients of the API (other systems).") { create, dciKey };
    }

    private static WebApplication BuildFor(string? provider, string? connection)
    {
        var config = new List<string>();
        if (provider is not null) config.Add($"--Database:Provider={provider}");
        if (connection is not null) config.Add($"--ConnectionStrings:Hive={connection}");
        return HiveHost.Build([.. config]);
    }
}
