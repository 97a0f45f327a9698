using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// Opt-in measurement, not a test (CI does not run it): each capture page's transferred size (compressed, without the
/// static files that the service worker keeps on the phone) and its load time over an emulated slow 3G line
/// (Chromium DevTools throttling: 400 kbit/s both ways, 400 ms latency). Writes bench/results/&lt;date&gt;-capture-pages-slow3g.md.
/// Run: HIVE_BENCH=1 dotnet test tests/VillageHive.BrowserTests --filter "FullyQualifiedName~CapturePagesBench"
/// </summary>
public sealed class CapturePagesBench(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int KbitPerSecond = 400;
    private const int LatencyMs = 400;
    private const int Runs = 5;
    private static readonly string[] StaticPrefixes = ["/css/", "/js/", "/lib/", "/icons/", "/manifest.webmanifest"];

    private sealed record Measure(string Page, string Url, string Encoding, long Transferred, long Encoded, long Decoded, double DomReady, double Load, double Wall);

    [Fact]
    public async Task Capture_pages_on_slow_3g()
    {
        if (Environment.GetEnvironmentVariable("HIVE_BENCH") != "1") Assert.Skip("A measurement: set HIVE_BENCH=1 to run it.");
        // The service worker is blocked so that the routes below can stand in for its cache: static files come from
        // memory at once, as they come from the worker's cache on a phone; only the page itself crosses the slow line.
        var context = await app.NewContextAsync(390, 844, o => o.ServiceWorkers = ServiceWorkerPolicy.Block, communeClock: false);
        var kept = new System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Body, Dictionary<string, string> Headers, int Status)>();
        await context.RouteAsync(url => StaticPrefixes.Any(p => new Uri(url).AbsolutePath.StartsWith(p, StringComparison.Ordinal)), async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            if (!kept.TryGetValue(path, out var file))
            {
                var response = await route.FetchAsync();
                file = (await response.BodyAsync(), response.Headers.Where(h => h.Key is "content-type").ToDictionary(), response.Status);
                kept[path] = file;
            }
            await route.FulfillAsync(new() { Status = file.Status, BodyBytes = file.Body, Headers = file.Headers });
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/Programmes");
        await app.SignInAsync(page, "ouchar.vbsw1");
        await page.WaitForURLAsync("**/Programmes");

        var programme = await page.Locator("#programmes a.stretched").First.GetAttributeAsync("href");
        await page.GotoAsync(app.BaseUrl + "/Cases");
        var caseUrl = await page.Locator("#cases a.stretched").First.GetAttributeAsync("href");
        await page.GotoAsync(app.BaseUrl + "/Community");
        await page.Locator("#activities a.stretched").First.ClickAsync();
        await page.Locator("#sessions").WaitForAsync();
        var session = await page.Locator("#sessions a").First.GetAttributeAsync("href");
        var pages = new (string Name, string Url)[]
        {
            ("New referral", "/Referrals/New"),
            ("New visit", caseUrl + "/Visits/New"),
            ("New case note", caseUrl + "/Notes/New"),
            ("Programme register (40 children)", programme + "/Attendance"),
            ("Session attendance", session!),
            ("Records on this phone (/Sync)", "/Sync"),
        };
        foreach (var (_, url) in pages) await page.GotoAsync(app.BaseUrl + url); // fills the static files' stand-in cache

        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = LatencyMs,
            ["downloadThroughput"] = KbitPerSecond * 1000 / 8,
            ["uploadThroughput"] = KbitPerSecond * 1000 / 8,
        });
        var results = new List<Measure>();
        foreach (var (name, url) in pages)
        {
            var runs = new List<Measure>();
            for (var i = 0; i < Runs; i++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var response = await page.GotoAsync(app.BaseUrl + url, new() { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
                var wall = clock.Elapsed.TotalMilliseconds;
                var encoding = await response!.HeaderValueAsync("content-encoding") ?? "none";
                var t = await page.EvaluateAsync<double[]>(@"() => {
                    const n = performance.getEntriesByType('navigation')[0];
                    const statics = ['/css/', '/js/', '/lib/', '/icons/', '/manifest.webmanifest'];
                    const others = performance.getEntriesByType('resource').filter(r => !statics.some(s => new URL(r.name).pathname.startsWith(s)));
                    const sum = k => others.reduce((a, r) => a + r[k], 0);
                    return [n.transferSize + sum('transferSize'), n.encodedBodySize + sum('encodedBodySize'), n.decodedBodySize + sum('decodedBodySize'),
                            n.domContentLoadedEventEnd - n.startTime, n.loadEventEnd - n.startTime];
                }");
                runs.Add(new Measure(name, url, encoding, (long)t[0], (long)t[1], (long)t[2], t[3], t[4], wall));
            }
            var median = runs.OrderBy(r => r.Load).ElementAt(Runs / 2);
            results.Add(median);
        }
        Write(results);
        results.ShouldAllBe(r => r.Transferred <= 60 * 1024);
    }

    private static void Write(List<Measure> results)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"# Capture pages on slow 3G — {DateTime.UtcNow:yyyy-MM-dd}");
        md.AppendLine();
        md.AppendLine("Produced by:");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine("HIVE_BENCH=1 dotnet test tests/VillageHive.BrowserTests --filter \"FullyQualifiedName~CapturePagesBench\"");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(c, $"Chromium (Debian, headless) driven by Playwright, 390×844, signed in as ouchar.vbsw1 (Khmer), demo data on SQLite, app on loopback. ");
        md.AppendLine(c, $"The line is throttled with DevTools `Network.emulateNetworkConditions` through `context.NewCDPSessionAsync(page)`: ");
        md.AppendLine(c, $"{KbitPerSecond} kbit/s down and up, {LatencyMs} ms latency. Static files (styles, scripts, the Khmer font, icons) are served from ");
        md.AppendLine("memory without touching the line, as the service worker serves them from its cache on a phone; the page itself always comes");
        md.AppendLine("from the network (network-first), compressed by the app (encoding as negotiated by Chromium). Figures: the median of " + Runs + " loads (by load time).");
        md.AppendLine();
        md.AppendLine("| page | encoding | transferred (KB) | compressed body (KB) | uncompressed (KB) | DOM ready (ms) | load event (ms) | navigation, wall clock (ms) | ≤ 60 KB |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|:---:|");
        foreach (var r in results)
            md.AppendLine(c, $"| {r.Page} | {r.Encoding} | {r.Transferred / 1024.0:0.0} | {r.Encoded / 1024.0:0.0} | {r.Decoded / 1024.0:0.0} | {r.DomReady:0} | {r.Load:0} | {r.Wall:0} | {(r.Transferred <= 60 * 1024 ? "yes" : "NO")} |");
        md.AppendLine();
        md.AppendLine("Transferred = bytes on the wire for the page and anything else that is not a cached static file (headers included).");
        md.AppendLine("DOM ready and load are from the page's Navigation Timing; the wall clock is Playwright's GotoAsync until the load event.");
        md.AppendLine("With no signal at all, these pages open from the service worker's copy (see /Sync and docs/offline-sync.md).");
        var dir = Path.Combine(RunningApp.RepoRoot, "bench", "results");
        File.WriteAllText(Path.Combine(dir, $"{DateTime.UtcNow:yyyy-MM-dd}-capture-pages-slow3g.md"), md.ToString());
    }
}
