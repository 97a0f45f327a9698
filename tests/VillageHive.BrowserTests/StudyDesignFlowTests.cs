using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>A researcher designs a study on a phone in Khmer: the study, a question added to its draft, publishing, a cohort and a wave.</summary>
public sealed class StudyDesignFlowTests(RunningApp app) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    [Fact]
    public async Task A_researcher_creates_a_study_adds_a_question_publishes_it_and_plans_a_cohorts_wave()
    {
        var page = await app.SignedInAtAsync("researcher", "/Study");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("km");
        var name = "Water and school " + Guid.NewGuid().ToString("N")[..6];
        await page.ClickAsync("#new-study");
        await page.FillAsync("#NameKm", "ការសិក្សាទឹក និងការសិក្សា");
        await page.FillAsync("#NameEn", name);
        await page.FillAsync("#Purpose", "ទឹកស្អាត និងការទៅរៀនរបស់កុមារ");
        await page.ClickAsync("#save-study");
        await page.WaitForURLAsync("**/Study/Studies/*");
        await Assertions.Expect(page.Locator("#study-name")).ToHaveTextAsync("ការសិក្សាទឹក និងការសិក្សា");

        // The draft questionnaire: add a question in Khmer and English, then publish it.
        await page.ClickAsync(".study-questionnaire");
        await page.WaitForURLAsync("**/Study/Questionnaires/*");
        await page.FillAsync("#TextKm", "រយៈពេលទៅដងទឹក");
        await page.FillAsync("#TextEn", "Minutes to fetch water");
        await page.FillAsync("#Code", "WaterMinutes");
        await page.SelectOptionAsync("#Type", "Number");
        await page.FillAsync("#Unit", "នាទី");
        await page.ClickAsync("#save-question");
        var added = page.Locator("#version-1 li[data-code=WaterMinutes]");
        await Assertions.Expect(added).ToContainTextAsync("រយៈពេលទៅដងទឹក");
        await Assertions.Expect(added.Locator(".study-question-actions")).ToBeVisibleAsync();
        await added.ScrollIntoViewIfNeededAsync();
        await RunningApp.FitsAndShootAsync(page, "study-questionnaire-draft");
        await page.ClickAsync("#publish");
        await Assertions.Expect(page.Locator("#version-1 [data-frozen=true]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#next-draft")).ToBeVisibleAsync();

        // Back on the study: a cohort (a commune's households from its Hive's start), then a wave of it.
        await page.ClickAsync("#back-to-study");
        await page.WaitForURLAsync("**/Study/Studies/*");
        await page.ClickAsync("#add-cohort summary");
        await page.FillAsync("#CohortName", "ក្រុមគោលដៅ " + name);
        await page.ClickAsync("#save-cohort");
        await Assertions.Expect(page.Locator("section[id^=cohort-]")).ToHaveCountAsync(1);

        var from = RunningApp.CommuneToday.AddMonths(2);
        await page.ClickAsync("#add-wave summary");
        await page.FillAsync("#PlannedFrom", from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#PlannedTo", from.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#save-wave");
        await Assertions.Expect(page.Locator(".study-wave")).ToHaveCountAsync(1);

        // A second wave overlapping the first is refused, in Khmer, and nothing is added.
        await page.ClickAsync("#add-wave summary");
        await page.FillAsync("#PlannedFrom", from.AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#PlannedTo", from.AddMonths(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#save-wave");
        await Assertions.Expect(page.Locator("#add-wave .field-validation-error")).ToContainTextAsync("ជាន់គ្នា");
        await Assertions.Expect(page.Locator(".study-wave")).ToHaveCountAsync(1);
        await RunningApp.FitsAndShootAsync(page, "study-design");
    }
}
