using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

// Village Hive load driver: see bench/run.sh. Every figure is measured on loopback against an app it did not start.
var options = Options.Parse(args);
var pages = (await Pages.DiscoverAsync(options))
    .Where(p => options.Only is null || p.Name.Contains(options.Only, StringComparison.OrdinalIgnoreCase)).ToList();
var report = new StringBuilder();
var results = new List<PageResult>();
foreach (var page in pages)
{
    Console.WriteLine($"== {page.Name} as {page.User}: {page.Path}");
    var client = await Clients.SignedInAsync(options, page.User);
    PageResult result;
    try
    {
        result = await Load.RunAsync(client, page, options.Users, options.Seconds, options.Warmup);
    }
    catch (InvalidOperationException e)
    {
        // A page that fails its warm-up is reported as failed; the others are still measured.
        Console.WriteLine($"   FAILED: {e.Message}");
        results.Add(new PageResult(page, 0, 1, double.NaN, double.NaN, double.NaN, 0, 0, e.Message, null));
        continue;
    }
    result = result with { RawSqlMs = page.Sql is null ? null : await RawSql.TimeAsync(options, page.Sql) };
    Console.WriteLine($"   p50 {result.P50:0.0} ms  p95 {result.P95:0.0} ms  p99 {result.P99:0.0} ms  {result.Throughput:0.0} req/s  {result.Bytes / 1024.0:0.0} KB  sql {result.SqlCommands}  raw {result.RawSqlMs:0.00} ms  errors {result.Errors}");
    results.Add(result);
}
await File.WriteAllTextAsync(options.Output, Markdown.Render(options, results));
Console.WriteLine($"Wrote {options.Output}");
return results.Any(r => r.Errors > 0) ? 1 : 0;

internal sealed record Options(string BaseUrl, string Provider, string Connection, string Password, int Users, int Seconds,
    string Output, string Scale, string Command, string SeedSeconds, string DbSize, string Budget, string? Only, int Warmup)
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
            int.Parse(Get("warmup", "20"), CultureInfo.InvariantCulture));
    }

    public DbConnection Open()
    {
        DbConnection c = Postgres ? new NpgsqlConnection(Connection) : new SqliteConnection(Connection);
        c.Open();
        return c;
    }
}

/// <summary>A page to load, the user who loads it, and the SQL that is the heart of it (for the raw-SQL ratio).</summary>
internal sealed record Page(string Name, string Path, string User, string? Sql, int BudgetMs = 100);

internal sealed record PageResult(Page Page, int Requests, int Errors, double P50, double P95, double P99, double Throughput,
    long Bytes, string SqlCommands, double? RawSqlMs);

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
    public static async Task<PageResult> RunAsync(HttpClient client, Page page, int users, int seconds, int warmupSeconds)
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
        var (all, errors, elapsed) = await LoopAsync(client, page, users, seconds);
        return new PageResult(page, all.Length, errors, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99),
            all.Length / elapsed, bytes, sql, null);
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
    public static string Render(Options o, List<PageResult> results)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"# Benchmark: {o.Scale} scale on {o.Provider}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        s.AppendLine("Command:").AppendLine().AppendLine("```").AppendLine(o.Command).AppendLine("```").AppendLine();
        s.AppendLine(inv, $"- Machine: {Environment.ProcessorCount} cores, {Memory()} memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; whether other work ran on it: the load average at the end");
        s.AppendLine(inv, $"- Seed time: {o.SeedSeconds} s; database size: {o.DbSize}");
        s.AppendLine(inv, $"- Load: {o.Users} concurrent users per page for {o.Seconds} s after {o.Warmup} s of the same load unmeasured (warm-up), one page at a time, release build, loopback, responses br/gzip");
        s.AppendLine("- Raw SQL: the page's main statements run alone through the ADO.NET driver on one connection (median of 50); ratio = app p50 / raw SQL").AppendLine();
        s.AppendLine("| page | user | requests | p50 ms | p95 ms | p99 ms | req/s | KB on wire | SQL cmds | raw SQL ms | p50/raw | budget |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var ratio = r.RawSqlMs is { } raw && raw > 0 ? (r.P50 / raw).ToString("0.0", inv) : "–";
            var kb = r.Bytes / 1024.0;
            var ok = r.P95 < r.Page.BudgetMs && kb <= 60 && r.Errors == 0;
            s.AppendLine(inv, $"| {r.Page.Name} `{r.Page.Path}` | {r.Page.User} | {r.Requests} | {r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} | {r.Throughput:0.0} | {kb:0.0} | {r.SqlCommands} | {(r.RawSqlMs is { } m ? m.ToString("0.00", inv) : "–")} | {ratio} | {(ok ? "ok" : $"**missed** (p95 < {r.Page.BudgetMs} ms, ≤ 60 KB)")} |");
        }
        return s.ToString();
    }

    private static string Memory()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal)) : null;
        return line is null ? "?" : $"{long.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture) / 1024 / 1024} GiB";
    }
}
