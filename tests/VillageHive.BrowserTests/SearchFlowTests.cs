using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

public sealed class SearchFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private static async Task FitsTheScreenAsync(IPage page, int width)
    {
        await page.EvaluateAsync("document.fonts.ready");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width);
    }

    [Fact]
    public async Task A_worker_finds_a_child_from_the_header_by_a_spelling_they_heard_on_a_phone_in_Khmer()
    {
        var page = await app.NewPageAsync(390, 844);
        await page.GotoAsync(app.BaseUrl + "/");
        await app.SignInAsync(page, "ouchar.vbsw1");
        await page.GotoAsync(app.BaseUrl + "/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "km");

        // The box is behind the header's search button on every page; "Chim" is how the worker heard ឈឹម (Chhim).
        await page.ClickAsync("#header-find summary");
        var box = page.Locator("#header-search input[name=q]");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("placeholder", "ឈ្មោះ លេខទូរស័ព្ទ ឬលេខករណី");
        await FitsTheScreenAsync(page, 390);
        await box.FillAsync("Chim");
        await box.PressAsync("Enter");
        await page.WaitForURLAsync("**/Search?q=Chim");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("ស្វែងរក");
        var people = page.Locator("#search-people li");
        await Assertions.Expect(people.First).ToBeVisibleAsync();
        await Assertions.Expect(people.First).ToContainTextAsync("ឈឹម");
        await Assertions.Expect(people.First).ToContainTextAsync("Chhim");
        await FitsTheScreenAsync(page, 390);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, "search-km-390x844.png"), FullPage = true });

        // At 360 px too, and one tap opens the person.
        await page.SetViewportSizeAsync(360, 740);
        await FitsTheScreenAsync(page, 360);
        var name = (await people.First.Locator("a.stretched").InnerTextAsync()).Trim();
        await people.First.Locator("a.stretched").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Registry/Persons/[0-9]+$"));
        (await page.InnerTextAsync("h1")).ShouldContain(name);

        // Nothing found: said in Khmer, with what to try.
        await page.ClickAsync("#header-find summary");
        await page.Locator("#header-search input[name=q]").FillAsync("Zzqxv");
        await page.Locator("#header-search input[name=q]").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#search-empty")).ToContainTextAsync("គ្មានអ្វីក្នុងតំបន់របស់អ្នក");
    }
}
