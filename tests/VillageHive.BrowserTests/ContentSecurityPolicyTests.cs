namespace VillageHive.BrowserTests;

/// <summary>Only a real browser enforces the Content-Security-Policy: it reports what the policy blocked on the console.</summary>
public sealed class ContentSecurityPolicyTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    [Fact]
    public async Task The_pages_a_worker_uses_break_no_rule_of_the_Content_Security_Policy()
    {
        var page = await app.NewPageAsync(390, 844);
        var blocked = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add($"{page.Url}: {m.Text}");
        };

        await page.GotoAsync(app.BaseUrl + "/Account/Login");
        await page.FillAsync("input[autocomplete=username]", "ouchar.vbsw1");
        await page.FillAsync("input[autocomplete=current-password]", RunningApp.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync("**/");
        foreach (var url in new[] { "/Registry/Households/New", "/no/such/page", "/Registry/Households" })
        {
            await page.GotoAsync(app.BaseUrl + url);
            await page.EvaluateAsync("document.fonts.ready");
        }
        await page.ClickAsync("#households a.stretched >> nth=0");
        await page.WaitForURLAsync("**/Registry/Households/*");
        await page.EvaluateAsync("document.fonts.ready");
        blocked.ShouldBeEmpty();
    }
}
