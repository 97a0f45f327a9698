using System.Diagnostics;

namespace VillageHive.Infrastructure;

/// <summary>
/// Prints an HTML page to PDF with the server's headless Chromium (no PDF library is available here). The page is
/// rendered in-process and written to a temporary file, so Chromium needs no sign-in, token or network access to the
/// app; its links to styles, fonts and scripts point at wwwroot on disk.
/// </summary>
public sealed class ChromiumPdf(IConfiguration config, IWebHostEnvironment env, ILogger<ChromiumPdf> log)
{
    // Chromium takes a few hundred megabytes: one print at a time on a small server.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public string ExecutablePath => config["Reports:Chromium"] is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public bool Available => File.Exists(ExecutablePath);

    /// <summary>The file:// address of wwwroot, for the page's &lt;base href&gt;.</summary>
    public string WebRootUri => new Uri(env.WebRootPath.TrimEnd('/') + "/").AbsoluteUri;

    /// <summary>The PDF, or null when Chromium failed (logged).</summary>
    public async Task<byte[]?> RenderAsync(string html, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("hive-pdf-");
        try
        {
            var input = Path.Combine(dir.FullName, "report.html");
            var output = Path.Combine(dir.FullName, "report.pdf");
            await File.WriteAllTextAsync(input, html, ct);
            var start = new ProcessStartInfo(ExecutablePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // --no-sandbox: the service may run as root in a container, where Chromium's sandbox cannot start; the page
            // is our own HTML with every user text encoded.
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
                "--allow-file-access-from-files", "--no-pdf-header-footer", "--print-to-pdf-no-header",
                "--user-data-dir=" + Path.Combine(dir.FullName, "profile"), "--print-to-pdf=" + output, new Uri(input).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }
            await Gate.WaitAsync(ct);
            try
            {
                using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start");
                var stdout = process.StandardOutput.ReadToEndAsync(ct);
                var stderr = process.StandardError.ReadToEndAsync(ct);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    log.LogWarning("Chromium did not print the report within 60 seconds");
                    return null;
                }
                await Task.WhenAll(stdout, stderr);
                if (process.ExitCode != 0 || !File.Exists(output))
                {
                    log.LogWarning("Chromium could not print the report (exit {Code}): {Error}", process.ExitCode, stderr.Result);
                    return null;
                }
            }
            finally
            {
                Gate.Release();
            }
            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            try { dir.Delete(recursive: true); }
            catch (IOException e) { log.LogWarning(e, "Could not remove {Dir}", dir.FullName); }
        }
    }
}
