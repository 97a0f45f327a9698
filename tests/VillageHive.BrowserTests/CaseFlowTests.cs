using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>A social worker's day on a phone: a visit and a Signs of Safety assessment on a demo case, approved by the Senior social worker.</summary>
public sealed class CaseFlowTests(RunningApp app) : IAsyncDisposable
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
        await page.WaitForURLAsync("**" + path.Split('?')[0] + "*");
        return page;
    }

    [Fact]
    public async Task A_village_worker_records_a_visit_and_an_assessment_the_senior_approves_and_the_timeline_shows_both()
    {
        var place = "ផ្ទះយាយ " + Guid.NewGuid().ToString("N")[..6];
        var worker = await SignedInAsync("ouchar.vbsw1", "/Cases?status=ActiveSupport&mine=true");
        await RunningApp.FitsAndShootAsync(worker, "case-list");
        // A case no other test writes to (SupportFlowTests and OfflineSyncTests add to this worker's cases too).
        var mine = await app.ClaimCaseAsync(worker, "ActiveSupport", "Review", "Planning", "Assessment");
        await worker.Locator($"#cases a.stretched[href='{mine}']").ClickAsync();
        await worker.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/Cases/[0-9]+$"));
        var caseUrl = worker.Url;
        await RunningApp.FitsAndShootAsync(worker, "case-page");

        // A visit, with the worker's safety scale.
        await worker.GotoAsync(caseUrl + "/Visits/New");
        await worker.FillAsync("input[name='Input.Place']", place);
        await worker.FillAsync("[name='Input.WhoWasSeen']", "យាយ និងកុមារ");
        await worker.CheckAsync("#Input_ChildSeenAlone");
        await worker.FillAsync("textarea[name='Input.Observations']", "កុមារទៅសាលារៀនរៀងរាល់ថ្ងៃ (goes to school every day)");
        await worker.Locator("label[for='scale-7']").ClickAsync();
        await RunningApp.FitsAndShootAsync(worker, "case-visit");
        await worker.ClickAsync("main form button[type=submit]");
        await worker.WaitForURLAsync(url => url.StartsWith(caseUrl, StringComparison.Ordinal) && !url.Contains("/Visits/", StringComparison.Ordinal));

        // An assessment with scaling from the worker, the family, the network and the child.
        await worker.GotoAsync(caseUrl + "/Assessments/New");
        await worker.FillAsync("textarea[name='Input.Harm']", "ឪពុកស្រវឹង ហើយវាយម្ដាយ (father drinks and hits the mother)");
        await worker.FillAsync("textarea[name='Input.Strengths']", "យាយមើលថែកុមារបានល្អ (grandmother cares well)");
        // One danger statement, with its safety goal: an assessment without them cannot be submitted.
        await worker.FillAsync("textarea[name='Input.DangerStatements']", "ឪពុកវាយម្ដាយនៅពេលស្រវឹង (father hits the mother when drunk)");
        await worker.FillAsync("input[name='Input.Goals[0]']", "កុមារមានសុវត្ថិភាពនៅផ្ទះរៀងរាល់យប់");
        foreach (var (scale, value) in new[] { ("WorkerScale", 4), ("FamilyScale", 6), ("NetworkScale", 5), ("ChildScale", 3) })
            await worker.Locator($"label[for='Input_{scale}-{value}']").ClickAsync();
        await RunningApp.FitsAndShootAsync(worker, "case-assessment");
        await worker.ClickAsync("main form button.btn-primary[type=submit]");
        await worker.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/Assessments/[0-9]+"));
        var assessmentUrl = worker.Url.Split('?')[0];
        // Submitted for approval: back on the case page.
        await worker.ClickAsync("form[action*='handler=Submit'] button[type=submit]");
        await worker.WaitForURLAsync(url => url.StartsWith(caseUrl, StringComparison.Ordinal) && !url.Contains("/Assessments/", StringComparison.Ordinal));
        await worker.Context.CloseAsync();

        var senior = await SignedInAsync("ouchar.senior", new Uri(assessmentUrl).PathAndQuery);
        await RunningApp.FitsAndShootAsync(senior, "case-assessment-to-approve");
        await senior.ClickAsync("form[action*='handler=Approve'] button[type=submit]");
        await senior.WaitForURLAsync(url => url.StartsWith(caseUrl, StringComparison.Ordinal) && !url.Contains("/Assessments/", StringComparison.Ordinal));
        var timeline = await senior.InnerTextAsync("#timeline");
        timeline.ShouldContain(place);
        timeline.ShouldContain("បានអនុម័តការវាយតម្លៃ");
        (await senior.InnerTextAsync("#scaling-table")).ShouldContain("4");
        await RunningApp.FitsAndShootAsync(senior, "case-page-after");
    }
}
