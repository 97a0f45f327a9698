using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.BrowserTests;

/// <summary>
/// A commune's first day, through the pages alone, on an empty install (no demo): the first administrator sets up
/// two-step sign-in, the time zone and the commune, imports the commune's household sheet, adds two people from a sheet, a community member refers a child and the new
/// village social worker screens the referral into an open case.
/// </summary>
public sealed class FirstDayTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;
    private const string AdminPassword = "the river is high in october";

    private const string HouseholdSheet = """
        household_id,person_id,នាមត្រកូល,នាមខ្លួន,Sex,Age,Relation,Village,IDPoor level
        OC-1,OC-1-1,ស៊ាង,ម៉ាលី,F,41,head,02030901,1
        OC-1,OC-1-2,ស៊ាង,វិចិត្រ,M,12,child,02030901,
        OC-2,OC-2-1,ហេង,សុខា,M,55,head,ភូមិទួល,2
        """;

    /// <summary>Signs in with the first password the administrator handed over, and chooses one's own.</summary>
    private async Task<IPage> FirstSignInAsync(string baseUrl, string user, string firstPassword, string path)
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(baseUrl + path);
        await page.FillAsync("input[autocomplete=username]", user);
        await page.FillAsync("input[autocomplete=current-password]", firstPassword);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync("**/Account/ChangePassword**");
        await page.FillAsync("input[name='Input.CurrentPassword']", firstPassword);
        await page.FillAsync("input[name='Input.NewPassword']", user + " chooses a long one");
        await page.FillAsync("input[name='Input.RepeatPassword']", user + " chooses a long one");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("Changed=", StringComparison.Ordinal) || !url.Contains("/Account/ChangePassword", StringComparison.Ordinal));
        await page.GotoAsync(baseUrl + path);
        return page;
    }

    [Fact]
    public async Task From_an_empty_install_to_the_first_open_case_through_the_pages_alone()
    {
        app.RequireBrowser();
        await using var commune = await AppProcess.StartAsync(demo: false);
        var url = commune.BaseUrl;

        // The newcomer opens the Hive and is taken to /Setup.
        var admin = await app.NewPageAsync(Width, Height);
        await admin.GotoAsync(url + "/");
        await admin.WaitForURLAsync("**/Setup");
        await RunningApp.FitsAndShootAsync(admin, "first-day-setup");
        await admin.FillAsync("#UserName", "chief.admin");
        await admin.FillAsync("#Password", AdminPassword);
        await admin.FillAsync("#ConfirmPassword", AdminPassword);
        await admin.ClickAsync("#setup-form button[type=submit]");

        // Two-step sign-in on the spot, then on to the place.
        var key = (await admin.InnerTextAsync("#shared-key")).Replace(" ", "", StringComparison.Ordinal);
        await admin.FillAsync("input[autocomplete=one-time-code]", Totp.Code(key));
        await admin.ClickAsync("main form button[type=submit]");
        await admin.Locator("#recovery-codes").WaitForAsync();
        await admin.ClickAsync("main a.btn-primary");
        await admin.WaitForURLAsync("**/Setup/Place");
        await admin.CheckAsync("#c-020309");
        await admin.FillAsync("#v-020309", "ភូមិអូរចារ | Phum Ou Char\nភូមិទួល");
        // Bangkok keeps Phnom Penh's time (UTC+7, no daylight saving): a real choice that leaves the test's days as they are.
        await admin.SelectOptionAsync("#TimeZone", "Asia/Bangkok");
        await RunningApp.FitsAndShootAsync(admin, "first-day-place");
        await admin.ClickAsync("#place-form button[type=submit]");
        await admin.WaitForURLAsync("**/Admin/Geography");
        (await admin.InnerTextAsync("main")).ShouldContain("ភូមិទួល");
        await admin.GotoAsync(url + "/Setup/Place");
        (await admin.InputValueAsync("#TimeZone")).ShouldBe("Asia/Bangkok");

        // The commune's household sheet: checked row by row, then imported.
        await admin.GotoAsync(url + "/Admin/Import");
        await admin.SetInputFilesAsync("#upload", new FilePayload { Name = "households.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(HouseholdSheet) });
        await admin.ClickAsync("main form button[type=submit]");
        await admin.Locator("#import-counts").WaitForAsync();
        (await admin.InnerTextAsync("#import-counts")).ShouldContain("ថ្មី 3");
        await RunningApp.FitsAndShootAsync(admin, "first-day-import-preview");
        await admin.ClickAsync("form[action*='handler=Run'] button");
        await admin.Locator(".alert-success").WaitForAsync();
        await admin.GotoAsync(url + "/Registry/Households?q=" + Uri.EscapeDataString("ស៊ាង"));
        (await admin.InnerTextAsync("main")).ShouldContain("ស៊ាង ម៉ាលី");

        // Two people from a sheet; their first passwords are shown once.
        await admin.GotoAsync(url + "/Admin/Users/Bulk");
        await admin.FillAsync("#Sheet", "first.vbsw\tសុខ ដារា\tVillageSocialWorker\t02030901 02030902\nfirst.member\tចាន់ សុភា\tCommunityNetworkMember\t02030901");
        await admin.ClickAsync("#bulk-form button[type=submit]");
        await admin.Locator("#created").WaitForAsync();
        await RunningApp.FitsAndShootAsync(admin, "first-day-staff");
        var passwords = new Dictionary<string, string>();
        foreach (var row in await admin.Locator("#created tbody tr").AllAsync())
            passwords[(await row.Locator("td").First.InnerTextAsync()).Trim()] = (await row.Locator("code").InnerTextAsync()).Trim();
        passwords.Keys.Order().ShouldBe(["first.member", "first.vbsw"]);
        await admin.Context.CloseAsync();

        // The community member refers a child.
        var member = await FirstSignInAsync(url, "first.member", passwords["first.member"], "/Referrals/New");
        await member.SelectOptionAsync("select[name='Input.VillageId']", new SelectOptionValue { Index = 1 });
        await member.FillAsync("input[name='Input.Children[0].FamilyNameKm']", "ទេព");
        await member.FillAsync("input[name='Input.Children[0].GivenNameKm']", "ស្រីនាង");
        await member.SelectOptionAsync("select[name='Input.Children[0].Sex']", "Female");
        await member.FillAsync("input[name='Input.Children[0].AgeYears']", "9");
        await member.CheckAsync("#c-ParentsMigrating");
        await member.FillAsync("textarea[name='Input.ConcernNote']", "ឪពុកម្ដាយទៅធ្វើការនៅថៃ");
        await member.ClickAsync("button.btn-lg[type=submit]");
        await member.WaitForURLAsync(u => Regex.IsMatch(u, "/Referrals/[0-9]+$"));
        var referralUrl = member.Url;
        await member.Context.CloseAsync();

        // The village social worker screens it into a case.
        var worker = await FirstSignInAsync(url, "first.vbsw", passwords["first.vbsw"], new Uri(referralUrl).AbsolutePath);
        await worker.ClickAsync("a[href$='/Screening']");
        await worker.WaitForURLAsync("**/Screening");
        var criteria = worker.Locator("input[name='Input.Met']");
        await criteria.Nth(0).CheckAsync();
        await worker.ClickAsync("button[formaction*='handler=Score']");
        await worker.Locator("#proposal").WaitForAsync();
        await worker.SelectOptionAsync("select[name='Input.Decision']", "EarlyIntervention");
        await worker.SelectOptionAsync("select[name='Input.Priority']", "Medium");
        await worker.FillAsync("textarea[name='Input.OverrideReason']", "ជីដូនមើលថែ តែចាស់ហើយ");
        await worker.ClickAsync("main form button.btn-primary");
        await worker.Locator("#screening-result").WaitForAsync();
        (await worker.InnerTextAsync("#referral-status")).ShouldBe("កំពុងគាំទ្រ");
        await RunningApp.FitsAndShootAsync(worker, "first-day-case-open");
    }
}
