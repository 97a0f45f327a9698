using System.Security.Cryptography;

namespace VillageHive.Data.Import;

/// <summary>Uploads kept between a check and its import (households, gazetteer), under a random id nobody can guess; a day at most.</summary>
public static class KeptUpload
{
    private static string Folder => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "villagehive-import")).FullName;

    /// <summary>A new id for an upload; files left from checks a day old are cleared on the way.</summary>
    public static string NewId(DateTime utcNow)
    {
        foreach (var old in Directory.EnumerateFiles(Folder))
            if (utcNow - File.GetLastWriteTimeUtc(old) > TimeSpan.FromDays(1)) File.Delete(old);
        return Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    }

    public static string PathOf(string token, bool xlsx) => Path.Combine(Folder, token + (xlsx ? ".xlsx" : ".csv"));

    /// <summary>The kept file of an id, or null (the id is checked to be ours before it touches a path).</summary>
    public static string? Find(string token)
    {
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigitLower)) return null;
        return new[] { PathOf(token, false), PathOf(token, true) }.FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Keeps an upload and reads it once: its id, or the text key of why it was refused (empty, over 10 MB, not a sheet
    /// the reader knows), in which case nothing is kept.
    /// </summary>
    public static async Task<(string? Token, string? ProblemKey)> KeepAsync(IFormFile? upload, DateTime utcNow, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0) return (null, "Import.BadFile");
        if (upload.Length > ImportFileReader.MaxBytes) return (null, "Import.TooBig");
        var xlsx = upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        var token = NewId(utcNow);
        await using (var target = File.Create(PathOf(token, xlsx)))
            await upload.CopyToAsync(target, ct);
        if (Read(PathOf(token, xlsx)) is not null) return (token, null);
        Delete(token);
        return (null, "Import.BadFile");
    }

    /// <summary>The sheet of a kept file, or null when the file cannot be read.</summary>
    public static ImportSheet? Read(string path)
    {
        using var stream = File.OpenRead(path);
        return ImportFileReader.Read(stream, path);
    }

    public static void Delete(string token)
    {
        if (Find(token) is { } path) File.Delete(path);
    }
}
