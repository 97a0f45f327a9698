using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// Issue 19 part 3: the whole flow, from a community member's referral to the case's closure, walked on a phone
/// (390×844, Khmer) as the people would, each from their home page, with every tap counted: at most 120.
/// </summary>
/// <remarks>
/// What counts as a tap: a click or tap (a link, a button, a box ticked, a choice in a list), pressing a submit button,
/// a pull to refresh (reload), and focusing a field to type into it (one tap, whatever is typed). Signing in is not
/// counted (it happens once a day, not once a flow); the screens (page loads) are counted and printed too.
/// </remarks>
public sealed partial class FullFlowTests(RunningApp app, ITestOutputHelper output) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    public const int TapBudget = 120;
    private const int Width = 390;
    private const int Height = 844;
    /// <summary>12% of the screen's height: the most the header may take.</summary>
    private const double HeaderMost = Height * 0.12;

    private int taps;
    private int screens;
    private int stepTaps;
    private int stepScreens;
    private readonly List<string> tally = [];
    private readonly HashSet<string> shot = [];

    [GeneratedRegex("/Cases/[0-9]+(#.*)?$")]
    private static partial Regex CasePage();

    [GeneratedRegex("/Referrals/[0-9]+$")]
    private static partial Regex ReferralPage();

    [GeneratedRegex("/Assessments/[0-9]+$")]
    private static partial Regex AssessmentPage();

    /// <summary>One tap on what the selector finds (the first, when several).</summary>
    private async Task TapAsync(IPage page, string selector) => await TapAsync(page.Locator(selector).First);

    private async Task TapAsync(ILocator target)
    {
        taps++;
        stepTaps++;
        await target.ClickAsync();
    }

    /// <summary>A submit button pressed (Enter on it: a notice shown after the page loaded cannot move it from under the tap).</summary>
    private async Task PressAsync(IPage page, string selector)
    {
        taps++;
        stepTaps++;
        await page.Locator(selector).First.PressAsync("Enter");
    }

    /// <summary>Typing into a field: one tap to focus it.</summary>
    private async Task TypeAsync(IPage page, string selector, string text)
    {
        taps++;
        stepTaps++;
        await page.Locator(selector).First.FillAsync(text);
    }

    /// <summary>A choice in a list: one tap (the list opens and the choice is made).</summary>
    private async Task ChooseAsync(IPage page, string selector, string value)
    {
        taps++;
        stepTaps++;
        await page.Locator(selector).First.SelectOptionAsync(value);
    }

    private async Task ChooseAsync(IPage page, string selector, SelectOptionValue value)
    {
        taps++;
        stepTaps++;
        await page.Locator(selector).First.SelectOptionAsync(value);
    }

    /// <summary>A pull to refresh: the person looks again at the page they left open.</summary>
    private async Task RefreshAsync(IPage page)
    {
        taps++;
        stepTaps++;
        await page.ReloadAsync();
    }

    /// <summary>The end of one step of the story: its taps and screens go to the tally.</summary>
    private void Step(string name)
    {
        var line = $"{name,-44} taps {stepTaps,3}  screens {stepScreens,3}   (total taps {taps,3}, screens {screens,3})";
        tally.Add(line);
        output.WriteLine(line);
        stepTaps = 0;
        stepScreens = 0;
    }

    /// <summary>A person's phone, signed in at their home page; its page loads are counted from here on.</summary>
    private async Task<IPage> HomeAsync(string user)
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + "/");
        await app.SignInAsync(page, user);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.Locator("main h1").First.WaitForAsync();
        page.Load += (_, _) =>
        {
            screens++;
            stepScreens++;
        };
        screens++;
        stepScreens++;
        await ShootAsync(page, "home-" + user.Split('.')[^1]);
        return page;
    }

    /// <summary>
    /// The first time a kind of screen is seen: it fits the phone's width, its header takes at most 12% of the screen,
    /// and its whole-page screenshot goes to the artifacts as flow-&lt;kind&gt;.
    /// </summary>
    private async Task ShootAsync(IPage page, string kind)
    {
        if (!shot.Add(kind)) return;
        var header = await page.Locator("header.hive-header").BoundingBoxAsync();
        header.ShouldNotBeNull(kind);
        ((double)header.Height).ShouldBeLessThanOrEqualTo(HeaderMost, $"the header of {kind}");
        await RunningApp.FitsAndShootAsync(page, "flow-" + kind);
    }

    /// <summary>The person taps the bell and the newest unread notification about the case.</summary>
    private async Task OpenNotificationAsync(IPage page, int caseId)
    {
        await TapAsync(page, "#nav-notifications");
        await page.WaitForURLAsync("**/Notifications*");
        await ShootAsync(page, "notifications");
        var about = new Regex("(#|លេខ\\s?)" + caseId + "(?![0-9])");
        await TapAsync(page.Locator("#notifications li.unread", new() { HasTextRegex = about }).Locator("button.hive-notification-open").First);
        await page.WaitForURLAsync(url => !url.Contains("/Notifications", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_whole_flow_from_a_referral_to_closure_takes_at_most_120_taps()
    {
        // Four random consonants: no demo child's name (nor another test's) contains this one.
        var given = "ស្រី" + string.Concat(Enumerable.Range(0, 4).Select(_ => (char)Random.Shared.Next(0x1780, 0x17A3)));

        // 1. A community member refers a child.
        var member = await HomeAsync("ouchar.member1");
        await TapAsync(member, "main a[href$='/Referrals/New']");
        await member.Locator("select[name='Input.VillageId']").WaitForAsync();
        await ChooseAsync(member, "select[name='Input.VillageId']", new SelectOptionValue { Index = 1 });
        await TypeAsync(member, "input[name='Input.Children[0].FamilyNameKm']", "ញឹម");
        await TypeAsync(member, "input[name='Input.Children[0].GivenNameKm']", given);
        await ChooseAsync(member, "select[name='Input.Children[0].Sex']", "Female");
        await TypeAsync(member, "input[name='Input.Children[0].AgeYears']", "9");
        await TapAsync(member, "#c-ParentsMigrating");
        await TapAsync(member, "#c-LeftWithRelatives");
        await TypeAsync(member, "textarea[name='Input.ConcernNote']", "ឪពុកម្ដាយទៅធ្វើការនៅថៃ កុមារនៅជាមួយយាយ");
        await ShootAsync(member, "referral-form");
        await PressAsync(member, "button.btn-lg[type=submit]");
        await member.Locator("#m0-new").Or(member.Locator("#referral-status")).First.WaitForAsync();
        if (await member.Locator("#m0-new").CountAsync() > 0)
        {
            await TapAsync(member, "#m0-new");
            await PressAsync(member, "button.btn-lg[type=submit]");
        }
        await Assertions.Expect(member).ToHaveURLAsync(ReferralPage());
        await ShootAsync(member, "referral-received");
        Step("1 member refers");

        // 2. The village social worker screens it: a case opens.
        var worker = await HomeAsync("ouchar.vbsw1");
        await TapAsync(worker, "#menu > summary");
        await TapAsync(worker, "#menu a[href$='/Referrals']");
        await worker.WaitForURLAsync("**/Referrals*");
        await ShootAsync(worker, "referral-inbox");
        await TapAsync(worker.Locator("#referrals a.stretched", new() { HasTextString = given }));
        await Assertions.Expect(worker).ToHaveURLAsync(ReferralPage());
        await TapAsync(worker, "a[href$='/Screening']");
        await worker.WaitForURLAsync("**/Screening");
        await PressAsync(worker, "button[formaction*='handler=Score']");
        await worker.Locator("#proposal").WaitForAsync();
        await ShootAsync(worker, "screening");
        await PressAsync(worker, "main form button.btn-primary");
        await worker.Locator("#case-link").WaitForAsync();
        await TapAsync(worker, "#case-link");
        await Assertions.Expect(worker).ToHaveURLAsync(CasePage());
        var caseUrl = worker.Url;
        var caseId = int.Parse(new Uri(caseUrl).AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        app.Claim("case:" + caseId).ShouldBeTrue();
        await ShootAsync(worker, "case");
        Step("2 worker screens, case opens");

        // 3. The worker assesses (Signs of Safety) and submits.
        await TapAsync(worker, "#case-next a[href$='/Assessments/New']");
        await worker.WaitForURLAsync("**/Assessments/New");
        await TypeAsync(worker, "textarea[name='Input.Harm']", "ឪពុកម្ដាយនៅឆ្ងាយ យាយចាស់ហើយឈឺ");
        await TypeAsync(worker, "textarea[name='Input.Strengths']", "យាយស្រឡាញ់កុមារ អ្នកជិតខាងជួយ");
        await TypeAsync(worker, "textarea[name='Input.DangerStatements']", "កុមារអាចឈប់រៀន បើគ្មាននរណាមើល");
        await TypeAsync(worker, "input[name='Input.Goals[0]']", "កុមារទៅសាលារៀនរៀងរាល់ថ្ងៃ");
        await TapAsync(worker, "label[for='Input_WorkerScale-5']");
        await ShootAsync(worker, "assessment");
        await PressAsync(worker, "main form button.btn-primary[type=submit]");
        await Assertions.Expect(worker).ToHaveURLAsync(AssessmentPage());
        await ShootAsync(worker, "assessment-draft");
        await PressAsync(worker, "#submit-assessment");
        await Assertions.Expect(worker).ToHaveURLAsync(CasePage());
        Step("3 worker assesses and submits");

        // 4. The senior approves it, from the notification.
        var senior = await HomeAsync("ouchar.senior");
        await OpenNotificationAsync(senior, caseId);
        await Assertions.Expect(senior).ToHaveURLAsync(AssessmentPage());
        await ShootAsync(senior, "assessment-to-approve");
        await PressAsync(senior, "form[action*='handler=Approve'] button[type=submit]");
        await Assertions.Expect(senior).ToHaveURLAsync(CasePage());
        Step("4 senior approves the assessment");

        // 5. The worker adds the family network.
        await RefreshAsync(worker);
        await TapAsync(worker, "#case-next button[data-move='Planning']");
        await worker.Locator(".alert-success[role=status]").WaitForAsync();
        await TapAsync(worker, "a[href$='/Network']");
        await worker.WaitForURLAsync("**/Network");
        await TypeAsync(worker, "#Input_Name", "ញឹម សុខា");
        await ChooseAsync(worker, "#Input_Relation", new SelectOptionValue { Index = 1 });
        await TypeAsync(worker, "#Input_RoleInPlan", "ជួយយកកុមារទៅសាលា");
        await ShootAsync(worker, "network");
        await PressAsync(worker, "main form button.btn-primary[type=submit]");
        await Assertions.Expect(worker.Locator("#network-empty")).ToHaveCountAsync(0);
        Step("5 worker adds the network");

        // 6. The worker makes the plan and submits it (agreed with the family).
        await TapAsync(worker, "nav[aria-label=breadcrumb] a");
        await Assertions.Expect(worker).ToHaveURLAsync(CasePage());
        await TapAsync(worker, "a[href$='/Plan/Edit']");
        await worker.WaitForURLAsync("**/Plan/Edit");
        await TypeAsync(worker, "#goal-0", "កុមារទៅសាលារៀនរៀងរាល់ថ្ងៃ");
        await TypeAsync(worker, "#g0a0-text", "យកកុមារទៅសាលារៀនរៀងរាល់ព្រឹក");
        var aunt = await worker.Locator("#g0a0-owner option", new() { HasTextString = "ញឹម សុខា" }).First.GetAttributeAsync("value");
        await ChooseAsync(worker, "#g0a0-owner", aunt!);
        await TypeAsync(worker, "#g0a0-due", RunningApp.CommuneToday.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await ShootAsync(worker, "plan-edit");
        await PressAsync(worker, "main form button.btn-primary[type=submit]");
        await Assertions.Expect(worker).ToHaveURLAsync(CasePage());
        await TapAsync(worker, "main a[href$='/Plan']");
        await worker.WaitForURLAsync("**/Plan");
        await TypeAsync(worker, "#Agree_Present", "យាយ ញឹម សុខា");
        await ShootAsync(worker, "plan");
        await PressAsync(worker, "#agree button[type=submit]");
        await Assertions.Expect(worker).ToHaveURLAsync(CasePage());
        Step("6 worker plans, family agrees");

        // 7. The senior approves the plan.
        await OpenNotificationAsync(senior, caseId);
        await senior.WaitForURLAsync("**/Plan");
        await PressAsync(senior, "#approve button[type=submit]");
        await Assertions.Expect(senior).ToHaveURLAsync(CasePage());
        Step("7 senior approves the plan");

        // 8. The worker starts support.
        await RefreshAsync(worker);
        await TapAsync(worker, "#case-next button[data-move='ActiveSupport']");
        await worker.Locator(".alert-success[role=status]").WaitForAsync();
        Step("8 worker starts support");

        // 9. The worker sends a service referral.
        await TapAsync(worker, "#case-actions > summary");
        await TapAsync(worker, "#case-actions a[href$='/Services']");
        await worker.WaitForURLAsync("**/Services");
        // Health-care support for families, from the health centre.
        var service = await worker.Locator("#Input_ServiceId option", new() { HasTextString = "ជំនួយថែទាំសុខភាព" }).First.GetAttributeAsync("value");
        await ChooseAsync(worker, "#Input_ServiceId", service!);
        await TypeAsync(worker, "#Input_Request", "សូមពិនិត្យសុខភាពកុមារ");
        await ShootAsync(worker, "services");
        await PressAsync(worker, "#refer-form button[type=submit]");
        await worker.Locator("#flash, .alert-success").First.WaitForAsync();
        Step("9 worker sends a service referral");

        // 10. The provider accepts it and marks it delivered.
        var provider = await HomeAsync("provider.healthcentre");
        // The newest referral on the provider's work list is this one.
        var referrals = await provider.Locator("#my-work a[href*='/Services/Referrals/']").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
        var newest = referrals.MaxBy(href => int.Parse(href.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
        await TapAsync(provider, $"#my-work a[href='{newest}']");
        await provider.Locator("#accept").WaitForAsync();
        await ShootAsync(provider, "provider-referral");
        await PressAsync(provider, "#accept");
        await provider.Locator("#deliver").WaitForAsync();
        // The date starts at today.
        (await provider.InputValueAsync("#delivered")).ShouldBe(RunningApp.CommuneToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await TypeAsync(provider, "#outcome", "បានពិនិត្យ កុមារមានសុខភាពល្អ");
        await PressAsync(provider, "#deliver");
        await Assertions.Expect(provider.Locator("#deliver")).ToHaveCountAsync(0);
        Step("10 provider accepts and delivers");

        // 11. Material support is requested and the CCWC approves a payment.
        await TapAsync(worker, "main a[href$='/Support']");
        await worker.WaitForURLAsync("**/Support");
        await ChooseAsync(worker, "#item", "Rice");
        await TypeAsync(worker, "#qty", "20");
        await TypeAsync(worker, "#unit", "3000");
        await ShootAsync(worker, "support");
        await PressAsync(worker, "#request-form button[type=submit]");
        await worker.Locator("#support-requests li[data-item=Rice]").WaitForAsync();
        var ccwc = await HomeAsync("ouchar.ccwc");
        await OpenNotificationAsync(ccwc, caseId);
        await ShootAsync(ccwc, "approvals");
        await PressAsync(ccwc, $"#pending li[data-case='{caseId}'] button.approve");
        await Assertions.Expect(ccwc.Locator($"#pending li[data-case='{caseId}'] button.approve")).ToHaveCountAsync(0);
        Step("11 support asked, CCWC approves");

        // 12. A visit.
        await TapAsync(worker, "nav[aria-label=breadcrumb] a");
        await Assertions.Expect(worker).ToHaveURLAsync(CasePage());
        await TapAsync(worker, "#case-actions > summary");
        await TapAsync(worker, "#case-actions a[href$='/Visits/New']");
        await worker.WaitForURLAsync("**/Visits/New");
        if (await worker.InputValueAsync("input[name='Input.Place']") == "")
            await TypeAsync(worker, "input[name='Input.Place']", "ផ្ទះយាយ");
        if (await worker.InputValueAsync("[name='Input.WhoWasSeen']") == "")
            await TypeAsync(worker, "[name='Input.WhoWasSeen']", "យាយ និងកុមារ");
        await TypeAsync(worker, "textarea[name='Input.Observations']", "កុមារទៅសាលារៀនរៀងរាល់ថ្ងៃ");
        await TapAsync(worker, "label[for='scale-7']");
        await ShootAsync(worker, "visit");
        await PressAsync(worker, "main form button[type=submit]");
        await Assertions.Expect(worker).ToHaveURLAsync(CasePage());
        Step("12 worker visits");

        // 13. A note.
        await TapAsync(worker, "#case-actions > summary");
        await TapAsync(worker, "#case-actions a[href$='/Notes/New']");
        await worker.WaitForURLAsync("**/Notes/New");
        await TypeAsync(worker, "textarea[name='Input.Text']", "យាយទូរស័ព្ទមកថាកុមារសុខសប្បាយ");
        await ShootAsync(worker, "note");
        await PressAsync(worker, "main form button[type=submit]");
        await Assertions.Expect(worker).ToHaveURLAsync(CasePage());
        Step("13 worker writes a note");

        // 14. A review.
        await TapAsync(worker, "#case-actions > summary");
        await TapAsync(worker, "#case-actions a[href$='/Reviews/New']");
        await worker.WaitForURLAsync("**/Reviews/New");
        foreach (var progress in await worker.Locator("select[name^='Input.Progress']").AllAsync())
        {
            taps++;
            stepTaps++;
            await progress.SelectOptionAsync("Achieved");
        }
        await TypeAsync(worker, "#Input_Summary", "កុមារទៅសាលារៀនទៀងទាត់ គ្រួសារមានសុវត្ថិភាព");
        await ChooseAsync(worker, "#Input_Decision", "Close");
        await ShootAsync(worker, "review");
        await PressAsync(worker, "main form button.btn-primary[type=submit]");
        // A review that decides to close leads to the closure's proposal.
        await worker.WaitForURLAsync("**/Close");
        Step("14 worker reviews: close");

        // 15. The worker proposes closing the case; the senior approves.
        await ChooseAsync(worker, "#Input_Reason", "SafetyGoalsMet");
        foreach (var outcome in await worker.Locator("select[name^='Input.Outcomes']").AllAsync())
        {
            taps++;
            stepTaps++;
            await outcome.SelectOptionAsync("Met");
        }
        await TypeAsync(worker, "#Input_WorkerScale", "8");
        if (await worker.Locator("#Input_OpenActionsReason").CountAsync() > 0)
            await TypeAsync(worker, "#Input_OpenActionsReason", "គ្រួសារមានសុវត្ថិភាព");
        await ShootAsync(worker, "closure-propose");
        await PressAsync(worker, "#propose-closure");
        await worker.Locator("#pending-closure").WaitForAsync();
        Step("15a worker proposes closure");

        await OpenNotificationAsync(senior, caseId);
        await senior.WaitForURLAsync("**/Close");
        await ShootAsync(senior, "closure-approve");
        await PressAsync(senior, "#approve-closure");
        await Assertions.Expect(senior).ToHaveURLAsync(CasePage());
        (await senior.InnerTextAsync("#case-status")).ShouldBe("បានបិទ");
        await ShootAsync(senior, "case-closed");
        Step("15b senior approves closure");

        output.WriteLine($"TOTAL taps {taps} (budget {TapBudget}), screens {screens}");
        taps.ShouldBeLessThanOrEqualTo(TapBudget, string.Join(Environment.NewLine, tally));
    }
}
