using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Data;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;
using VillageHive.Infrastructure.Backup;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Safe upgrades (issue 20 part 3). The previous-release database is SQLite (a commune laptop's case); the refusal of
/// a newer database and the script are checked on SQLite too, the mechanism being the same EF migrations history.
/// </summary>
public sealed class UpgradeTests(Apps apps)
{
    /// <summary>The demo database made by an earlier release, gzipped (Assets/README.md).</summary>
    private static string PreviousRelease()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hive-previous-{Guid.NewGuid():N}.db");
        using var gz = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Assets", "previous-release.db.gz")), CompressionMode.Decompress);
        using var output = File.Create(file);
        gz.CopyTo(output);
        return file;
    }

    private static async Task<SortedDictionary<string, long>> CountsAsync(string file)
    {
        await using var conn = new SqliteConnection($"Data Source={file};Pooling=False;Mode=ReadOnly");
        await conn.OpenAsync();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var tables = new List<string>();
        await using (var cmd = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'PersonSearch%'", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        foreach (var t in tables)
        {
            await using var cmd = new SqliteCommand($"SELECT COUNT(*) FROM \"{t}\"", conn);
            counts[t] = Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }
        return counts;
    }

    private static async Task<List<string>> TriggersAsync(string file)
    {
        await using var conn = new SqliteConnection($"Data Source={file};Pooling=False;Mode=ReadOnly");
        await conn.OpenAsync();
        await using var cmd = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name", conn);
        var names = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) names.Add(r.GetString(0));
        return names;
    }

    [Fact]
    public async Task The_previous_releases_database_is_upgraded_after_a_verified_backup_with_no_row_lost_and_the_triggers_back()
    {
        var file = PreviousRelease();
        var backups = BackupTests.TempDir();
        try
        {
            var before = await CountsAsync(file);
            before["Households"].ShouldBeGreaterThanOrEqualTo(600);
            var known = Backups.KnownMigrations(DatabaseProvider.Sqlite);
            before["__EFMigrationsHistory"].ShouldBeLessThan(known.Count, "the asset must be older than the app, or this test upgrades nothing");

            // Prepared as the app prepares its database at start: the upgrade takes and verifies a backup, then migrates.
            await using (var app = Build($"Data Source={file}", backups))
            {
                await HiveHost.PrepareDatabaseAsync(app);
                var taken = app.Services.GetRequiredService<BackupStore>().List().ShouldHaveSingleItem();
                taken.Verified.ShouldBe(Verified.Yes);
                Backups.ReadManifest(taken.Path)!.SchemaVersion.ShouldBe(known[before["__EFMigrationsHistory"].ToInt() - 1]);
                await using var scope = app.Services.CreateAsyncScope();
                (await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<HiveDbContext>())).BrokenAtId.ShouldBeNull();
                // Started again on the upgraded database: nothing pending, no second backup.
                await HiveHost.PrepareDatabaseAsync(app);
                app.Services.GetRequiredService<BackupStore>().List().Count.ShouldBe(1);
            }
            SqliteConnection.ClearAllPools();

            var after = await CountsAsync(file);
            after["__EFMigrationsHistory"].ShouldBe(known.Count);
            foreach (var (table, count) in before.Where(t => t.Key != "__EFMigrationsHistory"))
                after.GetValueOrDefault(table).ShouldBeGreaterThanOrEqualTo(count, $"rows lost from {table}");
            (await TriggersAsync(file)).ShouldBe(["Persons_Head_Delete", "Persons_Head_Insert", "Persons_Head_Update",
                "Persons_Search_Delete", "Persons_Search_Insert", "Persons_Search_Update"], ignoreOrder: true);
            (await Cli.RunAsync(["verify-audit", "--provider", Db.Sqlite, "--connection", $"Data Source={file};Pooling=False"])).ShouldBe(0);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            Directory.Delete(backups, recursive: true);
        }
    }

    /// <summary>PostgreSQL: a database one migration behind is backed up with pg_dump and verified before it is migrated.</summary>
    [Fact]
    public async Task A_PostgreSQL_database_behind_the_app_is_backed_up_and_verified_before_it_is_migrated()
    {
        await apps.Get(Db.Postgres);
        var name = $"hive_upgrade_{Guid.NewGuid():N}";
        await using (var conn = new Npgsql.NpgsqlConnection(Apps.PostgresServer))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(Apps.PostgresServer) { Database = name, Pooling = false }.ConnectionString;
        var backups = BackupTests.TempDir();
        try
        {
            var known = Backups.KnownMigrations(DatabaseProvider.Postgres);
            await using (var db = Backups.Context(DatabaseProvider.Postgres, cs))
                await Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db)
                    .MigrateAsync(known[^2]);
            await using var app = HiveHost.Build(["--Database:Provider=Postgres", $"--ConnectionStrings:Hive={cs}", "--Database:MigrateAtStartup=true",
                $"--Backup:Directory={backups}", "--Backup:Daily=false", "--Seed:Demo=false"]);
            await HiveHost.PrepareDatabaseAsync(app);
            var taken = app.Services.GetRequiredService<BackupStore>().List().ShouldHaveSingleItem();
            taken.Verified.ShouldBe(Verified.Yes, taken.Problem);
            Backups.ReadManifest(taken.Path)!.SchemaVersion.ShouldBe(known[^2]);
            await using var after = Backups.Context(DatabaseProvider.Postgres, cs);
            (await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetAppliedMigrationsAsync(after.Database)).Last().ShouldBe(known[^1]);
        }
        finally
        {
            Directory.Delete(backups, recursive: true);
            await Apps.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task A_database_with_a_migration_the_app_does_not_know_is_refused_and_left_as_it_was()
    {
        var file = PreviousRelease();
        var cs = $"Data Source={file};Pooling=False";
        try
        {
            await using (var conn = new SqliteConnection(cs))
            {
                await conn.OpenAsync();
                await using var cmd = new SqliteCommand("INSERT INTO \"__EFMigrationsHistory\" VALUES ('29991231000000_FromTheFuture', '99.0.0')", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var before = await CountsAsync(file);
            (await Cli.RunAsync(["migrate", "--provider", Db.Sqlite, "--connection", cs])).ShouldBe(3);
            var backups = BackupTests.TempDir();
            try
            {
                await using var app = Build(cs, backups);
                var refused = await Should.ThrowAsync<StartRefusedException>(() => HiveHost.PrepareDatabaseAsync(app));
                refused.Message.ShouldContain("29991231000000_FromTheFuture");
                refused.Message.ShouldContain("newer version");
                Directory.GetFiles(backups).ShouldBeEmpty();
            }
            finally
            {
                Directory.Delete(backups, recursive: true);
            }
            (await CountsAsync(file)).ShouldBe(before);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    [Fact]
    public async Task Migrate_script_writes_the_SQL_of_the_pending_migrations_only()
    {
        var file = PreviousRelease();
        var cs = $"Data Source={file};Pooling=False";
        var script = Path.Combine(Path.GetTempPath(), $"hive-upgrade-{Guid.NewGuid():N}.sql");
        try
        {
            var known = Backups.KnownMigrations(DatabaseProvider.Sqlite);
            var applied = (await CountsAsync(file))["__EFMigrationsHistory"].ToInt();
            (await Cli.RunAsync(["migrate", "--script", script, "--provider", Db.Sqlite, "--connection", cs])).ShouldBe(0);
            var sql = await File.ReadAllTextAsync(script);
            foreach (var pending in known.Skip(applied)) sql.ShouldContain($"'{pending}'");
            foreach (var done in known.Take(applied)) sql.ShouldNotContain($"'{done}'");
            // Nothing applied.
            (await CountsAsync(file))["__EFMigrationsHistory"].ShouldBe(applied);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(script);
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    /// <summary>The app as the executable builds it, on the given SQLite file, its backups in the given folder.</summary>
    private static Microsoft.AspNetCore.Builder.WebApplication Build(string connectionString, string backups) =>
        HiveHost.Build(["--Database:Provider=Sqlite", $"--ConnectionStrings:Hive={connectionString}", $"--Backup:Directory={backups}",
            "--Backup:Daily=false", "--Seed:Demo=false"]);
}

internal static class LongExtensions
{
    public static int ToInt(this long value) => checked((int)value);
}
