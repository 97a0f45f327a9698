using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>The commune chief's dashboard on a phone and the Ou Char 2023 impact report printed on A4, in Khmer.</summary>
public sealed class EvidenceFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private async Task<IPage> SignedInAsync(string user, string path, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        await page.GotoAsync(app.BaseUrl + path);
        await app.SignInAsync(page, user);
        await page.WaitForURLAsync("**" + path.Split('?')[0] + "*");
        return page;
    }

    [Fact]
    public async Task The_commune_chief_reads_the_dashboard_on_a_phone_and_the_2023_report_on_A4()
    {
        var chief = await SignedInAsync("ouchar.chief", "/Dashboard?year=2023", 390, 844);
        await chief.EvaluateAsync("document.fonts.ready");
        (await chief.InnerTextAsync("#referrals-table [data-figure='received-total']")).ShouldBe("64");
        (await chief.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await chief.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, "dashboard-km-390x844.png"), FullPage = true });
        // The blocks added last, each on its own so they can be read at phone size.
        foreach (var block in new[] { "attendance-block", "services-block", "budget-block" })
        {
            (await chief.Locator($"#{block} table").CountAsync()).ShouldBe(1);
            await chief.Locator($"#{block}").ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, $"dashboard-{block}-km-390.png") });
        }

        await chief.GotoAsync(app.BaseUrl + "/Reports");
        await chief.ClickAsync("#report-communes a:text('2023')");
        await chief.WaitForURLAsync("**/Reports/Commune/*/2023");
        await chief.SetViewportSizeAsync(794, 1123);
        await chief.EmulateMediaAsync(new() { Media = Media.Print });
        await chief.EvaluateAsync("document.fonts.ready");
        (await chief.InnerTextAsync("[data-figure='referrals']")).ShouldBe("64");
        (await chief.InnerTextAsync("[data-figure='high-risk']")).ShouldBe("16");
        await chief.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, "impact-report-km-794x1123.png"), FullPage = true });
    }
}
