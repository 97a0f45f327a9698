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

    /// <summary>An open action due before the day given: overdue when the day is today, "due by then" for a later day.</summary>
    public static readonly Rule<PlanAction, DateOnly> ActionDueBefore = OpenAction.And<DateOnly>((a, day) => a.DueOn < day);

    public static readonly Rule<PlanAction, DateOnly> ActionOverdue = ActionDueBefore;

    public static readonly Rule<CaseTask> OpenTask = new(t => t.DoneAt == null);

    public static readonly Rule<CaseTask, DateOnly> TaskDueBefore = OpenTask.And<DateOnly>((t, day) => t.DueOn < day);

    public static readonly Rule<CaseTask, DateOnly> TaskOverdue = TaskDueBefore;

    /// <summary>A service referral the provider has not answered yet.</summary>
    public static readonly Rule<ServiceReferral> AwaitingAnswer = new(r => r.Status == ServiceReferralStatus.Sent);

    public static readonly Rule<ServiceReferral, DateOnly> AnswerDueBefore = AwaitingAnswer.And<DateOnly>((r, day) => r.RespondBy < day);

    public static readonly Rule<ServiceReferral, DateOnly> AnswerOverdue = AnswerDueBefore;

    /// <summary>An open case whose next review day has passed.</summary>
    public static readonly Rule<Case, DateOnly> ReviewDueBefore = Open.And<DateOnly>((c, day) => c.NextReviewDueOn < day);

    public static readonly Rule<Case, DateOnly> ReviewOverdue = ReviewDueBefore;

    /// <summary>An open case whose first assessment is due before today (whether one was approved is asked of the assessments).</summary>
    public static readonly Rule<Case, DateOnly> AssessmentDueBefore = Open.And<DateOnly>((c, day) => c.AssessmentDueOn < day);

    public static readonly Rule<Case, DateOnly> AssessmentDuePassed = AssessmentDueBefore;

    /// <summary>An assessment that counts: approved by a supervisor.</summary>
    public static readonly Rule<Assessment> Approved = new(a => a.Status == AssessmentStatus.Approved);

    /// <summary>Days a supervisor has to approve or return a submitted assessment, from the day it was made.</summary>
    public const int ApprovalDays = 3;

    /// <summary>Submitted and not yet decided: the supervisor's work.</summary>
    public static readonly Rule<Assessment> AwaitingApproval = new(a => a.Status == AssessmentStatus.Submitted);

    /// <summary>
    /// Awaiting approval and due to be decided before the day given: an assessment is due for a decision
    /// <see cref="ApprovalDays"/> after the day it was made (so overdue the day after that).
    /// </summary>
    public static readonly Rule<Assessment, DateOnly> ApprovalDueBefore =
        AwaitingApproval.And<DateOnly>((a, day) => a.AssessedOn < day.AddDays(-ApprovalDays));

    public static DateOnly ApprovalDueOn(DateOnly assessedOn) => assessedOn.AddDays(ApprovalDays);

    /// <summary>Where a piece of work falls on a worker's list: its day has passed, it is today, or within the week ahead.</summary>
    public static DueGroup GroupOf(DateOnly dueOn, DateOnly today) =>
        dueOn < today ? DueGroup.Overdue : dueOn == today ? DueGroup.Today : DueGroup.ThisWeek;

    /// <summary>Days ahead a worker's list looks, today included: today and the six days after it.</summary>
    public const int WeekDays = 7;

    /// <summary>The first day past the week a worker's list looks at (work due before it is on the list).</summary>
    public static DateOnly WeekEnd(DateOnly today) => today.AddDays(WeekDays);
}

/// <summary>The three groups of a worker's list (My work), by the day each piece of work is due.</summary>
public enum DueGroup
{
    Overdue = 0,
    Today = 1,
    ThisWeek = 2,
}
