using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VillageHive.BrowserTests;

/// <summary>
/// The built app as its own process on a free loopback port and a fresh SQLite file: with the demo commune for the
/// shared <see cref="RunningApp"/>, or empty, as a commune installs it, for the first-day test. Disposing it stops the
/// process and removes the file.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process server;
    private readonly string database;

    private AppProcess(Process server, string database, string baseUrl)
    {
        this.server = server;
        this.database = database;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <param name="demo">Seed the demo commune.</param>
    /// <param name="settings">More environment settings for the app (a null value removes one of the defaults below).</param>
    public static async Task<AppProcess> StartAsync(bool demo, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var project = Path.Combine(RunningApp.RepoRoot, "src", "VillageHive");
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "VillageHive.dll");
        var database = Path.Combine(Path.GetTempPath(), $"hive-browser-{Guid.NewGuid():N}.db");
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Hive"] = $"Data Source={database}";
        start.Environment["Seed__Demo"] = demo ? "true" : "false";
        start.Environment["Seed__DemoPassword"] = RunningApp.Password;
        start.Environment["Security__RequireHttps"] = "false";
        // No daily backup into the project's App_Data while the browsers run.
        start.Environment["Backup__Daily"] = "false";
        // The app's clock starts at the same instant as the browsers' (see NewContextAsync), so "today" is a school day.
        start.Environment["Clock__Start"] = RunningApp.ClockStart.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        var server = Process.Start(start)!;
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
        var app = new AppProcess(server, database, baseUrl);
        await app.WaitUntilUpAsync();
        return app;
    }

    private async Task WaitUntilUpAsync()
    {
        // A fresh clone on a busy machine: the first start migrates and seeds the demo commune, which takes a while.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (server.HasExited) throw new InvalidOperationException($"The app exited with code {server.ExitCode}.");
            try
            {
                var response = await http.GetAsync(BaseUrl + "/Account/Login");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The app did not answer within 180 s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!server.HasExited)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        server.Dispose();
        foreach (var f in new[] { database, database + "-wal", database + "-shm" })
            File.Delete(f);
    }
}
