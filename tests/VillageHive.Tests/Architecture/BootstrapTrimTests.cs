using System.Text.RegularExpressions;

namespace VillageHive.Tests.Architecture;

/// <summary>
/// The Bootstrap the phone downloads is cut to the classes the app names (tools/web/build.sh, issue 19's weight
/// budget). A page that starts using a Bootstrap class the cut lost would look broken with no error anywhere: this
/// test finds every Bootstrap class named in the pages, page models and scripts and asks that the served file has it.
/// </summary>
public sealed partial class BootstrapTrimTests
{
    private static readonly string[] SourceFolders = ["Features", "Domain", "Infrastructure", "wwwroot/js"];

    [Fact]
    public void Every_bootstrap_class_the_app_names_is_in_the_trimmed_stylesheet()
    {
        var root = RepoRoot();
        var full = Selectors(File.ReadAllText(Path.Combine(root, "tools/web/source/bootstrap.min.css")));
        var served = Selectors(File.ReadAllText(Path.Combine(root, "src/VillageHive/wwwroot/lib/bootstrap/bootstrap.min.css")));
        full.Count.ShouldBeGreaterThan(2000, "the untrimmed Bootstrap should hold its whole set of rules");

        var app = Path.Combine(root, "src/VillageHive");
        var named = SourceFolders
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(app, d), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal))
            .SelectMany(f => Word().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);

        // A selector whose every class, element and attribute the app names must be served (".btn-primary",
        // ".table-sm>:not(caption)>*>*"); one with a name no file has (".accordion-button.collapsed", ".card>hr") may go.
        var needed = full.Where(sel => sel.Classes.Count > 0 && sel.Classes.All(named.Contains)).Select(sel => sel.Text).ToHashSet(StringComparer.Ordinal);
        needed.ShouldContain(".btn-primary");
        needed.ShouldContain(".container-lg");
        var kept = served.Select(sel => sel.Text).ToHashSet(StringComparer.Ordinal);
        var lost = needed.Where(sel => !kept.Contains(sel)).Order(StringComparer.Ordinal).ToList();
        lost.ShouldBeEmpty("these Bootstrap rules are for classes the app names but were cut from wwwroot/lib/bootstrap/bootstrap.min.css: run tools/web/build.sh");
        served.Count.ShouldBeLessThan(full.Count / 3, "the served stylesheet should be the trimmed one");
    }

    private sealed record Rule(string Text, IReadOnlyList<string> Classes);

    /// <summary>
    /// Each selector of a stylesheet (the text before each '{', split at its commas) with the names it needs: classes,
    /// elements and attributes (pseudo-classes and attribute values left out).
    /// </summary>
    private static List<Rule> Selectors(string css) =>
        [.. Selector().Matches(css)
            .Select(m => m.Groups[1].Value.Trim())
            .Where(prelude => !prelude.StartsWith('@'))
            .SelectMany(prelude => prelude.Split(','))
            .Where(sel => sel.Trim() is not ("from" or "to") && !sel.TrimEnd().EndsWith('%')) // steps of a @keyframes
            .Select(sel => new Rule(sel.Trim(), [.. Word().Matches(NotNames().Replace(sel.Replace("\\", "", StringComparison.Ordinal), " ")).Select(w => w.Value)]))];

    [GeneratedRegex(@"(?<=^|[{}])([^{}]+)\{")]
    private static partial Regex Selector();

    /// <summary>Pseudo-classes and elements (":hover", "::after"), attribute values ("=dark]"), comments.</summary>
    [GeneratedRegex(@"::?[\w-]+|=[^\]]*|/\*.*?\*/")]
    private static partial Regex NotNames();

    [GeneratedRegex(@"[A-Za-z][\w-]*")]
    private static partial Regex Word();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VillageHive.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("VillageHive.slnx not found above " + AppContext.BaseDirectory);
    }
}
