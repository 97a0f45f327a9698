using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// People by their full names, not their login names, and a change history in the user's words (issue 19): the
/// field's screen name, enum labels, dates in the user's language, never a raw property name like "ConcernNote:".
/// </summary>
public sealed partial class PeopleAndHistoryWordsTests(Apps apps)
{
    private const string Vbsw1 = "សុខ ស្រីមុំ (VBSW Ou Char)";

    [GeneratedRegex("""<details class="mt-4" id="history">(.*?)</details>""", RegexOptions.Singleline)]
    private static partial Regex History();

    /// <summary>Words run together (a property's name) followed by a colon.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][A-Za-z]*\s*[:៖]|\b(?:Id|Status|Version|Channel|Urgency|Consent)\s*[:៖]")]
    private static partial Regex RawField();

    private static async Task<int> ReferAsync(HiveApp app, HttpClient client, string latin)
    {
        var village = await app.VillageIdAsync("02030901");
        var response = await client.PostFormAsync("/Referrals/New", new()
        {
            ["ClientId"] = Guid.NewGuid().ToString(), ["Input.VillageId"] = village.ToString(),
            ["Input.Children[0].FamilyNameKm"] = "តេស្ត", ["Input.Children[0].GivenNameKm"] = "ឧទាហរណ៍",
            ["Input.Children[0].GivenNameLatin"] = latin, ["Input.Children[0].Sex"] = "Female", ["Input.Children[0].AgeYears"] = "9",
            ["Input.Children[0].Match"] = "new", ["Input.Concerns"] = "ParentsMigrating", ["Input.ConcernNote"] = "ឪពុកម្ដាយទៅធ្វើការនៅថៃ",
            ["Input.Urgency"] = "Soon", ["Input.Channel"] = "InPerson", ["Input.Consent"] = "Given",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await app.WithDbAsync(db => db.Referrals.Where(r => r.Children.Any(c => c.Person!.GivenNameLatin == latin)).Select(r => r.Id).SingleAsync());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_referrals_history_names_fields_values_and_people_in_Khmer(string provider)
    {
        var app = await apps.Get(provider);
        var client = await app.As("ouchar.vbsw1");
        var id = await ReferAsync(app, client, DemoData.UniqueLatin());

        // The history is for those who read the audit: the senior social worker.
        var senior = await app.As("ouchar.senior");
        var history = History().Match(await senior.GetHtmlAsync($"/Referrals/{id}")).Groups[1].Value;
        history.ShouldNotBeEmpty();
        history.ShouldNotContain("ConcernNote");
        history.ShouldNotContain("ouchar.vbsw1");
        RawField().Matches(history).Select(m => m.Value).ShouldBeEmpty();
        history.ShouldContain("តើអ្នកបានឃើញ ឬឮអ្វីខ្លះ?៖");   // Referral.ConcernNote
        history.ShouldContain("→ ឆាប់ៗ");                       // Enum.Urgency.Soon, not 1
        history.ShouldContain("→ ផ្ទាល់");                      // Enum.ReferralChannel.InPerson
        history.ShouldContain("→ ឪពុកម្ដាយចំណាកស្រុកទៅធ្វើការ"); // Enum.Concerns.ParentsMigrating (a flag)
        history.ShouldContain(Vbsw1);                           // who made the change, and "entered by"
        history.ShouldNotContain("T0", Case.Sensitive);         // no ISO time stamps ("2026-12-02T03:00:00Z")
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task People_are_named_by_their_full_names_on_the_case_its_tasks_and_the_referral(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var referral = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.ReferralId).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            db.CaseTasks.Add(new Domain.CaseTask { CaseId = caseId, Text = "Visit the school", DueOn = TestClock.Today, AssignedTo = "ouchar.vbsw1", CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow });
            await db.SaveChangesAsync();
        });
        var senior = await app.As("ouchar.senior");

        (await senior.GetHtmlAsync($"/Cases/{caseId}")).ShouldContain($"id=\"case-lead\">{Vbsw1}<");
        var tasks = await senior.GetHtmlAsync($"/Cases/{caseId}/Tasks");
        tasks.ShouldContain(Vbsw1);
        tasks.ShouldNotContain("· ouchar.vbsw1");
        var details = await senior.GetHtmlAsync($"/Referrals/{referral}");
        details.ShouldContain(Vbsw1);
        Regex.IsMatch(details, @"[·>]\s*ouchar\.vbsw1\s*[<·\n]").ShouldBeFalse("a login name shown where the person's name belongs");
    }
}
