using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// Assignment and handover on a phone, in Khmer: the Senior social worker gives a case to a newly added worker, who
/// then leaves; the administrator hands everything they held back to a colleague in one step. Each change is on the
/// case's timeline.
/// </summary>
public sealed partial class TeamFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    [GeneratedRegex(@"/Admin/Users/[0-9a-f-]{36}$")]
    private static partial Regex UserPage();

    [Fact]
    public async Task A_senior_gives_a_case_to_a_new_worker_and_the_administrator_hands_it_back_when_they_leave()
    {
        // A case the senior leads that no other test uses (ouchar.vbsw1's few demo cases are claimed by other flow tests).
        var worker = await app.SignedInAtAsync("ouchar.senior", "/Cases?mine=true");
        var casePath = await app.ClaimCaseAsync(worker, "Planning", "Assessment", "Review", "ActiveSupport");
        var caseUrl = app.BaseUrl + casePath;
        await worker.Context.CloseAsync();

        // The administrator adds a worker for Ou Char.
        var admin = await app.SignedInAtAsync("admin", "/Admin/Users/New");
        var newcomer = "ouchar.leaving" + Guid.NewGuid().ToString("N")[..6];
        await admin.FillAsync("input[name='Input.UserName']", newcomer);
        await admin.FillAsync("input[name='Input.DisplayName']", "លាង សុភា");
        await admin.SelectOptionAsync("select[name='Input.Role']", "VillageSocialWorker");
        await admin.CheckAsync("#scope-level-Communes");
        await admin.Locator(".hive-scope-Communes .form-check", new() { HasText = "អូរចារ" }).Locator("input").CheckAsync();
        await admin.FillAsync("input[name='Password']", "three green rice fields");
        await admin.ClickAsync("main form button[type=submit].btn-primary");
        await Assertions.Expect(admin).ToHaveURLAsync(UserPage());
        var userUrl = admin.Url;

        // The senior gives the case to the newcomer; a change of lead needs a reason.
        var senior = await app.SignedInAtAsync("ouchar.senior", casePath + "/Team");
        await senior.ClickAsync("main details summary");
        await senior.SelectOptionAsync("#NewLead", newcomer);
        await senior.Locator("#lead-form button[type=submit]").PressAsync("Enter");
        await Assertions.Expect(senior.Locator("span[data-valmsg-for='Reason']")).ToHaveTextAsync("សូមប្រាប់មូលហេតុ។");
        await senior.FillAsync("#Reason", "សុខ ស្រីមុំ មានករណីច្រើនពេក (too many cases)");
        await RunningApp.FitsAndShootAsync(senior, "team-lead");
        await senior.Locator("#lead-form button[type=submit]").PressAsync("Enter");
        await Assertions.Expect(senior.Locator("#lead-worker")).ToHaveTextAsync("លាង សុភា");
        await RunningApp.FitsAndShootAsync(senior, "team-lead-changed");
        await senior.GotoAsync(caseUrl);
        // People are named by their full names on the case page (issue 19), not by their login names.
        (await senior.InnerTextAsync("#case-lead")).ShouldBe("លាង សុភា");
        (await senior.InnerTextAsync("#timeline")).ShouldContain(" → លាង សុភា: សុខ ស្រីមុំ មានករណីច្រើនពេក");

        // The newcomer leaves: the administrator hands what they hold back to the senior (whose scope is the whole commune,
        // so every case of the newcomer's can go to them) from their account page.
        await admin.GotoAsync(userUrl);
        await admin.ClickAsync("#handover-link");
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/Handover$"));
        (await admin.InnerTextAsync("#handover-cases")).ShouldContain("#" + casePath.Split('/')[^1]);
        await admin.SelectOptionAsync("#To", "ouchar.senior");
        await admin.FillAsync("#Reason", "ឈប់ធ្វើការ (left the job)");
        await RunningApp.FitsAndShootAsync(admin, "handover");
        await admin.Locator("#handover-form button[type=submit]").PressAsync("Enter");
        await admin.Locator("#handover-done").WaitForAsync();
        await RunningApp.FitsAndShootAsync(admin, "handover-done");
        (await admin.InnerTextAsync("#handover-counts")).ShouldStartWith("ដឹកនាំករណីបើកចំហ 0");

        await senior.GotoAsync(caseUrl);
        (await senior.InnerTextAsync("#case-lead")).ShouldBe("ហេង ចន្ធី (Senior SW Ou Char)");
        (await senior.InnerTextAsync("#timeline")).ShouldContain("បានប្រគល់៖ លាង សុភា → ហេង ចន្ធី (Senior SW Ou Char): ឈប់ធ្វើការ");
    }
}
