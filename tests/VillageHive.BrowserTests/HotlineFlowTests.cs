using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>A call comes in on a phone, becomes a referral of a child in danger, and the senior social worker sees the alert.</summary>
public sealed class HotlineFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;

    private async Task<IPage> SignedInPageAsync(string user)
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + "/");
        await app.SignInAsync(page, user);
        return page;
    }

    private static async Task FitsAndShootAsync(IPage page, string name)
    {
        await page.EvaluateAsync("document.fonts.ready");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Width, name);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, $"{name}-km-{Width}x{Height}.png"), FullPage = true });
    }

    [Fact]
    public async Task A_call_becomes_a_referral_and_the_senior_social_worker_acknowledges_its_alert()
    {
        var worker = await SignedInPageAsync("ouchar.vbsw1");
        await worker.ClickAsync("#menu > summary");
        await worker.ClickAsync("nav a[href='/Hotline']");
        await worker.WaitForURLAsync("**/Hotline");
        var summary = "ក្មេងប្រុសម្នាក់ត្រូវឪពុកវាយ " + Guid.NewGuid().ToString("N")[..6];
        await worker.FillAsync("input[name='Input.CallerName']", "សុខ ចាន់ធី");
        await worker.FillAsync("input[name='Input.CallerPhone']", "012 777 888");
        await worker.FillAsync("input[name='Input.CallerRelation']", "អ្នកជិតខាង");
        await worker.FillAsync("textarea[name='Input.Summary']", summary);
        await worker.FillAsync("input[name='Input.Location']", "ផ្ទះក្បែរសាលារៀន");
        await worker.SelectOptionAsync("select[name='Input.VillageId']", new SelectOptionValue { Index = 1 });
        await worker.CheckAsync("#u-ImmediateDanger");
        await worker.ClickAsync("#call-form button[type=submit]");
        // Back at the same address: the call at the top of the list is what shows the page after the post.
        await Assertions.Expect(worker.Locator("#calls li:first-child")).ToContainTextAsync(summary);
        await FitsAndShootAsync(worker, "hotline");

        await worker.ClickAsync("#calls li:first-child a[href^='/Referrals/New?hotlineCall=']");
        await worker.WaitForURLAsync("**/Referrals/New?hotlineCall=*");
        (await worker.InputValueAsync("textarea[name='Input.ConcernNote']")).ShouldBe(summary);
        await worker.FillAsync("input[name='Input.Children[0].FamilyNameKm']", "សុខ");
        await worker.FillAsync("input[name='Input.Children[0].GivenNameKm']", "វិចិត្រ");
        await worker.FillAsync("input[name='Input.Children[0].GivenNameLatin']", "Test" + Guid.NewGuid().ToString("N")[..8]);
        await worker.SelectOptionAsync("select[name='Input.Children[0].Sex']", "Male");
        await worker.FillAsync("input[name='Input.Children[0].AgeYears']", "9");
        await worker.ClickAsync("form#referral-form button[type=submit].btn-lg");
        // Either the referral's page or the form again asking about a child of a similar name: wait for one of them.
        await worker.Locator("#m0-new").Or(worker.Locator("#referral-status")).First.WaitForAsync();
        if (await worker.Locator("#m0-new").CountAsync() > 0)
        {
            // Someone of a similar name lives here: this is a new child.
            await worker.CheckAsync("#m0-new");
            await worker.ClickAsync("form#referral-form button[type=submit].btn-lg");
        }
        await worker.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/Referrals/[0-9]+$"));
        var referralPath = new Uri(worker.Url).AbsolutePath;
        await worker.Context.CloseAsync();

        var senior = await SignedInPageAsync("ouchar.senior");
        await senior.GotoAsync(app.BaseUrl + "/");
        (await senior.Locator($"#home-alerts a[href='{referralPath}']").CountAsync()).ShouldBe(1);
        await FitsAndShootAsync(senior, "home-alert");

        await senior.ClickAsync("#menu > summary");
        await senior.ClickAsync("#nav-alerts");
        await senior.WaitForURLAsync("**/Alerts");
        var item = senior.Locator("#alerts li", new() { Has = senior.Locator($"a[href='{referralPath}']") });
        // The answer to the acknowledgement's post: the page comes back to the same address, so the URL cannot tell.
        await senior.RunAndWaitForResponseAsync(() => item.Locator("button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/Alerts", StringComparison.Ordinal));
        await senior.WaitForURLAsync("**/Alerts");
        await FitsAndShootAsync(senior, "alerts");
        await senior.GotoAsync(app.BaseUrl + "/");
        (await senior.Locator($"a[href='{referralPath}']").CountAsync()).ShouldBe(0);
    }
}
