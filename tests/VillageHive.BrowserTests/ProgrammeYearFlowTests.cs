using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// Programme years on a phone, in Khmer (issue 22, part 6): the senior social worker opens the after-school programme
/// (this year, 2026–2027, with its year switcher), looks back at 2023–2024, sets up 2027–2028, opens the carry-over
/// page that lists who comes over, and re-enrols one child (the rest of the roster is left as it is for other tests).
/// </summary>
public sealed class ProgrammeYearFlowTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;

    /// <summary>The page fits 390 px (screenshot kept with the others) and 360 px, the narrowest phone the Hive is made for.</summary>
    private static async Task FitsAsync(IPage page, string name)
    {
        await RunningApp.FitsAndShootAsync(page, name);
        await page.SetViewportSizeAsync(360, 800);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360, name + " at 360");
        await page.SetViewportSizeAsync(Width, Height);
    }

    [Fact]
    public async Task The_senior_sees_the_years_sets_up_the_next_and_carries_a_child_over()
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + "/Programmes");
        await app.SignInAsync(page, "ouchar.senior");
        await page.WaitForURLAsync("**/Programmes");
        await page.Locator("#programmes a.stretched", new() { HasTextString = "Ou Char after-school programme" }).ClickAsync();
        await page.Locator("#year-switcher").WaitForAsync();
        (await page.InnerTextAsync("#programme-year")).ShouldContain("ឆ្នាំកម្មវិធី 2026–2027");
        (await page.Locator("#year-switcher a", new() { HasTextString = "20" }).CountAsync()).ShouldBeGreaterThanOrEqualTo(4);
        await FitsAsync(page, "programme-year");

        // The first year: its children, those who left during it, and no exits from a year that is over.
        await page.Locator("#year-switcher a", new() { HasTextString = "2023–2024" }).ClickAsync();
        await Assertions.Expect(page.Locator("#programme-year")).ToContainTextAsync("2023–2024");
        (await page.Locator("#roster li").CountAsync()).ShouldBe(36);
        (await page.Locator("#roster a[href$='/Exit']").CountAsync()).ShouldBe(0);

        // The next year, a calendar year after the last: the form comes filled in.
        await page.Locator("#year-switcher a[href*='/Years/New']").ClickAsync();
        await page.Locator("#add-year").WaitForAsync();
        (await page.InputValueAsync("#Input_StartDate")).ShouldStartWith("2027-09");
        await FitsAsync(page, "programme-year-new");
        await page.ClickAsync("#add-year");
        await Assertions.Expect(page.Locator("#programme-year")).ToContainTextAsync("2027–2028");
        (await page.Locator("#roster li").CountAsync()).ShouldBe(0);

        // From this year: the carry-over page lists this year's 40, those who come over and those too old by
        // September 2027 (the programme is for children up to 14); one child is re-enrolled.
        await page.Locator("#year-switcher a", new() { HasTextString = "2026–2027" }).ClickAsync();
        await page.Locator("#carry-over").ClickAsync();
        await page.Locator("#carry-all").WaitForAsync();
        var coming = await page.Locator("#coming li").CountAsync();
        var notComing = await page.Locator("#not-coming li").CountAsync();
        (coming + notComing).ShouldBe(40);
        coming.ShouldBeGreaterThan(0);
        (await page.InnerTextAsync("#carry-all")).ShouldContain("2027–2028");
        var first = page.Locator("#coming li").First;
        var name = (await first.Locator("strong").InnerTextAsync()).Trim();
        await FitsAsync(page, "programme-carry-over");
        await first.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("#programme-year")).ToContainTextAsync("2027–2028");
        (await page.InnerTextAsync("#roster")).ShouldContain(name);
        (await page.Locator("#roster li").CountAsync()).ShouldBe(1);
        await FitsAsync(page, "programme-year-next");
    }
}
