using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VillageHive.Data;
using VillageHive.Data.Seed;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// The seeded demo cases tell a consistent story. Other tests add cases in parallel, so these look only at the
/// seeded ones: cases from referrals received in the programme's years (tests' referrals are received today).
/// </summary>
public sealed class DemoCaseDataTests(Apps apps)
{
    private static IQueryable<VillageHive.Domain.Case> Demo(HiveDbContext db, string communeCode, string lead, DateTime from, DateTime to) =>
        db.Cases.Where(c => c.Village!.Commune!.Code == communeCode && c.LeadWorker == lead && c.Referral!.ReceivedAt >= from && c.Referral.ReceivedAt < to);

    /// <summary>The cases of the programme's year (the years around it are <see cref="DemoHistory"/>'s, tested in DemoHistoryTests).</summary>
    private static IQueryable<VillageHive.Domain.Case> OuChar(HiveDbContext db) => Demo(db, DemoGeography.OuCharCode, "ouchar.senior", DemoReferrals.OuChar.From, DemoReferrals.OuChar.To);

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Ou_Chars_16_high_risk_cases_are_in_every_stage_with_approved_work_before_them(string provider)
    {
        var app = await apps.Get(provider);
        var cases = await app.WithDbAsync(db => OuChar(db).AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.Status,
                c.RiskLevel,
                ApprovedAssessment = db.Assessments.Any(a => a.CaseId == c.Id && a.Status == AssessmentStatus.Approved && a.ApprovedBy == "ouchar.senior"),
                ApprovedPlan = db.SupportPlans.Any(p => p.CaseId == c.Id && p.Status == PlanStatus.Approved && p.ApprovedBy == "ouchar.senior" && p.AgreedOn != null),
                DraftPlan = db.SupportPlans.Any(p => p.CaseId == c.Id && p.Status == PlanStatus.Draft),
                Team = c.Team.Select(t => t.UserName).ToList(),
            })
            .ToListAsync());

        cases.Count.ShouldBe(16);
        cases.ShouldAllBe(c => c.RiskLevel == Priority.High);
        cases.Select(c => c.Status).Distinct().Count().ShouldBeGreaterThanOrEqualTo(5);
        cases.Count(c => c.Status == CaseStatus.ActiveSupport).ShouldBeGreaterThanOrEqualTo(3);
        cases.ShouldAllBe(c => c.Team.Count == 1 && (c.Team[0] == "ouchar.vbsw1" || c.Team[0] == "ouchar.vbsw2"));
        cases.Where(c => c.Status is CaseStatus.Planning or CaseStatus.ActiveSupport or CaseStatus.Review or CaseStatus.Closed)
            .ShouldAllBe(c => c.ApprovedAssessment);
        cases.Where(c => c.Status is CaseStatus.ActiveSupport or CaseStatus.Review or CaseStatus.Closed).ShouldAllBe(c => c.ApprovedPlan);
        cases.Where(c => c.Status == CaseStatus.Planning).ShouldAllBe(c => c.DraftPlan);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Every_demo_status_step_is_a_move_the_case_state_machine_allows(string provider)
    {
        var app = await apps.Get(provider);
        var (statuses, transitions) = await app.WithDbAsync(async db =>
        {
            var ids = OuChar(db).Select(c => c.Id);
            var s = await OuChar(db).ToDictionaryAsync(c => c.Id, c => c.Status);
            var t = await db.CaseTransitions.Where(t => ids.Contains(t.CaseId)).OrderBy(t => t.At).ThenBy(t => t.Id).ToListAsync();
            return (s, t);
        });
        foreach (var (id, status) in statuses)
        {
            var at = CaseStatus.Open;
            foreach (var t in transitions.Where(t => t.CaseId == id))
            {
                t.From.ShouldBe(at, $"case {id}");
                var move = CaseWorkflow.Find(t.From, t.To);
                move.ShouldNotBeNull($"case {id}: {t.From} → {t.To}");
                if (move.NeedsReason) t.Reason.ShouldNotBeNullOrWhiteSpace();
                at = t.To;
            }
            at.ShouldBe(status, $"case {id}");
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Every_submitted_or_approved_demo_assessment_and_every_agreed_plan_is_complete(string provider)
    {
        var app = await apps.Get(provider);
        var (assessments, plans) = await app.WithDbAsync(async db =>
        {
            var ids = OuChar(db).Select(c => c.Id);
            var a = await db.Assessments.AsNoTracking().Include(x => x.SafetyGoals)
                .Where(x => ids.Contains(x.CaseId) && x.Status != AssessmentStatus.Draft).ToListAsync();
            var p = await db.SupportPlans.AsNoTracking().Include(x => x.Goals).Include(x => x.Actions)
                .Where(x => ids.Contains(x.CaseId) && x.Status != PlanStatus.Draft).ToListAsync();
            return (a, p);
        });
        assessments.ShouldNotBeEmpty();
        foreach (var a in assessments) AssessmentRules.Incomplete(a).ShouldBeNull($"assessment {a.Id}");
        plans.ShouldNotBeEmpty();
        foreach (var p in plans)
            p.Goals.ShouldAllBe(g => p.Actions.Any(x => x.GoalOrder == g.Order), $"plan {p.Id}");
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task One_demo_case_is_closed_with_its_goals_met_and_one_is_reopened_for_a_second_assessment(string provider)
    {
        var app = await apps.Get(provider);
        var closures = await app.WithDbAsync(db => db.CaseClosures.AsNoTracking()
            .Where(x => OuChar(db).Any(c => c.Id == x.CaseId))
            .Select(x => new
            {
                x.Reason,
                x.ReopenedAt,
                x.ReopenedBy,
                x.ReopenReason,
                Outcomes = x.GoalOutcomes.Count,
                Status = db.Cases.Where(c => c.Id == x.CaseId).Select(c => c.Status).First(),
                ClosedAt = db.Cases.Where(c => c.Id == x.CaseId).Select(c => c.ClosedAt).First(),
                Assessments = db.Assessments.Where(a => a.CaseId == x.CaseId).Select(a => a.Number).ToList(),
                Reopen = db.CaseTransitions.Count(t => t.CaseId == x.CaseId && t.From == CaseStatus.Closed && t.To == CaseStatus.Assessment),
            })
            .ToListAsync());

        var closed = closures.Where(x => x.ReopenedAt == null).ShouldHaveSingleItem();
        closed.Reason.ShouldBe(ClosureReason.SafetyGoalsMet);
        closed.Status.ShouldBe(CaseStatus.Closed);
        closed.ClosedAt.ShouldNotBeNull();
        closed.Outcomes.ShouldBeGreaterThanOrEqualTo(2);

        var reopened = closures.Where(x => x.ReopenedAt != null).ShouldHaveSingleItem();
        reopened.Status.ShouldBe(CaseStatus.Assessment);
        reopened.ReopenedBy.ShouldBe("ouchar.senior");
        reopened.ReopenReason.ShouldNotBeNullOrWhiteSpace();
        reopened.ClosedAt.ShouldBeNull();
        reopened.Reopen.ShouldBe(1);
        reopened.Assessments.Order().ShouldBe([1, 2]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_demo_has_overdue_work_a_conference_with_the_commune_chief_and_scales_within_0_to_10(string provider)
    {
        var app = await apps.Get(provider);
        var today = TestClock.Today;
        var facts = await app.WithDbAsync(async db =>
        {
            var ids = OuChar(db).Select(c => c.Id);
            return new
            {
                OverdueCases = await OuChar(db).Where(CaseAccess.Overdue(db, today)).CountAsync(),
                OverdueActions = await db.PlanActions.CountAsync(a => ids.Contains(a.Plan!.CaseId) && a.Plan.Status == PlanStatus.Approved
                    && (a.Status == ActionStatus.NotStarted || a.Status == ActionStatus.InProgress) && a.DueOn < today),
                OverdueTasks = await db.CaseTasks.CountAsync(t => ids.Contains(t.CaseId) && t.DoneAt == null && t.DueOn < today),
                ChiefConferences = await db.CaseConferences.CountAsync(x => ids.Contains(x.CaseId) && x.Participants.Any(p => p.UserName == "ouchar.chief")),
                SteppedDown = await db.CaseReviews.CountAsync(r => ids.Contains(r.CaseId) && r.TierBefore == Tier.Crisis && r.TierAfter == Tier.EarlyIntervention),
                ConfidentialNotes = await db.CaseNotes.CountAsync(n => ids.Contains(n.CaseId) && n.Confidential),
                LinkedNetwork = await db.FamilyNetworkMembers.CountAsync(m => ids.Contains(m.CaseId) && m.PersonId != null),
                RevisedPlans = await db.SupportPlans.CountAsync(p => ids.Contains(p.CaseId) && p.Status == PlanStatus.Superseded),
                Scales = await db.Assessments.Where(a => ids.Contains(a.CaseId))
                    .Select(a => new[] { a.WorkerScale, a.FamilyScale, a.NetworkScale, a.ChildScale }).ToListAsync(),
                VisitScales = await db.Visits.Where(v => ids.Contains(v.CaseId)).Select(v => v.WorkerScale).ToListAsync(),
                Finals = await db.CaseClosures.Where(x => ids.Contains(x.CaseId))
                    .Select(x => new[] { x.FinalWorkerScale, x.FinalFamilyScale, x.FinalNetworkScale, x.FinalChildScale }).ToListAsync(),
                Svay = await Demo(db, DemoGeography.SvayPaoCode, "svaypao.vbsw1", DemoReferrals.SvayPao.From, DemoReferrals.SvayPao.To)
                    .CountAsync(c => db.Assessments.Any(a => a.CaseId == c.Id)),
            };
        });

        facts.OverdueCases.ShouldBeInRange(2, 8);
        (facts.OverdueActions + facts.OverdueTasks).ShouldBeGreaterThan(0);
        facts.OverdueActions.ShouldBeGreaterThan(0);
        facts.ChiefConferences.ShouldBe(1);
        facts.SteppedDown.ShouldBe(1);
        facts.ConfidentialNotes.ShouldBeGreaterThan(0);
        facts.LinkedNetwork.ShouldBeGreaterThan(0);
        facts.RevisedPlans.ShouldBe(1);
        var all = facts.Scales.SelectMany(s => s).Concat(facts.VisitScales).Concat(facts.Finals.SelectMany(s => s)).Where(s => s != null).ToList();
        all.Count.ShouldBeGreaterThan(40);
        all.ShouldAllBe(s => s >= 0 && s <= 10);
        facts.Svay.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_commune_chief_sees_the_conference_case_and_no_other_demo_case(string provider)
    {
        var app = await apps.Get(provider);
        var conferenceCase = await app.WithDbAsync(db => db.CaseConferences
            .Where(x => OuChar(db).Any(c => c.Id == x.CaseId) && x.Participants.Any(p => p.UserName == "ouchar.chief"))
            .Select(x => x.CaseId).FirstAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<HiveUser>>();
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<HiveUser>>()
            .CreateAsync((await users.FindByNameAsync("ouchar.chief"))!);
        var me = new CurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } });
        var db = services.GetRequiredService<HiveDbContext>();
        var visible = await db.CasesFor(me).Where(c => OuChar(db).Any(o => o.Id == c.Id)).Select(c => c.Id).ToListAsync();
        visible.ShouldBe([conferenceCase]);
    }
}
