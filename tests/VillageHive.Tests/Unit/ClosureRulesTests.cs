using VillageHive.Domain;

namespace VillageHive.Tests.Unit;

/// <summary>Closing takes two people: who may propose, what a proposal must hold, who may decide on it.</summary>
public sealed class ClosureRulesTests
{
    private static readonly CaseActor Team = new(OnTeam: true, Supervisor: false);
    private static readonly CaseActor Supervisor = new(OnTeam: false, Supervisor: true);
    private static readonly CaseActor Outsider = new(OnTeam: false, Supervisor: false);

    [Theory]
    [InlineData(CaseStatus.Open, true, false, null)]
    [InlineData(CaseStatus.Review, true, false, null)]
    [InlineData(CaseStatus.Review, false, false, "Case.Move.TeamOnly")]
    [InlineData(CaseStatus.Review, true, true, "Case.Close.AlreadyProposed")]
    [InlineData(CaseStatus.Closed, true, false, "Case.Close.NotWorking")]
    [InlineData(CaseStatus.Transferred, true, false, "Case.Move.AwaitingTransfer")]
    public void The_team_proposes_on_a_working_case_one_proposal_at_a_time(CaseStatus status, bool onTeam, bool waiting, string? expected)
    {
        ClosureRules.ProposeRefusal(status, onTeam ? Team : Outsider, waiting).ShouldBe(expected);
        // A supervisor may propose too (another supervisor then decides).
        if (onTeam) ClosureRules.ProposeRefusal(status, Supervisor, waiting).ShouldBe(expected);
    }

    [Fact]
    public void A_proposal_needs_a_reason_an_outcome_per_goal_the_workers_scale_and_why_open_work_stays_open()
    {
        var open = ClosureOpenWork.None with { SupportNotHandedOver = 1 };
        ClosureRules.Incomplete(null, 2, 1, null, open, " ").Select(x => x.Key).ShouldBe(
            ["Validation.Required", "Case.Close.OutcomePerGoal", "Case.Close.WorkerScaleRequired", "Case.Close.OpenActionsNeedReason"]);
        ClosureRules.Incomplete(ClosureReason.MovedAway, 2, 2, 6, open, "The family moved to Phnom Penh; the rice goes back to the commune").ShouldBeEmpty();
        ClosureRules.Incomplete(ClosureReason.SafetyGoalsMet, 0, 0, 8, ClosureOpenWork.None, null).ShouldBeEmpty();
        open.Total.ShouldBe(1);
        new ClosureOpenWork(1, 2, 3, 4, 5, 6).Total.ShouldBe(21);
    }

    [Theory]
    [InlineData(ClosureStatus.Proposed, true, "ouchar.vbsw1", "ouchar.senior", true, null, null)]
    [InlineData(ClosureStatus.Proposed, true, "ouchar.vbsw1", "ouchar.senior", false, "Visit once more first", null)]
    [InlineData(ClosureStatus.Proposed, true, "ouchar.vbsw1", "ouchar.senior", false, "  ", "Case.Close.ReturnReasonRequired")]
    [InlineData(ClosureStatus.Proposed, false, "ouchar.vbsw1", "ouchar.vbsw1", true, null, "Case.Move.SupervisorOnly")]
    [InlineData(ClosureStatus.Proposed, true, "ouchar.senior", "ouchar.senior", true, null, "Case.Close.OwnProposal")]
    [InlineData(ClosureStatus.Returned, true, "ouchar.vbsw1", "ouchar.senior", true, null, "Case.Close.NoneProposed")]
    [InlineData(ClosureStatus.Approved, true, "ouchar.vbsw1", "ouchar.senior", false, "why", "Case.Close.NoneProposed")]
    public void Only_another_supervisor_decides_and_a_return_says_why(ClosureStatus status, bool supervisor, string proposer, string decider, bool approving, string? reason, string? expected) =>
        ClosureRules.DecideRefusal(status, supervisor, proposer, decider, approving, reason).ShouldBe(expected);
}
