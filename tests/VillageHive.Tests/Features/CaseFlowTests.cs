using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

// With the support tests: a closure test approves rice in Ou Char, which the ledger test would count as its own.
[Collection("Support ledger")]
public sealed class CaseFlowTests(Apps apps)
{
    private static Task<string> HeadLatinAsync(HiveApp app, int caseId) =>
        app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId)
            .Select(c => c.Household!.Members.Where(m => m.RelationToHead == RelationToHead.Head).Select(m => m.GivenNameLatin!).First()).SingleAsync());

    /// <summary>An approved plan with one goal and one action, due on the day given.</summary>
    private static Task<int> ApprovedPlanAsync(HiveApp app, int caseId, DateOnly actionDue, string actionText) =>
        app.WithDbAsync(async db =>
        {
            var plan = new SupportPlan
            {
                CaseId = caseId, Number = 1, Status = PlanStatus.Approved, CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow,
                ApprovedBy = "ouchar.senior", ApprovedAt = TestClock.UtcNow,
                Goals = [new PlanGoal { Order = 1, Text = "The children eat twice a day" }],
                Actions = [new PlanAction { GoalOrder = 1, Order = 1, Text = actionText, OwnerKind = ActionOwnerKind.Worker, OwnerWorker = "ouchar.vbsw1", DueOn = actionDue }],
            };
            db.SupportPlans.Add(plan);
            await db.SaveChangesAsync();
            return plan.Goals[0].Id;
        });

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_list_shows_only_cases_in_scope_or_on_the_team(string provider)
    {
        var app = await apps.Get(provider);
        var ouChar = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var village5 = await app.NewCaseAsync("02030905", "ouchar.vbsw2");
        var ouCharName = await HeadLatinAsync(app, ouChar);
        var village5Name = await HeadLatinAsync(app, village5);

        var svayPao = await app.As("svaypao.vbsw1");
        (await svayPao.GetHtmlAsync($"/Cases?q={ouCharName}&mine=false")).ShouldNotContain($"/Cases/{ouChar}\"");
        await svayPao.GetHtmlAsync($"/Cases/{ouChar}/Move", HttpStatusCode.NotFound);

        var vbsw1 = await app.As("ouchar.vbsw1");
        (await vbsw1.GetHtmlAsync($"/Cases?q={ouCharName}")).ShouldContain($"/Cases/{ouChar}\"");
        // Village 5 is not vbsw1's: seen only once they are on its team.
        (await vbsw1.GetHtmlAsync($"/Cases?q={village5Name}&mine=false")).ShouldNotContain($"/Cases/{village5}\"");
        await app.WithDbAsync(db =>
        {
            db.CaseTeamMembers.Add(new CaseTeamMember { CaseId = village5, UserName = "ouchar.vbsw1", AddedAt = TestClock.UtcNow, AddedBy = "ouchar.vbsw2" });
            return db.SaveChangesAsync();
        });
        (await vbsw1.GetHtmlAsync($"/Cases?q={village5Name}")).ShouldContain($"/Cases/{village5}\"");
        (await svayPao.GetHtmlAsync($"/Cases?q={village5Name}&mine=false")).ShouldNotContain($"/Cases/{village5}\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Filters_narrow_the_list(string provider)
    {
        var app = await apps.Get(provider);
        var crisis = await app.NewCaseAsync("02030902", "ouchar.vbsw1", CaseStatus.Assessment, Tier.Crisis, Priority.High);
        var early = await app.NewCaseAsync("02030902", "ouchar.vbsw1", CaseStatus.Open, Tier.EarlyIntervention, Priority.Low);
        var senior = await app.As("ouchar.senior");
        var village = await app.VillageIdAsync("02030902");
        var byTier = await senior.GetHtmlAsync($"/Cases?village={village}&tier=EarlyIntervention&sort=oldest");
        byTier.ShouldContain($"/Cases/{early}\"");
        byTier.ShouldNotContain($"/Cases/{crisis}\"");
        var byStatus = await senior.GetHtmlAsync($"/Cases?q={await HeadLatinAsync(app, crisis)}&status=Assessment&risk=High");
        byStatus.ShouldContain($"/Cases/{crisis}\"");
        (await senior.GetHtmlAsync($"/Cases?q={await HeadLatinAsync(app, crisis)}&status=Open")).ShouldContain("id=\"cases-empty\"");

        // Overdue only: a task past due makes the case overdue.
        await app.WithDbAsync(db =>
        {
            db.CaseTasks.Add(new CaseTask { CaseId = early, Text = "Visit the school", DueOn = TestClock.Today.AddDays(-3), AssignedTo = "ouchar.vbsw1", CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow });
            return db.SaveChangesAsync();
        });
        (await senior.GetHtmlAsync($"/Cases?q={await HeadLatinAsync(app, early)}&overdue=true")).ShouldContain($"/Cases/{early}\"");
        var notOverdue = await app.NewCaseAsync("02030902", "ouchar.vbsw1", CaseStatus.Open, Tier.EarlyIntervention, Priority.Low);
        (await senior.GetHtmlAsync($"/Cases?q={await HeadLatinAsync(app, notOverdue)}&overdue=true")).ShouldNotContain($"/Cases/{notOverdue}\"");
        // Sorting and paging keep working with every sort.
        foreach (var sort in new[] { "risk", "status", "review", "village", "oldest", "" })
            (await senior.GetHtmlAsync($"/Cases?sort={sort}&p=2")).ShouldContain("id=\"case-count\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_overdue_list_shows_an_overdue_task_and_plan_action(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030903", "ouchar.vbsw1", CaseStatus.ActiveSupport);
        var task = "Task " + DemoData.UniqueLatin();
        var action = "Action " + DemoData.UniqueLatin();
        var today = TestClock.Today;
        await ApprovedPlanAsync(app, caseId, today.AddDays(-5), action);
        await app.WithDbAsync(db =>
        {
            db.CaseTasks.Add(new CaseTask { CaseId = caseId, Text = task, DueOn = today.AddDays(-2), AssignedTo = "ouchar.vbsw1", CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow });
            return db.SaveChangesAsync();
        });
        var vbsw1 = await app.As("ouchar.vbsw1");
        var html = await vbsw1.GetHtmlAsync("/Cases/Overdue?mine=true");
        // Oldest first: the list may have many pages, so look for the items by walking the pages.
        var found = html;
        for (var p = 2; p < 40 && !(found.Contains(task, StringComparison.Ordinal) && found.Contains(action, StringComparison.Ordinal)); p++)
            found += await vbsw1.GetHtmlAsync($"/Cases/Overdue?mine=true&p={p}");
        found.ShouldContain(task);
        found.ShouldContain(action);
        (await (await app.As("svaypao.ccwc")).GetHtmlAsync("/Cases/Overdue?mine=false")).ShouldNotContain(task);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_refused_move_leaves_the_case_unchanged_and_an_allowed_one_is_recorded(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.Assessment);
        var vbsw1 = await app.As("ouchar.vbsw1");
        var version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        var url = $"/Cases/{caseId}/Move?to=Planning";
        var refused = await vbsw1.PostFormAsync(url, new() { ["Version"] = version.ToString(), ["Reason"] = "" }, formPage: url);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("validation-summary-errors");
        var after = await app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        after.Status.ShouldBe(CaseStatus.Assessment);
        after.Version.ShouldBe(version);
        (await app.WithDbAsync(db => db.CaseTransitions.CountAsync(t => t.CaseId == caseId))).ShouldBe(0);

        // Open → Assessment is not a move from Assessment; Assessment → Open is not a move at all.
        (await vbsw1.PostFormAsync($"/Cases/{caseId}/Move?to=Open", new() { ["Version"] = version.ToString() }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A stale version is "changed by someone else".
        var stale = await vbsw1.PostFormAsync($"/Cases/{caseId}/Move?to=Closed", new() { ["Version"] = version.ToString() }, formPage: url);
        stale.StatusCode.ShouldBe(HttpStatusCode.Redirect); // closing has its own page
        stale.Headers.Location!.OriginalString.ShouldBe($"/Cases/{caseId}/Close");

        // With an approved assessment the move is made and recorded.
        await app.WithDbAsync(db =>
        {
            db.Assessments.Add(new Assessment { CaseId = caseId, Number = 1, AssessedOn = TestClock.Today, Status = AssessmentStatus.Approved, CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow });
            return db.SaveChangesAsync();
        });
        var moved = await vbsw1.PostFormAsync(url, new() { ["Version"] = version.ToString() }, formPage: url);
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var transition = await app.WithDbAsync(db => db.CaseTransitions.SingleAsync(t => t.CaseId == caseId));
        (transition.From, transition.To, transition.By).ShouldBe((CaseStatus.Assessment, CaseStatus.Planning, "ouchar.vbsw1"));
        // The same form again carries the old version now.
        var again = await vbsw1.PostFormAsync($"/Cases/{caseId}/Move?to=Assessment", new() { ["Version"] = version.ToString(), ["Reason"] = "new worries" }, formPage: url);
        (await again.Content.ReadAsStringAsync()).ShouldContain("id=\"conflict\"");
        (await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync())).ShouldBe(CaseStatus.Planning);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Closing_needs_a_reason_for_open_actions_and_scaling_in_range_then_a_supervisor_reopens(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.ActiveSupport);
        var goal = await ApprovedPlanAsync(app, caseId, TestClock.Today.AddDays(10), "Rice support");
        var vbsw1 = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Close";
        var version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        Dictionary<string, string> Form(string scale, string openReason) => new()
        {
            ["Input.Version"] = version.ToString(), ["Input.Reason"] = "SafetyGoalsMet", [$"Input.Outcomes[{goal}]"] = "Met",
            ["Input.WorkerScale"] = scale, ["Input.FamilyScale"] = "8", ["Input.OpenActionsReason"] = openReason,
        };
        var badScale = await vbsw1.PostFormAsync(url, Form("11", "moving away"), formPage: url);
        badScale.StatusCode.ShouldBe(HttpStatusCode.OK);
        var noReason = await vbsw1.PostFormAsync(url, Form("9", ""), formPage: url);
        noReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        var noWorkerScale = await vbsw1.PostFormAsync(url, Form("", "The family moved to Battambang town"), formPage: url);
        noWorkerScale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noWorkerScale.Content.ReadAsStringAsync()).ShouldContain("field-validation-error");
        (await app.WithDbAsync(db => db.CaseClosures.CountAsync(c => c.CaseId == caseId))).ShouldBe(0);
        (await vbsw1.PostFormAsync(url, Form("9", "The family moved to Battambang town"), formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var closure = await app.WithDbAsync(db => db.CaseClosures.Include(c => c.GoalOutcomes).SingleAsync(c => c.CaseId == caseId));
        closure.FinalWorkerScale.ShouldBe(9);
        closure.GoalOutcomes.Single().Outcome.ShouldBe(GoalOutcome.Met);
        (closure.Status, closure.ClosedBy, closure.OpenActionsReason).ShouldBe((ClosureStatus.Proposed, "ouchar.vbsw1", "The family moved to Battambang town"));
        // Proposed is not closed: the Senior social worker approves it, and then the case closes.
        (await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync())).ShouldBe(CaseStatus.ActiveSupport);
        var senior = await app.As("ouchar.senior");
        (await senior.PostFormAsync(url + "?handler=Approve", new() { ["Decision.Version"] = closure.Version.ToString() }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync())).ShouldBe(CaseStatus.Closed);
        var approved = await app.WithDbAsync(db => db.CaseClosures.AsNoTracking().SingleAsync(c => c.CaseId == caseId));
        (approved.Status, approved.DecidedBy).ShouldBe((ClosureStatus.Approved, "ouchar.senior"));
        (await app.WithDbAsync(db => db.CaseTransitions.SingleAsync(t => t.CaseId == caseId && t.To == CaseStatus.Closed))).By.ShouldBe("ouchar.senior");

        // Reopening is for supervisors, with a reason.
        await vbsw1.GetHtmlAsync($"/Cases/{caseId}/Reopen", HttpStatusCode.Forbidden);
        var reopen = $"/Cases/{caseId}/Reopen";
        version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        (await senior.PostFormAsync(reopen, new() { ["Version"] = version.ToString(), ["Reason"] = "" }, formPage: reopen)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await senior.PostFormAsync(reopen, new() { ["Version"] = version.ToString(), ["Reason"] = "The family came back" }, formPage: reopen)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reopened = await app.WithDbAsync(db => db.CaseClosures.AsNoTracking().SingleAsync(c => c.CaseId == caseId));
        reopened.ReopenedBy.ShouldBe("ouchar.senior");
        (await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync())).ShouldBe(CaseStatus.Assessment);
    }

    /// <summary>Proposes closing the case as this user (the plan's one goal met, the worker's scale 8); returns the response.</summary>
    private static async Task<HttpResponseMessage> ProposeAsync(HiveApp app, HttpClient client, int caseId, int goal, string? openReason = null)
    {
        var url = $"/Cases/{caseId}/Close";
        var version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        var form = new Dictionary<string, string>
        {
            ["Input.Version"] = version.ToString(), ["Input.Reason"] = "SafetyGoalsMet", [$"Input.Outcomes[{goal}]"] = "Met", ["Input.WorkerScale"] = "8",
        };
        if (openReason is not null) form["Input.OpenActionsReason"] = openReason;
        return await client.PostFormAsync(url, form, formPage: url);
    }

    private static Task<CaseStatus> StatusAsync(HiveApp app, int caseId) =>
        app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_worker_who_proposes_closure_cannot_close(string provider)
    {
        var app = await apps.Get(provider);
        // A high-risk crisis case opened today, led by the village social worker.
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.ActiveSupport);
        var goal = await ApprovedPlanAsync(app, caseId, TestClock.Today.AddDays(10), "Visit twice a week");
        var vbsw1 = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Close";
        (await ProposeAsync(app, vbsw1, caseId, goal, "The visits are no longer needed")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var proposal = await app.WithDbAsync(db => db.CaseClosures.AsNoTracking().SingleAsync(c => c.CaseId == caseId));
        proposal.Status.ShouldBe(ClosureStatus.Proposed);
        var decision = new Dictionary<string, string> { ["Decision.Version"] = proposal.Version.ToString() };

        // The worker cannot approve their own proposal, nor close through the move page.
        (await vbsw1.PostFormAsync(url + "?handler=Approve", decision, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var caseVersion = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        var move = await vbsw1.PostFormAsync($"/Cases/{caseId}/Move?to=Closed", new() { ["Version"] = caseVersion.ToString(), ["Reason"] = "done" }, formPage: url);
        move.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        move.Headers.Location!.OriginalString.ShouldBe(url);
        // Nor propose a second time while one waits.
        var again = await ProposeAsync(app, vbsw1, caseId, goal, "again");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.CaseClosures.CountAsync(c => c.CaseId == caseId))).ShouldBe(1);
        (await StatusAsync(app, caseId)).ShouldBe(CaseStatus.ActiveSupport);
        // The case page says it waits; the worker's own page shows no decision buttons.
        (await vbsw1.GetHtmlAsync($"/Cases/{caseId}")).ShouldContain("id=\"pending-closure\"");
        var own = await vbsw1.GetHtmlAsync(url);
        own.ShouldContain("id=\"closure-proposal\"");
        own.ShouldNotContain("id=\"approve-closure\"");

        // The supervisors see it waiting on their case list.
        var senior = await app.As("ouchar.senior");
        (await senior.GetHtmlAsync("/Cases")).ShouldContain("id=\"closures-waiting\"");
        (await senior.GetHtmlAsync("/Cases?waiting=closure&mine=false")).ShouldContain($"/Cases/{caseId}\"");
        (await senior.GetHtmlAsync(url)).ShouldContain("id=\"approve-closure\"");

        // Returned with a reason: the case stays open, and the worker may propose again.
        (await senior.PostFormAsync(url + "?handler=Return", new() { ["Decision.Version"] = proposal.Version.ToString(), ["Decision.ReturnReason"] = " " }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.CaseClosures.AsNoTracking().SingleAsync(c => c.CaseId == caseId))).Status.ShouldBe(ClosureStatus.Proposed);
        (await senior.PostFormAsync(url + "?handler=Return", new() { ["Decision.Version"] = proposal.Version.ToString(), ["Decision.ReturnReason"] = "Visit the family once more first" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var returned = await app.WithDbAsync(db => db.CaseClosures.AsNoTracking().SingleAsync(c => c.CaseId == caseId));
        (returned.Status, returned.DecidedBy, returned.ReturnReason).ShouldBe((ClosureStatus.Returned, "ouchar.senior", "Visit the family once more first"));
        (await StatusAsync(app, caseId)).ShouldBe(CaseStatus.ActiveSupport);
        (await vbsw1.GetHtmlAsync(url)).ShouldContain("Visit the family once more first");
        // The stale decision form finds nothing waiting now.
        (await senior.PostFormAsync(url + "?handler=Approve", decision, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StatusAsync(app, caseId)).ShouldBe(CaseStatus.ActiveSupport);

        // A supervisor who proposes cannot approve their own proposal either; the other supervisor of the commune does.
        (await ProposeAsync(app, senior, caseId, goal, "The visits are no longer needed")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await app.WithDbAsync(db => db.CaseClosures.AsNoTracking().SingleAsync(c => c.CaseId == caseId && c.Status == ClosureStatus.Proposed));
        var ownApproval = await senior.PostFormAsync(url + "?handler=Approve", new() { ["Decision.Version"] = second.Version.ToString() }, formPage: url);
        ownApproval.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StatusAsync(app, caseId)).ShouldBe(CaseStatus.ActiveSupport);
        var ccwc = await app.As("ouchar.ccwc");
        (await ccwc.PostFormAsync(url + "?handler=Approve", new() { ["Decision.Version"] = second.Version.ToString() }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusAsync(app, caseId)).ShouldBe(CaseStatus.Closed);
        (await app.WithDbAsync(db => db.CaseClosures.AsNoTracking().SingleAsync(c => c.Id == second.Id))).DecidedBy.ShouldBe("ouchar.ccwc");
        // The timeline and the audit keep the proposal, the return and the approval.
        var page = await vbsw1.GetHtmlAsync($"/Cases/{caseId}");
        page.ShouldContain("Visit the family once more first");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "CaseClosure" && (a.EntityId == proposal.Id.ToString() || a.EntityId == second.Id.ToString()))))
            .ShouldBeGreaterThanOrEqualTo(4);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bad_closure_proposals_and_decisions_get_a_message_and_change_nothing(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.ActiveSupport);
        var goal = await ApprovedPlanAsync(app, caseId, TestClock.Today.AddDays(10), "Visit twice a week");
        var vbsw1 = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Close";
        var version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        const string Script = "<script>alert('hive')</script>";
        foreach (var form in new Dictionary<string, string>[]
        {
            new() { ["Input.Version"] = version.ToString(), ["Input.Reason"] = "999", [$"Input.Outcomes[{goal}]"] = "Met", ["Input.WorkerScale"] = "8", ["Input.OpenActionsReason"] = "r" },
            new() { ["Input.Version"] = version.ToString(), ["Input.Reason"] = "SafetyGoalsMet", [$"Input.Outcomes[{goal}]"] = "Sometimes", ["Input.WorkerScale"] = "8", ["Input.OpenActionsReason"] = "r" },
            new() { ["Input.Version"] = version.ToString(), ["Input.Reason"] = "SafetyGoalsMet", [$"Input.Outcomes[{goal}]"] = "Met", ["Input.WorkerScale"] = "1e309", ["Input.OpenActionsReason"] = "r" },
            new() { ["Input.Version"] = version.ToString(), ["Input.Reason"] = "SafetyGoalsMet", [$"Input.Outcomes[{goal}]"] = "Met", ["Input.WorkerScale"] = "8", ["Input.OpenActionsReason"] = new string('ក', 2001) },
            new() { ["Input.Version"] = "abc", ["Input.Reason"] = "SafetyGoalsMet", [$"Input.Outcomes[{goal}]"] = "Met", ["Input.WorkerScale"] = "8", ["Input.OpenActionsReason"] = Script },
            new() { ["Input.Version"] = version.ToString(), ["Input.Reason"] = "SafetyGoalsMet", ["Input.Outcomes[999999]"] = "Met", ["Input.WorkerScale"] = "8", ["Input.OpenActionsReason"] = "r" },
        })
        {
            var response = await vbsw1.PostFormAsync(url, form, formPage: url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var html = await response.Content.ReadAsStringAsync();
            (html.Contains("validation-summary-errors", StringComparison.Ordinal) || html.Contains("id=\"conflict\"", StringComparison.Ordinal)
                || System.Text.RegularExpressions.Regex.IsMatch(html, "field-validation-error[^>]*>[^<]+<")).ShouldBeTrue(string.Join(", ", form.Values));
            html.ShouldNotContain(Script);
        }
        (await app.WithDbAsync(db => db.CaseClosures.CountAsync(c => c.CaseId == caseId))).ShouldBe(0);

        (await ProposeAsync(app, vbsw1, caseId, goal, "The visits are no longer needed")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var proposal = await app.WithDbAsync(db => db.CaseClosures.AsNoTracking().SingleAsync(c => c.CaseId == caseId));
        var senior = await app.As("ouchar.senior");
        foreach (var (handler, form) in new (string, Dictionary<string, string>)[]
        {
            ("Approve", new() { ["Decision.Version"] = "abc" }),
            ("Approve", new() { ["Decision.Version"] = (proposal.Version + 7).ToString() }),
            ("Approve", []),
            ("Return", new() { ["Decision.Version"] = proposal.Version.ToString(), ["Decision.ReturnReason"] = new string('x', 2001) }),
            ("Return", new() { ["Decision.Version"] = proposal.Version.ToString(), ["Decision.ReturnReason"] = "\t\r\n " }),
            ("Return", new() { ["Decision.Version"] = "99999999999999999999", ["Decision.ReturnReason"] = Script }),
        })
        {
            var response = await senior.PostFormAsync($"{url}?handler={handler}", form, formPage: url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{handler} {string.Join(", ", form.Values)}");
            var html = await response.Content.ReadAsStringAsync();
            // A message: in the summary, beside the field, or "changed by someone else".
            (html.Contains("validation-summary-errors", StringComparison.Ordinal) || html.Contains("id=\"conflict\"", StringComparison.Ordinal)
                || System.Text.RegularExpressions.Regex.IsMatch(html, "field-validation-error[^>]*>[^<]+<")).ShouldBeTrue();
            html.ShouldNotContain(Script);
        }
        var after = await app.WithDbAsync(db => db.CaseClosures.AsNoTracking().SingleAsync(c => c.CaseId == caseId));
        (after.Status, after.Version, after.DecidedBy).ShouldBe((ClosureStatus.Proposed, proposal.Version, (string?)null));
        (await StatusAsync(app, caseId)).ShouldBe(CaseStatus.ActiveSupport);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Support_not_handed_over_referrals_and_tasks_are_listed_before_a_proposal_and_need_a_reason(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.ActiveSupport);
        var goal = await ApprovedPlanAsync(app, caseId, TestClock.Today.AddDays(10), "Rice every month");
        await app.NewSupportRequestAsync(caseId, "ouchar.vbsw1", 50_000, status: SupportStatus.Approved);
        await app.NewServiceReferralAsync(caseId, DemoServices.HealthCentre);
        await app.WithDbAsync(db =>
        {
            db.CaseTasks.Add(new CaseTask { CaseId = caseId, Text = "Take the rice to the family", DueOn = TestClock.Today, AssignedTo = "ouchar.vbsw1", CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow });
            return db.SaveChangesAsync();
        });
        var vbsw1 = await app.As("ouchar.vbsw1");
        var html = await vbsw1.GetHtmlAsync($"/Cases/{caseId}/Close");
        html.ShouldContain("data-open=\"support\"");
        html.ShouldContain("data-open=\"referral\"");
        html.ShouldContain("Take the rice to the family");
        html.ShouldContain("Rice every month");
        html.ShouldContain("Input.OpenActionsReason");
        // Without saying why the open work stays open, nothing is proposed.
        (await ProposeAsync(app, vbsw1, caseId, goal)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.CaseClosures.CountAsync(c => c.CaseId == caseId))).ShouldBe(0);
        (await ProposeAsync(app, vbsw1, caseId, goal, "The family moved to Phnom Penh; the rice goes back to the commune store")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The approver sees the same list beside the proposal.
        var senior = await (await app.As("ouchar.senior")).GetHtmlAsync($"/Cases/{caseId}/Close");
        senior.ShouldContain("data-open=\"support\"");
        senior.ShouldContain("The family moved to Phnom Penh; the rice goes back to the commune store");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_village_worker_escalates_and_the_senior_accepts_and_leads(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.Assessment);
        var vbsw1 = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Escalate";
        (await vbsw1.PostFormAsync(url, new() { ["Reason"] = "" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await vbsw1.PostFormAsync(url, new() { ["Reason"] = "Violence at home, the father threatens the worker" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // One request at a time.
        (await vbsw1.PostFormAsync(url, new() { ["Reason"] = "again" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.CaseEscalations.CountAsync(e => e.CaseId == caseId))).ShouldBe(1);
        // The worker may not accept their own request.
        (await vbsw1.PostFormAsync(url + "?handler=Accept", [], formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var senior = await app.As("ouchar.senior");
        (await senior.GetHtmlAsync("/Cases?waiting=escalation&mine=false")).ShouldContain($"/Cases/{caseId}\"");
        (await senior.GetHtmlAsync("/Cases")).ShouldContain("id=\"escalations-waiting\"");
        (await senior.PostFormAsync(url + "?handler=Accept", [], formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var c = await app.WithDbAsync(db => db.Cases.Include(x => x.Team).AsNoTracking().SingleAsync(x => x.Id == caseId));
        c.LeadWorker.ShouldBe("ouchar.senior");
        c.Team.ShouldContain(t => t.UserName == "ouchar.vbsw1" && t.Role == CaseTeamRole.Member);
        (await app.WithDbAsync(db => db.CaseEscalations.SingleAsync(e => e.CaseId == caseId))).AcceptedBy.ShouldBe("ouchar.senior");
        // The previous lead still sees and works the case.
        (await vbsw1.GetHtmlAsync($"/Cases?q={await HeadLatinAsync(app, caseId)}")).ShouldContain($"/Cases/{caseId}\"");
    }

    private static async Task<int> AskTransferAsync(HiveApp app, int caseId)
    {
        var svayPao = await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.SvayPaoCode).Select(c => c.Id).SingleAsync());
        var ccwc = await app.As("ouchar.ccwc");
        var url = $"/Cases/{caseId}/Transfer";
        var version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        (await ccwc.PostFormAsync(url, new() { ["Version"] = version.ToString(), ["ToCommuneId"] = svayPao.ToString(), ["Reason"] = "" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ccwc.PostFormAsync(url, new() { ["Version"] = version.ToString(), ["ToCommuneId"] = svayPao.ToString(), ["Reason"] = "The family moved to Svay Pao" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync())).ShouldBe(CaseStatus.Transferred);
        return svayPao;
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_transfer_accepted_by_the_receiving_commune_moves_the_case_there(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.ActiveSupport);
        await AskTransferAsync(app, caseId);
        var name = await HeadLatinAsync(app, caseId);
        var receiving = await app.As("svaypao.ccwc");
        (await receiving.GetHtmlAsync("/Cases")).ShouldContain("id=\"transfers-waiting\"");
        (await receiving.GetHtmlAsync("/Cases?waiting=transfer")).ShouldContain($"/Cases/{caseId}\"");
        // Only the receiving commune decides.
        var url = $"/Cases/{caseId}/Transfer";
        (await (await app.As("ouchar.ccwc")).PostFormAsync(url + "?handler=Accept", [], formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.As("svaypao.vbsw1")).PostFormAsync(url + "?handler=Accept", [], formPage: "/")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var village = await app.VillageIdAsync("02030201");
        var version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        (await receiving.PostFormAsync(url + "?handler=Accept", new() { ["Version"] = version.ToString(), ["VillageId"] = village.ToString(), ["LeadWorker"] = "ouchar.vbsw1" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.OK); // not a worker of the receiving commune
        (await receiving.PostFormAsync(url + "?handler=Accept", new() { ["Version"] = version.ToString(), ["VillageId"] = village.ToString(), ["LeadWorker"] = "svaypao.vbsw1" }, formPage: url))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var c = await app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId));
        (c.Status, c.VillageId, c.LeadWorker).ShouldBe((CaseStatus.ActiveSupport, village, "svaypao.vbsw1"));
        (await app.WithDbAsync(db => db.CaseTransfers.SingleAsync(t => t.CaseId == caseId))).Accepted.ShouldBe(true);
        (await (await app.As("svaypao.vbsw1")).GetHtmlAsync($"/Cases?q={name}")).ShouldContain($"/Cases/{caseId}\"");
        // The old lead and the old commune no longer see it.
        (await (await app.As("ouchar.vbsw1")).GetHtmlAsync($"/Cases?q={name}&mine=false")).ShouldNotContain($"/Cases/{caseId}\"");
        (await (await app.As("ouchar.senior")).GetHtmlAsync($"/Cases?q={name}")).ShouldNotContain($"/Cases/{caseId}\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_rejected_transfer_leaves_the_case_where_it_was(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.Planning);
        await AskTransferAsync(app, caseId);
        var receiving = await app.As("svaypao.ccwc");
        var url = $"/Cases/{caseId}/Transfer";
        var version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        (await receiving.PostFormAsync(url + "?handler=Reject", new() { ["Version"] = version.ToString(), ["Note"] = "" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await receiving.PostFormAsync(url + "?handler=Reject", new() { ["Version"] = version.ToString(), ["Note"] = "The family is still in Ou Char" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var c = await app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId));
        (c.Status, c.LeadWorker).ShouldBe((CaseStatus.Planning, "ouchar.vbsw1"));
        (await app.WithDbAsync(db => db.CaseTransfers.SingleAsync(t => t.CaseId == caseId))).Accepted.ShouldBe(false);
        await receiving.GetHtmlAsync(url, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_commune_official_sees_a_case_only_after_a_conference_lists_them_and_never_confidential_notes(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var chief = await app.As("ouchar.chief");
        var name = await HeadLatinAsync(app, caseId);
        await chief.GetHtmlAsync($"/Cases/{caseId}/Move", HttpStatusCode.NotFound);
        (await chief.GetHtmlAsync($"/Cases?q={name}")).ShouldNotContain($"/Cases/{caseId}\"");

        var vbsw1 = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Conferences/New";
        var form = new Dictionary<string, string>
        {
            ["Input.HeldOn"] = TestClock.Today.ToString("yyyy-MM-dd"), ["Input.Place"] = "Commune hall", ["Input.Participants"] = "ouchar.chief",
            ["Input.Extra"] = "Sok Dara — police chief", ["Input.Decisions"] = "", ["Input.TaskText"] = "Check school attendance",
            ["Input.TaskDueOn"] = TestClock.Today.AddDays(7).ToString("yyyy-MM-dd"), ["Input.TaskAssignee"] = "ouchar.vbsw1",
        };
        (await vbsw1.PostFormAsync(url, form, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK); // decisions are required
        form["Input.Decisions"] = "The grandmother keeps the children; weekly visits";
        (await vbsw1.PostFormAsync(url, form, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var conference = await app.WithDbAsync(db => db.CaseConferences.Include(c => c.Participants).SingleAsync(c => c.CaseId == caseId));
        conference.Participants.Select(p => p.UserName ?? p.Name).ShouldBe(["ouchar.chief", "Sok Dara"], ignoreOrder: true);
        (await app.WithDbAsync(db => db.CaseTasks.CountAsync(t => t.CaseId == caseId && t.Text == "Check school attendance"))).ShouldBe(1);

        (await chief.GetHtmlAsync($"/Cases?q={name}")).ShouldContain($"/Cases/{caseId}\"");
        // They may read, not work: the work pages forbid them.
        await chief.GetHtmlAsync($"/Cases/{caseId}/Move", HttpStatusCode.Forbidden);
        // Confidential notes: the header says the official does not see them (the case page itself is the lead's).
        var secret = "Secret " + DemoData.UniqueLatin();
        await app.WithDbAsync(db =>
        {
            db.CaseNotes.Add(new CaseNote { CaseId = caseId, Text = secret, Confidential = true, WrittenBy = "ouchar.vbsw1", WrittenAt = TestClock.UtcNow });
            db.CaseNotes.Add(new CaseNote { CaseId = caseId, Text = "Open note", Confidential = false, WrittenBy = "ouchar.vbsw1", WrittenAt = TestClock.UtcNow });
            return db.SaveChangesAsync();
        });
        var officialNotes = await app.WithDbAsync(db => db.NotesVisibleToAsync(caseId, seesConfidential: false));
        officialNotes.ShouldNotContain(secret);
        officialNotes.ShouldContain("Open note");
        var caseResponse = await chief.GetAsync($"/Cases/{caseId}");
        if (caseResponse.StatusCode == HttpStatusCode.OK) (await caseResponse.Content.ReadAsStringAsync()).ShouldNotContain(secret);

        // A case that is not high-risk has no conference.
        var low = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.Open, Tier.EarlyIntervention, Priority.Low);
        (await vbsw1.GetHtmlAsync($"/Cases/{low}/Conferences/New")).ShouldContain("id=\"conference-refused\"");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_review_sets_the_next_review_date_and_moves_the_case_by_its_decision(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", CaseStatus.ActiveSupport, Tier.EarlyIntervention, Priority.Medium);
        var goal = await ApprovedPlanAsync(app, caseId, TestClock.Today.AddDays(20), "School uniforms");
        var vbsw1 = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Reviews/New";
        var version = await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
        var form = new Dictionary<string, string>
        {
            ["Input.Version"] = version.ToString(), [$"Input.Progress[{goal}]"] = "GoodProgress", [$"Input.Notes[{goal}]"] = "Both children at school",
            ["Input.Summary"] = "", ["Input.Decision"] = "ContinueSupport", ["Input.TierAfter"] = "EarlyIntervention",
        };
        (await vbsw1.PostFormAsync(url, form, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        form["Input.Summary"] = "The family is doing better";
        (await vbsw1.PostFormAsync(url, form, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var today = TestClock.Today;
        var c = await app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId));
        c.NextReviewDueOn.ShouldBe(today.AddMonths(3));
        c.Status.ShouldBe(CaseStatus.ActiveSupport);
        var moves = await app.WithDbAsync(db => db.CaseTransitions.Where(t => t.CaseId == caseId).OrderBy(t => t.Id).Select(t => t.To).ToListAsync());
        moves.ShouldBe([CaseStatus.Review, CaseStatus.ActiveSupport]);
        var review = await app.WithDbAsync(db => db.CaseReviews.Include(r => r.Progress).SingleAsync(r => r.CaseId == caseId));
        review.Progress.Single().Progress.ShouldBe(GoalProgress.GoodProgress);

        // Stepping up to crisis makes the next review monthly; revising the plan sends the case to planning.
        version = c.Version;
        form["Input.Version"] = version.ToString();
        form["Input.TierAfter"] = "Crisis";
        form["Input.Decision"] = "RevisePlan";
        (await vbsw1.PostFormAsync(url, form, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        c = await app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId));
        (c.Tier, c.Status, c.NextReviewDueOn).ShouldBe((Tier.Crisis, CaseStatus.Planning, today.AddMonths(1)));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_lead_worker_adds_and_removes_team_members(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1");
        var vbsw1 = await app.As("ouchar.vbsw1");
        var url = $"/Cases/{caseId}/Team";
        (await vbsw1.GetHtmlAsync(url)).ShouldContain("value=\"ouchar.senior\"");
        // vbsw2 works villages 4–6: not offered for a village 1 case.
        (await vbsw1.PostFormAsync(url, new() { ["UserName"] = "ouchar.vbsw2" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await vbsw1.PostFormAsync(url, new() { ["UserName"] = "ouchar.senior" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.CaseTeamMembers.CountAsync(t => t.CaseId == caseId && t.UserName == "ouchar.senior"))).ShouldBe(1);
        (await vbsw1.PostFormAsync(url + "?handler=Remove", new() { ["UserName"] = "ouchar.senior" }, formPage: url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.CaseTeamMembers.CountAsync(t => t.CaseId == caseId))).ShouldBe(0);
    }
}
