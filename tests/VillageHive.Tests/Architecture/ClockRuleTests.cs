using System.Text.RegularExpressions;

namespace VillageHive.Tests.Architecture;

/// <summary>
/// Only the commune clock reads the time: a page that asks the machine's clock, or takes the date of a UTC instant as a
/// person's day, shows yesterday between 00:00 and 07:00 in Phnom Penh and makes tests depend on the day they run.
/// </summary>
public sealed partial class ClockRuleTests
{
    /// <summary>The clock itself, and its registration (which hands it the system's time).</summary>
    private static readonly string[] ClockFiles = ["src/VillageHive/Domain/HiveClock.cs", "src/VillageHive/Infrastructure/ClockSetup.cs"];

    /// <summary>
    /// Test files that may read the machine's clock: the time the test hosts run on; the authenticator codes, which
    /// ASP.NET Identity checks against the machine's clock, as a phone's authenticator app makes them; and the
    /// hand-run benchmark, whose result file is named after the day it ran.
    /// </summary>
    private static readonly string[] TestClockFiles =
    [
        "tests/VillageHive.Tests/Infrastructure/TestClock.cs", "tests/VillageHive.Tests/Infrastructure/Totp.cs",
        "tests/VillageHive.BrowserTests/CapturePagesBench.cs",
    ];

    [GeneratedRegex(@"\b(DateTime\.(Now|UtcNow|Today)|DateTimeOffset\.(Now|UtcNow)|TimeZoneInfo\.Local|TimeProvider\.System)\b|\.GetUtcNow\(|\.ToLocalTime\(|\.ToUniversalTime\(")]
    private static partial Regex WallClock();

    /// <summary>A day made from an instant, or a day made into an instant at UTC midnight: both belong to the clock.</summary>
    [GeneratedRegex(@"DateOnly\.FromDateTime\(|\.ToDateTime\([^;]*DateTimeKind\.Utc\)|(Now|At|Utc\w*)\.Date\b")]
    private static partial Regex DayFromInstant();

    [Fact]
    public void No_app_source_reads_the_time_or_makes_a_day_but_the_commune_clock()
    {
        var offences = Offences("src/VillageHive", ClockFiles, WallClock(), DayFromInstant());
        offences.ShouldBeEmpty("ask HiveClock (UtcNow, Today, DayOf, At, StartOfDayUtc) instead:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void No_test_reads_the_machines_clock()
    {
        var offences = Offences("tests", TestClockFiles, WallClock());
        offences.ShouldBeEmpty("ask TestClock instead:\n" + string.Join("\n", offences));
    }

    [Theory]
    [InlineData("var today = DateOnly.FromDateTime(DateTime.UtcNow);")]
    [InlineData("var now = DateTimeOffset.Now;")]
    [InlineData("@(u.LastSignInAt?.ToLocalTime().ToString(\"g\"))")]
    [InlineData("TimeZoneInfo.ConvertTimeFromUtc(at, TimeZoneInfo.Local)")]
    [InlineData("var day = c.OpenedAt.Date;")]
    [InlineData("var from = From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);")]
    [InlineData("var year = clock.GetUtcNow().Year;")]
    public void The_rule_catches_each_way_of_reading_the_machines_day(string line) =>
        (WallClock().IsMatch(line) || DayFromInstant().IsMatch(line)).ShouldBeTrue(line);

    [Theory]
    [InlineData("var today = clock.Today;")]
    [InlineData("Input.Date = clock.DayOf(now);")]
    [InlineData("if (d.Date > today) return;")]
    public void The_rule_lets_the_clocks_own_answers_through(string line) =>
        (WallClock().IsMatch(line) || DayFromInstant().IsMatch(line)).ShouldBeFalse(line);

    private static List<string> Offences(string folder, string[] allowed, params Regex[] rules)
    {
        var root = RepoRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)
                && !f.Contains("/Migrations/", StringComparison.Ordinal) && !allowed.Contains(f)
                && f != "tests/VillageHive.Tests/Architecture/ClockRuleTests.cs")
            .ToList();
        files.Count.ShouldBeGreaterThan(20, $"no sources found under {folder}");
        var offences = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Path.Combine(root, file));
            for (var i = 0; i < lines.Length; i++)
            {
                if (rules.Any(r => r.IsMatch(lines[i])))
                    offences.Add($"{file}:{i + 1}: {lines[i].Trim()}");
            }
        }
        return offences;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VillageHive.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("VillageHive.slnx not found above " + AppContext.BaseDirectory);
    }
}
