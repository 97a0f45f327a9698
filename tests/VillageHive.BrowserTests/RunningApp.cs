using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using VillageHive.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(VillageHive.BrowserTests.RunningApp))]

namespace VillageHive.BrowserTests;

/// <summary>
/// The built app started as its own process on a free loopback port, on a fresh SQLite file with the demo
/// commune, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class RunningApp : IAsyncLifetime
{
    public const string Password = "browser-demo-passphrase";
    private const string Chromium = "/usr/bin/chromium";

    private readonly string database = Path.Combine(Path.GetTempPath(), $"hive-browser-{Guid.NewGuid():N}.db");
    private Process? server;
    private IPlaywright? playwright;
    private string? problem;

    public string BaseUrl { get; private set; } = "";
    public IBrowser? Browser { get; private set; }

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VillageHive.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("VillageHive.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ArtifactsDir
    {
        get
        {
            var dir = Path.Combine(RepoRoot, "artifacts", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            problem = $"{Chromium} is not installed (apt-get install -y chromium; ./test.sh does it).";
            return;
        }
        var project = Path.Combine(RepoRoot, "src", "VillageHive");
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "VillageHive.dll");
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Hive"] = $"Data Source={database}";
        start.Environment["Seed__Demo"] = "true";
        start.Environment["Seed__DemoPassword"] = Password;
        start.Environment["Security__RequireHttps"] = "false";
        server = Process.Start(start)!;
        // The app logs to standard output; its warnings and errors are worth seeing when a browser test fails.
        var lastLevel = "";
        server.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith("fail:", StringComparison.Ordinal) || e.Data.StartsWith("crit:", StringComparison.Ordinal)) lastLevel = "error";
            else if (e.Data.StartsWith("info:", StringComparison.Ordinal) || e.Data.StartsWith("warn:", StringComparison.Ordinal)) lastLevel = "";
            if (lastLevel == "error") Console.Error.WriteLine("[app] " + e.Data);
        };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[app] " + e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        await WaitUntilUpAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> authenticatorKeys = new();

    /// <summary>
    /// Signs in through the form as a person would, on a page already at the sign-in form: enrols an authenticator
    /// the first time a required-role user signs in (the key is kept for the run) and types the code afterwards.
    /// </summary>
    public async Task SignInAsync(IPage page, string user)
    {
        // Two tests signing in as the same user at once would both enrol and keep different keys: one at a time.
        var gate = signInGates.GetOrAdd(user, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            await SignInOnceAsync(page, user);
        }
        finally
        {
            gate.Release();
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> signInGates = new();

    private async Task SignInOnceAsync(IPage page, string user)
    {
        await page.FillAsync("input[autocomplete=username]", user);
        await page.FillAsync("input[autocomplete=current-password]", Password);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login?", StringComparison.Ordinal) && !url.EndsWith("/Account/Login", StringComparison.Ordinal));
        if (page.Url.Contains("/Account/TwoFactor", StringComparison.Ordinal))
        {
            var key = (await page.InnerTextAsync("#shared-key")).Replace(" ", "", StringComparison.Ordinal);
            authenticatorKeys[user] = key;
            await page.FillAsync("input[autocomplete=one-time-code]", Totp.Code(key));
            await page.ClickAsync("main form button[type=submit]");
            await page.Locator("#recovery-codes").WaitForAsync();
            await page.ClickAsync("main a.btn-primary");
        }
        else if (page.Url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            await page.FillAsync("input[autocomplete=one-time-code]", Totp.Code(authenticatorKeys[user]));
            await page.ClickAsync("main form button[type=submit]");
        }
    }

    /// <summary>The browser, or a skip with the reason (a failure under CI=true, where Chromium must be there).</summary>
    public IBrowser RequireBrowser()
    {
        if (Browser is not null) return Browser;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("CI=true but " + problem);
        Assert.Skip(problem ?? "no browser");
        return null!;
    }

    private async Task WaitUntilUpAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 120; i++)
        {
            if (server!.HasExited) throw new InvalidOperationException($"The app exited with code {server.ExitCode}.");
            try
            {
                var response = await http.GetAsync(BaseUrl + "/Account/Login");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The app did not answer within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        server?.Dispose();
        foreach (var f in new[] { database, database + "-wal", database + "-shm" })
            File.Delete(f);
    }
}
