using System.Collections;
using System.Diagnostics;
using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// Issue 20 part 4: a phone on the commune's own network opens the office machine by a name that is not localhost
/// (hive.lan, mapped to 127.0.0.2 inside Chromium only) over HTTPS, trusting the Hive's own certificate authority as
/// the phone does after /Install (in the browser profile's NSS database, not by ignoring certificate errors). The
/// origin is secure, so the service worker runs: the app is installable and a referral captured offline is sent once.
/// </summary>
public sealed class LanPhoneTests(RunningApp app) : IAsyncDisposable
{
    private const int Width = 390;
    private const int Height = 844;
    private const string LanAddress = "127.0.0.2";
    private const string LanName = "hive.lan";

    private readonly List<IAsyncDisposable> owned = [];
    private readonly List<string> folders = [];

    public async ValueTask DisposeAsync()
    {
        for (var i = owned.Count - 1; i >= 0; i--) await owned[i].DisposeAsync();
        foreach (var folder in folders)
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private string TempFolder(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hive-lan-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        folders.Add(folder);
        return folder;
    }

    [Fact]
    public async Task A_phone_opening_hive_lan_over_https_trusts_the_local_authority_and_sends_an_offline_referral_once()
    {
        app.RequireBrowser();
        if (!File.Exists("/usr/bin/certutil"))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("CI=true but certutil is not installed (apt-get install -y libnss3-tools; ./test.sh does it).");
            Assert.Skip("certutil is not installed (apt-get install -y libnss3-tools; ./test.sh does it).");
        }

        // The office machine: the demo commune, https for the network on 127.0.0.2 only, its authority in its data folder.
        // The real clock: Chromium checks the certificate's dates against the machine's time.
        var port = AppProcess.FreePort();
        var data = TempFolder("data");
        var server = await AppProcess.StartAsync(demo: true, new Dictionary<string, string?>
        {
            ["Hive__Lan"] = "true",
            ["Hive__LanAddress"] = LanAddress,
            ["Hive__LanPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hive__LanName"] = LanName,
            ["Hive__DataDirectory"] = data,
            ["Clock__Start"] = null,
        });
        owned.Add(server);

        // The authority's certificate as a phone downloads it from /Install.
        using var http = new HttpClient();
        using var download = await http.GetAsync(server.BaseUrl + "/Install/Certificate", TestContext.Current.CancellationToken);
        download.EnsureSuccessStatusCode();
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-x509-ca-cert");
        var caFile = Path.Combine(TempFolder("ca"), "village-hive-ca.crt");
        await File.WriteAllBytesAsync(caFile, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        File.Exists(Path.Combine(data, "lan", "ca.key")).ShouldBeTrue();

        // Trusted as the phone's settings would: Chromium on Linux reads the NSS database under $HOME/.pki/nssdb.
        var home = TempFolder("home");
        var nssdb = Path.Combine(home, ".pki", "nssdb");
        Directory.CreateDirectory(nssdb);
        await RunAsync("certutil", "-d", "sql:" + nssdb, "-N", "--empty-password");
        await RunAsync("certutil", "-d", "sql:" + nssdb, "-A", "-t", "C,,", "-n", "village-hive", "-i", caFile);

        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        environment["HOME"] = home;
        var playwright = await Playwright.CreateAsync();
        owned.Add(new Disposer(() => { playwright.Dispose(); return ValueTask.CompletedTask; }));
        var context = await playwright.Chromium.LaunchPersistentContextAsync(TempFolder("profile"), new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Env = environment,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--host-resolver-rules=MAP {LanName} {LanAddress}"],
            ViewportSize = new() { Width = Width, Height = Height },
            TimezoneId = RunningApp.CommuneTimeZoneId,
        });
        owned.Add(context);
        context.SetDefaultTimeout(RunningApp.Timeout);
        context.SetDefaultNavigationTimeout(RunningApp.Timeout);
        await context.Tracing.StartAsync(new() { Screenshots = true, Snapshots = true });
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        var origin = $"https://{LanName}:{port}";
        try
        {
            // Set up as a phone is: the Install page, in Khmer (the default language), fits the phone's screen.
            var response = await page.GotoAsync(origin + "/Install");
            response!.Ok.ShouldBeTrue();
            (await page.EvaluateAsync<bool>("() => window.isSecureContext")).ShouldBeTrue();
            (await page.EvaluateAsync<string>("() => location.origin")).ShouldBe(origin);
            await Assertions.Expect(page.Locator("#install-addresses svg.hive-qr")).ToHaveCountAsync(1);
            (await page.InnerTextAsync("#install-addresses code")).ShouldBe($"https://{LanAddress}:{port}");
            (await page.InnerTextAsync("#install-name")).ShouldContain(origin);
            (await page.InnerTextAsync("#install-fingerprint")).Length.ShouldBe(95);
            await page.EvaluateAsync("document.fonts.ready");
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Width);
            var shots = Path.Combine(RunningApp.RepoRoot, "docs", "screenshots");
            Directory.CreateDirectory(shots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"install-km-{Width}x{Height}.png"), FullPage = true });

            await page.GotoAsync(origin + "/Referrals/New");
            await app.SignInAsync(page, "ouchar.vbsw1");
            await page.WaitForURLAsync("**/Referrals/New");
            await OfflineSyncTests.UntilAsync(page, "navigator.serviceWorker.ready.then(() => true)");
            if (!await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null"))
                await page.ReloadAsync();
            await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

            // Installable: Chromium finds the manifest, its icons and the service worker acceptable on this origin.
            var cdp = await context.NewCDPSessionAsync(page);
            var installability = await cdp.SendAsync("Page.getInstallabilityErrors");
            installability!.Value.GetProperty("installabilityErrors").GetArrayLength().ShouldBe(0, installability.Value.ToString());

            await context.SetOfflineAsync(true);
            var given = OfflineSyncTests.UniqueKhmer();
            await OfflineSyncTests.FillReferralAsync(page, given);
            await page.ClickAsync("#referral-form button.btn-lg[type=submit]");
            await page.Locator("#offline-notice.alert-success").WaitForAsync();
            (await OfflineSyncTests.PendingAsync(page)).ShouldBe(1);

            await context.SetOfflineAsync(false);
            await OfflineSyncTests.WaitUntilSentAsync(page);
            await page.GotoAsync(origin + "/Referrals");
            (await page.Locator("#referrals a.stretched", new() { HasTextString = given }).CountAsync()).ShouldBe(1);
            await context.Tracing.StopAsync();
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, "failed-LanPhoneTests.png"), FullPage = true });
            await context.Tracing.StopAsync(new() { Path = Path.Combine(RunningApp.TracesDir, "LanPhoneTests.zip") });
            throw;
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{file} {string.Join(' ', args)}: {error}");
    }

    private sealed class Disposer(Func<ValueTask> dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => dispose();
    }
}
