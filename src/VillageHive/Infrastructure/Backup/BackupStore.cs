using System.Globalization;
using System.Text.Json;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Backup;

public enum Verified
{
    No = 0,
    Yes = 1,
    Failed = 2,
}

/// <summary>One backup file in the backup folder and what its verification found (kept beside it in FILE.verified.json).</summary>
public sealed record BackupInfo(string Path, string Name, DateTime CreatedUtc, long Size, Verified Verified, string? Problem, DateTime? VerifiedUtc);

/// <summary>The settings of the daily backup: Backup:Directory, Backup:Time (commune time), Backup:Keep, Backup:Daily.</summary>
public sealed record BackupSettings(string Directory, TimeOnly Time, int Keep, bool Daily)
{
    public static BackupSettings From(IConfiguration config, string contentRoot)
    {
        var dir = config["Backup:Directory"] is { Length: > 0 } d
            ? System.IO.Path.GetFullPath(d, contentRoot)
            : System.IO.Path.Combine(DatabaseSetup.DataDirectory(config, contentRoot), "backups");
        var timeText = config["Backup:Time"];
        var time = string.IsNullOrWhiteSpace(timeText) ? new TimeOnly(12, 30)
            : TimeOnly.TryParse(timeText, CultureInfo.InvariantCulture, out var t) ? t
            : throw new InvalidOperationException($"Backup:Time \"{timeText}\" is not a time of day (e.g. 12:30).");
        var keep = config.GetValue("Backup:Keep", 14);
        if (keep < 1) throw new InvalidOperationException("Backup:Keep must be 1 or more.");
        return new BackupSettings(dir, time, keep, config.GetValue("Backup:Daily", true));
    }
}

/// <summary>
/// Takes, verifies, lists and prunes the backups of the backup folder. One backup at a time in this process (the
/// daily one, the administrator's "back up now" and the one before an upgrade).
/// </summary>
public sealed class BackupStore(HiveDatabase database, BackupSettings settings, HiveClock clock, Attachments.IAttachmentStore files, ILogger<BackupStore> log) : IDisposable
{
    private readonly SemaphoreSlim one = new(1, 1);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public BackupSettings Settings => settings;

    public void Dispose() => one.Dispose();

    public sealed record Outcome(BackupInfo? Backup, string? Problem);

    /// <summary>Takes a backup, verifies it, records the verification and keeps the newest Backup:Keep.</summary>
    public async Task<Outcome> TakeAndVerifyAsync(CancellationToken ct = default)
    {
        await one.WaitAsync(ct);
        try
        {
            string file;
            try
            {
                file = await Backups.CreateAsync(database, settings.Directory, clock.UtcNow, files, ct);
            }
            // Whatever stops a backup (a full disk, pg_dump missing, the server refusing a connection) is told to the
            // administrator as a failed backup, never as an error page.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Backup failed: {Problem}", e.Message);
                return new Outcome(null, e.Message);
            }
            BackupCheck check;
            try
            {
                check = await Backups.VerifyAsync(file, database, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Verifying backup {File} failed: {Problem}", file, e.Message);
                check = new BackupCheck(e.Message, null);
            }
            Record(file, check, clock.UtcNow);
            if (check.Ok)
                log.LogInformation("Backup {File} taken and verified: {Entries} audit entries intact, row counts match.", file, check.AuditEntries);
            else
                log.LogError("Backup {File} FAILED verification: {Problem}", file, check.Problem);
            Prune();
            return new Outcome(Read(file), check.Problem);
        }
        finally
        {
            one.Release();
        }
    }

    /// <summary>Writes the verification's result beside the backup file.</summary>
    public static void Record(string file, BackupCheck check, DateTime nowUtc) =>
        File.WriteAllText(file + ".verified.json", JsonSerializer.Serialize(new VerificationNote(check.Ok, check.Problem, nowUtc), Json));

    private sealed record VerificationNote(bool Ok, string? Problem, DateTime AtUtc);

    /// <summary>The backups in the folder, newest first.</summary>
    public IReadOnlyList<BackupInfo> List()
    {
        if (!Directory.Exists(settings.Directory)) return [];
        return [.. Directory.EnumerateFiles(settings.Directory, Backups.FilePrefix + "*" + Backups.Extension)
            .Select(Read).OrderByDescending(b => b.CreatedUtc).ThenByDescending(b => b.Name, StringComparer.Ordinal)];
    }

    private static BackupInfo Read(string file)
    {
        var info = new FileInfo(file);
        var created = Backups.ReadManifest(file)?.CreatedUtc ?? info.LastWriteTimeUtc;
        var verified = Verified.No;
        string? problem = null;
        DateTime? at = null;
        try
        {
            if (File.Exists(file + ".verified.json") &&
                JsonSerializer.Deserialize<VerificationNote>(File.ReadAllText(file + ".verified.json")) is { } note)
            {
                verified = note.Ok ? Verified.Yes : Verified.Failed;
                problem = note.Problem;
                at = note.AtUtc;
            }
        }
        catch (JsonException)
        {
            verified = Verified.Failed;
            problem = "The verification record cannot be read.";
        }
        return new BackupInfo(file, info.Name, DateTime.SpecifyKind(created, DateTimeKind.Utc), info.Length, verified, problem, at);
    }

    /// <summary>Deletes all but the newest Backup:Keep backups (and their verification records).</summary>
    public void Prune()
    {
        foreach (var old in List().Skip(settings.Keep))
        {
            File.Delete(old.Path);
            File.Delete(old.Path + ".verified.json");
            log.LogInformation("Removed old backup {File} (Backup:Keep is {Keep}).", old.Path, settings.Keep);
        }
    }

    /// <summary>The newest backup that passed its verification.</summary>
    public BackupInfo? LastVerified() => List().FirstOrDefault(b => b.Verified == Verified.Yes);

    /// <summary>Whether a backup was already taken on the commune day.</summary>
    public bool TakenOn(DateOnly day) => List().Any(b => clock.DayOf(b.CreatedUtc) == day);

    /// <summary>Free and total bytes of the disk that holds the backup folder (null when it cannot be read).</summary>
    public (long Free, long Total)? Disk()
    {
        try
        {
            Directory.CreateDirectory(settings.Directory);
            var drive = new DriveInfo(settings.Directory);
            return (drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>What the administrator should be warned of: no verified backup for two days, or a nearly full disk.</summary>
    public BackupWarnings Warnings()
    {
        var last = LastVerified();
        var stale = last is null || clock.UtcNow - last.CreatedUtc > TimeSpan.FromDays(2);
        var disk = Disk();
        var low = disk is { } d && (d.Free < 1L << 30 || d.Free < d.Total / 10);
        return new BackupWarnings(stale, low, last, disk?.Free);
    }
}

public sealed record BackupWarnings(bool Stale, bool DiskLow, BackupInfo? LastVerified, long? FreeBytes)
{
    public bool Any => Stale || DiskLow;
}

/// <summary>Takes the daily backup at Backup:Time, commune time (the commune clock), and verifies it.</summary>
public sealed class DailyBackup(BackupStore store, HiveClock clock, TimeProvider time, ILogger<DailyBackup> log) : BackgroundService
{
    /// <summary>Takes today's backup when its time has come and none was taken today; true when it took one.</summary>
    public async Task<bool> RunIfDueAsync(CancellationToken ct)
    {
        if (TimeOnly.FromDateTime(clock.LocalNow) < store.Settings.Time || store.TakenOn(clock.Today)) return false;
        await store.TakeAndVerifyAsync(ct);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!store.Settings.Daily) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The daily backup failed.");
            }
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
        }
    }
}
