using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using VillageHive.Data;

[assembly: AssemblyFixture(typeof(VillageHive.Tests.Infrastructure.Apps))]

namespace VillageHive.Tests.Infrastructure;

/// <summary>Names of the two database providers every integration test runs on.</summary>
public static class Db
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string DemoPassword = "test-demo-passphrase";
}

/// <summary>Where the app keeps attached files: the folder store, or an S3-compatible server (<see cref="TestS3"/>).</summary>
public static class Store
{
    public const string Folder = "Folder";
    public const string S3 = "S3";
}

/// <summary>The real app on one provider, migrated and seeded with the demo commune.</summary>
public sealed partial class HiveApp : WebApplicationFactory<Program>
{
    private readonly string provider;
    private readonly string connectionString;
    private readonly bool demo;
    private readonly string? s3Bucket;
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> clients = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> signInGates = new();
    private readonly ConcurrentDictionary<string, string> keys = new();

    /// <summary>
    /// The app on a provider and database; with demo false, an empty install as a commune gets it (no demo commune, no
    /// users); with an S3 bucket, its attached files go to that bucket on the test S3 server instead of the folder.
    /// </summary>
    public HiveApp(string provider, string connectionString, bool demo = true, string? s3Bucket = null)
    {
        this.provider = provider;
        this.connectionString = connectionString;
        this.demo = demo;
        this.s3Bucket = s3Bucket;
    }

    public string Provider => provider;

    /// <summary>The bucket of this app's attached files on the test S3 server, or null for the folder store.</summary>
    public string? S3Bucket => s3Bucket;

    /// <summary>
    /// Where the test apps keep attached files (the folder store): one folder for the test run, also given to the apps
    /// the CLI builds in this process (through the environment), so that a backup taken by the CLI finds the files.
    /// </summary>
    public static string AttachmentsDirectory { get; } = SharedAttachments();

    private static string SharedAttachments()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hive-test-attachments-{Guid.NewGuid():N}");
        Environment.SetEnvironmentVariable("Attachments__Directory", dir);
        return dir;
    }

    /// <summary>Every error the app logged (an unhandled exception among them), so a test that got a 500 can say why.</summary>
    public ServerErrors Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(l => l.AddProvider(Errors));
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Hive", connectionString);
        builder.UseSetting("Database:MigrateAtStartup", "true");
        builder.UseSetting("Seed:Demo", demo ? "true" : "false");
        builder.UseSetting("Seed:DemoPassword", Db.DemoPassword);
        // TestServer speaks plain http; SecurityHeadersTests start their own https app.
        builder.UseSetting("Security:RequireHttps", "false");
        // Pages report their SQL command count, so tests can check that history does not add queries.
        builder.UseSetting("Diagnostics:SqlCommandHeader", "true");
        // No SMS sender in the background: the outbox tests call SmsOutbox.ProcessDueAsync themselves.
        builder.UseSetting("Sms:PollSeconds", "0");
        // No daily backup in the background (BackupTests run it themselves); the folder is the test's own.
        builder.UseSetting("Backup:Daily", "false");
        builder.UseSetting("Backup:Directory", Path.Combine(Path.GetTempPath(), $"hive-test-backups-{Guid.NewGuid():N}"));
        // Attached files: a folder of this app's own (AttachmentTests look into it).
        builder.UseSetting("Attachments:Directory", AttachmentsDirectory);
        if (s3Bucket is not null)
        {
            // As docs/operations.md tells a commune to configure an S3-compatible server.
            builder.UseSetting("Attachments:S3:Bucket", s3Bucket);
            builder.UseSetting("Attachments:S3:ServiceUrl", TestS3.ServiceUrl);
            builder.UseSetting("Attachments:S3:AccessKey", TestS3.AccessKey);
            builder.UseSetting("Attachments:S3:SecretKey", TestS3.SecretKey);
        }
        // API clients: a limit above what the bad-input test sends and below what the rate-limit test sends; many tokens,
        // since every test makes its own client.
        builder.UseSetting("Api:PermitsPerMinute", "2000");
        builder.UseSetting("Api:TokenPermitsPerMinute", "1000");
        // DCI: no sender in the background (DciTests run the outbox themselves), callbacks only to the test receiver,
        // a signing key of this run (never one in the repository).
        builder.UseSetting("Dci:PollSeconds", "0");
        builder.UseSetting("Dci:CallbackOrigins", DciCallbackOrigin);
        builder.UseSetting("Dci:SigningKey", Convert.ToBase64String(VillageHive.Infrastructure.Dci.DciSignature.NewKeyPair().Private));
        // The commune clock runs from a known school day, whatever day and hour the machine says it is.
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(TestClock.Time);
            s.AddHttpClient(VillageHive.Infrastructure.Dci.DciOutbox.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new Features.DciReceiver());
        });
    }

    /// <summary>Where the DCI outbox may call back in the tests: <see cref="Features.DciReceiver"/> answers it.</summary>
    public const string DciCallbackOrigin = "http://dci-receiver.test";

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in as a demo user; one per user, shared by the tests (sign-in hashing is slow on purpose).</summary>
    public Task<HttpClient> As(string userName) =>
        clients.GetOrAdd(userName, u => new Lazy<Task<HttpClient>>(() => SignInAsync(u, Db.DemoPassword))).Value;

    /// <summary>
    /// A fully signed-in client, as a person would get one: the password, then the code from the authenticator app
    /// when two-step sign-in is on, or the enrolment when the user's role needs it and it is not on yet.
    /// </summary>
    public async Task<HttpClient> SignInAsync(string userName, string password)
    {
        // One sign-in at a time per user: two tests enrolling the same user at once would make two keys.
        var gate = signInGates.GetOrAdd(userName, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            var client = await PasswordSignInAsync(userName, password);
            var home = await client.GetAsync("/");
            if (home.StatusCode == HttpStatusCode.Redirect && home.Headers.Location!.OriginalString.StartsWith("/Account/TwoFactor", StringComparison.Ordinal))
                await EnrolAsync(client, userName);
            return client;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The password step, and the authenticator code when asked for; no enrolment.</summary>
    public async Task<HttpClient> PasswordSignInAsync(string userName, string password)
    {
        var client = Anonymous();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {response.StatusCode}");
        var location = response.Headers.Location!.OriginalString;
        if (location.StartsWith("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            var code = Totp.Code(await AuthenticatorKeyAsync(userName));
            response = await client.PostFormAsync(location, new() { ["Input.Code"] = code });
            if (response.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"The authenticator code for {userName} was refused: {response.StatusCode}");
        }
        return client;
    }

    /// <summary>Turns on two-step sign-in through the page: reads the key, types the code; returns the key and the recovery codes.</summary>
    public async Task<(string Key, List<string> RecoveryCodes)> EnrolAsync(HttpClient client, string userName)
    {
        var key = SharedKey(await client.GetHtmlAsync("/Account/TwoFactor"));
        var response = await client.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Input.Code"] = Totp.Code(key) }, formPage: "/Account/TwoFactor");
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var codes = RecoveryCodes(html);
        codes.Count.ShouldBe(10, $"enrolment of {userName} did not show the recovery codes");
        keys[userName] = key;
        return (key, codes);
    }

    /// <summary>The key a user enrolled with here, or (enrolled elsewhere) the one stored for the user.</summary>
    public async Task<string> AuthenticatorKeyAsync(string userName)
    {
        if (keys.TryGetValue(userName, out var key)) return key;
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HiveUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}");
        return await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{userName} has no authenticator key");
    }

    /// <summary>The shared key shown on the enrolment page, without the spaces between its groups.</summary>
    public static string SharedKey(string html)
    {
        var match = SharedKeyPattern().Match(html);
        if (!match.Success) throw new InvalidOperationException("No shared key on the page");
        return match.Groups[1].Value.Replace(" ", "");
    }

    public static List<string> RecoveryCodes(string html) =>
        RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("id=\"shared-key\"[^>]*>([A-Z2-7 ]+)</code>")]
    private static partial Regex SharedKeyPattern();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCodePattern();

    /// <summary>Runs the work on a fresh context, after the audited reads queued so far are written (they are written in the background).</summary>
    public async Task<T> WithDbAsync<T>(Func<HiveDbContext, Task<T>> work)
    {
        await Services.GetRequiredService<global::VillageHive.Infrastructure.Audit.AuditReadQueue>().FlushAsync();
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<HiveDbContext>());
    }

    public async Task WithDbAsync(Func<HiveDbContext, Task> work)
    {
        await Services.GetRequiredService<global::VillageHive.Infrastructure.Audit.AuditReadQueue>().FlushAsync();
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<HiveDbContext>());
    }
}

/// <summary>
/// One app per provider for the whole test run. PostgreSQL comes from HIVE_TEST_POSTGRES (default: the server and
/// user that ./test.sh sets up); each run gets its own database, dropped at the end.
/// </summary>
public sealed class Apps : IAsyncDisposable
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=hive_test;Password=hive_test;Database=postgres";

    private readonly Lazy<Task<HiveApp>> sqlite;
    private readonly Lazy<Task<HiveApp?>> postgres;
    private readonly ConcurrentDictionary<string, Lazy<Task<EmptyInstall>>> s3Apps = new();
    private readonly Lazy<Task<string?>> s3Bucket = new(TestS3.CreateBucketAsync);
    private readonly string sqliteFile = Path.Combine(Path.GetTempPath(), $"hive-test-{Guid.NewGuid():N}.db");
    private string? postgresDatabase;
    private string? postgresProblem;

    public Apps()
    {
        sqlite = new(() => StartAsync(new HiveApp(Db.Sqlite, $"Data Source={sqliteFile}")));
        postgres = new(StartPostgresAsync);
    }

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("HIVE_TEST_POSTGRES") is { Length: > 0 } cs ? cs : DefaultPostgres;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The app on the given provider; skips the test when PostgreSQL is not reachable (never under CI=true).</summary>
    public async Task<HiveApp> Get(string provider)
    {
        if (provider == Db.Sqlite) return await sqlite.Value;
        var app = await postgres.Value;
        if (app is not null) return app;
        var reason = $"PostgreSQL is not reachable ({postgresProblem}). Run ./test.sh, which installs and starts it, or set HIVE_TEST_POSTGRES.";
        if (InCi) throw new InvalidOperationException("CI=true but " + reason);
        Assert.Skip(reason);
        return null!;
    }

    /// <summary>
    /// The app on the given provider with its attached files in the given store: for <see cref="Store.S3"/>, an app of
    /// its own (demo seed, own database) whose files go to a bucket of this run on the test S3 server; skips the test
    /// when that server is not reachable (never under CI=true).
    /// </summary>
    public async Task<HiveApp> Get(string provider, string store)
    {
        if (store == Store.Folder) return await Get(provider);
        var bucket = await s3Bucket.Value;
        if (bucket is null)
        {
            var reason = $"No S3-compatible server at {TestS3.ServiceUrl} ({TestS3.Problem}). Run ./test.sh, which installs and starts s3rver (tools/s3rver), or set HIVE_TEST_S3.";
            if (InCi) throw new InvalidOperationException("CI=true but " + reason);
            Assert.Skip(reason);
        }
        return (await s3Apps.GetOrAdd(provider, p => new(() => InstallAsync(p, demo: true, bucket))).Value).App;
    }

    /// <summary>
    /// A fresh, empty install on the provider (its own SQLite file or PostgreSQL database), for first-run tests; the
    /// caller disposes it, which also removes the database. Skips like <see cref="Get(string)"/> when PostgreSQL is missing.
    /// </summary>
    public Task<EmptyInstall> EmptyAsync(string provider) => InstallAsync(provider, demo: false);

    /// <summary>
    /// A fresh install with the demo seed, of its own, for a test that changes demo records other tests read (merging a
    /// demo child); disposed like <see cref="EmptyAsync"/>.
    /// </summary>
    public Task<EmptyInstall> FreshDemoAsync(string provider) => InstallAsync(provider, demo: true);

    private async Task<EmptyInstall> InstallAsync(string provider, bool demo, string? s3Bucket = null)
    {
        if (provider == Db.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"hive-empty-{Guid.NewGuid():N}.db");
            return new EmptyInstall(await StartAsync(new HiveApp(Db.Sqlite, $"Data Source={file}", demo, s3Bucket)), file, null);
        }
        await Get(Db.Postgres);
        var name = $"hive_empty_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(PostgresServer))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name };
        return new EmptyInstall(await StartAsync(new HiveApp(Db.Postgres, cs.ConnectionString, demo, s3Bucket)), null, name);
    }

    private static async Task<HiveApp> StartAsync(HiveApp app)
    {
        // Creating the client starts the host, which migrates and seeds.
        app.CreateClient().Dispose();
        await Task.CompletedTask;
        return app;
    }

    private async Task<HiveApp?> StartPostgresAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer) { Timeout = 5 };
        try
        {
            await using var conn = new NpgsqlConnection(server.ConnectionString);
            await conn.OpenAsync();
            postgresDatabase = $"hive_test_{Guid.NewGuid():N}";
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {postgresDatabase}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            postgresProblem = e.Message;
            return null;
        }
        var db = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = postgresDatabase };
        return await StartAsync(new HiveApp(Db.Postgres, db.ConnectionString));
    }

    /// <summary>
    /// Drops a test database. FORCE ends the test's own sessions, but an autovacuum worker that happens to be in the
    /// new database cannot be ended by a non-superuser: wait for it and try again.
    /// </summary>
    public static async Task DropDatabaseAsync(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var conn = new NpgsqlConnection(PostgresServer);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is "42501" or "55006" && attempt < 10)
            {
                await Task.Delay(500 * attempt);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var install in s3Apps.Values.Where(l => l.IsValueCreated))
            await (await install.Value).DisposeAsync();
        if (sqlite.IsValueCreated) await (await sqlite.Value).DisposeAsync();
        if (postgres.IsValueCreated && await postgres.Value is { } pg)
        {
            await pg.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await DropDatabaseAsync(postgresDatabase!);
        }
        foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            File.Delete(f);
    }
}

public static partial class HttpForms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>GETs the form's page for its antiforgery token (as a browser would), then posts the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? url);
        var html = await page.Content.ReadAsStringAsync();
        if (!TokenPattern().IsMatch(html))
            throw new InvalidOperationException($"No antiforgery token on {formPage ?? url} ({page.StatusCode})");
        return await client.PostFormFromAsync(url, html, fields);
    }

    /// <summary>Posts the fields with the token of a page already shown, as a browser posts the form a person has open.</summary>
    public static async Task<HttpResponseMessage> PostFormFromAsync(this HttpClient client, string url, string pageHtml, Dictionary<string, string> fields)
    {
        var match = TokenPattern().Match(pageHtml);
        if (!match.Success) throw new InvalidOperationException($"The page posted from has no antiforgery token ({url})");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(match.Groups[1].Value) };
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    /// <summary>Uploads a file as the page's "upload" form does (to its Check handler), with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string page, string fileName, byte[] content)
    {
        var form = await client.GetHtmlAsync(page);
        using var body = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value)), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "upload", fileName },
        };
        return await client.PostAsync($"{page}?handler=Check", body);
    }

    public static async Task<string> GetHtmlAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"GET {url}");
        return html;
    }
}

public static class Users
{
    /// <summary>Creates a user for a test that changes the user's state (lockout, deactivation) so the demo users stay usable.</summary>
    public static async Task CreateUserAsync(this HiveApp app, string userName, string role, bool active = true, bool district = false, bool mustChangePassword = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HiveUser>>();
        var db = scope.ServiceProvider.GetRequiredService<HiveDbContext>();
        var area = district ? db.Districts.Select(d => d.Id).First() : db.Villages.OrderBy(v => v.Code).Select(v => v.Id).First();
        var user = new HiveUser
        {
            UserName = userName, DisplayName = userName, IsActive = active, ScopeAreaIds = [area],
            ScopeLevel = district ? VillageHive.Domain.ScopeLevel.District : VillageHive.Domain.ScopeLevel.Villages,
            MustChangePassword = mustChangePassword,
        };
        (await users.CreateAsync(user, Db.DemoPassword)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
    }

    /// <summary>Creates a user working in the given villages (by code) with the demo password; returns the user's id.</summary>
    public static async Task<string> CreateUserInVillagesAsync(this HiveApp app, string userName, string role, params string[] villageCodes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HiveUser>>();
        var db = scope.ServiceProvider.GetRequiredService<HiveDbContext>();
        var villages = db.Villages.Where(v => villageCodes.Contains(v.Code)).Select(v => v.Id).ToList();
        villages.Count.ShouldBe(villageCodes.Length);
        var user = new HiveUser { UserName = userName, DisplayName = userName, ScopeLevel = Domain.ScopeLevel.Villages, ScopeAreaIds = villages };
        (await users.CreateAsync(user, Db.DemoPassword)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        return user.Id;
    }
}

/// <summary>An empty install made by <see cref="Apps.EmptyAsync"/>; disposing it stops the app and removes its database.</summary>
public sealed class EmptyInstall(HiveApp app, string? sqliteFile, string? postgresDatabase) : IAsyncDisposable
{
    public HiveApp App => app;

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await Apps.DropDatabaseAsync(postgresDatabase);
        }
        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }) File.Delete(f);
        }
    }
}
