namespace VillageHive.Domain;

/// <summary>The roles of DOMAIN.md. The names are stored in the database; screens show them translated.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string DistrictManager = "DistrictManager";
    public const string Ccwc = "CcwcFocalPerson";
    public const string SeniorSocialWorker = "SeniorSocialWorker";
    public const string VillageSocialWorker = "VillageSocialWorker";
    public const string CommunityNetworkMember = "CommunityNetworkMember";
    public const string CommuneOfficial = "CommuneOfficial";
    public const string ServiceProvider = "ServiceProvider";
    public const string Researcher = "Researcher";

    public static readonly IReadOnlyList<string> All =
    [
        Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker,
        CommunityNetworkMember, CommuneOfficial, ServiceProvider, Researcher,
    ];

    /// <summary>Roles that may see identified registry records (households and persons).</summary>
    public static readonly IReadOnlyList<string> RegistryReaders =
        [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker, CommuneOfficial];

    /// <summary>Roles that may create and change registry records.</summary>
    public static readonly IReadOnlyList<string> RegistryEditors =
        [Administrator, Ccwc, SeniorSocialWorker, VillageSocialWorker];

    /// <summary>Roles that may see the change history of a record on its page.</summary>
    public static readonly IReadOnlyList<string> AuditReaders = [Administrator, Ccwc, SeniorSocialWorker];

    /// <summary>Roles that receive and screen referrals (the inbox).</summary>
    public static readonly IReadOnlyList<string> ReferralWorkers = [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker];

    /// <summary>Roles that screen referrals and open cases.</summary>
    public static readonly IReadOnlyList<string> Screeners = [Administrator, Ccwc, SeniorSocialWorker, VillageSocialWorker];

    /// <summary>Roles that may submit a referral: the Community Network and the social workers.</summary>
    public static readonly IReadOnlyList<string> Referrers = [Administrator, Ccwc, SeniorSocialWorker, VillageSocialWorker, CommunityNetworkMember];

    /// <summary>Roles that answer the hotline and log its calls.</summary>
    public static readonly IReadOnlyList<string> HotlineTakers = [Administrator, Ccwc, SeniorSocialWorker, VillageSocialWorker];

    /// <summary>Roles that respond to a child in immediate danger: they see and acknowledge the commune's alerts.</summary>
    public static readonly IReadOnlyList<string> AlertReceivers = [Administrator, Ccwc, SeniorSocialWorker];

    /// <summary>Roles that work cases (visits, notes, assessments, plans) for the cases they may see.</summary>
    public static readonly IReadOnlyList<string> CaseWorkers = [Ccwc, SeniorSocialWorker, VillageSocialWorker];

    /// <summary>Roles that supervise the commune's cases: approve assessments and plans, accept escalations and transfers, reopen.</summary>
    public static readonly IReadOnlyList<string> CaseSupervisors = [Ccwc, SeniorSocialWorker];

    /// <summary>Roles that may open case pages: workers and managers in their scope, commune officials for cases brought to their conference.</summary>
    public static readonly IReadOnlyList<string> CaseReaders = [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker, CommuneOfficial];

    // Community education and programmes. There is no "project officer" role: a programme names its project
    // officer by user name, who may hold any of the running roles.

    /// <summary>Roles that run programmes and community activities: enrol, take attendance, follow up absences.</summary>
    public static readonly IReadOnlyList<string> ProgrammeRunners = [Ccwc, SeniorSocialWorker, VillageSocialWorker];

    /// <summary>Roles that may see programmes (rosters, attendance, follow-ups) in their scope.</summary>
    public static readonly IReadOnlyList<string> ProgrammeReaders = [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker, CommuneOfficial];

    /// <summary>Roles that facilitate activities and take session attendance: the runners and the Community Network in their village.</summary>
    public static readonly IReadOnlyList<string> ActivityFacilitators = [Ccwc, SeniorSocialWorker, VillageSocialWorker, CommunityNetworkMember];

    /// <summary>Roles that may see community activities in their scope.</summary>
    public static readonly IReadOnlyList<string> ActivityReaders = [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker, CommuneOfficial, CommunityNetworkMember];
    // Evidence: dashboards, the commune impact report, outcome surveys, consent and exports.
    /// <summary>Roles that see the dashboards (figures only, never names); a Village social worker for their villages.</summary>
    public static readonly IReadOnlyList<string> DashboardReaders =
        [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker, CommuneOfficial];

    /// <summary>Roles that open and download the annual commune impact report.</summary>
    public static readonly IReadOnlyList<string> ReportReaders = [Administrator, DistrictManager, Ccwc, CommuneOfficial];

    /// <summary>Roles that record outcome surveys, consent answers and case stories (the workers who meet the family).</summary>
    public static readonly IReadOnlyList<string> OutcomeRecorders = [Ccwc, SeniorSocialWorker, VillageSocialWorker];

    /// <summary>
    /// Roles that may export identified lists (names, phones) of their scope: managers and supervisors, who sign in
    /// with a second factor; a file leaves the system's access rules, so field workers work in the app instead.
    /// </summary>
    public static readonly IReadOnlyList<string> Exporters = [Administrator, DistrictManager, Ccwc, SeniorSocialWorker];

    /// <summary>Roles that may download the de-identified research export; a Researcher gets nothing else.</summary>
    public static readonly IReadOnlyList<string> ResearchExporters = [Administrator, DistrictManager, Researcher];

    /// <summary>Roles that see or decide on many families' records: they must sign in with a second factor (Security:RequireTwoFactor).</summary>
    public static readonly IReadOnlyList<string> TwoFactorRequired =
        [Administrator, DistrictManager, Ccwc, SeniorSocialWorker];

    // The longitudinal study (issue 22).
    /// <summary>Roles that see the study's cohorts, waves and attrition in their scope (a Researcher sees pseudonyms, never names).</summary>
    public static readonly IReadOnlyList<string> StudyReaders =
        [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker, Researcher];

    /// <summary>Roles that interview the study's households in their scope and record each one's status in a wave.</summary>
    public static readonly IReadOnlyList<string> StudyInterviewers = [Ccwc, SeniorSocialWorker, VillageSocialWorker];

    /// <summary>Roles that make studies, cohorts and waves and edit and publish draft questionnaires (within what they may see).</summary>
    public static readonly IReadOnlyList<string> StudyDesigners = [Administrator, Researcher];

    // Services Network (issue 7).
    /// <summary>Roles that may look up the service directory (it names organisations, not families).</summary>
    public static readonly IReadOnlyList<string> ServiceDirectoryReaders =
        [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker, CommunityNetworkMember, CommuneOfficial, ServiceProvider];

    /// <summary>Roles that add and change services and their providers.</summary>
    public static readonly IReadOnlyList<string> ServiceEditors = [Administrator, Ccwc];

    /// <summary>Roles that approve material support and support payments, each up to their limit (<see cref="ApproverLimit"/>).</summary>
    public static readonly IReadOnlyList<string> SupportApprovers = [Ccwc, SeniorSocialWorker];

    /// <summary>Roles that see the support ledger of the communes in their scope (commune officials: the council holds the budget).</summary>
    public static readonly IReadOnlyList<string> LedgerReaders =
        [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker, CommuneOfficial];

    /// <summary>Roles that see where services are missing and may record a gap they notice (the Community Network too).</summary>
    public static readonly IReadOnlyList<string> GapReporters =
        [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker, CommunityNetworkMember, CommuneOfficial];

    // The workforce and the handover of each commune's Hive (issue 22).
    /// <summary>Roles that see training, supervision, caseloads and staff movements: a Village social worker their own only.</summary>
    public static readonly IReadOnlyList<string> WorkforceReaders = [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker];

    /// <summary>Roles that record training, supervision and staff movements and set the commune's caseload ceiling.</summary>
    public static readonly IReadOnlyList<string> WorkforceRecorders = [Ccwc, SeniorSocialWorker];

    /// <summary>Roles that see the Hives' stages, the rollout plan and the readiness checklists of their scope.</summary>
    public static readonly IReadOnlyList<string> HiveReaders = [Administrator, DistrictManager, Ccwc, CommuneOfficial];

    /// <summary>Roles that confirm their commune's readiness items with evidence.</summary>
    public static readonly IReadOnlyList<string> HiveConfirmers = [Ccwc, CommuneOfficial];

    /// <summary>Roles that review the confirmed items and record a Hive's next stage: the district.</summary>
    public static readonly IReadOnlyList<string> HiveReviewers = [DistrictManager];

    // Village consultations, focus groups and case studies (issue 22).
    /// <summary>Roles that plan consultations, edit them, debrief and write the next script version: the commune's seniors.</summary>
    public static readonly IReadOnlyList<string> ConsultationPlanners = [Ccwc, SeniorSocialWorker];

    /// <summary>Roles that capture what is heard in a consultation (a Village social worker in their villages).</summary>
    public static readonly IReadOnlyList<string> ConsultationCapturers = [Ccwc, SeniorSocialWorker, VillageSocialWorker];

    /// <summary>Roles that see consultations and their roll-up in their scope.</summary>
    public static readonly IReadOnlyList<string> ConsultationReaders = [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, VillageSocialWorker, CommuneOfficial];

    /// <summary>Roles that read focus groups and case studies (a Researcher never sees a withdrawn study or an unconsented name).</summary>
    public static readonly IReadOnlyList<string> ResearchReaders = [Administrator, DistrictManager, Ccwc, SeniorSocialWorker, Researcher];

    /// <summary>Roles that record focus groups and case studies.</summary>
    public static readonly IReadOnlyList<string> ResearchWriters = [Ccwc, SeniorSocialWorker];
}
