using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VillageHive.Data;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed partial class SecurityHeadersTests(Apps apps)
{
    private static readonly string FeaturesRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/VillageHive/Features"));

    private static readonly Dictionary<string, string> ExpectedHeaders = new()
    {
        ["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "same-origin",
        ["X-Frame-Options"] = "DENY",
        ["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Pages_error_pages_and_static_files_carry_the_security_headers(string provider)
    {
        var app = await apps.Get(provider);
        var anonymous = app.Anonymous();
        var signedIn = await app.As("ouchar.vbsw1");

        var signInPage = await anonymous.GetAsync("/Account/Login");
        var households = await signedIn.GetAsync("/Registry/Households");
        var notFound = await signedIn.GetAsync("/no/such/page");
        var css = await anonymous.GetAsync("/css/site.css");

        signInPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        households.StatusCode.ShouldBe(HttpStatusCode.OK);
        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        css.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var (what, response) in new[] { ("sign-in", signInPage), ("households", households), ("404", notFound), ("css", css) })
        {
            foreach (var (name, value) in ExpectedHeaders)
                Header(response, name).ShouldBe(value, $"{name} on {what}");
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Signed_in_pages_are_not_stored_but_static_files_keep_their_caching(string provider)
    {
        var app = await apps.Get(provider);
        var signedIn = await app.As("ouchar.vbsw1");
        foreach (var url in new[] { "/Registry/Households", "/", "/no/such/page" })
            (await signedIn.GetAsync(url)).Headers.CacheControl?.NoStore.ShouldBe(true, url);
        var css = await signedIn.GetAsync("/css/site.css");
        (css.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse();
        css.Headers.ETag.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Cookies_are_HttpOnly_and_SameSite_Lax(string provider)
    {
        var client = (await apps.Get(provider)).Anonymous();
        var signInPage = await client.GetAsync("/Account/Login");
        var antiforgery = CookieFlags(signInPage, "hive.af");
        var signIn = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "ouchar.member1", ["Input.Password"] = Db.DemoPassword });
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var auth = CookieFlags(signIn, "hive.auth");
        var language = CookieFlags(await client.PostFormAsync("/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, formPage: "/"), ".AspNetCore.Culture");

        foreach (var (name, flags) in new[] { ("hive.af", antiforgery), ("hive.auth", auth), ("culture", language) })
        {
            flags.ShouldContain("httponly", name);
            flags.ShouldContain("samesite=lax", name);
            // The test host speaks plain http with Security:RequireHttps=false; Https_is_required_in_production covers Secure.
            flags.ShouldNotContain("secure", name);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_post_without_antiforgery_token_is_refused_and_saves_nothing(string provider)
    {
        var app = await apps.Get(provider);
        // Signed in, with the antiforgery cookie: what a forged cross-site post would carry, without the token.
        var client = await app.As("ouchar.vbsw1");
        var village = await app.VillageIdAsync("02030901");
        var latin = "Forged" + Guid.NewGuid().ToString("N")[..8];
        var response = await client.PostAsync("/Registry/Households/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Household.VillageId"] = village.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Head.FamilyNameKm"] = "ស៊ន",
            ["Head.GivenNameKm"] = "ស្រីពៅ",
            ["Head.FamilyNameLatin"] = "Son",
            ["Head.GivenNameLatin"] = latin,
            ["Head.Sex"] = "Female",
            ["Head.AgeYears"] = "45",
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Persons.CountAsync(p => p.GivenNameLatin == latin))).ShouldBe(0);
    }

    // A JSON data block (<script type="application/json">) is never run, so the CSP does not concern it.
    [GeneratedRegex(@"<script\b(?![^>]*\bsrc\s*=)(?![^>]*\btype\s*=\s*""application/json"")[^>]*>|\sstyle\s*=\s*[""']|\son[a-z]+\s*=\s*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    [Fact]
    public void No_page_has_an_inline_script_style_or_event_handler()
    {
        var files = Directory.EnumerateFiles(FeaturesRoot, "*.cshtml", SearchOption.AllDirectories).ToList();
        files.Count.ShouldBeGreaterThan(10);
        var found = files
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => InlineCode().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(FeaturesRoot, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        // The Content-Security-Policy has no 'unsafe-inline': such code would not run. Move it to wwwroot/js or wwwroot/css.
        found.ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_error_page_skips_antiforgery()
    {
        var source = Path.GetDirectoryName(FeaturesRoot)!;
        var skipping = Directory.EnumerateFiles(source, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("IgnoreAntiforgeryToken", StringComparison.Ordinal) || text.Contains("asp-antiforgery=\"false\"", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(source, f))
            .ToList();
        // The error page answers re-executed POSTs (a 400 for a missing token among them).
        skipping.ShouldBe(["Features/Error.cshtml.cs"]);
    }

    /// <summary>Behind a reverse proxy that ends HTTPS (Hive:BehindProxy), the proxy's X-Forwarded-Proto is believed: no redirect loop.</summary>
    [Fact]
    public async Task Behind_a_proxy_a_request_forwarded_as_https_is_not_redirected()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hive-proxy-{Guid.NewGuid():N}.db");
        try
        {
            await using var app = new ProductionApp(Db.Sqlite, $"Data Source={file}", behindProxy: true);
            var client = app.Client("http://hive.example");
            (await client.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
            using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
            forwarded.Headers.Add("X-Forwarded-Proto", "https");
            forwarded.Headers.Add("X-Forwarded-For", "192.168.1.30");
            var page = await client.SendAsync(forwarded);
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            CookieFlags(page, "hive.af").ShouldContain("secure");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    [Fact]
    public async Task Https_is_required_in_production()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hive-https-{Guid.NewGuid():N}.db");
        try
        {
            await using var app = new ProductionApp(Db.Sqlite, $"Data Source={file}");

            var http = await app.Client("http://hive.example").GetAsync("/Account/Login?x=1");
            http.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
            http.Headers.Location!.OriginalString.ShouldBe("https://hive.example/Account/Login?x=1");

            var client = app.Client("https://hive.example");
            var signInPage = await client.GetAsync("/Account/Login");
            Header(signInPage, "Strict-Transport-Security").ShouldBe("max-age=31536000; includeSubDomains");
            CookieFlags(signInPage, "hive.af").ShouldContain("secure");
            var signIn = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "ouchar.vbsw1", ["Input.Password"] = Db.DemoPassword });
            signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var auth = CookieFlags(signIn, "hive.auth");
            auth.ShouldContain("secure");
            auth.ShouldContain("httponly");
            auth.ShouldContain("samesite=lax");
            var language = await client.PostFormAsync("/Language", new() { ["culture"] = "en", ["returnUrl"] = "/" }, formPage: "/");
            CookieFlags(language, ".AspNetCore.Culture").ShouldContain("secure");
            (await client.GetAsync("/Registry/Households")).StatusCode.ShouldBe(HttpStatusCode.OK);

            // By design of the HSTS middleware: a year-long pin on localhost would break every other local http site.
            var local = await app.Client("https://localhost").GetAsync("/Account/Login");
            local.StatusCode.ShouldBe(HttpStatusCode.OK);
            local.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        }
        finally
        {
            DeleteSqlite(file);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_sign_in_survives_a_restart_of_the_app(string provider)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hive-restart-{Guid.NewGuid():N}.db");
        var database = provider == Db.Postgres ? await CreatePostgresDatabaseAsync() : null;
        var connection = database ?? $"Data Source={file}";
        try
        {
            var cookies = new CookieContainer();
            await using (var first = new ProductionApp(provider, connection))
            {
                var client = first.Client("https://hive.example", cookies);
                var signIn = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "ouchar.vbsw1", ["Input.Password"] = Db.DemoPassword });
                signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
                (await client.GetAsync("/Registry/Households")).StatusCode.ShouldBe(HttpStatusCode.OK);
                await using var scope = first.Services.CreateAsyncScope();
                // The key lives in this test's own database, not in a file on this machine that any app could share.
                (await scope.ServiceProvider.GetRequiredService<HiveDbContext>().DataProtectionKeys.CountAsync()).ShouldBeGreaterThan(0);
            }

            await using var second = new ProductionApp(provider, connection);
            var again = await second.Client("https://hive.example", cookies).GetAsync("/Registry/Households");
            again.StatusCode.ShouldBe(HttpStatusCode.OK, again.Headers.Location?.OriginalString);
        }
        finally
        {
            if (database is not null) await DropPostgresDatabaseAsync(database);
            DeleteSqlite(file);
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    /// <summary>The attributes of the cookie as the server set it: "httponly", "secure", "samesite=lax", ...</summary>
    private static HashSet<string> CookieFlags(HttpResponseMessage response, string name)
    {
        response.Headers.TryGetValues("Set-Cookie", out var values).ShouldBeTrue($"no cookie set by {response.RequestMessage?.RequestUri}");
        var cookie = values!.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal));
        cookie.ShouldNotBeNull($"{name} not in {string.Join(" | ", values!)}");
        return cookie.Split(';').Skip(1).Select(a => a.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static void DeleteSqlite(string file)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            File.Delete(f);
    }

    /// <summary>A fresh database on the test server, or a skip when PostgreSQL is not reachable (a failure under CI=true).</summary>
    private static async Task<string> CreatePostgresDatabaseAsync()
    {
        var name = $"hive_test_{Guid.NewGuid():N}";
        try
        {
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Apps.PostgresServer) { Timeout = 5 }.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var reason = $"PostgreSQL is not reachable ({e.Message}). Run ./test.sh, which installs and starts it, or set HIVE_TEST_POSTGRES.";
            if (Apps.InCi) throw new InvalidOperationException("CI=true but " + reason, e);
            Assert.Skip(reason);
        }
        return new NpgsqlConnectionStringBuilder(Apps.PostgresServer) { Database = name }.ConnectionString;
    }

    private static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        await using (var mine = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(mine);
        await Apps.DropDatabaseAsync(new NpgsqlConnectionStringBuilder(connectionString).Database!);
    }

    /// <summary>The app as deployed (Production, HTTPS required) on a database of the test's own, seeded with the demo.</summary>
    internal sealed class ProductionApp(string provider, string connectionString, bool behindProxy = false) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Security:RequireHttps", "true");
            // Kestrel would report its https port; TestServer has none.
            builder.UseSetting("https_port", "443");
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("ConnectionStrings:Hive", connectionString);
            builder.UseSetting("Database:MigrateAtStartup", "true");
            builder.UseSetting("Seed:Demo", "true");
            builder.UseSetting("Seed:DemoPassword", Db.DemoPassword);
            builder.UseSetting("Backup:Daily", "false");
            builder.UseSetting("Backup:Directory", Path.Combine(Path.GetTempPath(), $"hive-test-backups-{Guid.NewGuid():N}"));
            builder.UseSetting("Hive:BehindProxy", behindProxy ? "true" : "false");
        }

        /// <summary>A client that follows no redirect and keeps its cookies in the given jar (so a second app can reuse them).</summary>
        public HttpClient Client(string baseAddress, CookieContainer? cookies = null) =>
            CreateDefaultClient(new Uri(baseAddress), new CookieContainerHandler(cookies ?? new CookieContainer()));
    }
}
