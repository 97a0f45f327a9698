using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// The user guide's pictures (docs/guide, issue 20 part 5), taken from the running demo so that they stay true: each
/// role signs in on a 390x844 phone, in Khmer for docs/guide/km and in English for docs/guide/en, and each picture
/// is taken only once the page shows the heading the guide names (read from strings.tsv, the screen text's source).
/// </summary>
public sealed class GuideScreenshotsTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;

    /// <summary>Per role of the guide: the demo user, and the pages shown (path, the string key of its heading).</summary>
    public static readonly Dictionary<string, (string User, (string Path, string Heading)[] Pages)> Roles = new()
    {
        ["community-member"] = ("ouchar.member1", [("/", "Home.Welcome"), ("/Referrals/New", "Referral.New"), ("/Referrals", "Referrals.Mine")]),
        ["village-social-worker"] = ("ouchar.vbsw1", [("/", "Home.Welcome"), ("/Referrals", "Referrals.Title"), ("/Cases", "Cases.Title"), ("/Sync", "Sync.Title")]),
        ["senior-social-worker"] = ("ouchar.senior", [("/", "Home.Welcome"), ("/Cases/Overdue", "Overdue.Title"), ("/Support/Approvals", "Approvals.Title")]),
        ["ccwc-focal-person"] = ("ouchar.ccwc", [("/", "Home.Welcome"), ("/Dashboard", "Dashboard.Title"), ("/Reports", "Report.All")]),
        ["commune-official"] = ("ouchar.chief", [("/", "Home.Welcome"), ("/Dashboard", "Dashboard.Title"), ("/Support/Ledger", "Ledger.Title")]),
        ["service-provider"] = ("provider.healthcentre", [("/", "Home.Welcome"), ("/Services/Referrals", "ProviderInbox.Title"), ("/Services", "Services.Title")]),
        ["administrator"] = ("admin", [("/", "Home.Welcome"), ("/Admin/Users", "Users.Title"), ("/Admin/Backup", "Backup.Title"), ("/Install", "Install.Title")]),
    };

    public static TheoryData<string> RoleNames => [.. Roles.Keys];

    /// <summary>The screen text of a key in a language, from src/VillageHive/Resources/strings.tsv.</summary>
    private static string Text(string key, string language)
    {
        foreach (var line in File.ReadLines(Path.Combine(RunningApp.RepoRoot, "src", "VillageHive", "Resources", "strings.tsv")))
        {
            var cells = line.Split('\t');
            if (cells.Length >= 3 && cells[0] == key) return language == "en" ? cells[1] : cells[2];
        }
        throw new InvalidOperationException("No string " + key);
    }

    [Theory]
    [MemberData(nameof(RoleNames))]
    public async Task Each_role_s_guide_pages_are_photographed_in_khmer_and_english(string role)
    {
        var (user, pages) = Roles[role];
        var folder = Path.Combine(RunningApp.RepoRoot, "docs", "guide", "img");
        Directory.CreateDirectory(folder);
        foreach (var language in new[] { "km", "en" })
        {
            var context = await app.NewContextAsync(Width, Height);
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = language == "km" ? "c=km-KH|uic=km-KH" : "c=en|uic=en", Url = app.BaseUrl }]);
            var page = await context.NewPageAsync();
            await page.GotoAsync(app.BaseUrl + "/");
            await app.SignInAsync(page, user);
            foreach (var ((path, heading), i) in pages.Select((p, i) => (p, i + 1)))
            {
                await page.GotoAsync(app.BaseUrl + path);
                var expected = Text(heading, language);
                var h1 = page.Locator("main h1").First;
                if (expected.Contains("{0}", StringComparison.Ordinal))
                    await Assertions.Expect(h1).ToContainTextAsync(expected[..expected.IndexOf("{0}", StringComparison.Ordinal)].Trim());
                else
                    await Assertions.Expect(h1).ToHaveTextAsync(expected);
                (await page.EvaluateAsync<string>("() => document.documentElement.lang")).ShouldStartWith(language);
                await page.EvaluateAsync("document.fonts.ready");
                (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Width, role + path);
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{role}-{i}-{language}.png") });
            }
            await context.CloseAsync();
        }
    }
}
