using System.Data.Common;
using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using VillageHive.Data;
using VillageHive.Infrastructure.Attachments;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Infrastructure.Backup;

/// <summary>What a backup file says about itself (manifest.json inside the zip).</summary>
public sealed record BackupManifest(
    string AppVersion,
    string Provider,
    string SchemaVersion,
    DateTime CreatedUtc,
    string DatabaseEntry,
    string Sha256,
    SortedDictionary<string, long> RowCounts,
    // Attached files (issue 23): storage key to SHA-256 of the bytes; null in backups made before attachments.
    SortedDictionary<string, string>? Attachments = null,
    // "folder": the files are in the zip under attachments/; "s3": only their keys and checksums are listed.
    string? AttachmentStore = null);

/// <summary>The outcome of checking a backup: null problem when it restored, its audit chain held and its counts matched.</summary>
public sealed record BackupCheck(string? Problem, BackupManifest? Manifest, long AuditEntries = 0)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Backups of the one database, as a zip of the database copy and a manifest (docs/operations.md). SQLite: VACUUM INTO
/// a temporary file, which reads a consistent snapshot and does not stop writers. PostgreSQL: pg_dump in custom format
/// from a snapshot that the row counts are read from too. A backup is only trusted once <see cref="VerifyAsync"/> has
/// restored it into a scratch database, checked the audit chain and compared the counts.
/// </summary>
public static class Backups
{
    public const string ManifestEntry = "manifest.json";
    private const string SqliteEntry = "villagehive.db";
    private const string PostgresEntry = "villagehive.pgdump";
    public const string FilePrefix = "villagehive-";
    public const string Extension = ".hivebackup";
    public const string AttachmentPrefix = "attachments/";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string AppVersion =>
        typeof(Backups).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Backups).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The migrations this app knows for a provider, oldest first.</summary>
    public static IReadOnlyList<string> KnownMigrations(DatabaseProvider provider)
    {
        using var db = Context(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=none");
        return [.. db.Database.GetMigrations()];
    }

    internal static HiveDbContext Context(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var o = new DbContextOptionsBuilder<SqliteHiveDbContext>();
            DatabaseSetup.ConfigureSqlite(o, connectionString);
            return new SqliteHiveDbContext(o.Options);
        }
        var p = new DbContextOptionsBuilder<PostgresHiveDbContext>();
        DatabaseSetup.ConfigurePostgres(p, connectionString);
        return new PostgresHiveDbContext(p.Options);
    }

    /// <summary>The tables of the model and the migrations history, whose rows a manifest counts.</summary>
    private static List<string> Tables(DatabaseProvider provider)
    {
        using var db = Context(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=none");
        return [.. db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
            .Append(HistoryRepository.DefaultTableName).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Rows per table of the model that the database has (an older schema lacks the newer tables).</summary>
    private static async Task<SortedDictionary<string, long>> CountRowsAsync(DbConnection conn, DatabaseProvider provider, CancellationToken ct)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using (var list = conn.CreateCommand())
        {
            list.CommandText = provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) present.Add(reader.GetString(0));
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in Tables(provider).Where(present.Contains))
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
        }
        return counts;
    }

    private static async Task<string?> SchemaVersionAsync(DbConnection conn, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\" ORDER BY \"MigrationId\" DESC LIMIT 1";
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Takes a backup of the configured database into the directory; returns the file made.</summary>
    public static Task<string> CreateAsync(HiveDatabase database, string directory, DateTime nowUtc, CancellationToken ct = default) =>
        CreateAsync(database, directory, nowUtc, null, ct);

    /// <summary>
    /// Takes a backup with the attached files of the rows it holds: a folder store's files are copied into the backup,
    /// an S3 bucket's keys listed with their checksums.
    /// </summary>
    public static async Task<string> CreateAsync(HiveDatabase database, string directory, DateTime nowUtc, IAttachmentStore? files, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var name = Path.Combine(directory, $"{FilePrefix}{nowUtc:yyyyMMdd-HHmmss}{Extension}");
        for (var n = 2; File.Exists(name); n++)
            name = Path.Combine(directory, $"{FilePrefix}{nowUtc:yyyyMMdd-HHmmss}-{n}{Extension}");
        var work = Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");
        try
        {
            var (entry, manifest, rows) = database.Provider == DatabaseProvider.Sqlite
                ? await CopySqliteAsync(database.ConnectionString, work, nowUtc, ct)
                : await DumpPostgresAsync(database.ConnectionString, work, nowUtc, ct);
            var partial = name + ".partial";
            await using (var zip = await ZipFile.OpenAsync(partial, ZipArchiveMode.Create, ct))
            {
                await zip.CreateEntryFromFileAsync(work, entry, CompressionLevel.Fastest, ct);
                if (files is not null) manifest = await AddAttachmentsAsync(zip, manifest, rows, files, ct);
                var m = zip.CreateEntry(ManifestEntry);
                await using var s = await m.OpenAsync(ct);
                await JsonSerializer.SerializeAsync(s, manifest, Json, ct);
            }
            File.Move(partial, name);
            return name;
        }
        finally
        {
            File.Delete(work);
            File.Delete(name + ".partial");
        }
    }

    /// <summary>
    /// The attachments of the rows the database copy holds: a folder store's files copied into the zip (each hashed as it
    /// is copied: a file changed on disk since it was attached shows in verification), an S3 store's keys listed with
    /// the rows' checksums. A file missing from the store is left out, and verification names it.
    /// </summary>
    private static async Task<BackupManifest> AddAttachmentsAsync(ZipArchive zip, BackupManifest manifest, List<(string Key, string Sha256)> rows,
        IAttachmentStore files, CancellationToken ct)
    {
        var listed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, sha) in rows)
        {
            if (!files.CopiedIntoBackups)
            {
                listed[key] = sha;
                continue;
            }
            await using var source = await files.OpenAsync(key, ct);
            if (source is null) continue;
            var entry = zip.CreateEntry(AttachmentPrefix + key, CompressionLevel.NoCompression);
            await using var target = await entry.OpenAsync(ct);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            listed[key] = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        return manifest with { Attachments = listed, AttachmentStore = files.Kind };
    }

    /// <summary>The storage key and checksum of every attachment row (none when the schema predates attachments).</summary>
    private static async Task<List<(string Key, string Sha256)>> AttachmentRowsAsync(DbConnection conn, SortedDictionary<string, long> counts, CancellationToken ct)
    {
        var rows = new List<(string, string)>();
        if (!counts.ContainsKey("Attachments")) return rows;
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT \"StorageKey\", \"Sha256\" FROM \"Attachments\" ORDER BY \"Id\"";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private static async Task<(string, BackupManifest, List<(string Key, string Sha256)>)> CopySqliteAsync(string connectionString, string target, DateTime nowUtc, CancellationToken ct)
    {
        await using (var conn = new SqliteConnection(connectionString))
        {
            await conn.OpenAsync(ct);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "VACUUM INTO $file";
            cmd.Parameters.AddWithValue("$file", target);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        // Counts and schema read from the copy itself, so that they describe exactly what the file holds.
        var copy = new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var read = new SqliteConnection(copy);
        await read.OpenAsync(ct);
        var counts = await CountRowsAsync(read, DatabaseProvider.Sqlite, ct);
        var manifest = new BackupManifest(AppVersion, nameof(DatabaseProvider.Sqlite), await SchemaVersionAsync(read, ct) ?? "",
            nowUtc, SqliteEntry, await Sha256Async(target, ct), counts);
        return (SqliteEntry, manifest, await AttachmentRowsAsync(read, counts, ct));
    }

    private static async Task<(string, BackupManifest, List<(string Key, string Sha256)>)> DumpPostgresAsync(string connectionString, string target, DateTime nowUtc, CancellationToken ct)
    {
        var pgDump = FindOnPath("pg_dump") ?? throw new BackupException(
            "pg_dump was not found on PATH: install the PostgreSQL client tools (the same major version as the server) to back up a PostgreSQL database.");
        // One snapshot for the dump and the counts: the manifest describes exactly what the dump holds.
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        string snapshot;
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT pg_export_snapshot()";
            snapshot = (string)(await cmd.ExecuteScalarAsync(ct))!;
        }
        var counts = await CountRowsAsync(conn, DatabaseProvider.Postgres, ct);
        var schema = await SchemaVersionAsync(conn, ct) ?? "";
        var attachments = await AttachmentRowsAsync(conn, counts, ct);
        await RunAsync(pgDump, ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", $"--file={target}"], connectionString, ct);
        await tx.CommitAsync(ct);
        return (PostgresEntry, new BackupManifest(AppVersion, nameof(DatabaseProvider.Postgres), schema, nowUtc, PostgresEntry, await Sha256Async(target, ct), counts), attachments);
    }

    /// <summary>Reads the manifest; null when the file is not a backup (not a zip, or no manifest).</summary>
    public static BackupManifest? ReadManifest(string file)
    {
        try
        {
            using var zip = ZipFile.OpenRead(file);
            var entry = zip.GetEntry(ManifestEntry);
            if (entry is null) return null;
            using var s = entry.Open();
            return JsonSerializer.Deserialize<BackupManifest>(s);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Unpacks the database copy to a temporary file after checking the manifest, the checksum and that this app knows
    /// the schema; throws <see cref="BackupException"/> with the reason otherwise. The caller deletes the file.
    /// </summary>
    private static async Task<(BackupManifest Manifest, string File)> UnpackAsync(string file, DatabaseProvider provider, CancellationToken ct)
    {
        if (!File.Exists(file)) throw new BackupException($"No such file: {file}");
        var manifest = ReadManifest(file) ?? throw new BackupException($"{file} is not a Village Hive backup, or it is damaged (no readable manifest).");
        if (!string.Equals(manifest.Provider, provider.ToString(), StringComparison.OrdinalIgnoreCase))
            throw new BackupException($"The backup is of a {manifest.Provider} database; this database is {provider}.");
        var known = KnownMigrations(provider);
        if (!known.Contains(manifest.SchemaVersion))
            throw new BackupException($"The backup's schema ({manifest.SchemaVersion}) is newer than this app knows (up to {known[^1]}, app {AppVersion}); " +
                $"restore it with the version of Village Hive that made it ({manifest.AppVersion}) or a later one.");
        var temp = Path.Combine(Path.GetTempPath(), $"hive-restore-{Guid.NewGuid():N}");
        try
        {
            using (var zip = ZipFile.OpenRead(file))
            {
                var entry = zip.GetEntry(manifest.DatabaseEntry) ?? throw new BackupException("The backup is damaged: its database copy is missing.");
                await entry.ExtractToFileAsync(temp, ct);
            }
            if (!string.Equals(await Sha256Async(temp, ct), manifest.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new BackupException("The backup is damaged: the database copy's SHA-256 does not match the manifest.");
            return (manifest, temp);
        }
        catch (InvalidDataException e)
        {
            File.Delete(temp);
            throw new BackupException($"The backup is damaged: {e.Message}");
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Restores a backup into an empty database (no file, an empty file, or a PostgreSQL database without tables).</summary>
    public static Task<BackupManifest> RestoreAsync(string file, HiveDatabase target, CancellationToken ct = default) => RestoreAsync(file, target, null, ct);

    /// <summary>Restores a backup into an empty database, and its attached files into the store (those already there are kept).</summary>
    public static async Task<BackupManifest> RestoreAsync(string file, HiveDatabase target, IAttachmentStore? files, CancellationToken ct = default)
    {
        var (manifest, copy) = await UnpackAsync(file, target.Provider, ct);
        try
        {
            if (target.Provider == DatabaseProvider.Sqlite)
            {
                var path = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
                if (File.Exists(path) && new FileInfo(path).Length > 0)
                    throw new BackupException($"{path} is not empty: restore only into a new, empty database (move the old file away first).");
                SqliteConnection.ClearAllPools();
                File.Delete(path + "-wal");
                File.Delete(path + "-shm");
                File.Copy(copy, path, overwrite: true);
            }
            else
            {
                await using (var conn = new NpgsqlConnection(target.ConnectionString))
                {
                    await conn.OpenAsync(ct);
                    await using var cmd = conn.CreateCommand();
                    cmd.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'";
                    if (Convert.ToInt64(await cmd.ExecuteScalarAsync(ct)) > 0)
                        throw new BackupException($"The database {conn.Database} is not empty: restore only into a new, empty database.");
                }
                var pgRestore = FindOnPath("pg_restore") ?? throw new BackupException(
                    "pg_restore was not found on PATH: install the PostgreSQL client tools to restore a PostgreSQL backup.");
                await RunAsync(pgRestore, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", copy], target.ConnectionString, ct);
            }
            if (files is not null) await RestoreAttachmentsAsync(file, files, ct);
            return manifest;
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <summary>Puts the backup's attachment files into the store, each under its key; a key already there is kept.</summary>
    private static async Task RestoreAttachmentsAsync(string file, IAttachmentStore files, CancellationToken ct)
    {
        using var zip = ZipFile.OpenRead(file);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(AttachmentPrefix, StringComparison.Ordinal)))
        {
            var key = entry.FullName[AttachmentPrefix.Length..];
            if (!AttachmentKeys.IsValid(key)) throw new BackupException($"The backup is damaged: {entry.FullName} is not an attachment.");
            await using (var existing = await files.OpenAsync(key, ct))
            {
                if (existing is not null) continue;
            }
            using var bytes = new MemoryStream();
            await using (var s = await entry.OpenAsync(ct)) await s.CopyToAsync(bytes, ct);
            await files.PutAsync(key, bytes.GetBuffer().AsMemory(0, (int)bytes.Length), ct);
        }
    }

    /// <summary>
    /// Restores the backup into a scratch database (a temporary file; on PostgreSQL a temporary database on the server
    /// of <paramref name="server"/>), verifies the audit chain and compares every table's row count with the manifest.
    /// </summary>
    public static async Task<BackupCheck> VerifyAsync(string file, HiveDatabase server, CancellationToken ct = default)
    {
        BackupManifest? manifest = null;
        try
        {
            manifest = ReadManifest(file);
            if (server.Provider == DatabaseProvider.Sqlite)
            {
                var scratch = Path.Combine(Path.GetTempPath(), $"hive-verify-{Guid.NewGuid():N}.db");
                var cs = new SqliteConnectionStringBuilder { DataSource = scratch, Pooling = false }.ToString();
                try
                {
                    manifest = await RestoreAsync(file, new HiveDatabase(DatabaseProvider.Sqlite, cs), ct);
                    return await CheckAsync(file, manifest, DatabaseProvider.Sqlite, cs, ct);
                }
                finally
                {
                    File.Delete(scratch);
                }
            }
            var name = $"hive_verify_{Guid.NewGuid():N}";
            var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false };
            await ExecutePostgresAsync(admin.ConnectionString, $"CREATE DATABASE {name}", ct);
            var scratchCs = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name }.ConnectionString;
            try
            {
                manifest = await RestoreAsync(file, new HiveDatabase(DatabaseProvider.Postgres, scratchCs), ct);
                return await CheckAsync(file, manifest, DatabaseProvider.Postgres, scratchCs, ct);
            }
            finally
            {
                await DropScratchAsync(admin.ConnectionString, name);
            }
        }
        catch (BackupException e)
        {
            return new BackupCheck(e.Message, manifest);
        }
    }

    private static async Task<BackupCheck> CheckAsync(string file, BackupManifest manifest, DatabaseProvider provider, string cs, CancellationToken ct)
    {
        await using var db = Context(provider, cs);
        var audit = await AuditChain.VerifyAsync(db, ct);
        if (audit.BrokenAtId is { } id)
            return new BackupCheck($"The audit chain is broken at entry {id}: {audit.Problem}.", manifest, audit.Entries);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        var counts = await CountRowsAsync(conn, provider, ct);
        var differences = counts.Keys.Union(manifest.RowCounts.Keys)
            .Where(t => counts.GetValueOrDefault(t, -1) != manifest.RowCounts.GetValueOrDefault(t, -1))
            .Select(t => $"{t}: manifest {manifest.RowCounts.GetValueOrDefault(t, -1)}, restored {counts.GetValueOrDefault(t, -1)}")
            .ToList();
        if (differences.Count > 0)
            return new BackupCheck("The row counts do not match the manifest: " + string.Join("; ", differences.Take(5)) + ".", manifest, audit.Entries);
        if (await CheckAttachmentsAsync(file, manifest, await AttachmentRowsAsync(conn, counts, ct), ct) is { } problem)
            return new BackupCheck(problem, manifest, audit.Entries);
        return new BackupCheck(null, manifest, audit.Entries);
    }

    /// <summary>
    /// Every attachment row of the restored database is in the manifest with the row's checksum, and (for a folder
    /// store) every file in the zip hashes to what the manifest says; null when so, else the first problems.
    /// </summary>
    private static async Task<string?> CheckAttachmentsAsync(string file, BackupManifest manifest, List<(string Key, string Sha256)> rows, CancellationToken ct)
    {
        if (manifest.Attachments is null) return rows.Count == 0 ? null : $"The manifest lists no attachments, but the database has {rows.Count}.";
        var problems = new List<string>();
        foreach (var (key, sha) in rows)
        {
            if (!manifest.Attachments.TryGetValue(key, out var listed)) problems.Add($"attachment {key} is missing from the backup");
            else if (!string.Equals(listed, sha, StringComparison.OrdinalIgnoreCase)) problems.Add($"attachment {key} was changed since it was attached (SHA-256 {listed}, recorded {sha})");
        }
        if (manifest.AttachmentStore == "folder")
        {
            using var zip = ZipFile.OpenRead(file);
            foreach (var (key, listed) in manifest.Attachments)
            {
                var entry = zip.GetEntry(AttachmentPrefix + key);
                if (entry is null)
                {
                    problems.Add($"attachment {key} is listed but not in the file");
                    continue;
                }
                await using var s = await entry.OpenAsync(ct);
                var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(s, ct));
                if (!string.Equals(actual, listed, StringComparison.OrdinalIgnoreCase)) problems.Add($"attachment {key} in the backup is damaged (SHA-256 {actual}, manifest {listed})");
            }
        }
        return problems.Count == 0 ? null : $"{problems.Count} attachment problem(s): " + string.Join("; ", problems.Take(5)) + ".";
    }

    /// <summary>
    /// Drops the scratch database of a verify. The server's autovacuum may be analysing the tables just restored, and its
    /// worker belongs to the superuser, whose sessions a Hive account may not end (42501): wait for it a few times, and
    /// if it is still there leave the scratch database (its name says what it is) rather than fail a verify that passed.
    /// </summary>
    private static async Task DropScratchAsync(string adminCs, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecutePostgresAsync(adminCs, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                if (attempt == 10) return;
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    private static async Task ExecutePostgresAsync(string cs, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<string> Sha256Async(string file, CancellationToken ct = default)
    {
        await using var s = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(s, ct));
    }

    /// <summary>A program on PATH (pg_dump, pg_restore), or null.</summary>
    public static string? FindOnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe" } : [program];
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(n => Path.Combine(dir, n)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs a PostgreSQL client program on the connection's database; the password goes in PGPASSWORD, never on the command line.</summary>
    private static async Task RunAsync(string program, IEnumerable<string> args, string connectionString, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add($"--host={cs.Host}");
        start.ArgumentList.Add($"--port={cs.Port}");
        if (cs.Username is { } user) start.ArgumentList.Add($"--username={user}");
        start.ArgumentList.Add($"--dbname={cs.Database}");
        start.ArgumentList.Add("--no-password");
        foreach (var a in args) start.ArgumentList.Add(a);
        if (cs.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start) ?? throw new BackupException($"{program} did not start.");
        var error = process.StandardError.ReadToEndAsync(ct);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupException($"{Path.GetFileName(program)} failed (exit {process.ExitCode}): {(await error).Trim()} {(await output).Trim()}".Trim());
    }
}

/// <summary>A backup, restore or verification that cannot go on; the message says why, for a person.</summary>
public sealed class BackupException(string message) : Exception(message);
