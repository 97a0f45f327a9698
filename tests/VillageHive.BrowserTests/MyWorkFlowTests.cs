using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// My work on a phone, in Khmer: a village social worker signs in and finds on the home page what is due, taps it and
/// lands where it is done; a Senior social worker also sees their team with each worker's caseload.
/// </summary>
public sealed class MyWorkFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;

    private async Task<IPage> HomeAsync(string user)
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + "/");
        await app.SignInAsync(page, user);
        if (!page.Url.TrimEnd('/').Equals(app.BaseUrl, StringComparison.Ordinal)) await page.GotoAsync(app.BaseUrl + "/");
        await page.Locator("#my-work").WaitForAsync();
        return page;
    }

    private static async Task FitsAsync(IPage page, string name)
    {
        await page.EvaluateAsync("document.fonts.ready");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Width, name);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, $"{name}-km-{Width}x{Height}.png"), FullPage = true });
    }

    [Fact]
    public async Task A_village_worker_sees_a_visit_due_taps_it_and_lands_on_the_visit_form()
    {
        var page = await HomeAsync("ouchar.vbsw1");
        (await page.InnerTextAsync("#my-work-title")).ShouldBe("ការងាររបស់ខ្ញុំ");
        // The demo's worker has home visits overdue: each row is one tap from the form where the visit is recorded.
        var overdue = page.Locator("#my-work-overdue");
        await overdue.WaitForAsync();
        (await page.InnerTextAsync("#my-work-overdue-title")).ShouldContain("ហួសកាលកំណត់");
        await FitsAsync(page, "my-work-worker");
        // The smallest phones the commune uses: nothing wider than the screen at 360 px either.
        await page.SetViewportSizeAsync(360, 800);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await page.SetViewportSizeAsync(Width, Height);
        var visit = overdue.Locator("a.stretched[href$='/Visits/New']").First;
        var href = await visit.GetAttributeAsync("href");
        href.ShouldNotBeNull();
        await visit.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(href, StringComparison.Ordinal));
        await page.Locator("#Input_VisitedOn").WaitForAsync();
    }

    [Fact]
    public async Task A_senior_social_worker_sees_their_team_with_caseloads()
    {
        var page = await HomeAsync("ouchar.senior");
        var team = page.Locator("#my-team-list li[data-worker='ouchar.vbsw1']");
        await team.WaitForAsync();
        (await team.Locator(".hive-team-caseload").InnerTextAsync()).ShouldContain("ករណីបើក");
        await FitsAsync(page, "my-work-supervisor");
        await team.Locator(".hive-team-overdue").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Cases/Overdue?owner=ouchar.vbsw1", StringComparison.Ordinal));
        await page.Locator("#overdue-count").WaitForAsync();
    }
}
