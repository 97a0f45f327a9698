using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using VillageHive.Infrastructure;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>Styles and scripts go out precompressed and, when their address carries a version, cached for a year.</summary>
public sealed partial class StaticFilesTests(Apps apps)
{
    private static readonly string WebRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/VillageHive/wwwroot"));

    public static TheoryData<string, string, string> Files()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var provider in new[] { Db.Sqlite, Db.Postgres })
        {
            data.Add(provider, "/lib/bootstrap/bootstrap.min.css", "text/css");
            data.Add(provider, "/css/site.css", "text/css");
            data.Add(provider, "/js/hive-sync.js", "text/javascript");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_style_or_script_comes_as_brotli_when_accepted_and_decompresses_to_the_file(string provider, string path, string type)
    {
        var app = await apps.Get(provider);
        var original = await File.ReadAllBytesAsync(WebRoot + path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        var response = await app.Anonymous().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBe(["br"]);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
        response.Headers.Vary.ShouldContain("Accept-Encoding");
        var body = await response.Content.ReadAsByteArrayAsync();
        body.Length.ShouldBeLessThan(original.Length);
        await using var brotli = new BrotliStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await brotli.CopyToAsync(plain);
        plain.ToArray().ShouldBe(original);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Gzip_when_brotli_is_not_accepted_and_the_plain_file_without_Accept_Encoding(string provider, string path, string type)
    {
        var app = await apps.Get(provider);
        var original = await File.ReadAllBytesAsync(WebRoot + path);
        var client = app.Anonymous();

        using var gzipOnly = new HttpRequestMessage(HttpMethod.Get, path);
        gzipOnly.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        var gzipped = await client.SendAsync(gzipOnly);
        gzipped.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);
        await using var gzip = new GZipStream(await gzipped.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await gzip.CopyToAsync(unzipped);
        unzipped.ToArray().ShouldBe(original);

        var plain = await client.GetAsync(path);
        plain.StatusCode.ShouldBe(HttpStatusCode.OK);
        plain.Content.Headers.ContentEncoding.ShouldBeEmpty();
        plain.Content.Headers.ContentType!.MediaType.ShouldBe(type);
        (await plain.Content.ReadAsByteArrayAsync()).ShouldBe(original);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_layouts_versioned_files_are_immutable_and_signed_in_pages_are_not_stored(string provider)
    {
        var app = await apps.Get(provider);
        var signedIn = await app.As("ouchar.vbsw1");
        var home = await signedIn.GetAsync("/");
        home.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (home.Headers.CacheControl.Public || home.Headers.CacheControl.MaxAge is not null).ShouldBeFalse();

        var html = await home.Content.ReadAsStringAsync();
        var versioned = VersionedAsset().Matches(html).Select(m => m.Groups[1].Value).ToList();
        versioned.ShouldContain(u => u.StartsWith("/css/site.css?v=", StringComparison.Ordinal));
        versioned.ShouldContain(u => u.StartsWith("/lib/bootstrap/bootstrap.min.css?v=", StringComparison.Ordinal));
        foreach (var url in versioned)
        {
            var response = await signedIn.GetAsync(WebUtility.HtmlDecode(url));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            response.Headers.CacheControl!.ToString().ShouldBe(StaticCaching.Immutable, url);
        }

        var unversioned = await signedIn.GetAsync("/icons/icon-192.png");
        unversioned.Headers.CacheControl!.ToString().ShouldBe(StaticCaching.Brief);
    }

    [GeneratedRegex("""(?:href|src)="(/[^"]+\.(?:css|js)\?v=[^"]+)"\s""")]
    private static partial Regex VersionedAsset();
}
