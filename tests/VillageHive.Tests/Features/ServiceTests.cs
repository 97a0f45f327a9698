using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class ServiceTests(Apps apps)
{
    private static Task<int> HealthServiceAsync(HiveApp app, int villageId) =>
        app.WithDbAsync(db => db.Services.Where(s => s.Provider!.Name == DemoServices.HealthCentre && s.Coverage.Any(c => c.VillageId == villageId))
            .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_worker_refers_and_the_provider_accepts_delivers_and_records_the_outcome(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var village = await app.VillageIdAsync("02030901");
        var service = await HealthServiceAsync(app, village);
        var request = "Vaccinations " + Guid.NewGuid().ToString("N")[..8];
        var worker = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Services";
        var sent = await worker.PostFormAsync(url, new Dictionary<string, string> { ["Input.ServiceId"] = service.ToString(), ["Input.Request"] = request });
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithDbAsync(db => db.ServiceReferrals.Where(r => r.Request == request).Select(r => r.Id).SingleAsync());

        var healthCentre = await app.As("provider.healthcentre");
        (await healthCentre.GetHtmlAsync("/Services/Referrals?status=Sent")).ShouldContain($"/Services/Referrals/{id}\"");
        var page = $"/Services/Referrals/{id}";
        (await healthCentre.GetHtmlAsync(page)).ShouldContain(request);
        (await healthCentre.PostFormAsync(page + "?handler=Accept", new Dictionary<string, string> { ["Version"] = "0" }, formPage: page))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var today = TestClock.Today.ToString("yyyy-MM-dd");
        // Delivered without an outcome: refused, nothing changes.
        var noOutcome = await healthCentre.PostFormAsync(page + "?handler=Deliver", new Dictionary<string, string> { ["Version"] = "1", ["DeliveredOn"] = today, ["Outcome"] = "" }, formPage: page);
        noOutcome.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.ServiceReferrals.SingleAsync(r => r.Id == id))).Status.ShouldBe(ServiceReferralStatus.Accepted);
        (await healthCentre.PostFormAsync(page + "?handler=Deliver", new Dictionary<string, string> { ["Version"] = "1", ["DeliveredOn"] = today, ["Outcome"] = "All vaccinations given" }, formPage: page))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var done = await app.WithDbAsync(db => db.ServiceReferrals.SingleAsync(r => r.Id == id));
        done.Status.ShouldBe(ServiceReferralStatus.Delivered);
        done.Outcome.ShouldBe("All vaccinations given");
        done.RespondedBy.ShouldBe("provider.healthcentre");
        (await worker.GetHtmlAsync(url)).ShouldContain("All vaccinations given");

        (await worker.PostFormAsync(url + "?handler=Close", new Dictionary<string, string> { ["referralId"] = id.ToString(), ["version"] = done.Version.ToString() }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.ServiceReferrals.SingleAsync(r => r.Id == id))).Status.ShouldBe(ServiceReferralStatus.Closed);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_provider_sees_only_its_referrals_and_no_case_content(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030902", "ouchar.vbsw1");
        var mine = await app.NewServiceReferralAsync(caseId, DemoServices.HealthCentre);
        var theirs = await app.NewServiceReferralAsync(caseId, "Battambang Family Counselling");
        var secret = "SECRET-" + Guid.NewGuid().ToString("N");
        await app.WithDbAsync(async db =>
        {
            db.CaseNotes.Add(new CaseNote { CaseId = caseId, Text = secret + " note", WrittenBy = "ouchar.vbsw1", WrittenAt = TestClock.UtcNow });
            db.Assessments.Add(new Assessment { CaseId = caseId, Number = 1, AssessedOn = TestClock.Today, Harm = secret + " harm",
                Strengths = secret + " strengths", CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow });
            await db.SaveChangesAsync();
        });

        var healthCentre = await app.As("provider.healthcentre");
        var inbox = await healthCentre.GetHtmlAsync("/Services/Referrals");
        inbox.ShouldContain($"/Services/Referrals/{mine}\"");
        inbox.ShouldNotContain($"/Services/Referrals/{theirs}\"");
        var page = await healthCentre.GetHtmlAsync($"/Services/Referrals/{mine}");
        page.ShouldNotContain(secret);
        inbox.ShouldNotContain(secret);
        await healthCentre.GetHtmlAsync($"/Services/Referrals/{theirs}", HttpStatusCode.NotFound);
        // Acting on another organisation's referral: 404 and nothing changes.
        (await healthCentre.PostFormAsync($"/Services/Referrals/{theirs}?handler=Accept", new Dictionary<string, string> { ["Version"] = "0" }, formPage: "/Services/Referrals"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.ServiceReferrals.SingleAsync(r => r.Id == theirs))).Status.ShouldBe(ServiceReferralStatus.Sent);
        // Nor does the provider reach the case pages.
        (await healthCentre.GetAsync($"/Cases/{caseId}/Services")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_decline_for_capacity_needs_a_reason_and_shows_on_the_gap_page(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030903", "ouchar.vbsw1");
        var id = await app.NewServiceReferralAsync(caseId, DemoServices.HealthCentre);
        var healthCentre = await app.As("provider.healthcentre");
        var page = $"/Services/Referrals/{id}";
        (await healthCentre.PostFormAsync(page + "?handler=Decline", new Dictionary<string, string> { ["Version"] = "0", ["Reason"] = " ", ["NoCapacity"] = "true" }, formPage: page))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.ServiceReferrals.SingleAsync(r => r.Id == id))).Status.ShouldBe(ServiceReferralStatus.Sent);
        (await healthCentre.PostFormAsync(page + "?handler=Decline", new Dictionary<string, string> { ["Version"] = "0", ["Reason"] = "Full this month", ["NoCapacity"] = "true" }, formPage: page))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var r = await app.WithDbAsync(db => db.ServiceReferrals.SingleAsync(x => x.Id == id));
        r.Status.ShouldBe(ServiceReferralStatus.Declined);
        r.DeclinedForCapacity.ShouldBeTrue();
        var village = await app.VillageIdAsync("02030903");
        var gaps = await (await app.As("ouchar.ccwc")).GetHtmlAsync($"/Services/Gaps?village={village}");
        gaps.ShouldContain("declined-capacity");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_demo_shows_a_village_with_a_gap_and_a_member_can_report_one(string provider)
    {
        var app = await apps.Get(provider);
        var village6 = await app.VillageIdAsync("02030906");
        var member = await app.As("ouchar.member1");
        var village1 = await app.VillageIdAsync("02030901");
        var text = "No child care " + Guid.NewGuid().ToString("N")[..8];
        (await member.PostFormAsync("/Services/Gaps", new Dictionary<string, string>
            { ["Input.VillageId"] = village1.ToString(), ["Input.Category"] = "CrisisAccommodation", ["Input.Description"] = text })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.ServiceGapReports.SingleAsync(g => g.Description == text))).ReportedBy.ShouldBe("ouchar.member1");
        // A member may not report for a village outside their area.
        (await member.PostFormAsync("/Services/Gaps", new Dictionary<string, string>
            { ["Input.VillageId"] = village6.ToString(), ["Input.Category"] = "Health", ["Input.Description"] = text + "x" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ccwc = await app.As("ouchar.ccwc");
        var html = await ccwc.GetHtmlAsync($"/Services/Gaps?village={village6}");
        html.ShouldContain("data-category=\"AddictionSupport\"");
        html.ShouldContain("gap-count");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_unanswered_referral_past_its_day_is_on_the_overdue_list(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var id = await app.NewServiceReferralAsync(caseId, DemoServices.HealthCentre);
        await app.WithDbAsync(async db =>
        {
            var r = await db.ServiceReferrals.SingleAsync(x => x.Id == id);
            r.RespondBy = TestClock.Today.AddDays(-1);
            await db.SaveChangesAsync();
        });
        var overdue = await app.WithUserDbAsync("ouchar.vbsw1", (db, me) =>
            VillageHive.Features.Services.ServiceQueries.OverdueReferrals(db, me, TestClock.Today));
        overdue.ShouldContain(o => o.ReferralId == id && o.CaseId == caseId);
        var other = await app.WithUserDbAsync("svaypao.vbsw1", (db, me) =>
            VillageHive.Features.Services.ServiceQueries.OverdueReferrals(db, me, TestClock.Today));
        other.ShouldNotContain(o => o.ReferralId == id);
    }
}
