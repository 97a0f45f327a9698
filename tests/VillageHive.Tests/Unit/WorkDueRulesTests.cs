using VillageHive.Domain;
using Case = VillageHive.Domain.Case;

namespace VillageHive.Tests.Unit;

/// <summary>What counts as due on a worker's list: visits, absence follow-ups, approvals and the three groups.</summary>
public sealed class WorkDueRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Fact]
    public void The_next_visit_is_counted_from_the_last_by_tier_and_risk_and_a_case_never_visited_by_its_assessment_day()
    {
        var crisis = new Case { Tier = Tier.Crisis, RiskLevel = Priority.Low, AssessmentDueOn = Today.AddDays(7) };
        var highRisk = new Case { Tier = Tier.EarlyIntervention, RiskLevel = Priority.High };
        var early = new Case { Tier = Tier.EarlyIntervention, RiskLevel = Priority.Medium };
        var universal = new Case { Tier = Tier.Universal, RiskLevel = Priority.Low };
        VisitSchedule.NextDueOn(crisis, Today).ShouldBe(Today.AddDays(7));
        VisitSchedule.NextDueOn(highRisk, Today).ShouldBe(Today.AddDays(7));
        VisitSchedule.NextDueOn(early, Today).ShouldBe(Today.AddDays(30));
        VisitSchedule.NextDueOn(universal, Today).ShouldBe(Today.AddDays(90));
        VisitSchedule.NextDueOn(crisis, null).ShouldBe(Today.AddDays(7));
        VisitSchedule.NextDueOn(early, null).ShouldBeNull();
    }

    [Fact]
    public void An_absence_follow_up_is_due_a_week_after_the_first_absent_day_and_only_while_open()
    {
        var from = Today.AddDays(-7);
        FollowUpRules.DueOn(from).ShouldBe(Today);
        var open = new AbsenceFollowUp { FromDate = from, Status = FollowUpStatus.Open };
        FollowUpRules.DueBefore.Holds(open, Today).ShouldBeFalse();
        FollowUpRules.DueBefore.Holds(open, Today.AddDays(1)).ShouldBeTrue();
        FollowUpRules.DueBefore.Holds(new AbsenceFollowUp { FromDate = from.AddDays(-1), Status = FollowUpStatus.Open }, Today).ShouldBeTrue();
        FollowUpRules.DueBefore.Holds(new AbsenceFollowUp { FromDate = from.AddDays(-30), Status = FollowUpStatus.Closed }, Today).ShouldBeFalse();
    }

    [Fact]
    public void A_submitted_assessment_is_due_for_a_decision_three_days_after_it_was_made()
    {
        var made = Today.AddDays(-3);
        CaseRules.ApprovalDueOn(made).ShouldBe(Today);
        var submitted = new Assessment { AssessedOn = made, Status = AssessmentStatus.Submitted };
        CaseRules.ApprovalDueBefore.Holds(submitted, Today).ShouldBeFalse();
        CaseRules.ApprovalDueBefore.Holds(submitted, Today.AddDays(1)).ShouldBeTrue();
        CaseRules.ApprovalDueBefore.Holds(new Assessment { AssessedOn = made.AddDays(-9), Status = AssessmentStatus.Draft }, Today).ShouldBeFalse();
    }

    [Fact]
    public void Work_falls_into_overdue_today_or_this_week_by_its_day()
    {
        CaseRules.GroupOf(Today.AddDays(-1), Today).ShouldBe(DueGroup.Overdue);
        CaseRules.GroupOf(Today, Today).ShouldBe(DueGroup.Today);
        CaseRules.GroupOf(Today.AddDays(1), Today).ShouldBe(DueGroup.ThisWeek);
        CaseRules.GroupOf(Today.AddDays(6), Today).ShouldBe(DueGroup.ThisWeek);
        CaseRules.WeekEnd(Today).ShouldBe(Today.AddDays(7));
        // Due before the week's end: on the list; due on it: not yet.
        var task = new CaseTask { DueOn = Today.AddDays(6) };
        CaseRules.TaskDueBefore.Holds(task, CaseRules.WeekEnd(Today)).ShouldBeTrue();
        CaseRules.TaskDueBefore.Holds(new CaseTask { DueOn = Today.AddDays(7) }, CaseRules.WeekEnd(Today)).ShouldBeFalse();
        CaseRules.TaskOverdue.Holds(task, Today).ShouldBeFalse();
    }
}
