using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

// Village Hive load driver: see bench/run.sh. Every figure is measured on loopback against an app it did not start.
// `ceiling --port P` instead serves the machine's ceiling: one bare page on Kestrel, nothing else (Ceiling.ServeAsync).
if (args.Length > 0 && args[0] == "ceiling") return await Ceiling.ServeAsync(args);
var options = Options.Parse(args);
var pages = (await Pages.DiscoverAsync(options))
    .Where(p => options.Only is null || options.Only.Split('|').Any(o => p.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToList();
var results = new List<PageResult>();
var machine = await Machine.DescribeAsync(options);
if (options.CeilingUrl is not null)
{
    // The machine's ceiling, measured as the pages are: the same users, seconds and warm-up against a bare page.
    var bare = new Page(Ceiling.Name, "/", "–", null);
    Console.WriteLine($"== {bare.Name}: {options.CeilingUrl}");
    using var plain = new HttpClient { BaseAddress = new Uri(options.CeilingUrl) };
    var ceiling = await Load.RunAsync(plain, bare, options.Users, options.Seconds, options.Warmup, options.CeilingPid);
    Console.WriteLine($"   p50 {ceiling.P50:0.00} ms  {ceiling.Throughput:0} req/s  cpu {ceiling.CpuMsPerRequest:0.000} ms/req");
    results.Add(ceiling);
}
foreach (var page in pages)
{
    Console.WriteLine($"== {page.Name} as {page.User}: {page.Path}");
    var client = await Clients.SignedInAsync(options, page.User);
    PageResult result;
    try
    {
        result = await Load.RunAsync(client, page, options.Users, options.Seconds, options.Warmup, options.AppPid);
    }
    catch (InvalidOperationException e)
    {
        // A page that fails its warm-up is reported as failed; the others are still measured.
        Console.WriteLine($"   FAILED: {e.Message}");
        results.Add(new PageResult(page, 0, 1, double.NaN, double.NaN, double.NaN, 0, 0, e.Message, null, null));
        continue;
    }
    result = result with { RawSqlMs = page.Sql is null ? null : await RawSql.TimeAsync(options, page.Sql) };
    Console.WriteLine($"   p50 {result.P50:0.0} ms  p95 {result.P95:0.0} ms  p99 {result.P99:0.0} ms  {result.Throughput:0.0} req/s  app cpu {result.CpuMsPerRequest:0.00} ms/req  {result.Bytes / 1024.0:0.0} KB  sql {result.SqlCommands}  raw {result.RawSqlMs:0.00} ms  errors {result.Errors}");
    results.Add(result);
}
await File.WriteAllTextAsync(options.Output, Markdown.Render(options, machine, results));
Console.WriteLine($"Wrote {options.Output}");
return results.Any(r => r.Errors > 0) ? 1 : 0;

internal sealed record Options(string BaseUrl, string Provider, string Connection, string Password, int Users, int Seconds,
    string Output, string Scale, string Command, string SeedSeconds, string DbSize, string Budget, string? Only, int Warmup,
    int? AppPid, string? AppDir, string? CeilingUrl, int? CeilingPid, string? PostgresServer)
{
    public bool Postgres => Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase);

    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Get(string key, string? fallback = null) =>
            map.TryGetValue(key, out var v) ? v : fallback ?? throw new ArgumentException($"--{key} is required");
        return new Options(Get("base"), Get("provider"), Get("connection"), Get("password"),
            int.Parse(Get("users", "20"), CultureInfo.InvariantCulture), int.Parse(Get("seconds", "15"), CultureInfo.InvariantCulture),
            Get("out"), Get("scale", "?"), Get("command", "?"), Get("seed-seconds", "?"), Get("db-size", "?"), Get("budget", "100"),
            map.GetValueOrDefault("only") is { Length: > 0 } only ? only : null,
            int.Parse(Get("warmup", "20"), CultureInfo.InvariantCulture),
            Number(map.GetValueOrDefault("app-pid")), map.GetValueOrDefault("app-dir"),
            map.GetValueOrDefault("ceiling") is { Length: > 0 } ceiling ? ceiling : null, Number(map.GetValueOrDefault("ceiling-pid")),
            map.GetValueOrDefault("pg-server") is { Length: > 0 } server ? server : null);
    }

    private static int? Number(string? text) => int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : null;

    public DbConnection Open()
    {
        DbConnection c = Postgres ? new NpgsqlConnection(Connection) : new SqliteConnection(Connection);
        c.Open();
        return c;
    }
}

/// <summary>A page to load, the user who loads it, and the SQL that is the heart of it (for the raw-SQL ratio).</summary>
internal sealed record Page(string Name, string Path, string User, string? Sql, int BudgetMs = 100);

/// <summary>A page's figures; <see cref="CpuMsPerRequest"/> is the serving process's CPU time (user + system) over the
/// measured loop divided by its requests: what a request costs the machine, whatever else ran beside it.</summary>
internal sealed record PageResult(Page Page, int Requests, int Errors, double P50, double P95, double P99, double Throughput,
    long Bytes, string SqlCommands, double? RawSqlMs, double? CpuMsPerRequest);

internal static class Pages
{
    public static async Task<List<Page>> DiscoverAsync(Options o)
    {
        await using var db = o.Open();
        // Ids in the scope of the users who load them: Ou Char village 1 is ouchar.vbsw1's.
        var household = await Scalar(db, """SELECT MIN(h."Id") FROM "Households" h JOIN "Villages" v ON v."Id" = h."VillageId" WHERE v."Code" = '02030901'""");
        var person = await Scalar(db, $"""SELECT MIN("Id") FROM "Persons" WHERE "HouseholdId" = {household}""");
        var referral = await Scalar(db, """SELECT MAX(r."Id") FROM "Referrals" r JOIN "Villages" v ON v."Id" = r."VillageId" WHERE v."Code" = '02030901'""");
        // The case with the most visits that ouchar.vbsw1 leads: the heaviest case page, not a typical one.
        var bigCase = await Scalar(db, """SELECT c."Id" FROM "Cases" c WHERE c."LeadWorker" = 'ouchar.vbsw1' ORDER BY (SELECT COUNT(*) FROM "Visits" x WHERE x."CaseId" = c."Id") DESC, c."Id" LIMIT 1""");
        var typicalCase = await Scalar(db, """SELECT MAX(c."Id") FROM "Cases" c WHERE c."LeadWorker" = 'ouchar.vbsw1' AND c."Status" = 3""");
        var district = await Scalar(db, """SELECT "Id" FROM "Districts" WHERE "Code" = '0203'""");
        var ouChar = await Scalar(db, """SELECT "Id" FROM "Communes" WHERE "Code" = '020309'""");
        var like = o.Postgres ? "LIKE '%' || {0} || '%'" : "LIKE '%' || {0} || '%'";
        const string districtHouseholds = """FROM "Households" h JOIN "Villages" v ON v."Id" = h."VillageId" JOIN "Communes" c ON c."Id" = v."CommuneId" WHERE c."DistrictId" = {0}""";
        string HouseholdPage(string where) => $"""
            SELECT h."Id", v."NameKm", hd."FamilyNameKm", hd."GivenNameKm", (SELECT COUNT(*) FROM "Persons" m WHERE m."HouseholdId" = h."Id")
            FROM "Households" h JOIN "Villages" v ON v."Id" = h."VillageId" JOIN "Communes" c ON c."Id" = v."CommuneId"
            LEFT JOIN "Persons" hd ON hd."HouseholdId" = h."Id" AND hd."RelationToHead" = 0
            WHERE c."DistrictId" = {district} {where}
            ORDER BY hd."FamilyNameKm", hd."GivenNameKm", h."Id" LIMIT 25
            """;
        string Search(string text) => $"""AND EXISTS (SELECT 1 FROM "Persons" p WHERE p."HouseholdId" = h."Id" AND p."SearchName" {string.Format(CultureInfo.InvariantCulture, like, $"'{text}'")})""";
        return
        [
            new("Home", "/", "ouchar.vbsw1", null),
            // A supervisor's home: My work, the team's caseloads and overdue counts, approval readiness (issue 18).
            new("Home (supervisor, with the team)", "/", "ouchar.senior", null),
            new("Household list (district, by head name)", "/Registry/Households", "district.manager",
                $"SELECT COUNT(*) {string.Format(CultureInfo.InvariantCulture, districtHouseholds, district)};\n" + HouseholdPage("")),
            new("Household list (village worker)", "/Registry/Households", "ouchar.vbsw1", null),
            new("Household search, partial Latin name", "/Registry/Households?q=sreym", "district.manager", HouseholdPage(Search("sreym")), 50),
            new("Household search, partial Khmer name", "/Registry/Households?q=" + Uri.EscapeDataString("ស្រីម"), "district.manager", HouseholdPage(Search("ស្រីម")), 50),
            new("Household search, family + given (Latin)", "/Registry/Households?q=" + Uri.EscapeDataString("sok bo"), "district.manager", HouseholdPage(Search("sok bo")), 50),
            new("Household search, spelling variant (Srei for Srey)", "/Registry/Households?q=srei", "district.manager", null, 50),
            // The header search (/Search): people, households, referrals and cases by name, phone or number.
            new("Search, spelling variant (district)", "/Search?q=srei", "district.manager", null, 50),
            new("Search, partial Khmer name (district)", "/Search?q=" + Uri.EscapeDataString("ស្រីម"), "district.manager", null, 50),
            new("Search, family + given (district)", "/Search?q=" + Uri.EscapeDataString("chim sreymom"), "district.manager", null, 50),
            new("Search, spelling variant (village worker)", "/Search?q=kaev", "ouchar.vbsw1", null, 50),
            new("Search, case number", $"/Search?q=%23{bigCase}", "ouchar.vbsw1", null, 50),
            new("Household detail", $"/Registry/Households/{household}", "ouchar.vbsw1",
                $"""SELECT * FROM "Households" WHERE "Id" = {household}; SELECT * FROM "Persons" WHERE "HouseholdId" = {household}"""),
            new("Person detail", $"/Registry/Persons/{person}", "ouchar.vbsw1", $"""SELECT * FROM "Persons" WHERE "Id" = {person}"""),
            new("Referral inbox (commune)", "/Referrals", "ouchar.ccwc",
                $"""SELECT r."Id", r."ReceivedAt", r."Status", r."Urgency" FROM "Referrals" r JOIN "Villages" v ON v."Id" = r."VillageId" WHERE v."CommuneId" = {ouChar} ORDER BY r."ReceivedAt" DESC LIMIT 25"""),
            new("Referral inbox (district)", "/Referrals", "district.manager",
                $"""SELECT r."Id", r."ReceivedAt", r."Status", r."Urgency" FROM "Referrals" r JOIN "Villages" v ON v."Id" = r."VillageId" JOIN "Communes" c ON c."Id" = v."CommuneId" WHERE c."DistrictId" = {district} ORDER BY r."ReceivedAt" DESC LIMIT 25"""),
            new("Referral detail", $"/Referrals/{referral}", "ouchar.vbsw1",
                $"""SELECT * FROM "Referrals" r LEFT JOIN "Screenings" s ON s."ReferralId" = r."Id" WHERE r."Id" = {referral}; SELECT * FROM "ReferralChildren" WHERE "ReferralId" = {referral}"""),
            new("Case page (most visits)", $"/Cases/{bigCase}", "ouchar.vbsw1", CaseSql(bigCase)),
            new("Case page (typical active)", $"/Cases/{typicalCase}", "ouchar.vbsw1", CaseSql(typicalCase)),
            new("Alerts", "/Alerts", "ouchar.ccwc",
                $"""SELECT a."Id", a."CreatedAt" FROM "Alerts" a WHERE a."CommuneId" = {ouChar} ORDER BY a."AcknowledgedAt" IS NULL DESC, a."CreatedAt" DESC LIMIT 25"""),
        ];
    }

    private static string CaseSql(long id) => string.Join(";\n", new[]
    {
        $"""SELECT * FROM "Cases" WHERE "Id" = {id}""",
        $"""SELECT * FROM "Assessments" WHERE "CaseId" = {id}""",
        $"""SELECT * FROM "SafetyGoals" WHERE "CaseId" = {id}""",
        $"""SELECT * FROM "SupportPlans" p LEFT JOIN "PlanGoals" g ON g."PlanId" = p."Id" WHERE p."CaseId" = {id}""",
        $"""SELECT * FROM "Visits" WHERE "CaseId" = {id}""",
        $"""SELECT * FROM "CaseNotes" WHERE "CaseId" = {id}""",
        $"""SELECT * FROM "CaseTasks" WHERE "CaseId" = {id}""",
        $"""SELECT * FROM "CaseReviews" WHERE "CaseId" = {id}""",
        $"""SELECT * FROM "CaseTransitions" WHERE "CaseId" = {id}""",
    });

    private static async Task<long> Scalar(DbConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? throw new InvalidOperationException($"No row for: {sql}") : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }
}

internal static partial class Clients
{
    private static readonly Dictionary<string, HttpClient> SignedIn = [];

    /// <summary>A client with the user's cookie that asks for compressed pages and does not decompress them (so bytes are wire bytes).</summary>
    public static async Task<HttpClient> SignedInAsync(Options o, string user)
    {
        if (SignedIn.TryGetValue(user, out var existing)) return existing;
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 256,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(o.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var login = await client.GetStringAsync("/Account/Login");
        var token = Token().Match(login).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user, ["Input.Password"] = o.Password, ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync("/Account/Login", form);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Login", StringComparison.Ordinal) == true)
            throw new InvalidOperationException($"Sign-in as {user} failed: {(int)response.StatusCode} {response.Headers.Location}");
        // Only now: the sign-in page above is read as text, the measured pages as the bytes on the wire.
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");
        SignedIn[user] = client;
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

internal static class Load
{
    /// <summary>Warms the page, then <paramref name="users"/> loops request it back to back for the given seconds.</summary>
    public static async Task<PageResult> RunAsync(HttpClient client, Page page, int users, int seconds, int warmupSeconds, int? servedBy)
    {
        long bytes = 0;
        var sql = "?";
        for (var i = 0; i < 3; i++)
        {
            using var warm = await client.GetAsync(page.Path);
            var body = await warm.Content.ReadAsByteArrayAsync();
            if (warm.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"{page.Path} as {page.User}: HTTP {(int)warm.StatusCode} {warm.Headers.Location}");
            if (warm.Content.Headers.ContentEncoding.Count == 0)
                Console.WriteLine("   warning: the response was not compressed");
            bytes = body.LongLength;
            sql = warm.Headers.TryGetValues("X-Hive-Sql-Commands", out var v) ? string.Join(",", v) : "?";
        }
        // The same load, unmeasured, until the JIT has tiered the page's code up: a server is measured warm, as it runs for days.
        if (warmupSeconds > 0) await LoopAsync(client, page, users, warmupSeconds);
        var cpuBefore = Machine.CpuMs(servedBy);
        var (all, errors, elapsed) = await LoopAsync(client, page, users, seconds);
        var cpu = Machine.CpuMs(servedBy) - cpuBefore;
        return new PageResult(page, all.Length, errors, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99),
            all.Length / elapsed, bytes, sql, null, cpu is { } ms && all.Length > 0 ? ms / all.Length : null);
    }

    private static async Task<(double[] Sorted, int Errors, double Seconds)> LoopAsync(HttpClient client, Page page, int users, int seconds)
    {
        var latencies = new List<double>[users];
        var errors = 0;
        var stop = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, users).Select(async u =>
        {
            var mine = latencies[u] = [];
            while (stop.Elapsed < until)
            {
                var t = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(page.Path);
                    _ = await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return (latencies.SelectMany(l => l).Order().ToArray(), errors, stop.Elapsed.TotalSeconds);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

internal static class RawSql
{
    /// <summary>Median milliseconds of the page's SQL run alone on one connection, after a warm-up (what the database costs).</summary>
    public static async Task<double> TimeAsync(Options o, string sql)
    {
        await using var db = o.Open();
        var statements = sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var times = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            var t = Stopwatch.GetTimestamp();
            foreach (var statement in statements)
            {
                await using var cmd = db.CreateCommand();
                cmd.CommandText = statement;
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { }
            }
            if (i >= 10) times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}

internal static class Markdown
{
    public static string Render(Options o, IReadOnlyList<string> machine, List<PageResult> results)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var cores = Environment.ProcessorCount;
        var ceiling = results.FirstOrDefault(r => r.Page.Name == Ceiling.Name);
        s.AppendLine(inv, $"# Benchmark: {o.Scale} scale on {o.Provider}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        s.AppendLine("Command:").AppendLine().AppendLine("```").AppendLine(o.Command).AppendLine("```").AppendLine();
        s.AppendLine("The machine, as this run found it:").AppendLine();
        foreach (var line in machine) s.AppendLine(inv, $"- {line}");
        s.AppendLine();
        s.AppendLine(inv, $"- Seed time: {o.SeedSeconds} s; database size: {o.DbSize}");
        s.AppendLine(inv, $"- Load: {o.Users} concurrent users per page for {o.Seconds} s after {o.Warmup} s of the same load unmeasured (warm-up), one page at a time, release build, loopback, responses br/gzip");
        s.AppendLine("- Raw SQL: the page's main statements run alone through the ADO.NET driver on one connection (median of 50); ratio = app p50 / raw SQL");
        s.AppendLine("- App CPU ms/req: the app process's CPU time (user + system, `/proc/PID/stat`) over the measured loop, divided by its requests; it holds when other work shares the machine, where the milliseconds do not. Req/s a core at that cost = 1000 / CPU ms.");
        s.AppendLine(inv, $"- × ceiling: how many bare-page requests (first row: Kestrel alone, the same users) the machine serves in the time of one request of the page, by throughput and by CPU ms; comparable between machines");
        s.AppendLine();
        s.AppendLine("| page | user | requests | p50 ms | p95 ms | p99 ms | req/s | req/s a core | app CPU ms/req | × ceiling (req/s) | × ceiling (CPU) | KB on wire | SQL cmds | raw SQL ms | p50/raw | budget |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var ratio = r.RawSqlMs is { } raw && raw > 0 ? (r.P50 / raw).ToString("0.0", inv) : "–";
            var kb = r.Bytes / 1024.0;
            var ok = r.P95 < r.Page.BudgetMs && kb <= 60 && r.Errors == 0;
            var budget = r.Page.Name == Ceiling.Name ? "–" : ok ? "ok" : $"**missed** (p95 < {r.Page.BudgetMs} ms, ≤ 60 KB)";
            var timesThroughput = ceiling is not null && r.Throughput > 0 ? (ceiling.Throughput / r.Throughput).ToString("0.0", inv) : "–";
            var timesCpu = ceiling?.CpuMsPerRequest is { } bare && bare > 0 && r.CpuMsPerRequest is { } cpu ? (cpu / bare).ToString("0", inv) : "–";
            s.AppendLine(inv, $"| {r.Page.Name} `{r.Page.Path}` | {r.Page.User} | {r.Requests} | {r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} | {r.Throughput:0.0} | {r.Throughput / cores:0.0} | {(r.CpuMsPerRequest is { } c ? c.ToString("0.000", inv) : "–")} | {timesThroughput} | {timesCpu} | {kb:0.0} | {r.SqlCommands} | {(r.RawSqlMs is { } m ? m.ToString("0.00", inv) : "–")} | {ratio} | {budget} |");
        }
        return s.ToString();
    }
}

/// <summary>
/// The machine's ceiling: Kestrel with its defaults (as the app runs it) serving one small page, no middleware. Run by
/// bench/run.sh as its own process with the app's runtime settings (GC mode, tiered PGO), so that what it costs per
/// request is what any page costs before the app does anything.
/// </summary>
internal static class Ceiling
{
    public const string Name = "Bare page (the machine's ceiling)";

    private static readonly string Body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ceiling</title></head><body>"
        + string.Concat(Enumerable.Repeat("<p>The machine's ceiling: a page that costs nothing but the HTTP exchange.</p>", 12))
        + "</body></html>";

    public static async Task<int> ServeAsync(string[] args)
    {
        var port = args.SkipWhile(a => a != "--port").Skip(1).FirstOrDefault() ?? throw new ArgumentException("ceiling --port P");
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Content(Body, "text/html; charset=utf-8"));
        await app.RunAsync();
        return 0;
    }
}

/// <summary>What the run records of the machine, so that a result can be read beside one from another machine.</summary>
internal static class Machine
{
    /// <summary>The process's CPU time so far (user + system), or null without a process to read.</summary>
    public static double? CpuMs(int? pid)
    {
        if (pid is null) return null;
        try
        {
            using var p = Process.GetProcessById(pid.Value);
            return p.TotalProcessorTime.TotalMilliseconds;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static async Task<IReadOnlyList<string>> DescribeAsync(Options o)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"CPU: {CpuModel()}; {Environment.ProcessorCount} cores seen by .NET; cgroup CPU limit: {Read("/sys/fs/cgroup/cpu.max") ?? "none found"}; {Memory()} memory; {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            $".NET runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} (the app and this driver share it)",
            $"App runtime settings ({o.AppDir ?? "?"}/VillageHive.runtimeconfig.json): {RuntimeSettings(o.AppDir)}",
            $"DOTNET_ environment of the run: {DotnetEnvironment()}",
            $"Load average at the start (1, 5, 15 min): {Read("/proc/loadavg")?.Split(' ').Take(3).Aggregate((a, b) => a + " " + b) ?? "?"}",
        };
        lines.Add($"A trivial indexed query, one connection, median of 2,000: {await TrivialQueriesAsync(o)}");
        lines.Add($"Compute on one core (the app's pages are 93-95% user time; the bare page is mostly kernel time), median of 2,000: {await ComputeAsync()}");
        if (o.Postgres) lines.Add($"PostgreSQL: {await PostgresSettingsAsync(o)}");
        return lines.Select(l => l.ToString(inv)).ToList();
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static string Memory()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal)) : null;
        return line is null ? "?" : $"{long.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture) / 1024 / 1024} GiB";
    }

    private static string RuntimeSettings(string? appDir)
    {
        var file = appDir is null ? null : Path.Combine(appDir, "VillageHive.runtimeconfig.json");
        if (file is null || !File.Exists(file)) return "not found";
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        if (!json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var props)) return "none";
        var shown = props.EnumerateObject().Where(p => p.Name.StartsWith("System.GC.", StringComparison.Ordinal) || p.Name.StartsWith("System.Runtime.Tiered", StringComparison.Ordinal)
            || p.Name == "System.Globalization.Invariant").Select(p => $"{p.Name}={p.Value}").ToList();
        var server = props.TryGetProperty("System.GC.Server", out var gc) && gc.ValueKind == System.Text.Json.JsonValueKind.True;
        return $"{(server ? "server" : "workstation")} GC; {string.Join(", ", shown)}";
    }

    private static string DotnetEnvironment()
    {
        var vars = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) && k is not "DOTNET_CLI_TELEMETRY_OPTOUT" and not "DOTNET_NOLOGO")
            .Order(StringComparer.Ordinal).Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}").ToList();
        return vars.Count == 0 ? "none" : string.Join(", ", vars);
    }

    /// <summary>One indexed row by key, 2,000 times on one connection, through Npgsql and through Microsoft.Data.Sqlite.</summary>
    private static async Task<string> TrivialQueriesAsync(Options o)
    {
        var parts = new List<string>();
        var sqliteFile = Path.Combine(Path.GetTempPath(), $"hive-bench-ceiling-{Environment.ProcessId}.db");
        try
        {
            await using (var lite = new SqliteConnection($"Data Source={sqliteFile};Pooling=false"))
            {
                await lite.OpenAsync();
                await Exec(lite, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO t SELECT i, 'row ' || i FROM n;");
                parts.Add($"Microsoft.Data.Sqlite {await TimeAsync(lite, "SELECT v FROM t WHERE id = @id")}");
            }
        }
        finally
        {
            File.Delete(sqliteFile);
        }
        if (o.PostgresServer is { } server)
        {
            try
            {
                await using var pg = new NpgsqlConnection(server + ";Database=postgres;SSL Mode=Disable");
                await pg.OpenAsync();
                parts.Add($"Npgsql {await TimeAsync(pg, "SELECT relname FROM pg_class WHERE oid = @id")}");
            }
            catch (NpgsqlException e)
            {
                parts.Add($"Npgsql not measured ({e.Message})");
            }
        }
        return string.Join("; ", parts);
    }

    /// <summary>
    /// What a page spends its CPU on, measured alone on one core so that two machines' results can be read side by side
    /// (docs/scaling.md, "The 2026-12-06 slowdown"): SQLite preparing a statement of a page's size for a new command each
    /// time, as EF Core sends them, and a JSON document written and read back (managed code: allocation, strings, maps).
    /// </summary>
    private static readonly string[] WorkKinds = ["visit", "task"];

    private static async Task<string> ComputeAsync()
    {
        var branches = Enumerable.Range(1, 8).Select(i =>
            $"SELECT t.id AS item, t.v AS what, {i} AS kind FROM t JOIN t AS u ON u.id = t.id WHERE t.id IN (SELECT value FROM json_each(@ids)) AND t.v < 'row {i}' AND u.v IS NOT NULL");
        var union = string.Join(" UNION ALL ", branches) + " ORDER BY kind, item LIMIT 20";
        double prepare;
        await using (var lite = new SqliteConnection("Data Source=:memory:"))
        {
            await lite.OpenAsync();
            await Exec(lite, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            prepare = Median(() =>
            {
                using var cmd = lite.CreateCommand();
                cmd.CommandText = union;
                cmd.Parameters.AddWithValue("@ids", "[1,2,3]");
                using var reader = cmd.ExecuteReader();
                while (reader.Read()) { }
            });
        }
        var document = Enumerable.Range(1, 40).Select(i => new { Id = i, Name = $"ស្រីមុំ {i}", Due = new DateOnly(2026, 12, 1).AddDays(i), Kinds = WorkKinds }).ToList();
        var json = Median(() =>
        {
            var text = System.Text.Json.JsonSerializer.Serialize(document);
            using var parsed = System.Text.Json.JsonDocument.Parse(text);
        });
        return string.Create(CultureInfo.InvariantCulture, $"SQLite prepares and runs a {union.Length:N0}-character UNION in {prepare:0.0} µs; JSON of 40 rows written and parsed in {json:0.0} µs");
    }

    private static double Median(Action work)
    {
        var times = new List<double>();
        for (var i = 0; i < 2200; i++)
        {
            var t = Stopwatch.GetTimestamp();
            work();
            if (i >= 200) times.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static async Task Exec(DbConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> TimeAsync(DbConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        var id = cmd.CreateParameter();
        id.ParameterName = "id";
        cmd.Parameters.Add(id);
        var times = new List<double>();
        for (var i = 0; i < 2200; i++)
        {
            id.Value = 1 + i % 1000;
            var t = Stopwatch.GetTimestamp();
            await cmd.ExecuteScalarAsync();
            if (i >= 200) times.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
        }
        times.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{times[times.Count / 2]:0.0} µs");
    }

    private static async Task<string> PostgresSettingsAsync(Options o)
    {
        await using var db = o.Open();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = """
            SELECT 'version=' || current_setting('server_version') UNION ALL
            SELECT name || '=' || setting || COALESCE(unit, '') FROM pg_settings
            WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections', 'synchronous_commit', 'fsync',
                           'jit', 'random_page_cost', 'max_worker_processes', 'max_parallel_workers_per_gather', 'wal_level')
            """;
        var settings = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) settings.Add(reader.GetString(0));
        return string.Join(", ", settings);
    }
}
