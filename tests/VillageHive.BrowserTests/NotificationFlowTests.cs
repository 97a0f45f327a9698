using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// Being told on a phone, in Khmer: the Senior social worker passes a case's lead to a village social worker, who
/// signs in, sees the count on the bell in the menu, opens the notifications and taps through to the case.
/// </summary>
public sealed class NotificationFlowTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;

    private async Task<IPage> SignedInAsync(string user, string path)
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + path);
        await app.SignInAsync(page, user);
        await page.WaitForURLAsync("**" + path.Split('?')[0] + "*");
        return page;
    }

    /// <summary>A case the worker leads, in a stage that takes work, that no other test has claimed.</summary>
    private async Task<string> ClaimCaseAsync(IPage worker)
    {
        foreach (var status in new[] { "Open", "Assessment", "Review", "Planning", "ActiveSupport" })
        {
            await worker.GotoAsync($"{app.BaseUrl}/Cases?status={status}&mine=true");
            await worker.Locator("#cases").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var hrefs = await worker.Locator("#cases a.stretched").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
            if (hrefs.FirstOrDefault(href => app.Claim("case:" + href.Split('/')[^1])) is { } href) return href;
        }
        throw new InvalidOperationException("Every case listed is taken by another test.");
    }

    private static async Task PassLeadAsync(IPage senior, string teamUrl, string to, string reason)
    {
        await senior.GotoAsync(teamUrl);
        // Passing the lead is folded away under its heading.
        await senior.ClickAsync("details:has(#lead-form) > summary");
        await senior.Locator("#lead-form").WaitForAsync();
        await senior.SelectOptionAsync("#NewLead", to);
        await senior.FillAsync("#Reason", reason);
        await senior.Locator("#lead-form button[type=submit]").PressAsync("Enter");
        // Back on the team page with the new lead: the form no longer offers them.
        await senior.WaitForFunctionAsync($"() => !document.querySelector('#NewLead option[value=\"{to}\"]')");
    }

    [Fact]
    public async Task A_worker_given_a_case_sees_the_badge_opens_the_notifications_and_taps_through_to_the_case()
    {
        var worker = await SignedInAsync("ouchar.vbsw1", "/Cases?mine=true");
        var casePath = await ClaimCaseAsync(worker);
        var caseId = casePath.Split('/')[^1];
        await worker.Context.CloseAsync();

        // The senior covers the case while the worker is away, then gives it back: the worker is told.
        var senior = await SignedInAsync("ouchar.senior", casePath + "/Team");
        await PassLeadAsync(senior, app.BaseUrl + casePath + "/Team", "ouchar.ccwc", "ឈប់សម្រាកពីរថ្ងៃ");
        await PassLeadAsync(senior, app.BaseUrl + casePath + "/Team", "ouchar.vbsw1", "ត្រឡប់មកធ្វើការវិញ");
        await senior.Context.CloseAsync();

        var back = await SignedInAsync("ouchar.vbsw1", "/");
        var badge = back.Locator("#notification-badge");
        await badge.WaitForAsync();
        int.Parse(await badge.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        await back.ClickAsync("#nav-notifications");
        await back.WaitForURLAsync("**/Notifications");
        var row = back.Locator("#notifications li.unread").Filter(new() { HasText = $"ករណីលេខ {caseId} ត្រូវបានប្រគល់ឱ្យអ្នក" }).First;
        await row.WaitForAsync();

        await back.EvaluateAsync("document.fonts.ready");
        (await back.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Width);
        await back.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, $"notifications-km-{Width}x{Height}.png") });

        await row.Locator(".hive-notification-open").ClickAsync();
        await back.WaitForURLAsync(url => url.EndsWith(casePath, StringComparison.Ordinal));
        await back.Locator("#case-status").WaitForAsync();
    }
}
