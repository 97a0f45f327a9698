using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>Issue 19, flow: the referral leads to its case, screening starts from what the referrer reported, the referrer sees the outcome.</summary>
[Collection("Screening checklist")]
public sealed class ReferralStepsTests(Apps apps)
{
    private const string Note = "ក្មេងមិនបានទៅសាលាបីខែហើយ";

    private static async Task<int> ReferralAsync(HiveApp app, Concerns concerns)
    {
        var household = await app.UniqueHouseholdAsync("02030901");
        var id = await app.NewReferralAsync(household.Id, "ouchar.member1");
        await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Concerns, concerns).SetProperty(r => r.ConcernNote, Note)));
        return id;
    }

    private static Task<ScreeningCriteriaVersion> CriteriaAsync(HiveApp app) =>
        app.WithDbAsync(db => db.ScreeningCriteriaVersions.Include(v => v.Criteria).OrderByDescending(v => v.Number).FirstAsync());

    private static bool Ticked(string html, int criterion) => html.Contains($"id=\"crit-{criterion}\" value=\"{criterion}\" checked=\"checked\"", StringComparison.Ordinal);

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Screening_shows_what_the_referrer_reported_and_starts_with_the_criteria_it_implies_ticked(string provider)
    {
        var app = await apps.Get(provider);
        var referralId = await ReferralAsync(app, Concerns.OutOfSchool | Concerns.ParentsMigrating | Concerns.Other);
        var criteria = await CriteriaAsync(app);
        int Key(string key) => criteria.Criteria.Single(c => c.TextEn == key).Id;
        var client = await app.As("ouchar.vbsw1");
        var url = $"/Referrals/{referralId}/Screening";

        var first = await client.GetHtmlAsync(url);
        first.ShouldContain("id=\"reported\"");
        first.ShouldContain(Note);
        first.ShouldContain("ឈប់រៀន ឬអវត្តមានញឹកញាប់"); // the concern as the referrer ticked it
        first.ShouldContain("ឆាប់ៗ"); // the urgency
        Ticked(first, Key(CriterionKey.OutOfSchool)).ShouldBeTrue();
        Ticked(first, Key(CriterionKey.ParentsMigrate)).ShouldBeTrue();
        criteria.Criteria.Count(c => Ticked(first, c.Id)).ShouldBe(2);

        // After a post the worker's own choices stay, even when they untick what the concerns implied.
        var poverty = Key(CriterionKey.ExtremePoverty);
        var refused = await client.PostFormAsync(url, new() { ["Input.Met"] = poverty.ToString() });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await refused.Content.ReadAsStringAsync();
        Ticked(again, poverty).ShouldBeTrue();
        criteria.Criteria.Count(c => Ticked(again, c.Id)).ShouldBe(1);
        var scored = await (await client.PostFormAsync(url + "?handler=Score", [], formPage: url)).Content.ReadAsStringAsync();
        scored.ShouldContain("id=\"proposal\"");
        criteria.Criteria.Count(c => Ticked(scored, c.Id)).ShouldBe(0);
        (await app.WithDbAsync(db => db.Screenings.AnyAsync(s => s.ReferralId == referralId))).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_referral_links_to_its_case_for_workers_and_the_referrer_sees_in_support_then_finished(string provider)
    {
        var app = await apps.Get(provider);
        var referralId = await ReferralAsync(app, Concerns.AbuseOrExploitation);
        var criteria = await CriteriaAsync(app);
        var abuse = criteria.Criteria.Single(c => c.TextEn == CriterionKey.AbuseOrExploitation).Id;
        var member = await app.As("ouchar.member1");
        var received = await member.GetHtmlAsync($"/Referrals/{referralId}");
        received.ShouldContain("បុគ្គលិកសង្គមកិច្ចនឹងពិនិត្យការបញ្ជូនរបស់អ្នកឆាប់ៗ។");

        // The senior screens (and leads the case); the village's social worker, who may read the case too, also gets the link.
        var senior = await app.As("ouchar.senior");
        var saved = await senior.PostFormAsync($"/Referrals/{referralId}/Screening", new()
        {
            ["Input.Met"] = abuse.ToString(), ["Input.Decision"] = "CrisisResponse", ["Input.Priority"] = "High", ["Input.OpenCase"] = "true",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var caseId = await app.WithDbAsync(db => db.Cases.Where(c => c.ReferralId == referralId).Select(c => c.Id).SingleAsync());

        var worker = await app.As("ouchar.vbsw1");
        foreach (var reader in new[] { senior, worker })
        {
            var page = await reader.GetHtmlAsync($"/Referrals/{referralId}");
            page.ShouldContain("id=\"case-link\"");
            page.ShouldContain($"href=\"/Cases/{caseId}\"");
            (await reader.GetHtmlAsync($"/Cases/{caseId}")).ShouldContain($"#{caseId}"); // the link leads to the case, not to "Not allowed"
        }

        // The referrer (no case rights) gets no link, and the outcome in plain words.
        var own = await member.GetHtmlAsync($"/Referrals/{referralId}");
        own.ShouldNotContain("case-link");
        own.ShouldNotContain($"/Cases/{caseId}");
        own.ShouldContain("បុគ្គលិកសង្គមកិច្ចកំពុងគាំទ្រគ្រួសារនេះ។");

        // The case closes: the referral still says "in support" in its own status, the referrer sees "finished".
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CaseStatus.Closed)));
        (await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == referralId).Select(r => r.Status).SingleAsync())).ShouldBe(ReferralStatus.InSupport);
        var closed = await member.GetHtmlAsync($"/Referrals/{referralId}");
        closed.ShouldContain("ការគាំទ្របានបញ្ចប់៖ បុគ្គលិកសង្គមកិច្ចបានបិទករណីនេះហើយ។");
        closed.ShouldContain(">បានបញ្ចប់</span>");
        closed.ShouldNotContain("កំពុងគាំទ្រ");
        var list = await member.GetHtmlAsync("/Referrals");
        var row = list[list.IndexOf($"/Referrals/{referralId}\"", StringComparison.Ordinal)..];
        row[..row.IndexOf("</li>", StringComparison.Ordinal)].ShouldContain("បានបញ្ចប់");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_referral_screened_no_further_action_tells_the_referrer_so(string provider)
    {
        var app = await apps.Get(provider);
        var referralId = await ReferralAsync(app, Concerns.Other);
        var worker = await app.As("ouchar.vbsw1");
        // Nothing met, urgency "soon": the proposal is no further action at medium priority.
        (await worker.PostFormAsync($"/Referrals/{referralId}/Screening", new()
        {
            ["Input.Decision"] = "NoFurtherAction", ["Input.Priority"] = "Medium", ["Input.OpenCase"] = "false",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var workerPage = await worker.GetHtmlAsync($"/Referrals/{referralId}");
        workerPage.ShouldNotContain("id=\"case-link\"");
        var own = await (await app.As("ouchar.member1")).GetHtmlAsync($"/Referrals/{referralId}");
        own.ShouldContain(">មិនត្រូវការសកម្មភាពបន្ថែម</span>");
        own.ShouldContain("មិនត្រូវការជំនួយបន្ថែមទេសម្រាប់ពេលនេះ");
    }
}
