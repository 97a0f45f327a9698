using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>The front door on a phone: a community member refers, a village social worker screens, the senior is alerted.</summary>
public sealed class ReferralFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;

    private async Task<IPage> SignedInAsync(string user, string path)
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + path);
        await app.SignInAsync(page, user);
        await page.WaitForURLAsync("**" + path.Split('?')[0]);
        return page;
    }

    [Fact]
    public async Task A_member_refers_a_child_in_danger_and_a_village_social_worker_screens_it_as_crisis()
    {
        // Four random consonants: no demo child's name (nor another test's) contains this one, as the inbox filter below needs.
        var given = "ស្រី" + string.Concat(Enumerable.Range(0, 4).Select(_ => (char)Random.Shared.Next(0x1780, 0x17A3)));
        var member = await SignedInAsync("ouchar.member1", "/Referrals/New");
        await member.SelectOptionAsync("select[name='Input.VillageId']", new SelectOptionValue { Index = 1 });
        await member.FillAsync("input[name='Input.Children[0].FamilyNameKm']", "ញឹម");
        await member.FillAsync("input[name='Input.Children[0].GivenNameKm']", given);
        await member.SelectOptionAsync("select[name='Input.Children[0].Sex']", "Female");
        await member.FillAsync("input[name='Input.Children[0].AgeYears']", "7");
        await member.CheckAsync("#c-ParentsMigrating");
        await member.CheckAsync("#c-Violence");
        await member.FillAsync("textarea[name='Input.ConcernNote']", "ម្ដាយចាកចេញ ឪពុកស្រវឹងរាល់យប់");
        await member.CheckAsync("#u-ImmediateDanger");
        await RunningApp.FitsAndShootAsync(member, "referral-form");
        await member.ClickAsync("button.btn-lg[type=submit]");
        // A child with a similar name may already be registered: this one is new. Either page, once it is there.
        await member.Locator("#m0-new").Or(member.Locator("#referral-status")).First.WaitForAsync();
        if (await member.Locator("#m0-new").CountAsync() > 0)
        {
            await member.CheckAsync("#m0-new");
            await member.ClickAsync("button.btn-lg[type=submit]");
        }
        await member.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/Referrals/[0-9]+$"));
        var referralUrl = member.Url;
        (await member.InnerTextAsync("#referral-status")).ShouldBe("បានទទួល");
        await RunningApp.FitsAndShootAsync(member, "referral-received");
        await member.Context.CloseAsync();

        var worker = await SignedInAsync("ouchar.vbsw1", "/Referrals");
        await worker.SelectOptionAsync("#status", "Received");
        await worker.ClickAsync("main form[method=get] button[type=submit]");
        await worker.WaitForURLAsync("**/Referrals?*");
        var row = worker.Locator("#referrals a.stretched", new() { HasTextString = given });
        await RunningApp.FitsAndShootAsync(worker, "referral-inbox");
        await row.First.ClickAsync();
        await worker.Locator("#referral-status").WaitForAsync();
        worker.Url.ShouldBe(referralUrl);
        await worker.ClickAsync("a[href$='/Screening']");
        await worker.WaitForURLAsync("**/Screening");
        // The screening shows what the member reported and starts with the criteria it implies ticked (migration, violence).
        (await worker.InnerTextAsync("#reported-note")).ShouldBe("ម្ដាយចាកចេញ ឪពុកស្រវឹងរាល់យប់");
        var criteria = worker.Locator("input[name='Input.Met']");
        (await criteria.Nth(0).IsCheckedAsync()).ShouldBeTrue();
        (await criteria.Nth(3).IsCheckedAsync()).ShouldBeTrue();
        (await worker.Locator("input[name='Input.Met']:checked").CountAsync()).ShouldBe(2);
        await worker.ClickAsync("button[formaction*='handler=Score']");
        await worker.Locator("#proposal").WaitForAsync();
        await worker.SelectOptionAsync("select[name='Input.Decision']", "CrisisResponse");
        await worker.SelectOptionAsync("select[name='Input.Priority']", "High");
        await worker.FillAsync("textarea[name='Input.OverrideReason']", "កុមារនៅម្នាក់ឯងពេលយប់");
        await RunningApp.FitsAndShootAsync(worker, "screening");
        await worker.ClickAsync("main form button.btn-primary");
        await worker.Locator("#screening-result").WaitForAsync();
        worker.Url.ShouldBe(referralUrl);
        (await worker.InnerTextAsync("#screening-result")).ShouldContain("ការឆ្លើយតបវិបត្តិ");
        (await worker.InnerTextAsync("#referral-status")).ShouldBe("កំពុងគាំទ្រ");
        // The referral leads to its case.
        await worker.ClickAsync("#case-link");
        await worker.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/Cases/[0-9]+$"));
        await worker.Context.CloseAsync();

        // The commune's Senior social worker was alerted to the immediate danger the moment it was referred.
        var senior = await SignedInAsync("ouchar.senior", "/");
        var alert = senior.Locator("#home-alerts a", new() { HasTextString = given });
        (await alert.CountAsync()).ShouldBe(1);
        (await alert.GetAttributeAsync("href")).ShouldBe(new Uri(referralUrl).AbsolutePath);
        await RunningApp.FitsAndShootAsync(senior, "home-alert");
    }
}
