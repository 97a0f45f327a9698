using System.Security.Cryptography;
using VillageHive.Data;

namespace VillageHive.Infrastructure.Attachments;

/// <summary>
/// Where the bytes of attached files are kept, outside the database (issue 23): a folder under the data directory, or
/// an S3-compatible bucket when <c>Attachments:S3:Bucket</c> is set. The database row (<see cref="Domain.Attachment"/>)
/// names the bytes by a random storage key and keeps their SHA-256.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>"folder" or "s3", as the settings page and the backup manifest say.</summary>
    string Kind { get; }

    /// <summary>Where, for the administrator: the folder's path or the bucket's name.</summary>
    string Location { get; }

    /// <summary>True when a backup copies the files into itself (the folder); an S3 bucket's keys are only listed.</summary>
    bool CopiedIntoBackups { get; }

    /// <summary>Stores the bytes under the key, whole or not at all (a reader never sees half a file).</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken ct = default);

    /// <summary>The stored bytes, or null when there are none under the key.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken ct = default);

    /// <summary>Removes the bytes of a row that was never saved (nothing half-saved); a key never used is no error.</summary>
    Task DeleteAsync(string key, CancellationToken ct = default);
}

public static class AttachmentKeys
{
    /// <summary>A new storage key: 128 random bits in hex, so that no one finds a file by guessing or counting.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A key as this app makes them: 32 lower-case hex digits (never a path).</summary>
    public static bool IsValid(string? key) => key is { Length: 32 } && key.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

/// <summary>
/// The default store: one file per key in a folder (Attachments:Directory, default "attachments" under the data
/// directory), in sub-folders by the key's first two digits. A file is written to a temporary name in the same folder,
/// flushed, then renamed into place, so a crash leaves no half file under a key.
/// </summary>
public sealed class FolderAttachmentStore(string directory) : IAttachmentStore
{
    public string Kind => "folder";
    public string Location => directory;
    public bool CopiedIntoBackups => true;
    public string Directory => directory;

    public string PathOf(string key)
    {
        if (!AttachmentKeys.IsValid(key)) throw new ArgumentException("Not a storage key.", nameof(key));
        return Path.Combine(directory, key[..2], key);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        var path = PathOf(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.WriteAsync(bytes, ct);
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous) : null;
        return Task.FromResult(stream);
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }
}

public static class AttachmentStoreSetup
{
    /// <summary>The folder of the folder store: Attachments:Directory, else "attachments" under the data directory.</summary>
    public static string Directory(IConfiguration config, string contentRoot) =>
        config["Attachments:Directory"] is { Length: > 0 } d
            ? Path.GetFullPath(d, contentRoot)
            : Path.Combine(DatabaseSetup.DataDirectory(config, contentRoot), "attachments");

    /// <summary>The folder store, or the S3 store when Attachments:S3:Bucket is set (docs/operations.md).</summary>
    public static IServiceCollection AddHiveAttachments(this IServiceCollection services)
    {
        services.AddSingleton<IAttachmentStore>(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            if (config["Attachments:S3:Bucket"] is { Length: > 0 } bucket)
                return S3AttachmentStore.From(config.GetSection("Attachments:S3"), bucket);
            return new FolderAttachmentStore(Directory(config, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        });
        return services;
    }
}
