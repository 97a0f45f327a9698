using System.Globalization;
using System.Resources;
using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

/// <summary>The case state machine, pair by pair, for the team, a supervisor and an outsider; its fact gates; review intervals.</summary>
public sealed class CaseWorkflowTests
{
    private static readonly CaseActor Team = new(OnTeam: true, Supervisor: false);
    private static readonly CaseActor Supervisor = new(OnTeam: false, Supervisor: true);
    private static readonly CaseActor Outsider = new(OnTeam: false, Supervisor: false);
    private static readonly CaseFacts Everything = new(HasApprovedAssessment: true, HasApprovedPlan: true, OpenPlanActions: 0, ClosureProposedBy: "a.worker");

    private const char T = 'T'; // the team or a supervisor may
    private const char S = 'S'; // only a supervisor may

    /// <summary>
    /// The allowed moves, written out by hand (not derived from the code under test): rows are "from", columns "to"
    /// in the order Open, Assessment, Planning, ActiveSupport, Review, Closed, Transferred; '.' means refused.
    /// </summary>
    private static readonly Dictionary<CaseStatus, string> Allowed = new()
    {
        // Closing is a supervisor's decision on a worker's proposal (ClosureRulesTests).
        [CaseStatus.Open] = ".T...SS",
        [CaseStatus.Assessment] = "..T..SS",
        [CaseStatus.Planning] = ".T.T.SS",
        [CaseStatus.ActiveSupport] = ".TT.TSS",
        [CaseStatus.Review] = ".TTT.SS",
        [CaseStatus.Closed] = ".S.....",
        [CaseStatus.Transferred] = ".......",
    };

    public static TheoryData<CaseStatus, CaseStatus> EveryPair()
    {
        var data = new TheoryData<CaseStatus, CaseStatus>();
        foreach (var from in Enum.GetValues<CaseStatus>())
        {
            foreach (var to in Enum.GetValues<CaseStatus>()) data.Add(from, to);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_pair_is_allowed_or_refused_with_its_reason_for_team_supervisor_and_outsider(CaseStatus from, CaseStatus to)
    {
        var rule = Allowed[from][(int)to];
        var notAllowed = from == CaseStatus.Transferred ? "Case.Move.AwaitingTransfer" : "Case.Move.NotAllowed";
        var team = CaseWorkflow.Refusal(from, to, Team, Everything, "a reason");
        var supervisor = CaseWorkflow.Refusal(from, to, Supervisor, Everything, "a reason");
        var outsider = CaseWorkflow.Refusal(from, to, Outsider, Everything, "a reason");
        switch (rule)
        {
            case T:
                team.ShouldBeNull();
                supervisor.ShouldBeNull();
                outsider.ShouldBe("Case.Move.TeamOnly");
                break;
            case S:
                team.ShouldBe("Case.Move.SupervisorOnly");
                supervisor.ShouldBeNull();
                outsider.ShouldBe("Case.Move.SupervisorOnly");
                break;
            default:
                team.ShouldBe(notAllowed);
                supervisor.ShouldBe(notAllowed);
                outsider.ShouldBe(notAllowed);
                break;
        }
        // The buttons offered agree with the refusals.
        CaseWorkflow.MovesFrom(from, Team).Any(m => m.To == to).ShouldBe(team is null);
        CaseWorkflow.MovesFrom(from, Supervisor).Any(m => m.To == to).ShouldBe(supervisor is null);
        CaseWorkflow.MovesFrom(from, Outsider).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(CaseStatus.Planning, CaseStatus.Assessment)]
    [InlineData(CaseStatus.ActiveSupport, CaseStatus.Assessment)]
    [InlineData(CaseStatus.Review, CaseStatus.Planning)]
    [InlineData(CaseStatus.Open, CaseStatus.Closed)]
    [InlineData(CaseStatus.Review, CaseStatus.Transferred)]
    [InlineData(CaseStatus.Closed, CaseStatus.Assessment)]
    public void Going_back_closing_transferring_and_reopening_need_a_reason(CaseStatus from, CaseStatus to)
    {
        CaseWorkflow.Refusal(from, to, Supervisor, Everything, "  ").ShouldBe("Case.Move.ReasonRequired");
        CaseWorkflow.Refusal(from, to, Supervisor, Everything, null).ShouldBe("Case.Move.ReasonRequired");
        CaseWorkflow.Refusal(from, to, Supervisor, Everything, "why").ShouldBeNull();
    }

    [Fact]
    public void Forward_moves_need_no_reason() =>
        CaseWorkflow.Refusal(CaseStatus.Open, CaseStatus.Assessment, Team, Everything, null).ShouldBeNull();

    [Fact]
    public void Planning_needs_an_approved_assessment()
    {
        var none = Everything with { HasApprovedAssessment = false };
        CaseWorkflow.Refusal(CaseStatus.Assessment, CaseStatus.Planning, Team, none, null).ShouldBe("Case.Move.AssessmentNotApproved");
        CaseWorkflow.Refusal(CaseStatus.Assessment, CaseStatus.Planning, Supervisor, none, null).ShouldBe("Case.Move.AssessmentNotApproved");
        // Going back to planning from support does not ask again.
        CaseWorkflow.Refusal(CaseStatus.ActiveSupport, CaseStatus.Planning, Team, none, "r").ShouldBeNull();
    }

    [Fact]
    public void Active_support_needs_an_approved_plan_from_planning_and_from_review()
    {
        var none = Everything with { HasApprovedPlan = false };
        CaseWorkflow.Refusal(CaseStatus.Planning, CaseStatus.ActiveSupport, Team, none, null).ShouldBe("Case.Move.PlanNotApproved");
        CaseWorkflow.Refusal(CaseStatus.Review, CaseStatus.ActiveSupport, Supervisor, none, null).ShouldBe("Case.Move.PlanNotApproved");
        CaseWorkflow.Refusal(CaseStatus.ActiveSupport, CaseStatus.Review, Team, none, null).ShouldBeNull();
    }

    [Fact]
    public void The_team_check_comes_before_the_facts()
    {
        var none = new CaseFacts(false, false, 0);
        CaseWorkflow.Refusal(CaseStatus.Assessment, CaseStatus.Planning, Outsider, none, null).ShouldBe("Case.Move.TeamOnly");
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(0, "", null)]
    [InlineData(2, null, "Case.Close.OpenActionsNeedReason")]
    [InlineData(2, "   ", "Case.Close.OpenActionsNeedReason")]
    [InlineData(1, "The family moved to Phnom Penh", null)]
    public void Closing_with_open_plan_actions_needs_its_own_reason(int open, string? reason, string? expected) =>
        ClosureRules.Incomplete(ClosureReason.MovedAway, 0, 0, 5, ClosureOpenWork.None with { PlanActions = open }, reason)
            .Select(x => x.Key).SingleOrDefault().ShouldBe(expected);

    [Fact]
    public void A_case_closes_only_on_a_waiting_proposal_and_not_by_the_worker_who_proposed_it()
    {
        var none = Everything with { ClosureProposedBy = null };
        CaseWorkflow.Refusal(CaseStatus.Review, CaseStatus.Closed, Supervisor, none, "why").ShouldBe("Case.Close.NotProposed");
        CaseWorkflow.Refusal(CaseStatus.Review, CaseStatus.Closed, Team, Everything, "why").ShouldBe("Case.Move.SupervisorOnly");
        var c = new VillageHive.Domain.Case { Id = 9, Status = CaseStatus.Review };
        var own = CaseWorkflow.Apply(c, CaseStatus.Closed, Supervisor, Everything with { ClosureProposedBy = "ouchar.senior" }, "ouchar.senior", "why", DateTime.UnixEpoch);
        (own.Record, own.Refusal).ShouldBe((null, "Case.Close.OwnProposal"));
        c.Status.ShouldBe(CaseStatus.Review);
        CaseWorkflow.Apply(c, CaseStatus.Closed, Supervisor, Everything with { ClosureProposedBy = "ouchar.vbsw1" }, "ouchar.senior", "why", DateTime.UnixEpoch)
            .Refusal.ShouldBeNull();
        c.Status.ShouldBe(CaseStatus.Closed);
    }

    [Theory]
    [InlineData(Tier.Crisis, Priority.Low, 1)]
    [InlineData(Tier.Crisis, Priority.High, 1)]
    [InlineData(Tier.EarlyIntervention, Priority.Low, 3)]
    [InlineData(Tier.EarlyIntervention, Priority.Medium, 3)]
    [InlineData(Tier.EarlyIntervention, Priority.High, 1)]
    [InlineData(Tier.Universal, Priority.High, 1)]
    [InlineData(Tier.Universal, Priority.Low, 6)]
    public void Reviews_are_monthly_for_crisis_and_high_risk_quarterly_for_early_intervention(Tier tier, Priority risk, int months)
    {
        ReviewSchedule.MonthsBetweenReviews(tier, risk).ShouldBe(months);
        ReviewSchedule.NextReviewDue(new DateOnly(2026, 1, 31), tier, risk).ShouldBe(new DateOnly(2026, 1, 31).AddMonths(months));
    }

    [Fact]
    public void A_monthly_review_from_the_end_of_january_falls_at_the_end_of_february() =>
        ReviewSchedule.NextReviewDue(new DateOnly(2026, 1, 31), Tier.Crisis, Priority.High).ShouldBe(new DateOnly(2026, 2, 28));

    [Theory]
    [InlineData(Tier.Crisis, 7)]
    [InlineData(Tier.EarlyIntervention, 14)]
    public void The_first_assessment_is_due_within_a_week_for_crisis_two_otherwise(Tier tier, int days) =>
        ReviewSchedule.AssessmentDue(new DateOnly(2026, 3, 1), tier).ShouldBe(new DateOnly(2026, 3, 1).AddDays(days));

    [Fact]
    public void Every_refusal_key_has_a_text_in_both_languages()
    {
        var resources = new ResourceManager("VillageHive.Resources.SharedResource", typeof(VillageHive.SharedResource).Assembly);
        string[] keys =
        [
            "Case.Move.NotAllowed", "Case.Move.AwaitingTransfer", "Case.Move.SupervisorOnly", "Case.Move.TeamOnly",
            "Case.Move.ReasonRequired", "Case.Move.AssessmentNotApproved", "Case.Move.PlanNotApproved", "Case.Close.OpenActionsNeedReason",
            "Case.Close.NotProposed", "Case.Close.OwnProposal", "Case.Close.NotWorking", "Case.Close.AlreadyProposed", "Case.Close.NoneProposed",
            "Case.Close.ReturnReasonRequired", "Case.Close.OutcomePerGoal", "Case.Close.WorkerScaleRequired",
        ];
        foreach (var key in keys)
        {
            foreach (var culture in new[] { "km", "en" })
                resources.GetString(key, CultureInfo.GetCultureInfo(culture)).ShouldNotBeNullOrWhiteSpace($"{key} ({culture})");
        }
    }
}
