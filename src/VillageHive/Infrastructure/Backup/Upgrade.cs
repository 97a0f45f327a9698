using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VillageHive.Data;

namespace VillageHive.Infrastructure.Backup;

/// <summary>
/// Safe upgrades: the app refuses a database made by a newer version of itself, and takes and verifies a backup
/// before it applies migrations to a database that has data (docs/operations.md "Upgrading").
/// </summary>
public static class Upgrade
{
    /// <summary>The reason to refuse the database (a migration this app does not know), or null when it is fine.</summary>
    public static async Task<string?> RefuseNewerAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HiveDbContext>();
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        return unknown.Count == 0 ? null
            : $"The database has migration(s) this version of Village Hive ({Backups.AppVersion}) does not know: {string.Join(", ", unknown)}. " +
              "It was made or upgraded by a newer version: run that version (or a later one), or restore a backup made by this one. Nothing was changed.";
    }

    /// <summary>
    /// Before start-up migrations: when some are pending on a database that has data, a backup is taken into the
    /// backup folder and verified; the start stops if that fails. On PostgreSQL without pg_dump it is skipped, and
    /// the log says so.
    /// </summary>
    public static async Task BackUpBeforeMigratingAsync(IServiceProvider services, ILogger log, CancellationToken ct = default)
    {
        List<string> applied, pending;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HiveDbContext>();
            applied = [.. await db.Database.GetAppliedMigrationsAsync(ct)];
            pending = [.. await db.Database.GetPendingMigrationsAsync(ct)];
        }
        if (pending.Count == 0 || applied.Count == 0) return;
        var database = services.GetRequiredService<HiveDatabase>();
        if (database.Provider == DatabaseProvider.Postgres && Backups.FindOnPath("pg_dump") is null)
        {
            log.LogWarning("{Count} migration(s) pending, but no backup was taken before applying them: pg_dump is not on PATH. " +
                "Take one by hand (pg_dump -Fc) before upgrading, or install the PostgreSQL client tools.", pending.Count);
            return;
        }
        log.LogInformation("{Count} migration(s) pending ({First} ... {Last}): taking and verifying a backup first.", pending.Count, pending[0], pending[^1]);
        var outcome = await services.GetRequiredService<BackupStore>().TakeAndVerifyAsync(ct);
        if (outcome.Problem is not null)
            throw new StartRefusedException($"The backup before the upgrade failed, so the database was not upgraded: {outcome.Problem}");
        log.LogInformation("Backup before the upgrade: {File} (verified).", outcome.Backup!.Path);
    }

    /// <summary>Writes the SQL of the migrations not yet applied (idempotent on PostgreSQL) to the file or standard output.</summary>
    public static async Task<int> WriteScriptAsync(IServiceProvider services, string? file, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HiveDbContext>();
        string? from = null;
        try
        {
            from = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"The database cannot be read ({e.Message}); the script holds every migration.");
        }
        // SQLite cannot make idempotent scripts (EF Core): its script starts from the database's last migration.
        var options = db.OnSqlite ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
        var sql = db.GetService<IMigrator>().GenerateScript(fromMigration: from, toMigration: null, options);
        if (file is null)
            Console.Out.Write(sql);
        else
        {
            await File.WriteAllTextAsync(file, sql, ct);
            Console.WriteLine($"Wrote the SQL of the migrations after {from ?? "none"} to {Path.GetFullPath(file)}.");
        }
        return 0;
    }
}

/// <summary>The app will not start on this database; the message says why and what to do.</summary>
public sealed class StartRefusedException(string message) : Exception(message);
