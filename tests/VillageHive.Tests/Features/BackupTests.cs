using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VillageHive.Data;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Attachments;
using VillageHive.Infrastructure.Backup;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>Backups it can trust (issue 20 part 2): backup, restore into an empty database, verify; on both providers.</summary>
public sealed partial class BackupTests(Apps apps)
{
    /// <summary>The list pages a restored Hive must show exactly as the original did, pages 1 to 3 of each.</summary>
    private static readonly string[] Lists = ["/Registry/Households", "/Referrals", "/Cases", "/Support/Ledger"];

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_backup_restored_into_an_empty_database_shows_the_same_households_referrals_cases_and_ledger(string provider)
    {
        await using var original = await apps.FreshDemoAsync(provider);
        var dir = TempDir();
        await using var target = await EmptyDatabaseAsync(provider);
        try
        {
            var database = original.App.Services.GetRequiredService<HiveDatabase>();
            var file = await Backups.CreateAsync(database, dir, TestClock.UtcNow);
            var manifest = Backups.ReadManifest(file)!;
            manifest.Provider.ShouldBe(provider);
            manifest.SchemaVersion.ShouldBe(Backups.KnownMigrations(database.Provider)[^1]);
            manifest.RowCounts["Households"].ShouldBeGreaterThanOrEqualTo(600);

            (await Backups.RestoreAsync(file, target.Database)).SchemaVersion.ShouldBe(manifest.SchemaVersion);
            // Restoring again over the restored data is refused: only into an empty database.
            (await Should.ThrowAsync<BackupException>(() => Backups.RestoreAsync(file, target.Database))).Message.ShouldContain("not empty");

            await using var restored = new HiveApp(provider, target.Database.ConnectionString);
            restored.CreateClient().Dispose();
            foreach (var user in new[] { "ouchar.ccwc", "admin" })
            {
                var before = await original.App.As(user);
                var after = await restored.As(user);
                foreach (var list in Lists)
                {
                    for (var page = 1; page <= 3; page++)
                    {
                        var url = $"{list}?p={page}";
                        var expected = Rows(await before.GetHtmlAsync(url));
                        if (page == 1) expected.ShouldNotBeEmpty($"{user} {url}");
                        Rows(await after.GetHtmlAsync(url)).ShouldBe(expected, $"{user} {url}");
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_backup_command_writes_a_file_that_backup_verify_passes(string provider)
    {
        var app = await apps.Get(provider);
        var database = app.Services.GetRequiredService<HiveDatabase>();
        var dir = TempDir();
        try
        {
            (await Cli.RunAsync(["backup", "--to", dir, "--provider", provider, "--connection", database.ConnectionString])).ShouldBe(0);
            var file = Directory.GetFiles(dir, "*" + Backups.Extension).ShouldHaveSingleItem();
            (await Cli.RunAsync(["backup", "--verify", file, "--provider", provider, "--connection", database.ConnectionString])).ShouldBe(0);
            File.ReadAllText(file + ".verified.json").ShouldContain("\"Ok\": true");

            // A manifest whose counts were changed no longer matches what the copy holds.
            RewriteManifest(file, m => m["RowCounts"]!["Households"] = m["RowCounts"]!["Households"]!.GetValue<long>() + 1);
            var check = await Backups.VerifyAsync(file, database);
            check.Ok.ShouldBeFalse();
            check.Problem!.ShouldContain("Households: manifest");
            (await Cli.RunAsync(["backup", "--verify", file, "--provider", provider, "--connection", database.ConnectionString])).ShouldBe(1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_backup_holds_the_attached_files_restore_puts_them_back_and_verify_finds_a_changed_one(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030901");
        var bytes = AttachmentData.Jpeg(5000);
        var id = await app.NewAttachmentAsync(Domain.AttachmentOwner.Household, household.Id, bytes);
        var row = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Attachments, a => a.Id == id));
        var dir = TempDir();
        var restoredFiles = TempDir();
        await using var target = await EmptyDatabaseAsync(provider);
        try
        {
            var database = app.Services.GetRequiredService<HiveDatabase>();
            var file = await Backups.CreateAsync(database, dir, TestClock.UtcNow, app.Services.GetRequiredService<IAttachmentStore>());
            var manifest = Backups.ReadManifest(file)!;
            manifest.AttachmentStore.ShouldBe("folder");
            manifest.Attachments![row.StorageKey].ShouldBe(row.Sha256);
            manifest.Attachments.Count.ShouldBe((int)manifest.RowCounts["Attachments"]);
            using (var zip = ZipFile.OpenRead(file))
                zip.Entries.Count(e => e.FullName.StartsWith(Backups.AttachmentPrefix, StringComparison.Ordinal)).ShouldBe(manifest.Attachments.Count);
            var check = await Backups.VerifyAsync(file, database);
            check.Problem.ShouldBeNull();

            // Restored into an empty database, with the files into an empty folder: the photo comes back as it was.
            var into = new FolderAttachmentStore(restoredFiles);
            await Backups.RestoreAsync(file, target.Database, into);
            await using (var s = (await into.OpenAsync(row.StorageKey))!)
            {
                using var m = new MemoryStream();
                await s.CopyToAsync(m);
                m.ToArray().ShouldBe(bytes);
            }

            // A file changed inside the backup is found by verification, by its key.
            using (var zip = ZipFile.Open(file, ZipArchiveMode.Update))
            {
                zip.GetEntry(Backups.AttachmentPrefix + row.StorageKey)!.Delete();
                var changed = bytes.ToArray();
                changed[^1] ^= 0xFF;
                using var w = zip.CreateEntry(Backups.AttachmentPrefix + row.StorageKey).Open();
                w.Write(changed);
            }
            var damaged = await Backups.VerifyAsync(file, database);
            damaged.Ok.ShouldBeFalse();
            damaged.Problem!.ShouldContain(row.StorageKey);
            damaged.Problem!.ShouldContain("damaged");
            (await Cli.RunAsync(["backup", "--verify", file, "--provider", provider, "--connection", database.ConnectionString])).ShouldBe(1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            Directory.Delete(restoredFiles, recursive: true);
        }
    }

    /// <summary>
    /// With the files in an S3-compatible bucket (s3rver here) a backup lists each file's key with its checksum and copies
    /// no bytes (the bucket keeps its own copies: docs/operations.md); verification finds every row in that list.
    /// </summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_backup_with_the_files_in_S3_lists_each_key_with_its_checksum_and_copies_no_bytes(string provider)
    {
        var app = await apps.Get(provider, Store.S3);
        var household = await app.UniqueHouseholdAsync("02030901");
        var bytes = AttachmentData.Jpeg(5000);
        var id = await app.NewAttachmentAsync(Domain.AttachmentOwner.Household, household.Id, bytes);
        var row = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Attachments, a => a.Id == id));
        var dir = TempDir();
        try
        {
            var database = app.Services.GetRequiredService<HiveDatabase>();
            var file = await Backups.CreateAsync(database, dir, TestClock.UtcNow, app.Services.GetRequiredService<IAttachmentStore>());
            var manifest = Backups.ReadManifest(file)!;
            manifest.AttachmentStore.ShouldBe("s3");
            manifest.Attachments![row.StorageKey].ShouldBe(row.Sha256);
            manifest.Attachments.Count.ShouldBe((int)manifest.RowCounts["Attachments"]);
            using (var zip = ZipFile.OpenRead(file))
                zip.Entries.ShouldNotContain(e => e.FullName.StartsWith(Backups.AttachmentPrefix, StringComparison.Ordinal));
            (await Backups.VerifyAsync(file, database)).Problem.ShouldBeNull();
            // What the bucket holds under the key is what the manifest lists.
            var stored = await (await app.StoredAsync()).Single(o => o.Name == row.StorageKey).ReadAsync();
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)).ShouldBe(manifest.Attachments[row.StorageKey]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The checks on the file before anything is restored are the same on both providers: run on SQLite.</summary>
    [Fact]
    public async Task Restore_refuses_a_damaged_file_and_a_newer_schema_and_changes_nothing()
    {
        var app = await apps.Get(Db.Sqlite);
        var dir = TempDir();
        var target = Path.Combine(dir, "restored.db");
        var cs = $"Data Source={target};Pooling=False";
        try
        {
            var good = await Backups.CreateAsync(app.Services.GetRequiredService<HiveDatabase>(), dir, TestClock.UtcNow);

            var damaged = Path.Combine(dir, "damaged" + Backups.Extension);
            File.Copy(good, damaged);
            using (var zip = ZipFile.Open(damaged, ZipArchiveMode.Update))
            {
                var entry = zip.GetEntry("villagehive.db")!;
                byte[] bytes;
                using (var s = entry.Open()) { using var m = new MemoryStream(); s.CopyTo(m); bytes = m.ToArray(); }
                bytes[bytes.Length / 2] ^= 0xFF;
                entry.Delete();
                using var w = zip.CreateEntry("villagehive.db").Open();
                w.Write(bytes);
            }
            (await Should.ThrowAsync<BackupException>(() => Backups.RestoreAsync(damaged, new HiveDatabase(DatabaseProvider.Sqlite, cs))))
                .Message.ShouldContain("SHA-256 does not match");
            (await Cli.RunAsync(["restore", damaged, "--provider", Db.Sqlite, "--connection", cs])).ShouldBe(1);
            (await Backups.VerifyAsync(damaged, new HiveDatabase(DatabaseProvider.Sqlite, cs))).Problem!.ShouldContain("damaged");

            var truncated = Path.Combine(dir, "truncated" + Backups.Extension);
            File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..1000]);
            (await Should.ThrowAsync<BackupException>(() => Backups.RestoreAsync(truncated, new HiveDatabase(DatabaseProvider.Sqlite, cs))))
                .Message.ShouldContain("not a Village Hive backup, or it is damaged");

            var newer = Path.Combine(dir, "newer" + Backups.Extension);
            File.Copy(good, newer);
            RewriteManifest(newer, m => m["SchemaVersion"] = "29991231000000_FromTheFuture");
            (await Should.ThrowAsync<BackupException>(() => Backups.RestoreAsync(newer, new HiveDatabase(DatabaseProvider.Sqlite, cs))))
                .Message.ShouldContain("newer than this app knows");
            (await Cli.RunAsync(["restore", newer, "--provider", Db.Sqlite, "--connection", cs])).ShouldBe(1);

            File.Exists(target).ShouldBeFalse("nothing was restored");
            (await Cli.RunAsync(["restore", good, "--provider", Db.Sqlite, "--connection", cs])).ShouldBe(0);
            File.Exists(target).ShouldBeTrue();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The daily backup (SQLite: the schedule does not depend on the provider) runs once its time has come, once a day.</summary>
    [Fact]
    public async Task The_daily_backup_runs_once_its_time_has_come_keeps_the_newest_and_is_verified()
    {
        await using var install = await apps.FreshDemoAsync(Db.Sqlite);
        var dir = TempDir();
        try
        {
            var services = install.App.Services;
            var settings = new BackupSettings(dir, new TimeOnly(12, 30), Keep: 2, Daily: true);
            // A clock of its own, moved without moving the other tests' clock.
            var time = new TestTime(new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero));
            var clock = new Domain.HiveClock(time, Domain.HiveClock.FindZone(null));
            var store = new BackupStore(services.GetRequiredService<HiveDatabase>(), settings, clock,
                services.GetRequiredService<IAttachmentStore>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<BackupStore>.Instance);
            var daily = new DailyBackup(store, clock, time, Microsoft.Extensions.Logging.Abstractions.NullLogger<DailyBackup>.Instance);

            // 2026-12-08 in Phnom Penh (UTC+7): 12:00 is before the time, 12:40 after it.
            using (time.Travel(new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero)))
                (await daily.RunIfDueAsync(CancellationToken.None)).ShouldBeFalse();
            using (time.Travel(new DateTimeOffset(2026, 12, 8, 5, 40, 0, TimeSpan.Zero)))
            {
                (await daily.RunIfDueAsync(CancellationToken.None)).ShouldBeTrue();
                (await daily.RunIfDueAsync(CancellationToken.None)).ShouldBeFalse("one a day");
            }
            store.List().ShouldHaveSingleItem().Verified.ShouldBe(Verified.Yes);
            using (time.Travel(new DateTimeOffset(2026, 12, 9, 5, 40, 0, TimeSpan.Zero)))
                (await daily.RunIfDueAsync(CancellationToken.None)).ShouldBeTrue();
            using (time.Travel(new DateTimeOffset(2026, 12, 10, 5, 40, 0, TimeSpan.Zero)))
            {
                (await daily.RunIfDueAsync(CancellationToken.None)).ShouldBeTrue();
                var kept = store.List();
                kept.Count.ShouldBe(2, "Backup:Keep is 2");
                kept.Select(b => clock.DayOf(b.CreatedUtc)).ShouldBe([new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 9)]);
                kept.ShouldAllBe(b => b.Verified == Verified.Yes);
                store.Warnings().Stale.ShouldBeFalse();
            }
            // Three days later the newest verified backup is too old.
            using (time.Travel(new DateTimeOffset(2026, 12, 13, 4, 0, 0, TimeSpan.Zero)))
                store.Warnings().Stale.ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_administrator_sees_no_backup_yet_then_backs_up_now_and_sees_it_verified(string provider)
    {
        await using var install = await apps.FreshDemoAsync(provider);
        var admin = await install.App.As("admin");
        var page = await admin.GetHtmlAsync("/Admin/Backup");
        page.ShouldContain("id=\"backup-none\"");
        page.ShouldContain("id=\"backup-warning\"");
        page.ShouldNotContain("id=\"backup-confirm\"");
        // The administrator's home page warns too (no verified backup yet); a worker's never does.
        (await admin.GetHtmlAsync("/")).ShouldContain("id=\"backup-warning\"");
        (await (await install.App.As("ouchar.vbsw1")).GetHtmlAsync("/")).ShouldNotContain("id=\"backup-warning\"");
        // The button asks first; the question's form posts.
        var confirm = await admin.GetHtmlAsync("/Admin/Backup?confirm=true");
        confirm.ShouldContain("id=\"backup-confirm\"");
        var posted = await admin.PostFormFromAsync("/Admin/Backup", confirm, []);
        posted.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        page = await admin.GetHtmlAsync("/Admin/Backup");
        page.ShouldContain("id=\"backup-flash\"");
        page.ShouldNotContain("id=\"backup-warning\"");
        (await admin.GetHtmlAsync("/")).ShouldNotContain("id=\"backup-warning\"");
        var store = install.App.Services.GetRequiredService<BackupStore>();
        var taken = store.List().ShouldHaveSingleItem();
        taken.Verified.ShouldBe(Verified.Yes);
        page.ShouldContain(taken.Name);
        page.ShouldContain("text-success");
        // A failed verification is shown with its reason.
        BackupStore.Record(taken.Path, new BackupCheck("The audit chain is broken at entry 7", null), TestClock.UtcNow);
        page = await admin.GetHtmlAsync("/Admin/Backup");
        page.ShouldContain("The audit chain is broken at entry 7");
        page.ShouldContain("id=\"backup-warning\"");
        Directory.Delete(store.Settings.Directory, recursive: true);
    }

    internal static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hive-backup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    internal static void RewriteManifest(string file, Action<JsonNode> change)
    {
        using var zip = ZipFile.Open(file, ZipArchiveMode.Update);
        var entry = zip.GetEntry(Backups.ManifestEntry)!;
        JsonNode node;
        using (var s = entry.Open()) node = JsonNode.Parse(s)!;
        change(node);
        entry.Delete();
        using var w = zip.CreateEntry(Backups.ManifestEntry).Open();
        JsonSerializer.Serialize(w, node);
    }

    /// <summary>The text of each table row and list item of the page's main part, tags and spacing removed.</summary>
    private static List<string> Rows(string html)
    {
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
        return [.. RowPattern().Matches(main).Select(m => Space().Replace(Tag().Replace(m.Value, " "), " ").Trim())];
    }

    [GeneratedRegex("<tr[ >].*?</tr>|<li[ >].*?</li>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>A new, empty database of the provider; disposing it removes it.</summary>
    internal async Task<ScratchDatabase> EmptyDatabaseAsync(string provider)
    {
        if (provider == Db.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"hive-restored-{Guid.NewGuid():N}.db");
            return new ScratchDatabase(new HiveDatabase(DatabaseProvider.Sqlite, $"Data Source={file}"), file, null);
        }
        await apps.Get(Db.Postgres);
        var name = $"hive_restored_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(Apps.PostgresServer))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(Apps.PostgresServer) { Database = name }.ConnectionString;
        return new ScratchDatabase(new HiveDatabase(DatabaseProvider.Postgres, cs), null, name);
    }

    internal sealed class ScratchDatabase(HiveDatabase database, string? file, string? postgres) : IAsyncDisposable
    {
        public HiveDatabase Database => database;

        public async ValueTask DisposeAsync()
        {
            if (postgres is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await Apps.DropDatabaseAsync(postgres);
            }
            if (file is not null)
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            }
        }
    }
}
