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
        // Expect waits for the page the post answers with (a read straight after the click may see the form before it).
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Input.CrisisFrom']")).ToContainTextAsync("ពិន្ទុឆ្លើយតបវិបត្តិ");
        await page.FillAsync("input[name='Input.CrisisFrom']", "9");
        await page.ClickAsync("main form button[type=submit].btn-primary");
        // Saved: back at the same address, so the new version number is what shows the new page.
        await Assertions.Expect(page.Locator("#current-version")).ToContainTextAsync("កំណែទី 2");

        // The same person registered twice, by this test: merging demo records would take away people other tests
        // read (a household's head, a programme's child, the 2023 report's figures).
        var latin = "Dup" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 2; i++)
        {
            await page.GotoAsync(app.BaseUrl + "/Registry/Households/New");
            // The last village of the district, far from Ou Char whose household lists the registry tests read.
            var village = await page.Locator("select[name='Household.VillageId'] option").Last.GetAttributeAsync("value");
            await page.SelectOptionAsync("select[name='Household.VillageId']", village!);
            await page.FillAsync("input[name='Head.FamilyNameKm']", "សុខ");
            await page.FillAsync("input[name='Head.GivenNameKm']", "សុភា");
            await page.FillAsync("input[name='Head.FamilyNameLatin']", "So");
            await page.FillAsync("input[name='Head.GivenNameLatin']", latin);
            await page.SelectOptionAsync("select[name='Head.Sex']", "Female");
            await page.FillAsync("input[name='Head.AgeYears']", "34");
            await page.ClickAsync("form button[type=submit].btn-primary >> nth=-1");
            await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/Registry/Households/[0-9]+$"));
        }
        await page.GotoAsync(app.BaseUrl + "/Admin/Persons/Merge?q=" + latin);
        await Assertions.Expect(page.Locator("#results li")).ToHaveCountAsync(2);
        // Each choice is a link to the page with it: the second is clicked on the page that has the first.
        await page.ClickAsync("#results li:nth-child(1) a.btn-outline-success");
        await page.WaitForURLAsync(url => url.Contains("keep=", StringComparison.Ordinal));
        await page.ClickAsync("#results li:nth-child(2) a.btn-outline-danger");
        await page.WaitForURLAsync(url => url.Contains("duplicate=", StringComparison.Ordinal));
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
