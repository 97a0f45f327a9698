using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

public sealed class UserAdminFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    /// <summary>Opens the user list through the sign-in page (the one place to change when sign-in gains a step).</summary>
    private async Task<IPage> UsersPageAsync(string user, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        await page.GotoAsync(app.BaseUrl + "/Admin/Users");
        page.Url.ShouldContain("/Account/Login");
        await app.SignInAsync(page, user);
        await page.WaitForURLAsync("**/Admin/Users");
        await page.EvaluateAsync("document.fonts.ready");
        return page;
    }

    private static async Task FitsTheScreenAsync(IPage page, int width) =>
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width);

    private static string Shot(string name) => Path.Combine(RunningApp.ArtifactsDir, name);

    [Fact]
    public async Task A_CCWC_adds_a_village_social_worker_on_a_phone()
    {
        // svaypao.ccwc: the two-factor browser test owns ouchar.ccwc's enrolment.
        var page = await UsersPageAsync("svaypao.ccwc", 390, 844);
        (await page.InnerTextAsync("h1")).ShouldBe("អ្នកប្រើប្រាស់");
        (await page.Locator("#users li").CountAsync()).ShouldBeGreaterThanOrEqualTo(1);
        (await page.InnerTextAsync("#users")).ShouldNotContain("ouchar.");
        await FitsTheScreenAsync(page, 390);
        await page.ScreenshotAsync(new() { Path = Shot("users-km-390x844.png"), FullPage = true });

        await page.ClickAsync("a[href='/Admin/Users/New']");
        await page.WaitForURLAsync("**/Admin/Users/New");
        // Villages are the default level: only the village boxes show; the commune boxes appear when chosen.
        (await page.Locator(".hive-scope-Villages").IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator(".hive-scope-Communes").IsVisibleAsync()).ShouldBeFalse();
        await page.CheckAsync("#scope-level-Communes");
        (await page.Locator(".hive-scope-Communes").IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator(".hive-scope-Villages").IsVisibleAsync()).ShouldBeFalse();
        await page.CheckAsync("#scope-level-Villages");

        var userName = "svaypao.vbsw" + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("input[name='Input.UserName']", userName);
        await page.FillAsync("input[name='Input.DisplayName']", "<b>ស្រីនាង</b>");
        await page.FillAsync("input[name='Password']", "short");
        await page.ClickAsync("form button[type=submit].btn-primary");
        // Expect waits for the page the post answers with; the other messages are on that same page.
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Input.DisplayName']")).ToHaveTextAsync("ឈ្មោះមិនអាចមានសញ្ញា < ឬ > បានទេ។");
        (await page.InnerTextAsync("span[data-valmsg-for='Password']")).ShouldContain("10");
        (await page.InnerTextAsync("span[data-valmsg-for='Input.Areas']")).ShouldBe("សូមជ្រើសរើសតំបន់យ៉ាងហោចណាស់មួយ។");
        (await page.InputValueAsync("input[name='Input.UserName']")).ShouldBe(userName);
        await FitsTheScreenAsync(page, 390);
        await page.ScreenshotAsync(new() { Path = Shot("new-user-errors-km-390x844.png"), FullPage = true });

        await page.FillAsync("input[name='Input.DisplayName']", "ស្រី នាង");
        await page.FillAsync("input[name='Password']", "three green rice fields");
        await page.Locator(".hive-scope-Villages input[type=checkbox]").Nth(1).CheckAsync();
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync("**/Admin/Users/*-*");
        (await page.InnerTextAsync("h1")).ShouldContain("ស្រី នាង");
        (await page.InnerTextAsync("#user-state")).ShouldContain("បុគ្គលិកសង្គមកិច្ចប្រចាំភូមិ");
        await FitsTheScreenAsync(page, 390);
        await page.ScreenshotAsync(new() { Path = Shot("edit-user-km-390x844.png"), FullPage = true });

        // An action without its box ticked does nothing and says why.
        await page.ClickAsync("form[action*='handler=Deactivate'] button[type=submit]");
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Deactivate']")).ToHaveTextAsync("សូមធីកប្រអប់ដើម្បីបញ្ជាក់។");
        await page.CheckAsync("#confirm-deactivate");
        await page.ClickAsync("form[action*='handler=Deactivate'] button[type=submit]");
        await page.WaitForSelectorAsync(".alert-success");
        (await page.InnerTextAsync("#user-state")).ShouldContain("អសកម្ម");
    }

    [Fact]
    public async Task The_administrators_new_user_form_fits_a_phone()
    {
        var page = await UsersPageAsync("admin", 390, 844);
        await page.GotoAsync(app.BaseUrl + "/Admin/Users/New");
        // Ten communes of villages, folded so that the form stays short.
        (await page.Locator("details.hive-scope-commune").CountAsync()).ShouldBe(10);
        await FitsTheScreenAsync(page, 390);
        await page.ScreenshotAsync(new() { Path = Shot("new-user-admin-km-390x844.png"), FullPage = true });
    }
}
