using System.Collections.Concurrent;
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

    /// <summary>
    /// The commune's clock for the run: the app (Clock:Start, Testing environment) and every browser context start at
    /// this instant and run forward. Wednesday 2 December 2026, 10:00 in Phnom Penh: a school day, and the same
    /// date in UTC (the app's "today") as in the commune.
    /// </summary>
    public static readonly DateTimeOffset ClockStart = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    public const string CommuneTimeZoneId = "Asia/Phnom_Penh";

    /// <summary>The commune's date at <see cref="ClockStart"/>: the day a test means by "today".</summary>
    public static DateOnly CommuneToday =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ClockStart, TimeZoneInfo.FindSystemTimeZoneById(CommuneTimeZoneId)).DateTime);

    /// <summary>
    /// Every wait of every test, in ms. Generous on purpose: on a busy 2-core machine (load 12–35) a page can take many
    /// seconds; a wait that is met returns at once, so only a test that is going to fail anyway waits this long.
    /// </summary>
    public const float Timeout = 90_000;

    private AppProcess? server;
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

    public static string TracesDir
    {
        get
        {
            var dir = Path.Combine(RepoRoot, "artifacts", "traces");
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
        server = await AppProcess.StartAsync(demo: true);
        BaseUrl = server.BaseUrl;

        Assertions.SetDefaultExpectTimeout(Timeout);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private readonly ConcurrentDictionary<string, ConcurrentQueue<IBrowserContext>> contextsByTest = new();
    private readonly ConcurrentDictionary<IBrowserContext, bool> closedContexts = new();

    /// <summary>
    /// A new browser context for the current test: the one place where the waits, the commune's time zone and clock,
    /// and the trace kept for a failed test are set. Closed, and its trace and screenshot kept when the test failed,
    /// by <see cref="FinishTestAsync"/> (each test class calls it from DisposeAsync).
    /// </summary>
    /// <remarks>communeClock: false only for a measurement, since the installed clock also stands in for the page's
    /// performance timer.</remarks>
    public async Task<IBrowserContext> NewContextAsync(int width, int height, Action<BrowserNewContextOptions>? configure = null, bool communeClock = true)
    {
        var options = new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = width, Height = height },
            // The phone is in the commune: dates the page makes (e.g. the register's day offline) are Phnom Penh dates.
            TimezoneId = CommuneTimeZoneId,
        };
        configure?.Invoke(options);
        var context = await RequireBrowser().NewContextAsync(options);
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        // The page's clock agrees with the app's (Clock__Start): it starts at ClockStart and then runs at the normal pace.
        if (communeClock) await context.Clock.InstallAsync(new() { TimeDate = ClockStart.UtcDateTime });
        await context.Tracing.StartAsync(new() { Screenshots = true, Snapshots = true, Title = TestName() });
        context.Close += (_, c) => closedContexts[c] = true;
        var test = TestContext.Current.Test?.UniqueID ?? "";
        contextsByTest.GetOrAdd(test, _ => new()).Enqueue(context);
        return context;
    }

    /// <summary>A page in a new context of the current test (see <see cref="NewContextAsync"/>).</summary>
    public async Task<IPage> NewPageAsync(int width, int height, Action<BrowserNewContextOptions>? configure = null) =>
        await (await NewContextAsync(width, height, configure)).NewPageAsync();

    /// <summary>
    /// Closes the current test's browser contexts. When the test failed, first keeps what it saw: a full-page
    /// screenshot of each open page in artifacts/screenshots/failed-&lt;test&gt;.png and the Playwright trace in
    /// artifacts/traces/&lt;test&gt;.zip (open with "pwsh bin/Debug/net10.0/playwright.ps1 show-trace"). xunit sets the
    /// test's result before it disposes the test class, which is where this runs.
    /// </summary>
    public async ValueTask FinishTestAsync()
    {
        if (!contextsByTest.TryRemove(TestContext.Current.Test?.UniqueID ?? "", out var contexts)) return;
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        var name = TestName();
        var n = 0;
        foreach (var context in contexts)
        {
            // A context the test closed itself (one person's part of the story was over) has nothing left to keep.
            if (closedContexts.TryRemove(context, out _)) continue;
            var suffix = ++n == 1 ? "" : "-" + n;
            try
            {
                if (failed)
                {
                    foreach (var (page, i) in context.Pages.Select((p, i) => (p, i)))
                    {
                        await page.ScreenshotAsync(new()
                        {
                            Path = Path.Combine(ArtifactsDir, $"failed-{name}{suffix}{(i == 0 ? "" : "-page" + (i + 1))}.png"),
                            FullPage = true,
                        });
                    }
                    await context.Tracing.StopAsync(new() { Path = Path.Combine(TracesDir, $"{name}{suffix}.zip") });
                }
                else
                {
                    await context.Tracing.StopAsync();
                }
            }
            catch (PlaywrightException e)
            {
                // A crashed page must not hide the test's own failure.
                Console.Error.WriteLine($"[browser tests] could not keep the artifacts of {name}: {e.Message}");
            }
            finally
            {
                await context.CloseAsync();
                closedContexts.TryRemove(context, out _);
            }
        }
    }

    /// <summary>The current test's name as a file name: class, method and any theory arguments.</summary>
    private static string TestName()
    {
        var display = TestContext.Current.Test?.TestDisplayName ?? "unknown-test";
        display = display.Replace(typeof(RunningApp).Namespace + ".", "", StringComparison.Ordinal);
        return new string([.. display.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
    }

    private readonly ConcurrentDictionary<string, string> claims = new();

    /// <summary>
    /// Takes a demo record (e.g. "case:12", "session:7") for the current test only. Test classes run in parallel
    /// against the one app: a test that changes a demo row claims it first, so no other test changes or reads it
    /// meanwhile. False when another test has it.
    /// </summary>
    public bool Claim(string record) => claims.TryAdd(record, TestContext.Current.Test?.TestDisplayName ?? "");

    /// <summary>A new phone-sized page, signed in as the user at the given path (the sign-in form comes first).</summary>
    public async Task<IPage> SignedInAtAsync(string user, string path, int width = 390, int height = 844)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync(BaseUrl + path);
        await SignInAsync(page, user);
        await page.WaitForURLAsync("**" + path.Split('?')[0] + "*");
        return page;
    }

    /// <summary>The page is no wider than its screen (fonts loaded); its whole-page screenshot goes to the artifacts.</summary>
    public static async Task FitsAndShootAsync(IPage page, string name)
    {
        await page.EvaluateAsync("document.fonts.ready");
        var width = page.ViewportSize!.Width;
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width, name);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDir, $"{name}-km-{width}x{page.ViewportSize.Height}.png"), FullPage = true });
    }

    /// <summary>The path of a case of the signed-in worker's own list in one of these statuses that no other test has claimed.</summary>
    public async Task<string> ClaimCaseAsync(IPage worker, params string[] statuses)
    {
        foreach (var status in statuses)
        {
            await worker.GotoAsync($"{BaseUrl}/Cases?status={status}&mine=true");
            // An empty list has no #cases: wait for the page, then read what is there.
            await worker.Locator("main").WaitForAsync();
            var hrefs = await worker.Locator("#cases a.stretched").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
            if (hrefs.FirstOrDefault(href => Claim("case:" + href.Split('/')[^1])) is { } href) return href;
        }
        throw new InvalidOperationException("Every case listed is taken by another test.");
    }

    private readonly ConcurrentDictionary<string, string> authenticatorKeys = new();

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

    private readonly ConcurrentDictionary<string, SemaphoreSlim> signInGates = new();

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
            // Signed in once the enrolment page is left: the caller's next step may be a navigation of its own.
            await page.WaitForURLAsync(url => !url.Contains("/Account/TwoFactor", StringComparison.Ordinal));
        }
        else if (page.Url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            await page.FillAsync("input[autocomplete=one-time-code]", Totp.Code(authenticatorKeys[user]));
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal));
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

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (server is not null) await server.DisposeAsync();
    }
}
