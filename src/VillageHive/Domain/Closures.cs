namespace VillageHive.Domain;

/// <summary>
/// What is still open on a case when its closure is proposed or decided: plan actions, tasks, service referrals
/// the provider has not answered, material support asked for and not yet approved or approved and not yet handed
/// over, and monthly support schedules still paying.
/// </summary>
public sealed record ClosureOpenWork(int PlanActions, int Tasks, int UnansweredReferrals, int SupportAwaitingApproval, int SupportNotHandedOver, int ActiveSchedules)
{
    public static readonly ClosureOpenWork None = new(0, 0, 0, 0, 0, 0);

    public int Total => PlanActions + Tasks + UnansweredReferrals + SupportAwaitingApproval + SupportNotHandedOver + ActiveSchedules;
}

/// <summary>
/// Closing a case takes two people: a worker who may work the case proposes the closure (why, how each goal of the
/// current plan ended, the worker's final scaling); a supervisor of the case's commune who did not propose it approves
/// it, and the case closes through <see cref="CaseWorkflow.Apply"/>, or returns it with a reason. Work still open does
/// not block a proposal (a family that moved away cannot receive the rice), but it is listed and must be explained.
/// </summary>
public static class ClosureRules
{
    /// <summary>Null when this actor may propose closing a case in this status; otherwise the text key of the reason.</summary>
    public static string? ProposeRefusal(CaseStatus status, CaseActor actor, bool proposalWaiting)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CaseWorkflow.IsWorking(status))
            return status == CaseStatus.Transferred ? "Case.Move.AwaitingTransfer" : "Case.Close.NotWorking";
        if (!actor.OnTeam && !actor.Supervisor) return "Case.Move.TeamOnly";
        return proposalWaiting ? "Case.Close.AlreadyProposed" : null;
    }

    /// <summary>What a proposal must hold: a reason, an outcome for every goal, the worker's final scaling, and an explanation of open work.</summary>
    public static IEnumerable<(string Field, string Key)> Incomplete(ClosureReason? reason, int goals, int goalsWithOutcome, int? workerScale,
        ClosureOpenWork open, string? openWorkReason)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (reason is null || !Enum.IsDefined(reason.Value)) yield return ("Reason", "Validation.Required");
        if (goalsWithOutcome < goals) yield return ("Outcomes", "Case.Close.OutcomePerGoal");
        if (workerScale is null) yield return ("WorkerScale", "Case.Close.WorkerScaleRequired");
        if (open.Total > 0 && string.IsNullOrWhiteSpace(openWorkReason)) yield return ("OpenActionsReason", "Case.Close.OpenActionsNeedReason");
    }

    /// <summary>
    /// Null when this person may decide on the closure (approve, or return with a reason); a proposer never decides
    /// on their own proposal, so a worker who proposes cannot close.
    /// </summary>
    public static string? DecideRefusal(ClosureStatus status, bool supervisor, string proposedBy, string decider, bool approving, string? returnReason)
    {
        if (!supervisor) return "Case.Move.SupervisorOnly";
        if (status != ClosureStatus.Proposed) return "Case.Close.NoneProposed";
        if (string.Equals(proposedBy, decider, StringComparison.Ordinal)) return "Case.Close.OwnProposal";
        if (!approving && string.IsNullOrWhiteSpace(returnReason)) return "Case.Close.ReturnReasonRequired";
        return null;
    }
}
