using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace VillageHive.BrowserTests;

/// <summary>
/// What is approved is complete, and what is private stays so (issue 18 part 6), on a phone in Khmer: an empty
/// assessment cannot be submitted and its author discards it; a community member told of a possible duplicate sees no
/// one's details, while a village social worker sees the candidates.
/// </summary>
public sealed partial class CompletenessFlowTests(RunningApp app) : IAsyncDisposable
{
    /// <summary>Closes this test's browsers, keeping their trace and screenshot when it failed.</summary>
    public ValueTask DisposeAsync() => app.FinishTestAsync();

    [GeneratedRegex(@"/Cases/[0-9]+/Assessments/[0-9]+$")]
    private static partial Regex AssessmentPage();

    [Fact]
    public async Task An_empty_assessment_cannot_be_submitted_and_its_author_discards_it()
    {
        // ouchar.vbsw2: the village worker of villages 4–6, whose cases no other browser test claims (ouchar.vbsw1's few are shared by many).
        var worker = await app.SignedInAtAsync("ouchar.vbsw2", "/Cases?mine=true");
        var casePath = await app.ClaimCaseAsync(worker, "Assessment", "Planning", "Review", "ActiveSupport");

        // A draft started by mistake: saved with nothing in it.
        await worker.GotoAsync(app.BaseUrl + casePath + "/Assessments/New");
        await worker.Locator("main form button[type=submit].btn-primary").PressAsync("Enter");
        await Assertions.Expect(worker).ToHaveURLAsync(AssessmentPage());
        var draftUrl = worker.Url;

        // Submitting it is refused, saying what is missing, and it stays a draft.
        await worker.Locator("#submit-assessment").PressAsync("Enter");
        await Assertions.Expect(worker.Locator("main")).ToContainTextAsync("សូមសរសេរសេចក្តីថ្លែងអំពីគ្រោះថ្នាក់យ៉ាងហោចណាស់មួយ មុនពេលដាក់ស្នើ។");
        (await worker.InnerTextAsync("#assessment-status")).ShouldBe("សេចក្តីព្រាង");
        await RunningApp.FitsAndShootAsync(worker, "assessment-incomplete");

        // Its author discards it, after a confirmation.
        await worker.GotoAsync(draftUrl);
        await worker.ClickAsync("#discard-draft");
        await worker.Locator("#confirm-discard").WaitForAsync();
        await RunningApp.FitsAndShootAsync(worker, "assessment-discard");
        await worker.Locator("#confirm-discard button[type=submit]").PressAsync("Enter");
        await Assertions.Expect(worker).ToHaveURLAsync(new Regex(Regex.Escape(casePath) + "(#.*)?$"));
        var response = await worker.GotoAsync(draftUrl);
        response!.Status.ShouldBe(404);
    }

    [Fact]
    public async Task A_member_told_of_a_possible_duplicate_sees_no_details_and_a_worker_sees_the_candidate()
    {
        var given = "ស្រី" + string.Concat(Enumerable.Range(0, 4).Select(_ => (char)Random.Shared.Next(0x1780, 0x17A3)));
        var member = await app.SignedInAtAsync("ouchar.member1", "/Referrals/New");

        async Task FillAsync(IPage page)
        {
            await page.SelectOptionAsync("select[name='Input.VillageId']", new SelectOptionValue { Index = 1 });
            await page.FillAsync("input[name='Input.Children[0].FamilyNameKm']", "ញឹម");
            await page.FillAsync("input[name='Input.Children[0].GivenNameKm']", given);
            await page.SelectOptionAsync("select[name='Input.Children[0].Sex']", "Female");
            await page.FillAsync("input[name='Input.Children[0].AgeYears']", "9");
        }

        // The first referral of this child registers her.
        await FillAsync(member);
        await member.CheckAsync("#c-ParentsMigrating");
        await member.FillAsync("textarea[name='Input.ConcernNote']", "ឪពុកម្ដាយទៅធ្វើការនៅថៃ");
        await member.ClickAsync("button.btn-lg[type=submit]");
        await member.WaitForURLAsync(url => Regex.IsMatch(url, "/Referrals/[0-9]+$"));

        // A second referral of the same name: the member learns only that she may be known.
        await member.GotoAsync(app.BaseUrl + "/Referrals/New");
        await FillAsync(member);
        await member.ClickAsync("button[formaction*='handler=Check']");
        await member.Locator(".maybe-known").WaitForAsync();
        (await member.InnerTextAsync(".maybe-known")).ShouldBe("កុមារដែលមានឈ្មោះស្រដៀងគ្នា ប្រហែលជាត្រូវបានស្គាល់រួចហើយ។ សូមផ្ញើការបញ្ជូន៖ បុគ្គលិកសង្គមកិច្ចនឹងពិនិត្យ។");
        (await member.Locator(".duplicates").CountAsync()).ShouldBe(0);
        // Her name is only in the box the member typed it in: nothing on the page tells who, how old or which household.
        (await member.InnerTextAsync("main")).ShouldNotContain(given);
        await RunningApp.FitsAndShootAsync(member, "referral-maybe-known");

        // The village social worker checking the same name sees the registered child to choose from.
        var worker = await app.SignedInAtAsync("ouchar.vbsw1", "/Referrals/New");
        await FillAsync(worker);
        await worker.ClickAsync("button[formaction*='handler=Check']");
        await worker.Locator(".duplicates").WaitForAsync();
        (await worker.InnerTextAsync(".duplicates")).ShouldContain(given);
        await RunningApp.FitsAndShootAsync(worker, "referral-candidates");
    }
}
