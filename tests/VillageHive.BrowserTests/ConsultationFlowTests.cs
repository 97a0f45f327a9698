using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// A senior social worker on a phone, in Khmer: plans a consultation of a village, captures what was heard in the
/// three columns, marks it held, and finds the village's themes and needs in the roll-up.
/// </summary>
public sealed class ConsultationFlowTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    private const int Width = 390;
    private const int Height = 844;

    private static async Task FitsAsync(IPage page, string name)
    {
        await page.EvaluateAsync("document.fonts.ready");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Width, name);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RunningApp.ArtifactsDir, $"{name}-km-{Width}x{Height}.png"), FullPage = true });
    }

    [Fact]
    public async Task A_senior_plans_a_consultation_captures_the_three_columns_and_sees_the_roll_up()
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + "/Consultations");
        await app.SignInAsync(page, "ouchar.senior");
        await page.WaitForURLAsync("**/Consultations");
        await FitsAsync(page, "consultations");
        await page.ClickAsync("#plan-consultation");
        await page.Locator("#plan-form").WaitForAsync();
        // Ou Char's village 5: the option whose value is not empty, fifth in the list.
        var village = await page.Locator("select[name='Input.VillageId'] option:not([value=''])").Nth(4).GetAttributeAsync("value");
        await page.SelectOptionAsync("select[name='Input.VillageId']", village!);
        await page.FillAsync("#count-Parents", "15");
        await page.FillAsync("#count-Children", "10");
        await page.FillAsync("#count-Monks", "2");
        await page.FillAsync("textarea[name='Input.PreBrief']", "អ្នកសម្របសម្រួលម្នាក់សួរ ម្នាក់ទៀតកត់ត្រាជួរឈរទាំងបី");
        await FitsAsync(page, "consultation-plan");
        await page.ClickAsync("#plan-form button[type=submit]");
        await page.Locator("#entry-form").WaitForAsync();

        async Task AddAsync(string column, string text, string theme, string? service = null)
        {
            await page.SelectOptionAsync("#Entry_Column", column);
            await page.FillAsync("#Entry_Text", text);
            await page.CheckAsync($"#theme-{theme}");
            if (service is not null) await page.SelectOptionAsync("#Entry_ServiceNeeded", service);
            await page.ClickAsync("#entry-form button[type=submit]");
            await page.Locator($".consultation-column .entry:has-text('{text}')").WaitForAsync();
        }
        await AddAsync("WorkingWell", "ព្រះសង្ឃជួយមើលកុមារ", "MonksSupport");
        await AddAsync("NotWorkingWell", "ឪពុកម្ដាយទៅថៃ ទុកកូនឲ្យជីដូនជីតា", "MigrationLeavingChildren");
        await AddAsync("NeedsToHappen", "ក្រុមគាំទ្រសម្រាប់អ្នកផឹកស្រា", "Alcohol", "AddictionSupport");
        foreach (var column in new[] { "WorkingWell", "NotWorkingWell", "NeedsToHappen" })
            (await page.Locator($".consultation-column[data-column={column}] .entry").CountAsync()).ShouldBe(1);
        await FitsAsync(page, "consultation-columns");

        await page.ClickAsync("#held-form button[type=submit]");
        await page.Locator("#flash").WaitForAsync();
        (await page.Locator("#held-form").CountAsync()).ShouldBe(0);

        await page.ClickAsync("nav[aria-label=breadcrumb] a");
        await page.ClickAsync("#summary-link");
        await page.WaitForURLAsync("**/Consultations/Summary");
        var area = page.Locator($"#villages .area[data-area='{village}']");
        await Assertions.Expect(area.Locator(".theme[data-theme=MonksSupport]")).ToBeVisibleAsync();
        await Assertions.Expect(area.Locator(".need[data-category=AddictionSupport]")).ToBeVisibleAsync();
        await FitsAsync(page, "consultations-summary");
    }

    [Fact]
    public async Task A_senior_changes_a_plan_and_chooses_the_facilitators_from_the_commune_s_workers_until_it_is_held()
    {
        var page = await app.NewPageAsync(Width, Height);
        await page.GotoAsync(app.BaseUrl + "/Consultations/New");
        await app.SignInAsync(page, "ouchar.senior");
        await page.Locator("#plan-form").WaitForAsync();
        // Ou Char's village 6: a plan of this test's own.
        var village = await page.Locator("select[name='Input.VillageId'] option:not([value=''])").Nth(5).GetAttributeAsync("value");
        await page.SelectOptionAsync("select[name='Input.VillageId']", village!);
        await page.FillAsync("#count-Parents", "8");
        await page.ClickAsync("#plan-form button[type=submit]");
        await page.Locator("#edit-plan").WaitForAsync();

        await page.ClickAsync("#edit-plan");
        await page.Locator("#plan-form").WaitForAsync();
        // The facilitators are the commune's workers, shown by display name: tick a village social worker too.
        var worker = page.Locator("#facilitators input[value='ouchar.vbsw2']");
        var shown = (await page.Locator($"label[for='{await worker.GetAttributeAsync("id")}']").InnerTextAsync()).Trim();
        shown.ShouldNotBe("ouchar.vbsw2");
        (await page.Locator("#facilitators input[value^='svaypao.']").CountAsync()).ShouldBe(0);
        await worker.CheckAsync();
        await page.FillAsync("#count-Parents", "12");
        await page.FillAsync("#count-Elders", "4");
        await page.FillAsync("#Input_PreBrief", "ប្ដូរថ្ងៃ ព្រោះមានបុណ្យនៅវត្ត");
        await FitsAsync(page, "consultation-plan-edit");
        await page.ClickAsync("#plan-form button[type=submit]");
        await page.Locator("#flash").WaitForAsync();
        await Assertions.Expect(page.Locator("#facilitators-shown")).ToContainTextAsync(shown);

        // Once held, the plan says why it no longer changes.
        await page.ClickAsync("#held-form button[type=submit]");
        await page.Locator("#plan-locked").WaitForAsync();
        (await page.Locator("#edit-plan").CountAsync()).ShouldBe(0);
        await page.GotoAsync(page.Url.Split('?', '#')[0] + "/Plan");
        await page.Locator("#plan-locked").WaitForAsync();
        (await page.Locator("#plan-form").CountAsync()).ShouldBe(0);
        await FitsAsync(page, "consultation-plan-locked");
    }
}
