using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// The workforce and the handover on a phone, in Khmer (issue 22): a senior social worker records a supervision session
/// from the commune's workforce page; the district manager opens the Hives, sees the rollout with the late commune and
/// one commune's readiness checklist.
/// </summary>
public sealed class WorkforceFlowTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;

    private async Task<IPage> SignedInAsync(string user)
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + "/");
        await app.SignInAsync(page, user);
        if (!page.Url.TrimEnd('/').Equals(app.BaseUrl, StringComparison.Ordinal)) await page.GotoAsync(app.BaseUrl + "/");
        return page;
    }

    private static async Task FitsAsync(IPage page, string name)
    {
        await page.EvaluateAsync("document.fonts.ready");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Width, name);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, $"{name}-km-{Width}x{Height}.png"), FullPage = true });
        await page.SetViewportSizeAsync(360, 800);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360, name + " at 360");
        await page.SetViewportSizeAsync(Width, Height);
    }

    [Fact]
    public async Task A_senior_social_worker_records_a_supervision_session()
    {
        var page = await SignedInAsync("ouchar.senior");
        await page.Locator("#home-workforce").ClickAsync();
        await page.Locator("#workers li[data-worker='ouchar.vbsw2']").WaitForAsync();
        (await page.InnerTextAsync("h1")).ShouldContain("កម្លាំងពលកម្មសង្គមកិច្ច");
        await page.Locator("#caseload-chart").WaitForAsync();
        await FitsAsync(page, "workforce");

        await page.Locator("#record-supervision").ClickAsync();
        await page.Locator("#supervision-workers a[href$='worker=ouchar.vbsw2']").ClickAsync();
        await page.Locator("#supervision-form").WaitForAsync();
        (await page.InnerTextAsync("#supervision-worker")).ShouldContain("ចាន់ វិសាល");
        var firstCase = page.Locator("#supervision-form input[name='Input.CaseIds']").First;
        if (await firstCase.CountAsync() > 0) await firstCase.CheckAsync();
        await page.FillAsync("#Input_AgreedActions", "ចុះសួរសុខទុក្ខគ្រួសារទាំងពីរក្នុងសប្ដាហ៍នេះ");
        await FitsAsync(page, "workforce-supervision");
        await page.Locator("#supervision-save").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Workforce/Supervision/", StringComparison.Ordinal) && !url.Contains("/New", StringComparison.Ordinal));
        (await page.InnerTextAsync("#session-actions")).ShouldContain("ចុះសួរសុខទុក្ខគ្រួសារទាំងពីរក្នុងសប្ដាហ៍នេះ");
        (await page.InnerTextAsync("#workforce-flash")).ShouldNotBeEmpty();
        await FitsAsync(page, "workforce-session");
    }

    [Fact]
    public async Task The_district_reads_the_rollout_and_a_communes_readiness()
    {
        // The district's administrator (district.manager's two-step enrolment belongs to TwoFactorFlowTests for the run).
        var page = await SignedInAsync("admin");
        await page.Locator("#home-hives").ClickAsync();
        await page.Locator("#rollout-table").WaitForAsync();
        // Tuol Ta Aek was planned for 2025 and has not started: late, in red.
        await page.Locator("#hives [data-late='020301']").WaitForAsync();
        (await page.Locator("#rollout-table tr.table-danger[data-rollout='020301']").CountAsync()).ShouldBe(1);
        await FitsAsync(page, "hives");

        await page.Locator("#hives li[data-commune='020309'] a.stretched").ClickAsync();
        await page.Locator("#checklist").WaitForAsync();
        (await page.Locator("#stage-history li").CountAsync()).ShouldBe(3);
        (await page.InnerTextAsync("#checklist li[data-item='BudgetLine']")).ShouldContain("ពិនិត្យដោយ");
        await page.Locator("[data-fact='ReferralNetwork']").WaitForAsync();
        await FitsAsync(page, "hive-readiness");
    }
}
