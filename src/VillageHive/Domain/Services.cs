namespace VillageHive.Domain;

/// <summary>What a service offers; gaps are counted per category and village.</summary>
public enum ServiceCategory
{
    Health = 0,
    Education = 1,
    ChildCare = 2,
    Nutrition = 3,
    IdDocumentation = 4,
    Housing = 5,
    SupportPayments = 6,
    FinancialLiteracy = 7,
    VocationalTraining = 8,
    IncomeGeneration = 9,
    Counselling = 10,
    CrisisAccommodation = 11,
    KinshipCare = 12,
    FamilyReintegration = 13,
    AddictionSupport = 14,
    CareLeaverSupport = 15,
    DisasterRelief = 16,
    Hotline = 17,
    Other = 18,
}

/// <summary>An organisation of the Services Network (clinic, school, NGO, commune office), with a contact.</summary>
public sealed class ProviderOrganisation
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? ContactName { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// Links a user of the Service provider role to the organisation whose referrals they see. A table of its own
/// so that Identity's user table stays as Identity made it.
/// </summary>
public sealed class ServiceProviderUser
{
    public string UserName { get; set; } = "";
    public int ProviderId { get; set; }
    public ProviderOrganisation? Provider { get; set; }
}

public sealed class Service : IChangeStamped
{
    public int Id { get; set; }
    public string NameKm { get; set; } = "";
    public string NameEn { get; set; } = "";
    public Tier Tier { get; set; }
    public ServiceCategory Category { get; set; }
    public int ProviderId { get; set; }
    public ProviderOrganisation? Provider { get; set; }
    /// <summary>Who may use it, in plain words.</summary>
    public string? Eligibility { get; set; }
    /// <summary>How many families it can take at once; empty when not limited.</summary>
    public int? Capacity { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; }
    /// <summary>When the row last changed (<see cref="IChangeStamped"/>).</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>The villages it serves; a commune-wide service lists every village of the commune.</summary>
    public List<ServiceCoverage> Coverage { get; set; } = [];
}

public sealed class ServiceCoverage
{
    public int ServiceId { get; set; }
    public int VillageId { get; set; }
    public Village? Village { get; set; }
}

public enum ServiceReferralStatus
{
    Sent = 0,
    Accepted = 1,
    Declined = 2,
    Delivered = 3,
    Closed = 4,
}

/// <summary>A case connected to a service: sent → accepted / declined → delivered (with outcome) → closed.</summary>
public sealed class ServiceReferral : IChangeStamped
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public Case? Case { get; set; }
    /// <summary>The plan action this referral carries out, when it comes from the plan.</summary>
    public int? PlanActionId { get; set; }
    public PlanAction? PlanAction { get; set; }
    public int ServiceId { get; set; }
    public Service? Service { get; set; }
    /// <summary>What is asked of the provider: the only case content the provider sees besides the child's first name and age.</summary>
    public string Request { get; set; } = "";
    /// <summary>The child the service is for (first name and age shown to the provider).</summary>
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public ServiceReferralStatus Status { get; set; }
    public string SentBy { get; set; } = "";
    public DateTime SentAt { get; set; }
    /// <summary>The provider should accept or decline by this day; after it the referral is overdue for the worker.</summary>
    public DateOnly RespondBy { get; set; }
    public string? RespondedBy { get; set; }
    public DateTime? RespondedAt { get; set; }
    public string? DeclineReason { get; set; }
    /// <summary>Declined because the service is full: counted as a capacity gap.</summary>
    public bool DeclinedForCapacity { get; set; }
    public DateOnly? DeliveredOn { get; set; }
    public string? Outcome { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int Version { get; set; }
    /// <summary>When the row last changed (<see cref="IChangeStamped"/>).</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A gap in local services that someone noticed (anyone, including the Community Network).</summary>
public sealed class ServiceGapReport
{
    public int Id { get; set; }
    public int VillageId { get; set; }
    public Village? Village { get; set; }
    public ServiceCategory Category { get; set; }
    public string Description { get; set; } = "";
    public string ReportedBy { get; set; } = "";
    public DateTime ReportedAt { get; set; }
}

/// <summary>The service-referral state machine.</summary>
public static class ServiceReferralFlow
{
    /// <summary>Days a provider has to answer a referral.</summary>
    public const int ResponseDays = 7;

    public static DateOnly RespondBy(DateOnly sentOn) => sentOn.AddDays(ResponseDays);

    public static bool MayMove(ServiceReferralStatus from, ServiceReferralStatus to) => (from, to) switch
    {
        (ServiceReferralStatus.Sent, ServiceReferralStatus.Accepted) => true,
        (ServiceReferralStatus.Sent, ServiceReferralStatus.Declined) => true,
        (ServiceReferralStatus.Accepted, ServiceReferralStatus.Delivered) => true,
        // The worker closes a referral once it is delivered, declined, or no longer needed.
        (ServiceReferralStatus.Sent or ServiceReferralStatus.Accepted or ServiceReferralStatus.Declined or ServiceReferralStatus.Delivered,
            ServiceReferralStatus.Closed) => true,
        _ => false,
    };

    /// <summary>A message key when the move is refused, else null.</summary>
    public static string? Refusal(ServiceReferralStatus from, ServiceReferralStatus to, string? reason, string? outcome)
    {
        if (!MayMove(from, to)) return "ServiceReferral.NotNow";
        if (to == ServiceReferralStatus.Declined && string.IsNullOrWhiteSpace(reason)) return "ServiceReferral.ReasonRequired";
        if (to == ServiceReferralStatus.Delivered && string.IsNullOrWhiteSpace(outcome)) return "ServiceReferral.OutcomeRequired";
        return null;
    }

    /// <summary>Waiting for the provider's answer past the day it was due.</summary>
    public static bool IsOverdue(ServiceReferralStatus status, DateOnly respondBy, DateOnly today) =>
        status == ServiceReferralStatus.Sent && respondBy < today;
}

/// <summary>Which categories of service a family's concerns or material requests call for (used by the gap analysis).</summary>
public static class ServiceNeeds
{
    public static IEnumerable<ServiceCategory> ForConcerns(Concerns concerns)
    {
        if (concerns.HasFlag(Concerns.ParentsMigrating) || concerns.HasFlag(Concerns.LeftWithRelatives)) yield return ServiceCategory.KinshipCare;
        if (concerns.HasFlag(Concerns.ExtremePoverty)) yield return ServiceCategory.SupportPayments;
        if (concerns.HasFlag(Concerns.Violence) || concerns.HasFlag(Concerns.AbuseOrExploitation)) yield return ServiceCategory.Counselling;
        if (concerns.HasFlag(Concerns.AlcoholOrDrugs)) yield return ServiceCategory.AddictionSupport;
        if (concerns.HasFlag(Concerns.OutOfSchool) || concerns.HasFlag(Concerns.ChildWorking)) yield return ServiceCategory.Education;
        if (concerns.HasFlag(Concerns.NoBirthRegistration)) yield return ServiceCategory.IdDocumentation;
        if (concerns.HasFlag(Concerns.Disability) || concerns.HasFlag(Concerns.Illness)) yield return ServiceCategory.Health;
        if (concerns.HasFlag(Concerns.UnsafeHousing)) yield return ServiceCategory.Housing;
    }

    public static ServiceCategory ForItem(SupportItem item) => item switch
    {
        SupportItem.Rice => ServiceCategory.Nutrition,
        SupportItem.Bicycle or SupportItem.SchoolUniform or SupportItem.SchoolMaterials => ServiceCategory.Education,
        SupportItem.HygieneKit => ServiceCategory.Health,
        SupportItem.CashBasicNeeds or SupportItem.EmergencyCash => ServiceCategory.SupportPayments,
        _ => ServiceCategory.Other,
    };
}
