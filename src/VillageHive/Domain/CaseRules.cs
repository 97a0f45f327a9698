namespace VillageHive.Domain;

/// <summary>
/// The rules about a case's work that pages and queries share, each written once (see <see cref="Rule{T}"/>):
/// what a case may take in its status, which plan actions, tasks and service referrals are still open, and when
/// each kind of work is overdue. "Overdue" always means: its day has passed, so due yesterday is overdue today.
/// </summary>
public static class CaseRules
{
    /// <summary>
    /// A closed case, or one waiting for another commune to take it, takes no new work of any kind: no visit, note,
    /// assessment, network member, task, plan change, material support, support payment or service referral.
    /// </summary>
    public static readonly Rule<Case> TakesWork = new(c => c.Status != CaseStatus.Closed && c.Status != CaseStatus.Transferred);

    /// <summary>Text key of the refusal every page gives a case that takes no work.</summary>
    public const string TakesNoWorkKey = "CaseWork.Frozen";

    public static bool TakesWorkIn(CaseStatus status) => TakesWork.Holds(new Case { Status = status });

    /// <summary>A case not closed: it may still have work due.</summary>
    public static readonly Rule<Case> Open = new(c => c.Status != CaseStatus.Closed);

    /// <summary>An action of the case's current (approved) plan not yet done or dropped; a superseded version's actions were copied to the new one.</summary>
    public static readonly Rule<PlanAction> OpenAction =
        new(a => a.Plan!.Status == PlanStatus.Approved && (a.Status == ActionStatus.NotStarted || a.Status == ActionStatus.InProgress));

    public static readonly Rule<PlanAction, DateOnly> ActionOverdue = OpenAction.And<DateOnly>((a, today) => a.DueOn < today);

    public static readonly Rule<CaseTask> OpenTask = new(t => t.DoneAt == null);

    public static readonly Rule<CaseTask, DateOnly> TaskOverdue = OpenTask.And<DateOnly>((t, today) => t.DueOn < today);

    /// <summary>A service referral the provider has not answered yet.</summary>
    public static readonly Rule<ServiceReferral> AwaitingAnswer = new(r => r.Status == ServiceReferralStatus.Sent);

    public static readonly Rule<ServiceReferral, DateOnly> AnswerOverdue = AwaitingAnswer.And<DateOnly>((r, today) => r.RespondBy < today);

    /// <summary>An open case whose next review day has passed.</summary>
    public static readonly Rule<Case, DateOnly> ReviewOverdue = Open.And<DateOnly>((c, today) => c.NextReviewDueOn < today);

    /// <summary>An open case whose first assessment is due before today (whether one was approved is asked of the assessments).</summary>
    public static readonly Rule<Case, DateOnly> AssessmentDuePassed = Open.And<DateOnly>((c, today) => c.AssessmentDueOn < today);

    /// <summary>An assessment that counts: approved by a supervisor.</summary>
    public static readonly Rule<Assessment> Approved = new(a => a.Status == AssessmentStatus.Approved);
}
