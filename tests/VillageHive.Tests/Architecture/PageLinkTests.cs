using System.Text.RegularExpressions;

namespace VillageHive.Tests.Architecture;

/// <summary>
/// Links to pages go through routing (asp-page, RedirectToPage, Url.Page), never as written-out addresses: a page that
/// is renamed, moved or given another @page template then changes every link to it, instead of leaving dead ones.
/// The rules read the source under src/VillageHive/Features, as ClockRuleTests does.
/// </summary>
public sealed partial class PageLinkTests
{
    private const string Features = "src/VillageHive/Features";

    /// <summary>Written-out addresses that are not Razor pages, and why they stay written out.</summary>
    private static readonly (string Prefix, string Reason)[] NotPages =
    [
        ("/css/", "a static file under wwwroot"),
        ("/js/", "a static file under wwwroot"),
        ("/lib/", "a static file under wwwroot"),
        ("/icons/", "a static file under wwwroot: the app's icons"),
        ("/manifest.webmanifest", "a static file under wwwroot: the web app manifest"),
        ("/api/", "minimal API endpoints (MapGet/MapPost), which have no page name"),
    ];

    /// <summary>href, action or formaction starting with "/", written out or as @($"/...").</summary>
    [GeneratedRegex("""\b(?:href|action|formaction)="(?:@\(\$?@?")?(/[^"{@]*)""")]
    private static partial Regex ViewAddress();

    /// <summary>Redirect("/...") or Redirect($"/..."); LocalRedirect (a user's return address) is not matched.</summary>
    [GeneratedRegex("""\bRedirect\(\$?@?"(/[^"{]*)""")]
    private static partial Regex CodeAddress();

    /// <summary>A string that has the shape of a page name: "/Cases/CasePage/Details".</summary>
    [GeneratedRegex("""(?<![\w$@])"(/[A-Z][A-Za-z0-9]*(?:/[A-Z][A-Za-z0-9]*)*)"(?!\w)""")]
    private static partial Regex PageNameShaped();

    [Fact]
    public void No_view_writes_out_the_address_of_a_page()
    {
        var offences = Offences(".cshtml", ViewAddress());
        offences.ShouldBeEmpty("use asp-page with asp-route-*, asp-page-handler and asp-fragment, or Links.Page(ViewContext.HttpContext, page, id) on a list's rows:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void No_page_model_redirects_to_a_written_out_address()
    {
        var offences = Offences(".cs", CodeAddress());
        offences.ShouldBeEmpty("use RedirectToPage(pageName, routeValues) or RedirectToPage(pageName, pageHandler: null, routeValues, fragment):\n"
            + string.Join("\n", offences));
    }

    [Fact]
    public void Every_page_named_in_a_link_exists()
    {
        // A page name routing does not know gives an empty href (asp-page) or an exception (RedirectToPage) only when
        // the line runs; this finds it at once. @page lines hold route templates, not page names.
        var pages = PageNames();
        var unknown = new List<string>();
        foreach (var (file, line, text) in Lines(".cs", ".cshtml"))
        {
            if (text.TrimStart().StartsWith("@page", StringComparison.Ordinal)) continue;
            foreach (Match m in PageNameShaped().Matches(text))
            {
                if (!pages.Contains(m.Groups[1].Value)) unknown.Add($"{file}:{line}: {m.Groups[1].Value}");
            }
        }
        unknown.ShouldBeEmpty("no page of that name under Features (a page's name is its path there, without .cshtml):\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void No_address_let_through_is_a_page()
    {
        var routes = PageRoutes();
        foreach (var (prefix, reason) in NotPages)
            routes.ShouldNotContain(r => r.StartsWith(prefix, StringComparison.OrdinalIgnoreCase), $"{prefix} is let through as {reason}");
    }

    [Theory]
    [InlineData("""<a href="/Registry/Households/@h.Id">""")]
    [InlineData("""<a class="btn" href="/">""")]
    [InlineData("""<a href="@($"/Cases/{id}#plan")">""")]
    [InlineData("""<form method="post" action="/Referrals/New" asp-antiforgery="true">""")]
    [InlineData("""<button type="submit" formaction="/Support/Approvals?handler=Reject">""")]
    public void The_view_rule_catches_a_written_out_page_address(string line) =>
        Offending(line, ViewAddress()).ShouldBeTrue(line);

    [Theory]
    [InlineData("""<a asp-page="/Registry/Households/Details" asp-route-id="@h.Id">""")]
    [InlineData("""<link rel="stylesheet" href="~/css/site.css" asp-append-version="true" />""")]
    [InlineData("""<link rel="manifest" href="/manifest.webmanifest" />""")]
    [InlineData("""<a href="tel:@phone">""")]
    [InlineData("""<a href="#notes">""")]
    public void The_view_rule_lets_routed_and_static_addresses_through(string line) =>
        Offending(line, ViewAddress()).ShouldBeFalse(line);

    [Theory]
    [InlineData("""return Redirect($"/Cases/{id}");""")]
    [InlineData("""return Redirect("/Services");""")]
    public void The_code_rule_catches_a_redirect_to_a_written_out_address(string line) =>
        Offending(line, CodeAddress()).ShouldBeTrue(line);

    [Theory]
    [InlineData("""return RedirectToPage("/Cases/CasePage/Details", new { id });""")]
    [InlineData("""return LocalRedirect(LocalUrl.OrHome(Url, ReturnUrl));""")]
    public void The_code_rule_lets_routed_redirects_through(string line) =>
        Offending(line, CodeAddress()).ShouldBeFalse(line);

    [Fact]
    public void The_page_name_rule_finds_names_in_views_and_code()
    {
        PageNameShaped().Match("""RedirectToPage("/Cases/Close", new { id })""").Groups[1].Value.ShouldBe("/Cases/Close");
        PageNameShaped().Match("""<a asp-page="/Referrals/Index">""").Groups[1].Value.ShouldBe("/Referrals/Index");
        PageNames().ShouldContain("/Cases/CasePage/Details");
        PageNames().ShouldNotContain("/Cases/CasePage/Index", "the case page is Details.cshtml");
    }

    private static bool Offending(string line, Regex rule) =>
        rule.Matches(line).Any(m => !NotPages.Any(n => m.Groups[1].Value.StartsWith(n.Prefix, StringComparison.Ordinal)));

    private static List<string> Offences(string extension, Regex rule) =>
        Lines(extension).Where(l => Offending(l.Text, rule)).Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}").ToList();

    private static IEnumerable<(string File, int Line, string Text)> Lines(params string[] extensions)
    {
        var files = SourceFiles(extensions);
        files.Count.ShouldBeGreaterThan(20, $"no sources found under {Features}");
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Path.Combine(RepoRoot(), file));
            for (var i = 0; i < lines.Length; i++) yield return (file, i + 1, lines[i]);
        }
    }

    private static List<string> SourceFiles(params string[] extensions)
    {
        var root = RepoRoot();
        return Directory.EnumerateFiles(Path.Combine(root, Features), "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Every .cshtml under Features that starts with @page, by page name ("/Registry/Households/Details").</summary>
    private static HashSet<string> PageNames() =>
        PageFiles().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The address each page answers at: its @page template, or its name ("/Index" at "/", "X/Index" at "X").</summary>
    private static List<string> PageRoutes() =>
        PageFiles().Select(p => p.Template switch
        {
            ['/', ..] => p.Template,
            { Length: > 0 } => Folder(p.Name) + "/" + p.Template,
            _ => Folder(p.Name) is { Length: > 0 } folder ? folder : "/",
        }).ToList();

    private static string Folder(string name) => name.EndsWith("/Index", StringComparison.Ordinal) ? name[..^"/Index".Length] : name;

    private static List<(string Name, string Template)> PageFiles()
    {
        var root = Path.Combine(RepoRoot(), Features);
        return Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories)
            .Select(f => (File: f, First: File.ReadLines(f).FirstOrDefault() ?? ""))
            .Where(x => x.First.StartsWith("@page", StringComparison.Ordinal))
            .Select(x => ("/" + Path.GetRelativePath(root, x.File).Replace('\\', '/')[..^".cshtml".Length],
                x.First["@page".Length..].Trim().Trim('"')))
            .ToList();
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VillageHive.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("VillageHive.slnx not found above " + AppContext.BaseDirectory);
    }
}
