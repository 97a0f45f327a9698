using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

public sealed class AdminFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private static string Shot(string name) => Path.Combine(RunningApp.ArtifactsDir, name);

    private static async Task FitsTheScreenAsync(IPage page, int width)
    {
        await page.EvaluateAsync("document.fonts.ready");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width);
    }

    [Fact]
    public async Task An_administrator_edits_the_checklist_and_merges_two_records_on_a_phone()
    {
        var page = await app.NewPageAsync(390, 844);
        var blocked = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add($"{page.Url}: {m.Text}");
        };
        await page.GotoAsync(app.BaseUrl + "/Admin/ScreeningCriteria");
        await app.SignInAsync(page, "admin");
        await page.GotoAsync(app.BaseUrl + "/Admin/ScreeningCriteria");
        (await page.InnerTextAsync("h1")).ShouldBe("លក្ខណៈវិនិច្ឆ័យសម្រាប់ការពិនិត្យបឋម");
        await FitsTheScreenAsync(page, 390);
        await page.ScreenshotAsync(new() { Path = Shot("screening-criteria-km-390x844.png") });

        // Thresholds out of order: the message is next to the field and nothing is saved.
        await page.FillAsync("input[name='Input.CrisisFrom']", "1");
        await page.ClickAsync("main form button[type=submit].btn-primary");
        (await page.InnerTextAsync("span[data-valmsg-for='Input.CrisisFrom']")).ShouldContain("ពិន្ទុឆ្លើយតបវិបត្តិ");
        await page.FillAsync("input[name='Input.CrisisFrom']", "9");
        await page.ClickAsync("main form button[type=submit].btn-primary");
        await page.WaitForURLAsync("**/Admin/ScreeningCriteria");
        (await page.InnerTextAsync("#current-version")).ShouldContain("កំណែទី 2");

        await page.GotoAsync(app.BaseUrl + "/Admin/Persons/Merge?q=so");
        await page.ClickAsync("#results li:nth-child(1) a.btn-outline-success");
        await page.ClickAsync("#results li:nth-child(2) a.btn-outline-danger");
        await page.Locator("#compare").WaitForAsync();
        await FitsTheScreenAsync(page, 390);
        await page.ScreenshotAsync(new() { Path = Shot("merge-km-390x844.png"), FullPage = true });
        await page.CheckAsync("#confirm");
        await page.ClickAsync("main form button.btn-danger");
        await page.WaitForURLAsync("**/Registry/Persons/*");
        await page.ScreenshotAsync(new() { Path = Shot("merged-person-km-390x844.png"), FullPage = true });
        (await page.InnerTextAsync(".merged-from")).ShouldContain("បានបញ្ចូលពីកំណត់ត្រា #");
        blocked.ShouldBeEmpty();
    }
}
