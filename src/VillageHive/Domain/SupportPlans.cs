namespace VillageHive.Domain;

/// <summary>One action as typed on the plan form, before it becomes a <see cref="PlanAction"/>.</summary>
public sealed record ActionDraft(
    string? Text, ActionOwnerKind? OwnerKind, string? OwnerWorker, int? OwnerNetworkMemberId, string? OwnerProvider,
    DateOnly? DueOn, ActionStatus Status = ActionStatus.NotStarted)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && OwnerKind is null && string.IsNullOrWhiteSpace(OwnerWorker)
        && OwnerNetworkMemberId is null && string.IsNullOrWhiteSpace(OwnerProvider) && DueOn is null;
}

/// <summary>One goal as typed on the plan form with its actions.</summary>
public sealed record GoalDraft(string? Text, int? SafetyGoalId, IReadOnlyList<ActionDraft> Actions)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && SafetyGoalId is null && Actions.All(a => a.IsBlank);
}

/// <summary>A problem with one row of the plan form: goal position (0-based), action position (null for the goal itself), text key.</summary>
public sealed record PlanProblem(int Goal, int? Action, string Key);

public enum PlanEdit
{
    /// <summary>A draft is changed where it is.</summary>
    InPlace = 0,
    /// <summary>An agreed or approved plan is not rewritten: the change makes a new draft version.</summary>
    NewVersion = 1,
    /// <summary>A superseded version is history.</summary>
    Refused = 2,
}

/// <summary>
/// The rules of the versioned support / safety plan: what an edit does to each status, how a new version is
/// made from the current one, what a goal and an action need, when a plan may be agreed and approved.
/// </summary>
public static class SupportPlans
{
    public static PlanEdit EditOf(PlanStatus status) => status switch
    {
        PlanStatus.Draft => PlanEdit.InPlace,
        PlanStatus.Agreed or PlanStatus.Approved => PlanEdit.NewVersion,
        _ => PlanEdit.Refused,
    };

    /// <summary>
    /// The next version: a draft copy of the current plan's goals and actions (with their progress), numbered one
    /// higher. The current plan is marked superseded and keeps its content, so it stays readable as it was.
    /// </summary>
    public static SupportPlan NewVersion(SupportPlan current, string by, DateTime at, string changeReason)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (EditOf(current.Status) != PlanEdit.NewVersion)
            throw new InvalidOperationException($"Plan version {current.Number} is {current.Status}: no new version is made from it.");
        var next = new SupportPlan
        {
            CaseId = current.CaseId,
            Number = current.Number + 1,
            Status = PlanStatus.Draft,
            CreatedBy = by,
            CreatedAt = at,
            ChangeReason = changeReason.Trim(),
            Goals = current.Goals.OrderBy(g => g.Order)
                .Select(g => new PlanGoal { Order = g.Order, Text = g.Text, SafetyGoalId = g.SafetyGoalId })
                .ToList(),
            Actions = current.Actions.OrderBy(a => a.GoalOrder).ThenBy(a => a.Order)
                .Select(a => new PlanAction
                {
                    GoalOrder = a.GoalOrder, Order = a.Order, Text = a.Text, OwnerKind = a.OwnerKind, OwnerWorker = a.OwnerWorker,
                    OwnerNetworkMemberId = a.OwnerNetworkMemberId, OwnerProvider = a.OwnerProvider, DueOn = a.DueOn, Status = a.Status,
                })
                .ToList(),
        };
        current.Status = PlanStatus.Superseded;
        return next;
    }

    /// <summary>Every problem of the typed goals and actions; blank rows (the form's spare rows) are ignored.</summary>
    public static List<PlanProblem> Problems(IReadOnlyList<GoalDraft> goals)
    {
        ArgumentNullException.ThrowIfNull(goals);
        var problems = new List<PlanProblem>();
        for (var g = 0; g < goals.Count; g++)
        {
            var goal = goals[g];
            if (goal.IsBlank) continue;
            if (string.IsNullOrWhiteSpace(goal.Text)) problems.Add(new(g, null, "Plan.GoalTextRequired"));
            for (var a = 0; a < goal.Actions.Count; a++)
            {
                var key = ActionProblem(goal.Actions[a]);
                if (key is not null) problems.Add(new(g, a, key));
            }
        }
        if (goals.All(g => g.IsBlank)) problems.Add(new(0, null, "Plan.NoGoals"));
        return problems;
    }

    /// <summary>Null when the action can be saved: it says what is done, who does it and by when.</summary>
    public static string? ActionProblem(ActionDraft action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.IsBlank) return null;
        if (string.IsNullOrWhiteSpace(action.Text)) return "Plan.ActionTextRequired";
        var owned = action.OwnerKind switch
        {
            ActionOwnerKind.Worker => !string.IsNullOrWhiteSpace(action.OwnerWorker),
            ActionOwnerKind.NetworkMember => action.OwnerNetworkMemberId is not null,
            ActionOwnerKind.ServiceProvider => !string.IsNullOrWhiteSpace(action.OwnerProvider),
            _ => false,
        };
        if (!owned) return "Plan.ActionOwnerRequired";
        if (action.DueOn is null) return "Plan.ActionDueRequired";
        return null;
    }

    /// <summary>
    /// Writes the typed goals and actions onto a plan version, reusing its rows by position (reviews point at goal
    /// rows) and removing the rows no longer typed. Call only when <see cref="Problems"/> found none.
    /// </summary>
    public static void Apply(SupportPlan plan, IReadOnlyList<GoalDraft> goals, Action<object> remove)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(goals);
        ArgumentNullException.ThrowIfNull(remove);
        var typed = goals.Where(g => !g.IsBlank).ToList();
        var oldGoals = plan.Goals.OrderBy(g => g.Order).ToList();
        for (var g = 0; g < typed.Count; g++)
        {
            var goal = g < oldGoals.Count ? oldGoals[g] : new PlanGoal();
            if (g >= oldGoals.Count) plan.Goals.Add(goal);
            goal.Order = g + 1;
            goal.Text = typed[g].Text!.Trim();
            goal.SafetyGoalId = typed[g].SafetyGoalId;

            var actions = typed[g].Actions.Where(a => !a.IsBlank).ToList();
            var oldActions = plan.Actions.Where(a => a.GoalOrder == g + 1).OrderBy(a => a.Order).ToList();
            for (var a = 0; a < actions.Count; a++)
            {
                var action = a < oldActions.Count ? oldActions[a] : new PlanAction { GoalOrder = g + 1 };
                if (a >= oldActions.Count) plan.Actions.Add(action);
                var d = actions[a];
                action.Order = a + 1;
                action.Text = d.Text!.Trim();
                action.OwnerKind = d.OwnerKind!.Value;
                action.OwnerWorker = d.OwnerKind == ActionOwnerKind.Worker ? d.OwnerWorker!.Trim() : null;
                action.OwnerNetworkMemberId = d.OwnerKind == ActionOwnerKind.NetworkMember ? d.OwnerNetworkMemberId : null;
                action.OwnerProvider = d.OwnerKind == ActionOwnerKind.ServiceProvider ? d.OwnerProvider!.Trim() : null;
                action.DueOn = d.DueOn!.Value;
                action.Status = d.Status;
            }
            foreach (var extra in oldActions.Skip(actions.Count))
            {
                plan.Actions.Remove(extra);
                remove(extra);
            }
        }
        foreach (var extra in oldGoals.Skip(typed.Count))
        {
            plan.Goals.Remove(extra);
            remove(extra);
        }
        foreach (var orphan in plan.Actions.Where(a => a.GoalOrder > typed.Count).ToList())
        {
            plan.Actions.Remove(orphan);
            remove(orphan);
        }
    }

    /// <summary>Agreeing with the family: a draft with goals, each with at least one action, on a day not in the future, with who was there.</summary>
    public static string? AgreeRefusal(SupportPlan plan, DateOnly? agreedOn, string? present, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Status != PlanStatus.Draft) return "Plan.NotDraft";
        if (plan.Goals.Count == 0) return "Plan.NoGoals";
        if (plan.Goals.Any(g => plan.Actions.All(a => a.GoalOrder != g.Order))) return "Plan.GoalWithoutAction";
        if (agreedOn is null || string.IsNullOrWhiteSpace(present)) return "Plan.AgreementDetailsRequired";
        if (agreedOn > today) return "Validation.DateInFuture";
        return null;
    }

    /// <summary>A Senior social worker approves an agreed plan, resting on an approved assessment.</summary>
    public static string? ApproveRefusal(PlanStatus status, bool supervisor, bool hasApprovedAssessment) =>
        !supervisor ? "Plan.SupervisorOnly"
        : status != PlanStatus.Agreed ? "Plan.NotAgreed"
        : !hasApprovedAssessment ? "Plan.AssessmentNotApproved"
        : null;
}
