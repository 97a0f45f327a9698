using System.Net;
using System.Text.RegularExpressions;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// No page offers a button or link that leads to "Not allowed" (issue 19): every demo role's home page and the pages
/// linked from it are opened, and every address they link to is asked for (GET only); none may answer 403.
/// </summary>
public sealed partial class NoDeadEndLinkTests(Apps apps, ITestOutputHelper output)
{
    private static readonly string[] DemoUsers =
    [
        "admin", "district.manager", "ouchar.ccwc", "ouchar.senior", "ouchar.vbsw1", "ouchar.member1", "ouchar.chief",
        "provider.healthcentre", "researcher",
    ];

    [GeneratedRegex("<a\\b[^>]*\\bhref=\"(/[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    /// <summary>Links of a page that stay in the app and are pages (not files, not sign-out or the language switch, which change the session).</summary>
    private static IEnumerable<string> Links(string html) =>
        Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Split('#')[0])
            .Where(u => u.Length > 0 && !u.StartsWith("//", StringComparison.Ordinal))
            .Where(u => !u.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase)
                        && !u.StartsWith("/Language", StringComparison.OrdinalIgnoreCase)
                        && !u.Contains("handler=Pdf", StringComparison.OrdinalIgnoreCase)
                        && !u.StartsWith("/lib/", StringComparison.Ordinal) && !u.StartsWith("/css/", StringComparison.Ordinal)
                        && !u.StartsWith("/js/", StringComparison.Ordinal) && !u.StartsWith("/icons/", StringComparison.Ordinal));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task No_link_on_a_roles_home_page_or_the_pages_it_links_to_answers_Not_allowed(string provider)
    {
        var app = await apps.Get(provider);
        var forbidden = new List<string>();
        foreach (var user in DemoUsers)
        {
            var client = await app.As(user);
            var home = await client.GetHtmlAsync("/");
            var firstLevel = Links(home).Distinct().ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
            var pending = new List<(string From, string Url)>(firstLevel.Select(u => ("/", u)));
            foreach (var url in firstLevel)
            {
                if (!seen.Add(url)) continue;
                var response = await client.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.Forbidden) { forbidden.Add($"{user}: / -> {url}"); continue; }
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
                var html = await response.Content.ReadAsStringAsync();
                pending.AddRange(Links(html).Distinct().Select(u => (url, u)));
            }
            foreach (var (from, url) in pending)
            {
                if (!seen.Add(url)) continue;
                var response = await client.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.Forbidden) forbidden.Add($"{user}: {from} -> {url}");
            }
            output.WriteLine($"{user}: {seen.Count} addresses opened");
        }
        forbidden.ShouldBeEmpty(string.Join("\n", forbidden));
    }
}
