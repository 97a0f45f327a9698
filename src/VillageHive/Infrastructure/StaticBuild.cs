using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.FileProviders;

namespace VillageHive.Infrastructure;

/// <summary>
/// One short version for all the files under wwwroot, computed once at start: the service worker is registered as
/// /sw.js?v=&lt;version&gt;, so any changed style, script or font makes new caches and the old ones are deleted.
/// </summary>
public sealed class StaticBuild(IWebHostEnvironment env)
{
    private readonly Lazy<string> version = new(() => Compute(env.WebRootFileProvider));

    public string Version => version.Value;

    private static string Compute(IFileProvider files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, file) in Walk(files, "").OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            using var stream = file.CreateReadStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static IEnumerable<(string Path, IFileInfo File)> Walk(IFileProvider files, string dir)
    {
        foreach (var entry in files.GetDirectoryContents(dir))
        {
            var path = dir + "/" + entry.Name;
            if (entry.IsDirectory)
                foreach (var inner in Walk(files, path)) yield return inner;
            else
                yield return (path, entry);
        }
    }
}
