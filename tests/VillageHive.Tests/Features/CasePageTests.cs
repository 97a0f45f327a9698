using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;
using VillageHive.Infrastructure;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

public sealed class CasePageTests(Apps apps)
{
    /// <summary>
    /// The page's statements, the fewest of five requests: the first request after an account is added or renamed (by
    /// another test on the shared app, say) also reads the account names once for the process (<c>AccountNames</c>).
    /// Before AccountNames forgot the names only on such saves, every sign-in did, and two requests in a row both read
    /// them in a full run (CI, 2026-12-08).
    /// </summary>
    private static async Task<int> SqlCommandsAsync(HttpClient client, string url)
    {
        var counts = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            counts.Add(int.Parse(response.Headers.GetValues(SqlCommandCounter.Header).Single(), System.Globalization.CultureInfo.InvariantCulture));
        }
        return counts.Min();
    }

    /// <summary>Adds n of every kind of case record, so that a page that loads per record would issue more queries.</summary>
    private static Task AddHistoryAsync(HiveApp app, int caseId, int n, string marker) => app.WithDbAsync(async db =>
    {
        var now = TestClock.UtcNow;
        var today = TestClock.DayOf(now);
        var baseNumber = await db.Assessments.CountAsync(a => a.CaseId == caseId);
        var planNumber = await db.SupportPlans.CountAsync(p => p.CaseId == caseId);
        for (var i = 0; i < n; i++)
        {
            var assessment = new Assessment
            {
                CaseId = caseId, Number = baseNumber + i + 1, AssessedOn = today, Status = AssessmentStatus.Approved, CreatedBy = "ouchar.vbsw1",
                CreatedAt = now, ApprovedBy = "ouchar.senior", ApprovedAt = now, WorkerScale = i % 11, FamilyScale = 5, DangerStatements = marker,
            };
            assessment.SafetyGoals.Add(new SafetyGoal { CaseId = caseId, Order = 1, Text = "goal " + i });
            assessment.SafetyGoals.Add(new SafetyGoal { CaseId = caseId, Order = 2, Text = "goal b " + i });
            db.Assessments.Add(assessment);
            var member = new FamilyNetworkMember { CaseId = caseId, Name = "Aunt " + i, Relation = NetworkRelation.AuntOrUncle };
            db.FamilyNetworkMembers.Add(member);
            var plan = new SupportPlan { CaseId = caseId, Number = planNumber + i + 1, Status = PlanStatus.Superseded, CreatedBy = "ouchar.vbsw1", CreatedAt = now };
            plan.Goals.Add(new PlanGoal { Order = 1, Text = "plan goal " + i });
            plan.Actions.Add(new PlanAction { GoalOrder = 1, Order = 1, Text = "act " + i, OwnerKind = ActionOwnerKind.NetworkMember, OwnerNetworkMember = member, DueOn = today });
            plan.Actions.Add(new PlanAction { GoalOrder = 1, Order = 2, Text = "act b " + i, OwnerKind = ActionOwnerKind.Worker, OwnerWorker = "ouchar.vbsw1", DueOn = today });
            db.SupportPlans.Add(plan);
            db.Visits.Add(new Visit { CaseId = caseId, VisitedOn = today, Place = "home", WhoWasSeen = "grandmother", Observations = "ok " + i, WorkerScale = 6, RecordedBy = "ouchar.vbsw1", RecordedAt = now });
            db.CaseNotes.Add(new CaseNote { CaseId = caseId, Text = "note " + i, WrittenBy = "ouchar.vbsw1", WrittenAt = now });
            db.CaseTasks.Add(new CaseTask { CaseId = caseId, Text = "task " + i, DueOn = today, AssignedTo = "ouchar.vbsw1", CreatedBy = "ouchar.vbsw1", CreatedAt = now });
            db.CaseReviews.Add(new CaseReview { CaseId = caseId, ReviewedOn = today, ReviewedBy = "ouchar.senior", Summary = "review " + i, RecordedAt = now });
            var conference = new CaseConference { CaseId = caseId, HeldOn = today, Place = "commune hall", Decisions = "decided " + i, RecordedBy = "ouchar.senior", RecordedAt = now };
            conference.Participants.Add(new ConferenceParticipant { Name = "Police chief " + i, Role = "police" });
            db.CaseConferences.Add(conference);
            db.CaseTransitions.Add(new CaseTransition { CaseId = caseId, From = CaseStatus.Open, To = CaseStatus.Assessment, At = now, By = "ouchar.vbsw1" });
            db.CaseClosures.Add(new CaseClosure { CaseId = caseId, ClosedOn = today, ClosedBy = "ouchar.senior", RecordedAt = now, ReopenedAt = now, ReopenedBy = "ouchar.senior", ReopenReason = "again" });
            db.CaseEscalations.Add(new CaseEscalation { CaseId = caseId, RequestedBy = "ouchar.vbsw1", RequestedAt = now, Reason = "complex", AcceptedBy = "ouchar.senior", AcceptedAt = now });
        }
        await db.SaveChangesAsync();
    });

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_case_page_issues_the_same_number_of_queries_however_long_the_history(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var client = await app.As("ouchar.vbsw1");
        await AddHistoryAsync(app, caseId, 1, "first");
        var few = await SqlCommandsAsync(client, $"/Cases/{caseId}");
        await AddHistoryAsync(app, caseId, 12, "more");
        var many = await SqlCommandsAsync(client, $"/Cases/{caseId}");
        many.ShouldBe(few);
        few.ShouldBeLessThan(30);
        var html = await client.GetHtmlAsync($"/Cases/{caseId}");
        html.ShouldContain("ok 11");
        html.ShouldContain("decided 11");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_timeline_shows_the_referral_visits_assessments_and_moves(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var marker = DemoData.UniqueLatin();
        await app.WithDbAsync(async db =>
        {
            var now = TestClock.UtcNow;
            db.Visits.Add(new Visit { CaseId = caseId, VisitedOn = TestClock.DayOf(now), Place = marker, WhoWasSeen = "child", Observations = "fine", RecordedBy = "ouchar.vbsw1", RecordedAt = now });
            db.Assessments.Add(new Assessment { CaseId = caseId, Number = 1, AssessedOn = TestClock.DayOf(now), CreatedBy = "ouchar.vbsw1", CreatedAt = now, WorkerScale = 3, ChildScale = 4 });
            db.CaseTransitions.Add(new CaseTransition { CaseId = caseId, From = CaseStatus.Open, To = CaseStatus.Assessment, At = now, By = "ouchar.vbsw1" });
            await db.SaveChangesAsync();
        });
        var client = await app.As("ouchar.vbsw1");
        var html = await client.GetHtmlAsync($"/Cases/{caseId}");
        var timeline = html[html.IndexOf("id=\"timeline\"", StringComparison.Ordinal)..];
        timeline.ShouldContain(marker);
        timeline.ShouldContain($"/Cases/{caseId}/Assessments/");
        timeline.ShouldContain("/Referrals/");
        timeline.ShouldContain("hive-timeline-move");
        // The scaling chart has its numbers as a table too.
        html.ShouldContain("id=\"scaling-table\"");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Case" && e.EntityId == caseId.ToString() && e.Action == "Read"))).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Confidential_notes_reach_only_the_team_and_supervisors(string provider)
    {
        var app = await apps.Get(provider);
        // Led by the other village worker: ouchar.vbsw1 works the village but is not on this case's team.
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw2");
        var secret = "secret-" + DemoData.UniqueLatin();
        var open = "open-" + DemoData.UniqueLatin();
        await app.WithDbAsync(async db =>
        {
            db.CaseNotes.Add(new CaseNote { CaseId = caseId, Text = secret, Confidential = true, WrittenBy = "ouchar.senior", WrittenAt = TestClock.UtcNow });
            db.CaseNotes.Add(new CaseNote { CaseId = caseId, Text = open, WrittenBy = "ouchar.senior", WrittenAt = TestClock.UtcNow });
            await db.SaveChangesAsync();
        });
        foreach (var user in new[] { "ouchar.vbsw2", "ouchar.senior", "ouchar.ccwc" })
            (await (await app.As(user)).GetHtmlAsync($"/Cases/{caseId}")).ShouldContain(secret);
        foreach (var user in new[] { "ouchar.vbsw1", "district.manager", "admin" })
        {
            var html = await (await app.As(user)).GetHtmlAsync($"/Cases/{caseId}");
            html.ShouldContain(open);
            html.ShouldNotContain(secret);
        }
        // On the team, the village worker sees it too.
        await app.WithDbAsync(async db =>
        {
            db.CaseTeamMembers.Add(new CaseTeamMember { CaseId = caseId, UserName = "ouchar.vbsw1", AddedAt = TestClock.UtcNow, AddedBy = "ouchar.senior" });
            await db.SaveChangesAsync();
        });
        (await (await app.As("ouchar.vbsw1")).GetHtmlAsync($"/Cases/{caseId}")).ShouldContain(secret);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_commune_official_sees_a_case_only_after_attending_its_conference_and_never_confidential_notes(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var secret = "secret-" + DemoData.UniqueLatin();
        await app.WithDbAsync(async db =>
        {
            db.CaseNotes.Add(new CaseNote { CaseId = caseId, Text = secret, Confidential = true, WrittenBy = "ouchar.vbsw1", WrittenAt = TestClock.UtcNow });
            await db.SaveChangesAsync();
        });
        var chief = await app.As("ouchar.chief");
        await chief.GetHtmlAsync($"/Cases/{caseId}", HttpStatusCode.NotFound);
        await app.WithDbAsync(async db =>
        {
            var conference = new CaseConference { CaseId = caseId, HeldOn = TestClock.Today, Place = "commune hall", Decisions = "a safety plan with the grandmother", RecordedBy = "ouchar.senior", RecordedAt = TestClock.UtcNow };
            conference.Participants.Add(new ConferenceParticipant { UserName = "ouchar.chief", Name = "Commune chief", Role = "commune chief" });
            db.CaseConferences.Add(conference);
            await db.SaveChangesAsync();
        });
        var html = await chief.GetHtmlAsync($"/Cases/{caseId}");
        html.ShouldContain("a safety plan with the grandmother");
        html.ShouldNotContain(secret);
        // Another commune's case stays out of reach, and Svay Pao sees none of this one.
        await (await app.As("svaypao.ccwc")).GetHtmlAsync($"/Cases/{caseId}", HttpStatusCode.NotFound);
        await (await app.As("svaypao.vbsw1")).GetHtmlAsync($"/Cases/{caseId}", HttpStatusCode.NotFound);
    }
}
