namespace VillageHive.Domain;

/// <summary>Where a case is in its life; <see cref="CaseWorkflow"/> says which moves are allowed.</summary>
public enum CaseStatus
{
    Open = 0,
    Assessment = 1,
    Planning = 2,
    ActiveSupport = 3,
    Review = 4,
    Closed = 5,
    /// <summary>Waiting for another commune's team to accept the case.</summary>
    Transferred = 6,
}

/// <summary>A family's case, opened from a screened referral.</summary>
public sealed class Case : IChangeStamped
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public Referral? Referral { get; set; }
    public int HouseholdId { get; set; }
    public Household? Household { get; set; }
    /// <summary>The village whose team holds the case; lists filter by it.</summary>
    public int VillageId { get; set; }
    public Village? Village { get; set; }
    public Tier Tier { get; set; }
    public Priority RiskLevel { get; set; }
    public CaseStatus Status { get; set; }
    public string LeadWorker { get; set; } = "";
    public DateTime OpenedAt { get; set; }
    /// <summary>The first assessment should be approved by this day.</summary>
    public DateOnly? AssessmentDueOn { get; set; }
    /// <summary>Set when a plan is approved and after each review (<see cref="ReviewSchedule"/>).</summary>
    public DateOnly? NextReviewDueOn { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int Version { get; set; }
    /// <summary>When the row last changed (<see cref="IChangeStamped"/>).</summary>
    public DateTime UpdatedAt { get; set; }
    public List<CaseTeamMember> Team { get; set; } = [];
}

public enum CaseTeamRole
{
    Member = 0,
    /// <summary>The commune's Senior social worker who accepted an escalated case.</summary>
    Supervisor = 1,
}

/// <summary>A worker on a case besides the lead worker; the team sees confidential notes.</summary>
public sealed class CaseTeamMember
{
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public string UserName { get; set; } = "";
    public CaseTeamRole Role { get; set; }
    public DateTime AddedAt { get; set; }
    public string AddedBy { get; set; } = "";
}

/// <summary>One move of a case from one status to another, with who, when and why.</summary>
public sealed class CaseTransition
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public CaseStatus From { get; set; }
    public CaseStatus To { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public string? Reason { get; set; }
}

/// <summary>A Village social worker asks the commune's Senior social worker to take on a complex or high-risk case.</summary>
public sealed class CaseEscalation
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public string Reason { get; set; } = "";
    public string? AcceptedBy { get; set; }
    public DateTime? AcceptedAt { get; set; }
}

/// <summary>A case handed to another commune's team, which accepts or rejects it.</summary>
public sealed class CaseTransfer
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int FromVillageId { get; set; }
    public int ToCommuneId { get; set; }
    public Commune? ToCommune { get; set; }
    /// <summary>The status the case goes back to when the transfer is decided.</summary>
    public CaseStatus StatusBefore { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public string Reason { get; set; } = "";
    public bool? Accepted { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
}

public enum AssessmentStatus
{
    Draft = 0,
    Submitted = 1,
    Approved = 2,
}

/// <summary>A Signs of Safety assessment: the three columns, scaling and the child's own voice.</summary>
public sealed class Assessment
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    /// <summary>1 for the first assessment of the case, then 2, 3 ...</summary>
    public int Number { get; set; }
    public DateOnly AssessedOn { get; set; }
    // What are we worried about?
    public string? Harm { get; set; }
    public string? Danger { get; set; }
    public string? ComplicatingFactors { get; set; }
    // What's working well?
    public string? Strengths { get; set; }
    public string? ExistingSafety { get; set; }
    // What needs to happen?
    public string? NextSteps { get; set; }
    /// <summary>Danger statements in plain words, one per line.</summary>
    public string? DangerStatements { get; set; }
    /// <summary>Safety scale 0 (the child is not safe) to 10 (safe enough to close), asked of each separately.</summary>
    public int? WorkerScale { get; set; }
    public int? FamilyScale { get; set; }
    public int? NetworkScale { get; set; }
    public int? ChildScale { get; set; }
    // The child's voice: the Three Houses.
    public string? HouseOfWorries { get; set; }
    public string? HouseOfGoodThings { get; set; }
    public string? HouseOfDreams { get; set; }
    public AssessmentStatus Status { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovalNote { get; set; }
    public int Version { get; set; }
    public List<SafetyGoal> SafetyGoals { get; set; } = [];
}

/// <summary>A safety goal in plain words, set in an assessment; plan goals are tied to it.</summary>
public sealed class SafetyGoal
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public int CaseId { get; set; }
    public int Order { get; set; }
    public string Text { get; set; } = "";
}

public enum NetworkRelation
{
    Mother = 0,
    Father = 1,
    Grandparent = 2,
    AuntOrUncle = 3,
    Sibling = 4,
    OtherRelative = 5,
    Neighbour = 6,
    Teacher = 7,
    Monk = 8,
    VillageChief = 9,
    Friend = 10,
    Other = 11,
}

/// <summary>Someone in the child's Family Network, from the registry or named freely.</summary>
public sealed class FamilyNetworkMember
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public string Name { get; set; } = "";
    public NetworkRelation Relation { get; set; }
    public string? Phone { get; set; }
    /// <summary>What this person does in the plan, in plain words.</summary>
    public string? RoleInPlan { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; }
}

public enum PlanStatus
{
    Draft = 0,
    Agreed = 1,
    Approved = 2,
    /// <summary>A newer version replaced it; it stays readable.</summary>
    Superseded = 3,
}

/// <summary>One version of a case's support / safety plan.</summary>
public sealed class SupportPlan
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    public int Number { get; set; }
    public PlanStatus Status { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? ChangeReason { get; set; }
    /// <summary>The day the plan was agreed with the family, and who was there.</summary>
    public DateOnly? AgreedOn { get; set; }
    public string? PresentAtAgreement { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public int Version { get; set; }
    public List<PlanGoal> Goals { get; set; } = [];
    public List<PlanAction> Actions { get; set; } = [];
}

public enum GoalOutcome
{
    Met = 0,
    PartlyMet = 1,
    NotMet = 2,
}

public sealed class PlanGoal
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public SupportPlan? Plan { get; set; }
    public int? SafetyGoalId { get; set; }
    public SafetyGoal? SafetyGoal { get; set; }
    public int Order { get; set; }
    public string Text { get; set; } = "";
}

public enum ActionOwnerKind
{
    Worker = 0,
    NetworkMember = 1,
    ServiceProvider = 2,
}

public enum ActionStatus
{
    NotStarted = 0,
    InProgress = 1,
    Done = 2,
    Dropped = 3,
}

/// <summary>Who does what by when. Progress (status) is kept on the current version; a change of content makes a new version.</summary>
public sealed class PlanAction
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public SupportPlan? Plan { get; set; }
    /// <summary>The goal's position in the plan (1-based), so that copies of a version keep the link.</summary>
    public int GoalOrder { get; set; }
    public int Order { get; set; }
    public string Text { get; set; } = "";
    public ActionOwnerKind OwnerKind { get; set; }
    /// <summary>User name of the worker, when the owner is a worker.</summary>
    public string? OwnerWorker { get; set; }
    public int? OwnerNetworkMemberId { get; set; }
    public FamilyNetworkMember? OwnerNetworkMember { get; set; }
    /// <summary>The organisation, when the owner is a service provider.</summary>
    public string? OwnerProvider { get; set; }
    public DateOnly DueOn { get; set; }
    public ActionStatus Status { get; set; }
    public int Version { get; set; }
}

/// <summary>A home or school visit.</summary>
public sealed class Visit
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public DateOnly VisitedOn { get; set; }
    public string Place { get; set; } = "";
    public string WhoWasSeen { get; set; } = "";
    public bool ChildSeenAlone { get; set; }
    public string Observations { get; set; } = "";
    /// <summary>The worker's safety scale, if it was asked on this visit.</summary>
    public int? WorkerScale { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    /// <summary>Set by the device that captured it (offline capture); unique, so a resend is not a second visit.</summary>
    public Guid? ClientId { get; set; }
}

public sealed class CaseNote
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public string Text { get; set; } = "";
    /// <summary>Seen only by the case team and supervisors.</summary>
    public bool Confidential { get; set; }
    public string WrittenBy { get; set; } = "";
    public DateTime WrittenAt { get; set; }
    public Guid? ClientId { get; set; }
}

/// <summary>A follow-up task on a case with a due date.</summary>
public sealed class CaseTask
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public string Text { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public string AssignedTo { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public int Version { get; set; }
}

public enum GoalProgress
{
    NotStarted = 0,
    SomeProgress = 1,
    GoodProgress = 2,
    Achieved = 3,
}

public enum ReviewDecision
{
    ContinueSupport = 0,
    RevisePlan = 1,
    Close = 2,
}

/// <summary>A periodic review of the case's progress on each goal.</summary>
public sealed class CaseReview
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public DateOnly ReviewedOn { get; set; }
    public string ReviewedBy { get; set; } = "";
    public string Summary { get; set; } = "";
    public ReviewDecision Decision { get; set; }
    /// <summary>Tier before and after: families stepping down the tiers is what the Hive aims for.</summary>
    public Tier TierBefore { get; set; }
    public Tier TierAfter { get; set; }
    public DateOnly? NextReviewDueOn { get; set; }
    public DateTime RecordedAt { get; set; }
    public List<ReviewGoalProgress> Progress { get; set; } = [];
}

public sealed class ReviewGoalProgress
{
    public int ReviewId { get; set; }
    public int PlanGoalId { get; set; }
    public PlanGoal? PlanGoal { get; set; }
    public GoalProgress Progress { get; set; }
    public string? Note { get; set; }
}

/// <summary>A meeting on a high-risk case with commune officials, police or village chiefs.</summary>
public sealed class CaseConference
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public DateOnly HeldOn { get; set; }
    public string Place { get; set; } = "";
    public string Decisions { get; set; } = "";
    public string? FollowUps { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public List<ConferenceParticipant> Participants { get; set; } = [];
}

/// <summary>Someone at a case conference; a participant with a user account may then see that case.</summary>
public sealed class ConferenceParticipant
{
    public int Id { get; set; }
    public int ConferenceId { get; set; }
    public string? UserName { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Commune chief, police chief, village chief, ...</summary>
    public string? Role { get; set; }
}

public enum ClosureReason
{
    SafetyGoalsMet = 0,
    FamilySelfReliant = 1,
    MovedAway = 2,
    Transferred = 3,
    ChildReached18 = 4,
    Other = 5,
}

/// <summary>Where a closure stands: a worker proposes it, a supervisor approves it (the case closes) or returns it.</summary>
public enum ClosureStatus
{
    /// <summary>Approved: the case closed (every closure made before closure approval existed is one).</summary>
    Approved = 0,
    Proposed = 1,
    /// <summary>Sent back by a supervisor with a reason; the case stays open and may be proposed again.</summary>
    Returned = 2,
}

/// <summary>
/// A case closing: why, how each goal ended, the final scaling. A worker proposes it (<see cref="ClosedBy"/>,
/// <see cref="RecordedAt"/>); a supervisor other than the proposer approves or returns it (<see cref="ClosureRules"/>).
/// A reopening is kept on it.
/// </summary>
public sealed class CaseClosure
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public ClosureStatus Status { get; set; }
    /// <summary>The day proposed; once approved, the day the case closed.</summary>
    public DateOnly ClosedOn { get; set; }
    public ClosureReason Reason { get; set; }
    public string? Note { get; set; }
    /// <summary>Why the case closes with work still open: plan actions, tasks, unanswered service referrals, undelivered support (required then).</summary>
    public string? OpenActionsReason { get; set; }
    public int? FinalWorkerScale { get; set; }
    public int? FinalFamilyScale { get; set; }
    public int? FinalNetworkScale { get; set; }
    public int? FinalChildScale { get; set; }
    /// <summary>The worker who proposed the closure (who closed it, for closures before approval existed).</summary>
    public string ClosedBy { get; set; } = "";
    /// <summary>When it was proposed.</summary>
    public DateTime RecordedAt { get; set; }
    /// <summary>The supervisor who approved or returned it, and when.</summary>
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>Why it was returned (required then).</summary>
    public string? ReturnReason { get; set; }
    public DateTime? ReopenedAt { get; set; }
    public string? ReopenedBy { get; set; }
    public string? ReopenReason { get; set; }
    public int Version { get; set; }
    public List<ClosureGoalOutcome> GoalOutcomes { get; set; } = [];
}

public sealed class ClosureGoalOutcome
{
    public int ClosureId { get; set; }
    public int PlanGoalId { get; set; }
    public PlanGoal? PlanGoal { get; set; }
    public GoalOutcome Outcome { get; set; }
}
