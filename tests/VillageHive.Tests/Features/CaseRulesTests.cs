using System.Net;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// The named rules of <see cref="CaseRules"/> and <see cref="EnrolmentRules"/> give the same answer as SQL (on each
/// database) and in memory, on the same rows; and every page that records work on a case applies the same one.
/// </summary>
public sealed class CaseRulesTests(Apps apps)
{
    private const string TakesNoWork = "ករណីនេះត្រូវបានបិទ ឬកំពុងរង់ចាំការផ្ទេរ";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_case_waiting_for_transfer_refuses_support_payments_and_service_referrals_as_it_refuses_visits(string provider)
    {
        var app = await apps.Get(provider);
        var caseId = await app.NewCaseAsync("02030901", "ouchar.vbsw1", status: CaseStatus.Transferred);
        var village = await app.VillageIdAsync("02030901");
        var service = await app.WithDbAsync(db => db.Services.Where(s => s.Provider!.Name == DemoServices.HealthCentre && s.Coverage.Any(c => c.VillageId == village))
            .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        var worker = await app.As("ouchar.vbsw1");
        var today = TestClock.Today.ToString("yyyy-MM-dd");

        async Task RefusedAsync(string url, Dictionary<string, string> form, string? formPage = null)
        {
            var response = await worker.PostFormAsync(url, form, formPage);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            (await response.Content.ReadAsStringAsync()).ShouldContain(TakesNoWork, customMessage: url);
        }

        await RefusedAsync($"/Cases/{caseId}/Visits/New", new()
        {
            ["Input.VisitedOn"] = today, ["Input.Place"] = "Home", ["Input.WhoWasSeen"] = "Mother", ["Input.Observations"] = "Packing to move", ["Input.WorkerScale"] = "5",
        });
        var support = $"/Cases/{caseId}/Support";
        await RefusedAsync(support, new() { ["Input.Item"] = "Rice", ["Input.Quantity"] = "50", ["Input.UnitCost"] = "3000", ["Input.Currency"] = "KHR" });
        await RefusedAsync(support + "/Schedules/New", new() { ["Amount"] = "40000", ["Currency"] = "KHR", ["StartOn"] = today }, support);
        await RefusedAsync($"/Cases/{caseId}/Services", new() { ["Input.ServiceId"] = service.ToString(), ["Input.Request"] = "Check-up before the move" });

        (await app.WithDbAsync(db => db.Visits.CountAsync(v => v.CaseId == caseId))).ShouldBe(0);
        (await app.WithDbAsync(db => db.MaterialSupportRequests.CountAsync(r => r.CaseId == caseId))).ShouldBe(0);
        (await app.WithDbAsync(db => db.SupportPaymentSchedules.CountAsync(s => s.CaseId == caseId))).ShouldBe(0);
        (await app.WithDbAsync(db => db.ServiceReferrals.CountAsync(r => r.CaseId == caseId))).ShouldBe(0);
        // The pages say so before anyone types.
        (await worker.GetHtmlAsync(support)).ShouldContain(TakesNoWork);
        (await worker.GetHtmlAsync($"/Cases/{caseId}/Services")).ShouldContain(TakesNoWork);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Each_case_rule_answers_the_same_in_SQL_and_in_memory(string provider)
    {
        var app = await apps.Get(provider);
        var today = TestClock.Today;
        var open = await app.NewCaseAsync("02030902", "ouchar.vbsw1", CaseStatus.ActiveSupport);
        var closed = await app.NewCaseAsync("02030902", "ouchar.vbsw1", CaseStatus.Closed);
        var waiting = await app.NewCaseAsync("02030902", "ouchar.vbsw1", CaseStatus.Transferred);
        var cases = new[] { open, closed, waiting };
        var village = await app.VillageIdAsync("02030902");
        var service = await app.WithDbAsync(db => db.Services.Where(s => s.Coverage.Any(c => c.VillageId == village)).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        await app.WithDbAsync(async db =>
        {
            foreach (var c in await db.Cases.Where(c => cases.Contains(c.Id)).ToListAsync())
            {
                // Review and first assessment due yesterday on each: only the cases not closed are overdue.
                c.NextReviewDueOn = today.AddDays(-1);
                c.AssessmentDueOn = today.AddDays(-1);
            }
            PlanAction Action(int order, ActionStatus status, DateOnly due) => new()
            {
                GoalOrder = 1, Order = order, Text = $"action {order}", OwnerKind = ActionOwnerKind.Worker, OwnerWorker = "ouchar.vbsw1", DueOn = due, Status = status,
            };
            SupportPlan Plan(int number, PlanStatus status, params PlanAction[] actions) => new()
            {
                CaseId = open, Number = number, Status = status, CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow,
                Goals = [new PlanGoal { Order = 1, Text = "Safe at home" }], Actions = [.. actions],
            };
            db.SupportPlans.AddRange(
                Plan(1, PlanStatus.Superseded, Action(1, ActionStatus.NotStarted, today.AddDays(-9))),
                Plan(2, PlanStatus.Approved, Action(1, ActionStatus.NotStarted, today.AddDays(-1)), Action(2, ActionStatus.InProgress, today),
                    Action(3, ActionStatus.Done, today.AddDays(-5)), Action(4, ActionStatus.Dropped, today.AddDays(-5)), Action(5, ActionStatus.InProgress, today.AddDays(-30))));
            CaseTask Task(string text, DateOnly due, bool done) => new()
            {
                CaseId = open, Text = text, DueOn = due, AssignedTo = "ouchar.vbsw1", CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow,
                DoneAt = done ? TestClock.UtcNow : null, DoneBy = done ? "ouchar.vbsw1" : null,
            };
            db.CaseTasks.AddRange(Task("late", today.AddDays(-1), false), Task("due today", today, false), Task("done late", today.AddDays(-3), true));
            ServiceReferral Referral(ServiceReferralStatus status, DateOnly respondBy) => new()
            {
                CaseId = open, ServiceId = service, Request = "rule test", Status = status, SentBy = "ouchar.vbsw1", SentAt = TestClock.UtcNow, RespondBy = respondBy,
            };
            db.ServiceReferrals.AddRange(Referral(ServiceReferralStatus.Sent, today.AddDays(-1)), Referral(ServiceReferralStatus.Sent, today),
                Referral(ServiceReferralStatus.Accepted, today.AddDays(-4)));
            await db.SaveChangesAsync();
        });

        await app.WithDbAsync(async db =>
        {
            var caseRows = await db.Cases.AsNoTracking().Where(c => cases.Contains(c.Id)).ToListAsync();
            Same(await db.Cases.Where(c => cases.Contains(c.Id)).Where(CaseRules.TakesWork.Sql).Select(c => c.Id).ToListAsync(),
                caseRows.Where(CaseRules.TakesWork.Holds).Select(c => c.Id), [open]);
            Same(await db.Cases.Where(c => cases.Contains(c.Id)).Where(CaseRules.Open.Sql).Select(c => c.Id).ToListAsync(),
                caseRows.Where(CaseRules.Open.Holds).Select(c => c.Id), [open, waiting]);
            Same(await db.Cases.Where(c => cases.Contains(c.Id)).Where(CaseRules.ReviewOverdue.Sql(today)).Select(c => c.Id).ToListAsync(),
                caseRows.Where(c => CaseRules.ReviewOverdue.Holds(c, today)).Select(c => c.Id), [open, waiting]);
            Same(await db.Cases.Where(c => cases.Contains(c.Id)).Where(CaseRules.AssessmentDuePassed.Sql(today)).Select(c => c.Id).ToListAsync(),
                caseRows.Where(c => CaseRules.AssessmentDuePassed.Holds(c, today)).Select(c => c.Id), [open, waiting]);

            var actions = db.PlanActions.Where(a => a.Plan!.CaseId == open);
            var actionRows = await actions.AsNoTracking().Include(a => a.Plan).ToListAsync();
            int Number(PlanAction a) => a.Plan!.Number * 10 + a.Order;
            Same((await actions.Where(CaseRules.OpenAction.Sql).Select(a => new { a.Plan!.Number, a.Order }).ToListAsync()).Select(a => a.Number * 10 + a.Order),
                actionRows.Where(CaseRules.OpenAction.Holds).Select(Number), [21, 22, 25]);
            Same((await actions.Where(CaseRules.ActionOverdue.Sql(today)).Select(a => new { a.Plan!.Number, a.Order }).ToListAsync()).Select(a => a.Number * 10 + a.Order),
                actionRows.Where(a => CaseRules.ActionOverdue.Holds(a, today)).Select(Number), [21, 25]);

            var tasks = db.CaseTasks.Where(t => t.CaseId == open);
            var taskRows = await tasks.AsNoTracking().ToListAsync();
            Same(await tasks.Where(CaseRules.OpenTask.Sql).Select(t => t.Text).ToListAsync(), taskRows.Where(CaseRules.OpenTask.Holds).Select(t => t.Text), ["late", "due today"]);
            Same(await tasks.Where(CaseRules.TaskOverdue.Sql(today)).Select(t => t.Text).ToListAsync(), taskRows.Where(t => CaseRules.TaskOverdue.Holds(t, today)).Select(t => t.Text), ["late"]);

            var referrals = db.ServiceReferrals.Where(r => r.CaseId == open);
            var referralRows = await referrals.AsNoTracking().ToListAsync();
            Same(await referrals.Where(CaseRules.AnswerOverdue.Sql(today)).Select(r => r.RespondBy.DayNumber).ToListAsync(),
                referralRows.Where(r => CaseRules.AnswerOverdue.Holds(r, today)).Select(r => r.RespondBy.DayNumber), [today.AddDays(-1).DayNumber]);

            // The list of overdue cases joins the rules: the open case and the waiting one (review due), not the closed one.
            (await db.Cases.Where(c => cases.Contains(c.Id)).Where(VillageHive.Features.Cases.CaseAccess.Overdue(db, today)).Select(c => c.Id).ToListAsync())
                .Order().ShouldBe(new[] { open, waiting }.Order());
        });
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Each_enrolment_rule_answers_the_same_in_SQL_and_in_memory(string provider)
    {
        var app = await apps.Get(provider);
        var today = TestClock.Today;
        var (programme, kids) = await ProgrammeTests.NewProgrammeAsync(app, "02030902", capacity: 10, children: 4);
        var starts = new[] { today.AddDays(-30), today.AddDays(-30), today.AddDays(5), today.AddDays(-30) };
        DateOnly?[] exits = [null, today, null, today.AddDays(2)];
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < kids.Count; i++)
                db.Enrolments.Add(new Enrolment { ProgrammeId = programme, PersonId = kids[i], StartDate = starts[i], ExitDate = exits[i], EnrolledBy = "test", EnrolledAt = TestClock.UtcNow });
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async db =>
        {
            var enrolments = db.Enrolments.Where(e => e.ProgrammeId == programme);
            var rows = await enrolments.AsNoTracking().ToListAsync();
            Same(await enrolments.Where(EnrolmentRules.ActiveOn.Sql(today)).Select(e => e.PersonId).ToListAsync(),
                rows.Where(e => EnrolmentRules.ActiveOn.Holds(e, today)).Select(e => e.PersonId), [kids[0], kids[3]]);
            Same(await enrolments.Where(EnrolmentRules.HoldsPlaceOn.Sql(today)).Select(e => e.PersonId).ToListAsync(),
                rows.Where(e => EnrolmentRules.HoldsPlaceOn.Holds(e, today)).Select(e => e.PersonId), [kids[0], kids[2], kids[3]]);
            var week = new Period(today.AddDays(3), today.AddDays(10));
            Same(await enrolments.Where(EnrolmentRules.ActiveDuring.Sql(week)).Select(e => e.PersonId).ToListAsync(),
                rows.Where(e => EnrolmentRules.ActiveDuring.Holds(e, week)).Select(e => e.PersonId), [kids[0], kids[2]]);
        });
    }

    /// <summary>SQL, memory and the expected answer agree (the expectation keeps the check from passing on two empty lists).</summary>
    private static void Same<T>(IEnumerable<T> sql, IEnumerable<T> memory, IEnumerable<T> expected)
    {
        var want = expected.Order().ToList();
        sql.Order().ToList().ShouldBe(want, "in SQL");
        memory.Order().ToList().ShouldBe(want, "in memory");
    }
}
