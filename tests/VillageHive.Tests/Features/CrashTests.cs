using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Backup;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// kill -9 in the middle of a burst of referral posts (issue 20 acceptance). The real app runs as a child process
/// (`dotnet VillageHive.dll`) on its own SQLite data folder: SQLite only, as what is tested is that a committed write
/// survives the process dying, which on PostgreSQL is the server's business.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const string Password = "crash-demo-passphrase";

    [Fact]
    public async Task Every_referral_answered_before_a_kill_9_is_there_after_the_restart_and_the_audit_chain_and_a_backup_verify()
    {
        var data = BackupTests.TempDir();
        var port = FreePort();
        Process? app = null;
        try
        {
            app = Start(data, port);
            using var client = await SignedInAsync(port, "ouchar.vbsw1");
            var village = await VillageIdAsync(data, "02030902");

            // Eight phones post one referral each, over and over; the app is killed once 40 were answered.
            var answered = new System.Collections.Concurrent.ConcurrentBag<Guid>();
            using var killed = new CancellationTokenSource();
            var phones = Enumerable.Range(0, 8).Select(async phone =>
            {
                while (!killed.IsCancellationRequested)
                {
                    var id = Guid.NewGuid();
                    try
                    {
                        if (await PostReferralAsync(client, id, village, phone)) answered.Add(id);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return;
                    }
                }
            }).ToList();
            var waited = Stopwatch.StartNew();
            while (answered.Count < 40 && waited.Elapsed < TimeSpan.FromMinutes(3) && !app.HasExited) await Task.Delay(20);
            answered.Count.ShouldBeGreaterThanOrEqualTo(40, "the burst did not get going");
            app.Kill(entireProcessTree: true); // SIGKILL on Linux: no shutdown, no flush
            killed.Cancel();
            await Task.WhenAll(phones);
            await app.WaitForExitAsync();
            output.WriteLine($"{answered.Count} referrals answered 2xx before the kill");

            app = Start(data, port);
            using var again = await SignedInAsync(port, "ouchar.vbsw1");
            var ids = answered.ToList();
            var file = Path.Combine(data, "villagehive.db");
            await using (var db = Backups.Context(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False"))
            {
                var stored = await db.Referrals.Where(r => ids.Contains(r.IdempotencyKey)).Select(r => r.IdempotencyKey).ToListAsync();
                ids.Except(stored).ShouldBeEmpty("answered 2xx but lost");
            }
            var cs = $"Data Source={file};Pooling=False";
            (await Cli.RunAsync(["verify-audit", "--provider", Db.Sqlite, "--connection", cs])).ShouldBe(0);
            var backups = Path.Combine(data, "after");
            (await Cli.RunAsync(["backup", "--to", backups, "--provider", Db.Sqlite, "--connection", cs])).ShouldBe(0);
            var backup = Directory.GetFiles(backups, "*" + Backups.Extension).ShouldHaveSingleItem();
            (await Cli.RunAsync(["backup", "--verify", backup, "--provider", Db.Sqlite, "--connection", cs])).ShouldBe(0);
        }
        finally
        {
            if (app is { HasExited: false }) app.Kill(entireProcessTree: true);
            app?.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The app built next to the tests, started as a commune would start it, on the data folder; returns once it answers.</summary>
    private Process Start(string data, int port)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = data, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "VillageHive.dll"));
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        // Testing: the app's commune clock starts where the tests' does (Clock:Start), so the phones' times agree with it.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Clock__Start"] = TestClock.UtcNow.ToString("O");
        start.Environment["Hive__DataDirectory"] = data;
        start.Environment["Seed__Demo"] = "true";
        start.Environment["Seed__DemoPassword"] = Password;
        start.Environment["Security__RequireHttps"] = "false";
        start.Environment["Backup__Daily"] = "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}");
            try
            {
                if (http.GetAsync($"http://127.0.0.1:{port}/Account/Login").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK) return process;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (waited.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("The app did not answer within 3 minutes");
            Thread.Sleep(200);
        }
    }

    private void Log(string line)
    {
        try { output.WriteLine(line); } catch (InvalidOperationException) { /* the test is over */ }
    }

    private static async Task<HttpClient> SignedInAsync(int port, string user)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = Password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static async Task<bool> PostReferralAsync(HttpClient client, Guid id, int village, int phone)
    {
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/sync/token")).GetProperty("token").GetString()!;
        var now = DateTime.SpecifyKind(TestClock.UtcNow, DateTimeKind.Utc).ToString("O");
        var batch = new
        {
            sentAt = now,
            records = new[]
            {
                new
                {
                    clientId = id, kind = "referral", recordedAt = now,
                    data = new Dictionary<string, object>
                    {
                        ["VillageId"] = village.ToString(),
                        ["Children[0].FamilyNameKm"] = "តេស្ត", ["Children[0].GivenNameKm"] = "គាំង", ["Children[0].FamilyNameLatin"] = "Crash",
                        ["Children[0].GivenNameLatin"] = $"Phone{phone}x{id.ToString("N")[..6]}", ["Children[0].Sex"] = "Female", ["Children[0].AgeYears"] = "9",
                        ["Children[0].Match"] = "new", ["Concerns"] = new[] { "OutOfSchool" }, ["Urgency"] = "Soon", ["Channel"] = "InPerson", ["Consent"] = "Given",
                    },
                },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync") { Content = JsonContent.Create(batch) };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode) return false;
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var status = json.GetProperty("results")[0].GetProperty("status").GetString();
        status.ShouldBe("applied", json.ToString());
        return true;
    }

    private static async Task<int> VillageIdAsync(string data, string code)
    {
        await using var db = Backups.Context(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(data, "villagehive.db")};Pooling=False");
        return await db.Villages.Where(v => v.Code == code).Select(v => v.Id).SingleAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
