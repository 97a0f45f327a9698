namespace VillageHive.Domain;

public enum ReferralChannel
{
    InPerson = 0,
    Hotline = 1,
    School = 2,
    HealthCentre = 3,
    Police = 4,
    Pagoda = 5,
    Self = 6,
    Other = 7,
}

/// <summary>What the referrer is worried about; several may apply.</summary>
[Flags]
public enum Concerns
{
    None = 0,
    ParentsMigrating = 1 << 0,
    LeftWithRelatives = 1 << 1,
    ExtremePoverty = 1 << 2,
    Violence = 1 << 3,
    AlcoholOrDrugs = 1 << 4,
    OutOfSchool = 1 << 5,
    ChildWorking = 1 << 6,
    NoBirthRegistration = 1 << 7,
    Disability = 1 << 8,
    Illness = 1 << 9,
    UnsafeHousing = 1 << 10,
    AbuseOrExploitation = 1 << 11,
    Other = 1 << 12,
}

public enum Urgency
{
    NotUrgent = 0,
    Soon = 1,
    ImmediateDanger = 2,
}

public enum Consent
{
    Unknown = 0,
    Given = 1,
    Refused = 2,
}

/// <summary>What the referrer may see: received, screened, in support (never the case content).</summary>
public enum ReferralStatus
{
    Received = 0,
    Screened = 1,
    InSupport = 2,
}

/// <summary>What the referrer is told about their referral, in plain words; derived, never stored (see <see cref="ReferralOutcomes"/>).</summary>
public enum ReferralOutcome
{
    Received = 0,
    Screened = 1,
    InSupport = 2,
    Finished = 3,
    NoFurtherAction = 4,
}

/// <summary>
/// The referrer's view of what became of their referral, from the referral's status, its screening decision and
/// its case's status as they are now (the referral's own status stays "in support" after the case closes).
/// </summary>
public static class ReferralOutcomes
{
    public static ReferralOutcome Of(ReferralStatus status, ScreeningDecision? decision, CaseStatus? caseStatus) =>
        status == ReferralStatus.Received && decision is null && caseStatus is null ? ReferralOutcome.Received
        : caseStatus == CaseStatus.Closed ? ReferralOutcome.Finished
        : caseStatus is not null ? ReferralOutcome.InSupport
        : decision == ScreeningDecision.NoFurtherAction ? ReferralOutcome.NoFurtherAction
        : ReferralOutcome.Screened;
}

/// <summary>A report of a child or family at risk, from anyone in the Community Network.</summary>
public sealed class Referral : IChangeStamped
{
    public int Id { get; set; }
    public int HouseholdId { get; set; }
    public Household? Household { get; set; }
    /// <summary>The household's village when referred; lists filter by it.</summary>
    public int VillageId { get; set; }
    public Village? Village { get; set; }
    /// <summary>The signed-in user who entered the referral.</summary>
    public string EnteredBy { get; set; } = "";
    /// <summary>Who referred, when not the signed-in user (a caller on the hotline, a teacher who came by).</summary>
    public string? ReferrerName { get; set; }
    public string? ReferrerPhone { get; set; }
    public ReferralChannel Channel { get; set; }
    public Concerns Concerns { get; set; }
    public string? ConcernNote { get; set; }
    public Urgency Urgency { get; set; }
    public Consent Consent { get; set; }
    public ReferralStatus Status { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>Set by the form when it is first shown; a second submit of the same form finds the first referral.</summary>
    public Guid IdempotencyKey { get; set; }
    public int? HotlineCallId { get; set; }
    public int Version { get; set; }
    /// <summary>When the row last changed (<see cref="IChangeStamped"/>).</summary>
    public DateTime UpdatedAt { get; set; }
    public List<ReferralChild> Children { get; set; } = [];
    public Screening? Screening { get; set; }
}

public sealed class ReferralChild
{
    public int ReferralId { get; set; }
    public Referral? Referral { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
}

public enum ScreeningDecision
{
    NoFurtherAction = 0,
    EarlyIntervention = 1,
    CrisisResponse = 2,
}

public enum Priority
{
    Low = 0,
    Medium = 1,
    High = 2,
}

/// <summary>A version of the risk-of-separation checklist; screenings keep the version they used.</summary>
public sealed class ScreeningCriteriaVersion
{
    public int Id { get; set; }
    public int Number { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>Scores at or above this propose Early Intervention.</summary>
    public int EarlyInterventionFrom { get; set; }
    /// <summary>Scores at or above this propose Crisis Response.</summary>
    public int CrisisFrom { get; set; }
    public List<ScreeningCriterion> Criteria { get; set; } = [];
}

public sealed class ScreeningCriterion
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public ScreeningCriteriaVersion? Version { get; set; }
    public int Order { get; set; }
    public string TextKm { get; set; } = "";
    public string TextEn { get; set; } = "";
    public int Weight { get; set; }
    /// <summary>A criterion so serious that it alone means Crisis Response (abuse, a child in danger).</summary>
    public bool ForcesCrisis { get; set; }
}

public sealed class Screening
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public Referral? Referral { get; set; }
    public int CriteriaVersionId { get; set; }
    public ScreeningCriteriaVersion? CriteriaVersion { get; set; }
    /// <summary>Ids of the criteria that were met.</summary>
    public List<int> MetCriteria { get; set; } = [];
    public int Score { get; set; }
    public ScreeningDecision ProposedDecision { get; set; }
    public ScreeningDecision Decision { get; set; }
    public Priority ProposedPriority { get; set; }
    public Priority Priority { get; set; }
    /// <summary>Required when the worker's decision or priority differs from the proposal.</summary>
    public string? OverrideReason { get; set; }
    public string? Note { get; set; }
    public string ScreenedBy { get; set; } = "";
    public DateTime ScreenedAt { get; set; }
}

public enum Tier
{
    Universal = 0,
    EarlyIntervention = 1,
    Crisis = 2,
}

/// <summary>A call to the hotline, logged as it happens and turned into a referral in one step.</summary>
public sealed class HotlineCall
{
    public int Id { get; set; }
    public DateTime ReceivedAt { get; set; }
    public string CallerName { get; set; } = "";
    public string? CallerPhone { get; set; }
    public string? CallerRelation { get; set; }
    public string Summary { get; set; } = "";
    public string? Location { get; set; }
    public int? VillageId { get; set; }
    public Village? Village { get; set; }
    public Urgency Urgency { get; set; }
    public string TakenBy { get; set; } = "";
    public int? ReferralId { get; set; }
    /// <summary>Set when the form is shown; the same form sent twice logs one call.</summary>
    public Guid IdempotencyKey { get; set; }
}

/// <summary>An on-screen alert for the commune's Senior social worker and CCWC (SMS later).</summary>
public sealed class Alert
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public int ReferralId { get; set; }
    public Referral? Referral { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
}

/// <summary>Two person records found to be the same person; the merged one is kept, marked, for history.</summary>
public sealed class PersonMerge
{
    public int Id { get; set; }
    public int KeptPersonId { get; set; }
    public int MergedPersonId { get; set; }
    /// <summary>The merged record as it was (JSON), so that nothing is lost.</summary>
    public string MergedSnapshot { get; set; } = "";
    public string MergedBy { get; set; } = "";
    public DateTime MergedAt { get; set; }
    /// <summary>What the merge moved (JSON: "Entity.Property" to the ids of the rows moved), so that an undo moves them back.</summary>
    public string Moved { get; set; } = "{}";
    public string? UndoneBy { get; set; }
    public DateTime? UndoneAt { get; set; }
}

/// <summary>Two household records found to be the same household; the merged one is kept, marked and empty, for history.</summary>
public sealed class HouseholdMerge
{
    public int Id { get; set; }
    public int KeptHouseholdId { get; set; }
    public int MergedHouseholdId { get; set; }
    /// <summary>What the merge moved (JSON: "Entity.Property" to the ids of the rows moved), so that an undo moves them back.</summary>
    public string Moved { get; set; } = "{}";
    public string MergedBy { get; set; } = "";
    public DateTime MergedAt { get; set; }
    public string? UndoneBy { get; set; }
    public DateTime? UndoneAt { get; set; }
}
