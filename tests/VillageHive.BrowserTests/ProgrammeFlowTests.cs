using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// The after-school programme on the project officer's phone: today's register for this year's 40 children (the
/// programme's first year, 2023–2024, had 41; DemoProgrammeYears.Rosters), one child
/// absent for the second school day running, the follow-up that appears, and its reason and outcome.
/// </summary>
public sealed class ProgrammeFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;

    [Fact]
    public async Task The_officer_marks_today_and_follows_up_a_child_absent_two_days_running()
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + "/Programmes");
        await app.SignInAsync(page, "ouchar.vbsw1");
        await page.WaitForURLAsync("**/Programmes");
        await RunningApp.FitsAndShootAsync(page, "programmes");
        await page.Locator("#programmes a.stretched").First.ClickAsync();
        await page.Locator("#take-attendance").WaitForAsync();
        await RunningApp.FitsAndShootAsync(page, "programme-roster");
        await page.ClickAsync("#take-attendance");
        await page.WaitForURLAsync("**/Attendance");
        // Today's register is the commune's today: a Wednesday, a school day, whatever day the tests run on (the app's
        // clock starts at RunningApp.ClockStart). On a weekend a mark would open no follow-up.
        await Assertions.Expect(page.Locator("#date")).ToHaveValueAsync(RunningApp.CommuneToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var rows = page.Locator("li.hive-register-row");
        (await rows.CountAsync()).ShouldBe(40);
        // The demo data has at least one child absent on the last school day; mark them absent again today.
        var child = page.Locator("li.hive-register-row:has(.badge.text-bg-warning)").First;
        var name = (await child.Locator(".fw-semibold").InnerTextAsync()).Trim();
        await child.Locator("label.hive-mark-absent").ClickAsync();
        (await child.Locator("input[value=Absent]").IsCheckedAsync()).ShouldBeTrue();
        await RunningApp.FitsAndShootAsync(page, "programme-attendance");
        await page.ClickAsync("#save-attendance");
        await page.Locator(".alert-success").WaitForAsync();
        (await page.InnerTextAsync(".alert-success")).ShouldContain("40");

        await page.ClickAsync("nav[aria-label=breadcrumb] a");
        await page.ClickAsync("a[href$='/FollowUps']");
        await page.WaitForURLAsync("**/FollowUps");
        var followUp = page.Locator("#followups a.stretched", new() { HasTextString = name });
        (await followUp.CountAsync()).ShouldBe(1);
        await RunningApp.FitsAndShootAsync(page, "programme-followups");
        await followUp.ClickAsync();
        await page.Locator("#followup-form").WaitForAsync();
        await page.SelectOptionAsync("select[name='Input.Reason']", "Illness");
        await page.FillAsync("textarea[name='Input.ActionTaken']", "បានទៅលេងផ្ទះ កុមារឈឺគ្រុនផ្ដាសាយ");
        await page.SelectOptionAsync("select[name='Input.Outcome']", "BackInProgramme");
        await RunningApp.FitsAndShootAsync(page, "programme-followup");
        await page.ClickAsync("#save-followup");
        await page.WaitForURLAsync("**/FollowUps");
        (await page.Locator("#followups a.stretched", new() { HasTextString = name }).CountAsync()).ShouldBe(0);
        await page.GotoAsync(page.Url + "?closed=true");
        (await page.Locator("#followups a.stretched", new() { HasTextString = name }).CountAsync()).ShouldBe(1);
        await RunningApp.FitsAndShootAsync(page, "programme-followups-done");
    }

    [Fact]
    public async Task A_community_member_takes_session_attendance_with_taps()
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + "/Community");
        await app.SignInAsync(page, "ouchar.member1");
        await page.WaitForURLAsync("**/Community");
        await RunningApp.FitsAndShootAsync(page, "community");
        await page.Locator("#activities a.stretched").First.ClickAsync();
        await page.Locator("#sessions").WaitForAsync();
        await RunningApp.FitsAndShootAsync(page, "community-activity");
        // A session no other test saves: OfflineSyncTests edits one of this activity's sessions from two phones, and
        // a save in between would be a conflict for one of them.
        var sessions = page.Locator("#sessions a");
        await sessions.First.WaitForAsync();
        var hrefs = await sessions.EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        var session = hrefs.First(href => app.Claim("session:" + href));
        await page.Locator($"#sessions a[href='{session}']").ClickAsync();
        await page.Locator("#session-form").WaitForAsync();
        var taps = page.Locator("#people label.hive-tap");
        if (await taps.CountAsync() > 0) await taps.First.ClickAsync();
        await page.FillAsync("#g0", "2");
        await RunningApp.FitsAndShootAsync(page, "community-session");
        await page.ClickAsync("#save-session");
        await page.Locator("#sessions").WaitForAsync();
    }
}
