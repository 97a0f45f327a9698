using VillageHive.Tests.Infrastructure;
using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

public sealed class SupportPlanTests
{
    private static readonly DateOnly Due = new(2026, 12, 1);

    private static SupportPlan Approved() => new()
    {
        Id = 7, CaseId = 3, Number = 2, Status = PlanStatus.Approved, CreatedBy = "a", ApprovedBy = "s", Version = 4,
        Goals = [new PlanGoal { Id = 10, Order = 1, Text = "Goes to school", SafetyGoalId = 5 }, new PlanGoal { Id = 11, Order = 2, Text = "Enough rice" }],
        Actions =
        [
            new PlanAction { Id = 20, GoalOrder = 1, Order = 1, Text = "Uniform", OwnerKind = ActionOwnerKind.Worker, OwnerWorker = "w1", DueOn = Due, Status = ActionStatus.Done },
            new PlanAction { Id = 21, GoalOrder = 2, Order = 1, Text = "Rice", OwnerKind = ActionOwnerKind.NetworkMember, OwnerNetworkMemberId = 9, DueOn = Due },
        ],
    };

    [Fact]
    public void A_new_version_copies_goals_and_actions_as_a_draft_and_supersedes_the_old()
    {
        var old = Approved();
        var next = SupportPlans.NewVersion(old, "w2", new DateTime(2026, 11, 1), "  new worry  ");
        next.Number.ShouldBe(3);
        next.Status.ShouldBe(PlanStatus.Draft);
        next.CaseId.ShouldBe(3);
        next.ChangeReason.ShouldBe("new worry");
        next.ApprovedBy.ShouldBeNull();
        next.Goals.Select(g => (g.Order, g.Text, g.SafetyGoalId)).ShouldBe([(1, "Goes to school", (int?)5), (2, "Enough rice", null)]);
        next.Goals.ShouldAllBe(g => g.Id == 0);
        next.Actions.Select(a => (a.GoalOrder, a.Text, a.OwnerKind, a.Status)).ShouldBe(
            [(1, "Uniform", ActionOwnerKind.Worker, ActionStatus.Done), (2, "Rice", ActionOwnerKind.NetworkMember, ActionStatus.NotStarted)]);
        next.Actions.ShouldAllBe(a => a.Id == 0);
        old.Status.ShouldBe(PlanStatus.Superseded);
        old.Goals.Count.ShouldBe(2);
        old.Actions[0].Text.ShouldBe("Uniform");
    }

    [Theory]
    [InlineData(PlanStatus.Draft, PlanEdit.InPlace)]
    [InlineData(PlanStatus.Agreed, PlanEdit.NewVersion)]
    [InlineData(PlanStatus.Approved, PlanEdit.NewVersion)]
    [InlineData(PlanStatus.Superseded, PlanEdit.Refused)]
    public void What_an_edit_does_depends_on_the_status(PlanStatus status, PlanEdit edit) => SupportPlans.EditOf(status).ShouldBe(edit);

    [Fact]
    public void No_new_version_is_made_from_a_draft_or_a_superseded_version()
    {
        Should.Throw<InvalidOperationException>(() => SupportPlans.NewVersion(new SupportPlan { Status = PlanStatus.Draft }, "w", TestClock.UtcNow, "r"));
        Should.Throw<InvalidOperationException>(() => SupportPlans.NewVersion(new SupportPlan { Status = PlanStatus.Superseded }, "w", TestClock.UtcNow, "r"));
    }

    [Fact]
    public void An_action_needs_text_an_owner_and_a_due_date()
    {
        SupportPlans.ActionProblem(new ActionDraft("Visit", ActionOwnerKind.Worker, "w1", null, null, Due)).ShouldBeNull();
        SupportPlans.ActionProblem(new ActionDraft("Visit", null, null, null, null, Due)).ShouldBe("Plan.ActionOwnerRequired");
        SupportPlans.ActionProblem(new ActionDraft("Visit", ActionOwnerKind.Worker, " ", null, null, Due)).ShouldBe("Plan.ActionOwnerRequired");
        SupportPlans.ActionProblem(new ActionDraft("Visit", ActionOwnerKind.NetworkMember, null, null, null, Due)).ShouldBe("Plan.ActionOwnerRequired");
        SupportPlans.ActionProblem(new ActionDraft("Visit", ActionOwnerKind.ServiceProvider, null, null, "", Due)).ShouldBe("Plan.ActionOwnerRequired");
        SupportPlans.ActionProblem(new ActionDraft("Visit", ActionOwnerKind.ServiceProvider, null, null, "Clinic", null)).ShouldBe("Plan.ActionDueRequired");
        SupportPlans.ActionProblem(new ActionDraft(null, ActionOwnerKind.NetworkMember, null, 3, null, Due)).ShouldBe("Plan.ActionTextRequired");
        SupportPlans.ActionProblem(new ActionDraft(null, null, null, null, null, null)).ShouldBeNull(); // a spare row
    }

    [Fact]
    public void Problems_point_at_the_row_and_blank_rows_are_ignored()
    {
        var problems = SupportPlans.Problems(
        [
            new GoalDraft("School", null, [new ActionDraft("Uniform", null, null, null, null, Due), new ActionDraft(null, null, null, null, null, null)]),
            new GoalDraft(null, null, []),
            new GoalDraft(null, null, [new ActionDraft("Rice", ActionOwnerKind.Worker, "w", null, null, Due)]),
        ]);
        problems.ShouldBe([new PlanProblem(0, 0, "Plan.ActionOwnerRequired"), new PlanProblem(2, null, "Plan.GoalTextRequired")]);
        SupportPlans.Problems([new GoalDraft(" ", null, [])]).ShouldBe([new PlanProblem(0, null, "Plan.NoGoals")]);
    }

    [Fact]
    public void Apply_rewrites_rows_by_position_and_removes_the_rest()
    {
        var plan = Approved();
        var removed = new List<object>();
        SupportPlans.Apply(plan, [new GoalDraft(" School ", 5, [new ActionDraft("Shoes", ActionOwnerKind.ServiceProvider, "ignored", null, " Shop ", Due), new ActionDraft("Bike", ActionOwnerKind.Worker, "w1", null, null, Due)])], removed.Add);
        plan.Goals.Single().ShouldSatisfyAllConditions(g => g.Id.ShouldBe(10), g => g.Text.ShouldBe("School"));
        plan.Actions.Select(a => (a.Id, a.Order, a.Text, a.OwnerWorker, a.OwnerProvider)).ShouldBe([(20, 1, "Shoes", (string?)null, (string?)"Shop"), (0, 2, "Bike", "w1", null)]);
        removed.Count.ShouldBe(2); // goal 2 and its action
    }

    [Fact]
    public void Agreement_and_approval_refusals()
    {
        var today = new DateOnly(2026, 11, 20);
        var draft = new SupportPlan { Status = PlanStatus.Draft, Goals = [new PlanGoal { Order = 1, Text = "x" }], Actions = [new PlanAction { GoalOrder = 1, Order = 1, Text = "y" }] };
        SupportPlans.AgreeRefusal(draft, today, "mother, grandmother", today).ShouldBeNull();
        SupportPlans.AgreeRefusal(draft, today, " ", today).ShouldBe("Plan.AgreementDetailsRequired");
        SupportPlans.AgreeRefusal(draft, null, "mother", today).ShouldBe("Plan.AgreementDetailsRequired");
        SupportPlans.AgreeRefusal(draft, today.AddDays(1), "mother", today).ShouldBe("Validation.DateInFuture");
        SupportPlans.AgreeRefusal(new SupportPlan { Status = PlanStatus.Draft }, today, "m", today).ShouldBe("Plan.NoGoals");
        // Every goal needs someone doing something by a day.
        SupportPlans.AgreeRefusal(new SupportPlan { Status = PlanStatus.Draft, Goals = [.. draft.Goals, new PlanGoal { Order = 2, Text = "z" }], Actions = draft.Actions }, today, "m", today)
            .ShouldBe("Plan.GoalWithoutAction");
        SupportPlans.AgreeRefusal(new SupportPlan { Status = PlanStatus.Approved, Goals = draft.Goals }, today, "m", today).ShouldBe("Plan.NotDraft");

        SupportPlans.ApproveRefusal(PlanStatus.Agreed, supervisor: true, hasApprovedAssessment: true).ShouldBeNull();
        SupportPlans.ApproveRefusal(PlanStatus.Agreed, supervisor: false, hasApprovedAssessment: true).ShouldBe("Plan.SupervisorOnly");
        SupportPlans.ApproveRefusal(PlanStatus.Draft, supervisor: true, hasApprovedAssessment: true).ShouldBe("Plan.NotAgreed");
        SupportPlans.ApproveRefusal(PlanStatus.Agreed, supervisor: true, hasApprovedAssessment: false).ShouldBe("Plan.AssessmentNotApproved");
    }
}

public sealed class AssessmentRulesTests
{
    [Fact]
    public void An_assessment_is_complete_with_a_safety_goal_for_each_danger_statement_and_the_workers_scale()
    {
        static SafetyGoal Goal(int order) => new() { Order = order, Text = "goal " + order };
        AssessmentRules.Incomplete(new Assessment()).ShouldBe("Assessment.Incomplete.DangerStatement");
        AssessmentRules.Incomplete(new Assessment { DangerStatements = " \n  \n", WorkerScale = 3, SafetyGoals = [Goal(1)] }).ShouldBe("Assessment.Incomplete.DangerStatement");
        AssessmentRules.Incomplete(new Assessment { DangerStatements = "Father hits\nAlone at night", WorkerScale = 3, SafetyGoals = [Goal(1)] })
            .ShouldBe("Assessment.Incomplete.SafetyGoals");
        AssessmentRules.Incomplete(new Assessment { DangerStatements = "Father hits\r\nAlone at night\r\n", SafetyGoals = [Goal(1), Goal(2)] })
            .ShouldBe("Assessment.Incomplete.WorkerScale");
        AssessmentRules.Incomplete(new Assessment { DangerStatements = "Father hits\nAlone at night", WorkerScale = 0, SafetyGoals = [Goal(1), Goal(2)] }).ShouldBeNull();
    }

    [Fact]
    public void Only_the_worker_who_started_a_draft_discards_it()
    {
        Drafts.DiscardRefusal(isDraft: true, "ouchar.vbsw1", "ouchar.vbsw1").ShouldBeNull();
        Drafts.DiscardRefusal(isDraft: true, "ouchar.vbsw1", "ouchar.senior").ShouldBe("Draft.AuthorOnly");
        Drafts.DiscardRefusal(isDraft: false, "ouchar.vbsw1", "ouchar.vbsw1").ShouldBe("Draft.OnlyDraft");
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(-1, false)]
    [InlineData(11, false)]
    public void The_safety_scale_is_0_to_10_or_not_asked(int? value, bool valid) => SafetyScale.IsValid(value).ShouldBe(valid);

    [Fact]
    public void Submit_approve_and_return_follow_the_status()
    {
        AssessmentRules.SubmitRefusal(AssessmentStatus.Draft).ShouldBeNull();
        AssessmentRules.SubmitRefusal(AssessmentStatus.Submitted).ShouldBe("Assessment.NotDraft");
        AssessmentRules.ApproveRefusal(AssessmentStatus.Submitted, supervisor: true).ShouldBeNull();
        AssessmentRules.ApproveRefusal(AssessmentStatus.Submitted, supervisor: false).ShouldBe("Assessment.SupervisorOnly");
        AssessmentRules.ApproveRefusal(AssessmentStatus.Draft, supervisor: true).ShouldBe("Assessment.NotSubmitted");
        AssessmentRules.ReturnRefusal(AssessmentStatus.Submitted, supervisor: true, "add the child's voice").ShouldBeNull();
        AssessmentRules.ReturnRefusal(AssessmentStatus.Submitted, supervisor: true, " ").ShouldBe("Assessment.ReturnNoteRequired");
        AssessmentRules.MayEdit(AssessmentStatus.Submitted).ShouldBeTrue();
        AssessmentRules.MayEdit(AssessmentStatus.Approved).ShouldBeFalse();
    }

    [Fact]
    public void Safety_goals_are_trimmed_numbered_and_replaced_by_position()
    {
        var goals = AssessmentRules.Goals([" Safe at night ", "", null, "Goes to school"], caseId: 4);
        goals.Select(g => (g.Order, g.Text, g.CaseId)).ShouldBe([(1, "Safe at night", 4), (2, "Goes to school", 4)]);
        var a = new Assessment { SafetyGoals = [new SafetyGoal { Id = 1, Order = 1, Text = "old 1" }, new SafetyGoal { Id = 2, Order = 2, Text = "old 2" }, new SafetyGoal { Id = 3, Order = 3, Text = "old 3" }] };
        var removed = new List<SafetyGoal>();
        AssessmentRules.ReplaceGoals(a, goals, removed.Add);
        a.SafetyGoals.Select(g => (g.Id, g.Text)).ShouldBe([(1, "Safe at night"), (2, "Goes to school")]);
        removed.Single().Id.ShouldBe(3);
    }
}
