using Microsoft.Playwright;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.BrowserTests;

/// <summary>Two-step sign-in as a person does it on a phone. Only this class uses ouchar.ccwc: enrolment changes the user for the whole run.</summary>
public sealed class TwoFactorFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 360;

    private static async Task PasswordAsync(IPage page, string user)
    {
        await page.FillAsync("input[autocomplete=username]", user);
        await page.FillAsync("input[autocomplete=current-password]", RunningApp.Password);
        await page.ClickAsync("main form button[type=submit]");
    }

    private static async Task FitsTheScreenAsync(IPage page, string name)
    {
        await page.EvaluateAsync("document.fonts.ready");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Width, name);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, $"{name}-km-{Width}.png"), FullPage = true });
    }

    [Fact]
    public async Task A_district_manager_sets_up_the_authenticator_app_then_signs_in_with_a_code()
    {
        var page = await app.NewPageAsync(Width, 780);
        await page.GotoAsync(app.BaseUrl + "/Registry/Households");
        await PasswordAsync(page, "district.manager");

        // The role needs two-step sign-in: held at the enrolment page, which shows a QR code and the key.
        await page.WaitForURLAsync("**/Account/TwoFactor?ReturnUrl=*");
        (await page.GetAttributeAsync("img.hive-qr", "src"))!.ShouldStartWith("data:image/png;base64,");
        (await page.EvaluateAsync<int>("document.querySelector('img.hive-qr').naturalWidth")).ShouldBeGreaterThan(100);
        var key = (await page.InnerTextAsync("#shared-key")).Replace(" ", "", StringComparison.Ordinal);
        key.Length.ShouldBe(32);
        await FitsTheScreenAsync(page, "two-factor-enrol");

        await page.FillAsync("input[autocomplete=one-time-code]", Totp.Code(key));
        await page.ClickAsync("main form button[type=submit]");
        await page.Locator("#recovery-codes").WaitForAsync();
        (await page.Locator("#recovery-codes li").CountAsync()).ShouldBe(10);
        await FitsTheScreenAsync(page, "two-factor-recovery-codes");
        await page.ClickAsync("main a.btn-primary");
        await page.WaitForURLAsync("**/Registry/Households");

        await page.ClickAsync("#menu > summary");
        await page.ClickAsync("form[action='/Account/Logout'] button");
        await page.WaitForURLAsync("**/Account/Login");
        await PasswordAsync(page, "district.manager");
        await page.WaitForURLAsync("**/Account/LoginWith2fa");
        await FitsTheScreenAsync(page, "two-factor-code");
        await page.FillAsync("input[autocomplete=one-time-code]", Totp.Code(key));
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        (await page.InnerTextAsync(".hive-user")).ShouldContain("District manager");

        // The account pages from the menu fit a small phone too.
        await page.ClickAsync("#menu > summary");
        await page.ClickAsync("nav a[href='/Account/TwoFactor']");
        await page.WaitForURLAsync("**/Account/TwoFactor");
        await page.ClickAsync("main a[href*='Confirm=codes']");
        await page.WaitForURLAsync(url => url.Contains("Confirm=codes", StringComparison.Ordinal));
        await page.Locator("main form button.btn-primary").WaitForAsync();
        await FitsTheScreenAsync(page, "two-factor-new-codes-confirm");
        await page.ClickAsync("main a[href='/Account/ChangePassword']");
        await page.WaitForURLAsync("**/Account/ChangePassword");
        await page.FillAsync("input[name='Input.CurrentPassword']", "not the password");
        await page.FillAsync("input[name='Input.NewPassword']", "short");
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page.Locator("span[data-valmsg-for='Input.NewPassword']")).ToHaveTextAsync("សូមប្រើយ៉ាងហោចណាស់ ១០ តួអក្សរ។");
        await FitsTheScreenAsync(page, "change-password-errors");
    }
}
