using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// The header on a phone is one line (issue 19: at most 12% of the screen) for every role, and its menu and search open
/// over the page rather than pushing it down.
/// </summary>
public sealed class HeaderFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private static Task<double> HeaderHeightAsync(IPage page) =>
        page.EvaluateAsync<double>("() => document.querySelector('header').getBoundingClientRect().height");

    [Theory]
    [InlineData("ouchar.vbsw1", 390, 844)]
    [InlineData("ouchar.senior", 390, 844)]
    [InlineData("ouchar.member1", 390, 844)]
    [InlineData("researcher", 390, 844)]
    [InlineData("provider.healthcentre", 390, 844)]
    [InlineData("admin", 390, 844)]
    [InlineData("ouchar.vbsw1", 360, 640)]
    [InlineData("ouchar.senior", 360, 640)]
    public async Task The_header_is_one_line_and_its_menu_opens_over_the_page(string user, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        await page.GotoAsync(app.BaseUrl + "/");
        await app.SignInAsync(page, user);
        await Assertions.Expect(page.Locator("#menu > summary")).ToBeVisibleAsync();
        await page.EvaluateAsync("document.fonts.ready");
        var header = await HeaderHeightAsync(page);
        header.ShouldBeLessThanOrEqualTo(0.12 * height, $"{user} at {width}x{height}");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width);
        // The bar holds the name (opening the notifications) on the same line as the menu button.
        var name = await page.Locator("#nav-notifications").BoundingBoxAsync();
        var menu = await page.Locator("#menu > summary").BoundingBoxAsync();
        name.ShouldNotBeNull();
        menu.ShouldNotBeNull();
        Math.Abs(name.Y + name.Height / 2 - (menu.Y + menu.Height / 2)).ShouldBeLessThan(4);
        menu.Height.ShouldBeGreaterThanOrEqualTo(44, "a finger-sized menu button");

        var main = await page.Locator("main").BoundingBoxAsync();
        await page.ClickAsync("#menu > summary");
        await Assertions.Expect(page.Locator("#menu nav a").First).ToBeVisibleAsync();
        (await HeaderHeightAsync(page)).ShouldBe(header, "the menu opens over the page");
        (await page.Locator("main").BoundingBoxAsync())!.Y.ShouldBe(main!.Y);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, $"menu-{user}-km-{width}x{height}.png") });
        // A tap on the page closes it.
        await page.Locator("main").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await Assertions.Expect(page.Locator("#menu nav")).ToBeHiddenAsync();
    }
}
