using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data.Seed;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// Every routed page and handler, for one user of every role and two users of another commune, against the
/// expected outcome in the table below. A page without a row fails the test, and so does a row without a page.
/// </summary>
public sealed class AuthorizationMatrixTests(Apps apps, ITestOutputHelper output)
{
    /// <summary>Columns of the expectation strings, in order.</summary>
    private static readonly string[] Users =
    [
        "admin", "district.manager", "ouchar.ccwc", "ouchar.senior", "ouchar.vbsw1", "ouchar.member1", "ouchar.chief",
        "provider.healthcentre", "researcher", "svaypao.ccwc", "svaypao.vbsw1",
    ];

    // A = allowed (GET 200; POST answered without 401/403/404: the form comes back or redirects)
    // F = 403, N = 404 (the record is outside the user's scope), R = redirect, C = 409 (the record's state refuses it), - = not tested for this method.
    // The URL's {id} is an Ou Char record in ouchar.vbsw1's villages; the Svay Pao users must get N for it.
    private static readonly Dictionary<string, (string Url, string Get, string Post)> Table = new()
    {
        ["/"] = ("/", "AAAAAAAAAAA", "-"),
        // First run: gone once the install has an administrator (as the demo has); the place step is the administrator's.
        ["/Setup"] = ("/Setup", "NNNNNNNNNNN", "NNNNNNNNNNN"),
        ["/Setup/Index"] = ("/Setup/Index", "NNNNNNNNNNN", "NNNNNNNNNNN"),
        ["/Setup/Place"] = ("/Setup/Place", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Index"] = ("/Index", "AAAAAAAAAAA", "-"),
        // Setting up a phone: open to anyone (a phone trusts the Hive's authority before it signs in); the certificate is 404 while Hive:Lan is off.
        ["/Install"] = ("/Install", "AAAAAAAAAAA", "-"),
        ["/Install/Index"] = ("/Install/Index", "AAAAAAAAAAA", "-"),
        ["/Install/Certificate"] = ("/Install/Certificate", "NNNNNNNNNNN", "-"),
        ["/Account/Login"] = ("/Account/Login", "AAAAAAAAAAA", "AAAAAAAAAAA"),
        ["/Account/ChangePassword"] = ("/Account/ChangePassword", "AAAAAAAAAAA", "AAAAAAAAAAA"),
        ["/Account/TwoFactor"] = ("/Account/TwoFactor", "AAAAAAAAAAA", "AAAAAAAAAAA"),
        ["/Account/LoginWith2fa"] = ("/Account/LoginWith2fa", "RRRRRRRRRRR", "RRRRRRRRRRR"),
        ["/Account/LoginWithRecoveryCode"] = ("/Account/LoginWithRecoveryCode", "RRRRRRRRRRR", "RRRRRRRRRRR"),
        ["/Account/Logout"] = ("/Account/Logout", "RRRRRRRRRRR", "RRRRRRRRRRR"),
        ["/Language"] = ("/Language", "RRRRRRRRRRR", "RRRRRRRRRRR"),
        ["/Error/{code:int?}"] = ("/Error/404", "NNNNNNNNNNN", "NNNNNNNNNNN"),
        ["/Search"] = ("/Search?q={name}", "AAAAAFAFFAA", "-"),
        ["/Search/Index"] = ("/Search/Index?q=%2322", "AAAAAFAFFAA", "-"),
        ["/Registry/Households"] = ("/Registry/Households?q={name}", "AAAAAFAFFAA", "-"),
        ["/Registry/Households/Index"] = ("/Registry/Households/Index", "AAAAAFAFFAA", "-"),
        ["/Registry/Households/New"] = ("/Registry/Households/New", "AFAAAFFFFAA", "AFAAAFFFFAA"),
        ["/Registry/Households/{id:int}"] = ("/Registry/Households/{household}", "AAAAAFAFFNN", "-"),
        ["/Registry/Households/{id:int}/Edit"] = ("/Registry/Households/{household}/Edit", "AFAAAFFFFNN", "AFAAAFFFFNN"),
        ["/Registry/Persons/{id:int}"] = ("/Registry/Persons/{person}", "AAAAAFAFFNN", "-"),
        ["/Registry/Persons/New"] = ("/Registry/Persons/New?householdId={household}", "AFAAAFFFFNN", "AFAAAFFFFNN"),
        ["/Registry/Persons/{id:int}/Edit"] = ("/Registry/Persons/{person}/Edit", "AFAAAFFFFNN", "AFAAAFFFFNN"),
        ["/Registry/Persons/{id:int}/Move"] = ("/Registry/Persons/{person}/Move", "AFAAAFFFFNN", "AFAAAFFFFNN"),
        // Where a child lives: recorded by the workers who work cases, on a child of their area (an empty form: 422, the form again).
        ["/Registry/Persons/{id:int}/Care"] = ("/Registry/Persons/{person}/Care", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        ["/Admin/Geography"] = ("/Admin/Geography", "AFFFFFFFFFF", "-"),
        ["/Admin/Geography/Index"] = ("/Admin/Geography/Index", "AFFFFFFFFFF", "-"),
        ["/Admin/Geography/Communes/{id:int}"] = ("/Admin/Geography/Communes/{commune}", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/Geography/Villages/{id:int?}"] = ("/Admin/Geography/Villages/{village}", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/Audit"] = ("/Admin/Audit", "AFFFFFFFFFF", "-"),
        ["/Admin/Users"] = ("/Admin/Users", "AFAFFFFFFAF", "-"),
        ["/Admin/Users/Index"] = ("/Admin/Users/Index", "AFAFFFFFFAF", "-"),
        ["/Admin/Users/New"] = ("/Admin/Users/New", "AFAFFFFFFAF", "AFAFFFFFFAF"),
        ["/Admin/Users/Bulk"] = ("/Admin/Users/Bulk", "AFAFFFFFFAF", "AFAFFFFFFAF"),
        ["/Admin/Users/{id}"] = ("/Admin/Users/{user}", "AFAFFFFFFNF", "AFAFFFFFFNF"),
        ["/Admin/Users/{id}/Handover"] = ("/Admin/Users/{user}/Handover", "AFAFFFFFFNF", "AFAFFFFFFNF"),
        ["/Referrals"] = ("/Referrals", "AAAAAAFFFAA", "-"),
        ["/Referrals/Index"] = ("/Referrals/Index", "AAAAAAFFFAA", "-"),
        ["/Referrals/New"] = ("/Referrals/New", "AFAAAAFFFAA", "AFAAAAFFFAA"),
        ["/Sync"] = ("/Sync", "AAAAAAAAAAA", "-"),
        ["/Sync/Index"] = ("/Sync/Index", "AAAAAAAAAAA", "-"),
        ["/Referrals/{id:int}"] = ("/Referrals/{referral}", "AAAAAAFFFNN", "-"),
        ["/Referrals/{id:int}/Screening"] = ("/Referrals/{referral}/Screening", "AFAAAFFFFNN", "AFAAAFFFFNN"),
        ["/Admin/Audit/Index"] = ("/Admin/Audit/Index", "AFFFFFFFFFF", "-"),
        // POST takes a backup (the administrator's "back up now").
        ["/Admin/Backup"] = ("/Admin/Backup", "AFFFFFFFFFF", "RFFFFFFFFFF"),
        ["/Admin/Backup/Index"] = ("/Admin/Backup/Index", "AFFFFFFFFFF", "-"),
        ["/Hotline"] = ("/Hotline", "AFAAAFFFFAA", "AFAAAFFFFAA"),
        ["/Hotline/Index"] = ("/Hotline/Index", "AFAAAFFFFAA", "AFAAAFFFFAA"),
        ["/Alerts"] = ("/Alerts", "AFAAFFFFFAF", "-"),
        ["/Alerts/Index"] = ("/Alerts/Index", "AFAAFFFFFAF", "-"),
        // Everyone's own notifications and SMS choice; opening or marking one that is not theirs is a 404.
        ["/Notifications"] = ("/Notifications", "AAAAAAAAAAA", "-"),
        ["/Notifications/Index"] = ("/Notifications/Index", "AAAAAAAAAAA", "-"),
        ["/Account/Notifications"] = ("/Account/Notifications", "AAAAAAAAAAA", "RRRRRRRRRRR"),
        // One checklist for the installation: CCWC focal persons of any commune change it too.
        ["/Admin/ScreeningCriteria"] = ("/Admin/ScreeningCriteria", "AFAFFFFFFAF", "AFAFFFFFFAF"),
        ["/Admin/ScreeningCriteria/Index"] = ("/Admin/ScreeningCriteria/Index", "AFAFFFFFFAF", "AFAFFFFFFAF"),
        ["/Admin/Persons/Merge"] = ("/Admin/Persons/Merge", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/Households/Merge"] = ("/Admin/Households/Merge", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        // Money: administrators only (a CCWC focal person approves against the budget and the limits, so does not set them).
        // An empty form, and a delete without the box ticked, come back with their messages.
        ["/Admin/Geography/Import"] = ("/Admin/Geography/Import", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/Import"] = ("/Admin/Import", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/Import/Index"] = ("/Admin/Import/Index", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/Budgets"] = ("/Admin/Budgets", "AFFFFFFFFFF", "-"),
        ["/Admin/Budgets/Index"] = ("/Admin/Budgets/Index?year=2023", "AFFFFFFFFFF", "-"),
        ["/Admin/Budgets/Edit/{id:int?}"] = ("/Admin/Budgets/Edit/{budget}", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        // Other systems' clients of the API: administrators only (creating with an empty form: the form again).
        ["/Admin/ApiClients"] = ("/Admin/ApiClients", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/ApiClients/Index"] = ("/Admin/ApiClients/Index", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/Api"] = ("/Admin/Api", "AFFFFFFFFFF", "-"),
        ["/Admin/Api/Index"] = ("/Admin/Api/Index", "AFFFFFFFFFF", "-"),
        ["/Admin/ApprovalLimits"] = ("/Admin/ApprovalLimits", "AFFFFFFFFFF", "-"),
        ["/Admin/ApprovalLimits/Index"] = ("/Admin/ApprovalLimits/Index", "AFFFFFFFFFF", "-"),
        ["/Admin/ApprovalLimits/Edit/{id:int?}"] = ("/Admin/ApprovalLimits/Edit/{limit}", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        // A commune official sees a case only once it was brought to a conference they attended.
        ["/Cases/{id:int}"] = ("/Cases/{case}", "AAAAAFNFFNN", "-"),
        // Case flow: read pages for CaseReaders; work pages 404 for a case the user cannot see (ouchar.chief: no
        // conference yet; Svay Pao), 403 for those who see it but may not work it (admin, district manager).
        ["/Cases"] = ("/Cases", "AAAAAFAFFAA", "-"),
        ["/Cases/Index"] = ("/Cases/Index", "AAAAAFAFFAA", "-"),
        ["/Cases/Overdue"] = ("/Cases/Overdue", "AAAAAFAFFAA", "-"),
        ["/Cases/{id:int}/Move"] = ("/Cases/{case}/Move", "FFAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Close"] = ("/Cases/{case}/Close", "FFAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Reopen"] = ("/Cases/{case}/Reopen", "FFAAFFNFFNN", "FFAAFFNFFNN"),
        // Asking is for the Village social worker on the team; accepting for the commune's supervisors.
        ["/Cases/{id:int}/Escalate"] = ("/Cases/{case}/Escalate", "FFAAAFNFFNN", "FFFFAFNFFNN"),
        ["/Cases/{id:int}/Transfer"] = ("/Cases/{case}/Transfer", "FFAAFFNFFNN", "FFAAFFNFFNN"),
        ["/Cases/{id:int}/Team"] = ("/Cases/{case}/Team", "FFAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Reviews/New"] = ("/Cases/{case}/Reviews/New", "FFAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Conferences/New"] = ("/Cases/{case}/Conferences/New", "FFAAAFNFFNN", "FFAAAFNFFNN"),
        // Case work: reading pages for case readers (commune officials only for conference cases: N here), writing for the case workers.
        ["/Cases/{id:int}/Assessments/New"] = ("/Cases/{case}/Assessments/New", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        ["/Cases/{id:int}/Assessments/{assessmentId:int}"] = ("/Cases/{case}/Assessments/{assessment}", "AAAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Network"] = ("/Cases/{case}/Network", "AAAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Network/{memberId:int}"] = ("/Cases/{case}/Network/{member}", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        ["/Cases/{id:int}/Notes"] = ("/Cases/{case}/Notes", "AAAAAFNFFNN", "-"),
        ["/Cases/{id:int}/Notes/New"] = ("/Cases/{case}/Notes/New", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        ["/Cases/{id:int}/Plan"] = ("/Cases/{case}/Plan", "AAAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Plan/Edit"] = ("/Cases/{case}/Plan/Edit", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        ["/Cases/{id:int}/Tasks"] = ("/Cases/{case}/Tasks", "AAAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Visits/New"] = ("/Cases/{case}/Visits/New", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        // MoSVY forms: read as the case is read; the missing fields and form 2's scores filled by whoever records on the case
        // (an empty answers form saves nothing and goes back to the form: R; an empty scoring is refused: 422).
        ["/Cases/{id:int}/Forms"] = ("/Cases/{case}/Forms", "AAAAAFNFFNN", "-"),
        ["/Cases/{id:int}/Forms/{n:int}/{handler:regex(^Pdf$)?}"] = ("/Cases/{case}/Forms/1", "AAAAAFNFFNN", "-"),
        ["/Cases/{id:int}/Forms/{n:int}/Edit"] = ("/Cases/{case}/Forms/1/Edit", "FFAAAFFFFNN", "FFRRRFFFFNN"),
        ["/Cases/{id:int}/Forms/Scores"] = ("/Cases/{case}/Forms/Scores", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        // Programmes: run by CCWC and social workers, read by managers and commune officials. {programme} is the Ou Char demo programme.
        ["/Programmes"] = ("/Programmes", "AAAAAFAFFAA", "-"),
        ["/Programmes/Index"] = ("/Programmes/Index", "AAAAAFAFFAA", "-"),
        ["/Programmes/{id:int}"] = ("/Programmes/{programme}", "AAAAAFAFFNN", "-"),
        // Setting up a programme is for the commune's supervisors (CCWC focal person, Senior social worker).
        ["/Programmes/New"] = ("/Programmes/New", "FFAAFFFFFAF", "FFAAFFFFFAF"),
        ["/Programmes/{id:int}/Enrol"] = ("/Programmes/{programme}/Enrol", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        // Programme years: set up and carried over by the running roles (the demo's current year has no next year: an empty post changes nothing).
        ["/Programmes/{id:int}/Years/New"] = ("/Programmes/{programme}/Years/New", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        ["/Programmes/{id:int}/CarryOver"] = ("/Programmes/{programme}/CarryOver", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        ["/Programmes/{id:int}/Attendance"] = ("/Programmes/{programme}/Attendance", "AAAAAFAFFNN", "FFAAAFFFFNN"),
        ["/Programmes/{id:int}/FollowUps"] = ("/Programmes/{programme}/FollowUps", "AAAAAFAFFNN", "-"),
        ["/Programmes/FollowUps/{id:int}"] = ("/Programmes/FollowUps/{followup}", "AAAAAFAFFNN", "FFAAAFFFFNN"),
        ["/Programmes/Enrolments/{id:int}/Exit"] = ("/Programmes/Enrolments/{enrolment}/Exit", "FFAAAFFFFNN", "FFAAAFFFFNN"),
        ["/Programmes/Enrolments/{id:int}/Learning"] = ("/Programmes/Enrolments/{enrolment}/Learning", "AAAAAFAFFNN", "FFAAAFFFFNN"),
        // Community activities: the Community Network facilitates and takes attendance in its villages. {activity} and {session} are in village 1.
        ["/Community"] = ("/Community", "AAAAAAAFFAA", "-"),
        ["/Community/Index"] = ("/Community/Index", "AAAAAAAFFAA", "-"),
        ["/Community/New"] = ("/Community/New", "FFAAAFFFFAA", "FFAAAFFFFAA"),
        ["/Community/{id:int}"] = ("/Community/{activity}", "AAAAAAAFFNN", "FFAAAAFFFNN"),
        ["/Community/Sessions/{id:int}"] = ("/Community/Sessions/{session}", "AAAAAAAFFNN", "FFAAAAFFFNN"),
        // Services Network: the directory names organisations only; editing for Administrators and CCWC focal persons.
        ["/Services"] = ("/Services", "AAAAAAAAFAA", "-"),
        ["/Services/Index"] = ("/Services/Index", "AAAAAAAAFAA", "-"),
        ["/Services/Edit/{id:int?}"] = ("/Services/Edit", "AFAFFFFFFAF", "AFAFFFFFFAF"),
        ["/Services/Providers/{id:int?}"] = ("/Services/Providers", "AFAFFFFFFAF", "AFAFFFFFFAF"),
        ["/Services/Gaps"] = ("/Services/Gaps", "AAAAAAAFFAA", "AAAAAAAFFAA"),
        // The provider's inbox: their organisation's referrals only (the administrator's is empty: no organisation).
        ["/Services/Referrals"] = ("/Services/Referrals", "AFFFFFFAFFF", "-"),
        ["/Services/Referrals/Index"] = ("/Services/Referrals/Index", "AFFFFFFAFFF", "-"),
        ["/Services/Referrals/{id:int}"] = ("/Services/Referrals/{servicereferral}", "NFFFFFFAFFF", "NFFFFFFAFFF"),
        // Case pages: the case's readers; recording for those who may work the case.
        ["/Cases/{id:int}/Services"] = ("/Cases/{case}/Services", "AAAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Support"] = ("/Cases/{case}/Support", "AAAAAFNFFNN", "FFAAAFNFFNN"),
        // Handing over, and a monthly payment schedule's own pages: those who may work the case (creating the payments due answers with the support page).
        ["/Cases/{id:int}/Support/{requestId:int}/Disburse"] = ("/Cases/{case}/Support/{supportrequest}/Disburse", "FFAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Support/Schedules/New"] = ("/Cases/{case}/Support/Schedules/New", "FFAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Cases/{id:int}/Support/Schedules/{scheduleId:int}/Payments"] = ("/Cases/{case}/Support/Schedules/{schedule}/Payments", "FFAAAFNFFNN", "FFRRRFNFFNN"),
        ["/Cases/{id:int}/Support/Schedules/{scheduleId:int}/End"] = ("/Cases/{case}/Support/Schedules/{schedule}/End", "FFAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Support/Approvals"] = ("/Support/Approvals", "FFAAFFFFFAF", "-"),
        ["/Support/Ledger"] = ("/Support/Ledger", "AAAAAFAFFAA", "-"),
        // Evidence. Stories are written by the workers of the case; a commune official never sees this case.
        ["/Cases/{id:int}/Stories"] = ("/Cases/{case}/Stories", "AAAAAFNFFNN", "FFAAAFNFFNN"),
        ["/Registry/Households/{id:int}/Outcomes"] = ("/Registry/Households/{household}/Outcomes", "AAAAAFAFFNN", "FFAAAFFFFNN"),
        ["/Dashboard"] = ("/Dashboard", "AAAAAFAFFAA", "-"),
        ["/Reports"] = ("/Reports", "AAAFFFAFFAF", "-"),
        ["/Reports/Commune/{id:int}/{year:int}"] = ("/Reports/Commune/{commune}/2023", "AAAFFFAFFNF", "-"),
        ["/Exports"] = ("/Exports", "AAAAFFFFAAF", "-"),
        ["/Exports/Households"] = ("/Exports/Households?format=csv", "AAAAFFFFFAF", "-"),
        ["/Exports/Referrals"] = ("/Exports/Referrals?format=csv", "AAAAFFFFFAF", "-"),
        ["/Exports/Cases"] = ("/Exports/Cases?format=csv", "AAAAFFFFFAF", "-"),
        ["/Exports/Services"] = ("/Exports/Services?format=csv", "AAAAFFFFFAF", "-"),
        ["/Exports/Attendance"] = ("/Exports/Attendance?format=xlsx", "AAAAFFFFFAF", "-"),
        ["/Exports/Research"] = ("/Exports/Research?format=csv", "AAFFFFFFAFF", "-"),
        // Workforce (issue 22): senior social workers and CCWC record; the district and administrators read; a Village
        // social worker goes to (and sees) their own page only. An empty ceiling or form is refused (422).
        ["/Workforce"] = ("/Workforce", "AAAARFFFFAR", "FFAAFFFFFAF"),
        ["/Workforce/Index"] = ("/Workforce/Index", "AAAARFFFFAR", "FFAAFFFFFAF"),
        ["/Workforce/Workers/{id}"] = ("/Workforce/Workers/{user}", "AAAAAFFFFNN", "-"),
        ["/Workforce/Training/New"] = ("/Workforce/Training/New", "FFAAFFFFFAF", "FFAAFFFFFAF"),
        ["/Workforce/Movements/New"] = ("/Workforce/Movements/New", "FFAAFFFFFAF", "FFAAFFFFFAF"),
        ["/Workforce/Supervision/New"] = ("/Workforce/Supervision/New", "FFAAFFFFFAF", "FFAAFFFFFAF"),
        ["/Workforce/Supervision/{id:int}"] = ("/Workforce/Supervision/{supervision}", "AAAAAFFFFNN", "-"),
        // Hives: the commune (CCWC, officials) confirms its items, the district reviews them and records the stages.
        ["/Hives"] = ("/Hives", "AAAFFFAFFAF", "-"),
        ["/Hives/Index"] = ("/Hives/Index", "AAAFFFAFFAF", "-"),
        ["/Hives/{id:int}"] = ("/Hives/{commune}", "AAAFFFAFFNF", "-"),
        ["/Hives/{id:int}/Items/{item}"] = ("/Hives/{commune}/Items/Policies", "FFAFFFAFFNF", "FFAFFFAFFNF"),
        ["/Hives/{id:int}/Items/{item}/Review"] = ("/Hives/{commune}/Items/Policies/Review", "FAFFFFFFFNF", "FAFFFFFFFNF"),
        ["/Hives/{id:int}/Stage"] = ("/Hives/{commune}/Stage", "FAFFFFFFFNF", "FAFFFFFFFNF"),
        // Village consultations: read in scope; planned by the commune's seniors; captured also by the village's social worker.
        // {consultation} is the demo's in village 1; {script} its script's version 1 (used, so a save is refused: 422).
        ["/Consultations"] = ("/Consultations", "AAAAAFAFFAA", "-"),
        ["/Consultations/Index"] = ("/Consultations/Index", "AAAAAFAFFAA", "-"),
        ["/Consultations/Summary"] = ("/Consultations/Summary", "AAAAAFAFFAA", "-"),
        ["/Consultations/New"] = ("/Consultations/New", "FFAAFFFFFAF", "FFAAFFFFFAF"),
        ["/Consultations/{id:int}"] = ("/Consultations/{consultation}", "AAAAAFAFFNN", "FFAAAFFFFNN"),
        // Changing a plan is for the planners until it is held; {consultation} (a demo one) was held: the change is refused (409).
        ["/Consultations/{id:int}/Plan"] = ("/Consultations/{consultation}/Plan", "FFAAFFFFFNF", "FFCCFFFFFNF"),
        ["/Consultations/Scripts/{id:int}"] = ("/Consultations/Scripts/{script}", "AAAAAFAFFAA", "FFAAFFFFFAF"),
        // Focus groups and case studies: researchers and managers read, the commune's seniors write. {focusgroup} and {casestudy} are Ou Char's.
        ["/Research"] = ("/Research", "AAAAFFFFAAF", "-"),
        ["/Research/Index"] = ("/Research/Index", "AAAAFFFFAAF", "-"),
        ["/Research/FocusGroups/{id:int?}"] = ("/Research/FocusGroups/{focusgroup}", "AAAAFFFFANF", "FFAAFFFFFNF"),
        ["/Research/CaseStudies/{id:int?}"] = ("/Research/CaseStudies/{casestudy}", "AAAAFFFFANF", "FFAAFFFFFNF"),
        // Photos and papers of {case}: seen by whoever sees the case (everyone else, whatever their role: 404), added and
        // removed by those who may work on it (an empty form comes back with its message).
        ["/Attachments/Of/{owner}/{ownerId:int}"] = ("/Attachments/Of/Case/{case}", "AAAAANNNNNN", "FFAAANNNNNN"),
        ["/Attachments/{id:int}"] = ("/Attachments/{attachment}", "AAAAANNNNNN", "-"),
        ["/Attachments/{id:int}/Remove"] = ("/Attachments/{attachment}/Remove", "FFAAANNNNNN", "FFAAANNNNNN"),
        // The largest file that may be attached: the administrator's (an empty form comes back with its message).
        ["/Admin/Attachments"] = ("/Admin/Attachments", "AFFFFFFFFFF", "AFFFFFFFFFF"),
        ["/Admin/Attachments/Index"] = ("/Admin/Attachments/Index", "AFFFFFFFFFF", "-"),
        // The longitudinal study: read by managers, workers and researchers in their scope; interviews by the workers who meet families.
        ["/Study"] = ("/Study", "AAAAAFFFAAA", "-"),
        ["/Study/Index"] = ("/Study/Index", "AAAAAFFFAAA", "-"),
        ["/Study/Waves/{id:int}"] = ("/Study/Waves/{wave}", "AAAAAFFFANN", "-"),
        // Editing and publishing a draft, making the next one: a researcher and an administrator (an empty form comes back with its message).
        ["/Study/Questionnaires/{id:int}"] = ("/Study/Questionnaires/{questionnaire}", "AAAAAFFFANN", "AFFFFFFFAFF"),
        // Making studies, cohorts and waves and changing a wave's window: a researcher and an administrator; others read.
        ["/Study/New"] = ("/Study/New", "AFFFFFFFAFF", "AFFFFFFFAFF"),
        ["/Study/Studies/{id:int}"] = ("/Study/Studies/{study}", "AAAAAFFFANN", "AFFFFFFFAFF"),
        ["/Study/Waves/{id:int}/Window"] = ("/Study/Waves/{wave}/Window", "AFFFFFFFAFF", "AFFFFFFFAFF"),
        ["/Study/Interview/{id:int}"] = ("/Study/Interview/{participant}", "FFAAAFFFFNN", "FFAAAFFFFNN"),
    };

    /// <summary>Named handlers whose rule differs from their page's POST.</summary>
    private static readonly Dictionary<string, string> Handlers = new()
    {
        ["/Admin/Users/{id} POST:ResetTwoFactor"] = "AFFFFFFFFNF",
        // Mapping or importing without a checked file goes back to the upload form.
        ["/Admin/Geography/Import POST:Run"] = "RFFFFFFFFFF",
        // Passing the lead is a supervisor's decision (the lead worker manages the team, not the lead).
        ["/Cases/{id:int}/Team POST:Lead"] = "FFAAFFNFFNN",
        ["/Admin/Import POST:Mapping"] = "RFFFFFFFFFF",
        ["/Admin/Import POST:Run"] = "RFFFFFFFFFF",
        ["/Admin/Import/Index POST:Mapping"] = "RFFFFFFFFFF",
        ["/Admin/Import/Index POST:Run"] = "RFFFFFFFFFF",
        // Redirects where there is nothing to do: enrolling when already enrolled, new codes or turning off without 2FA.
        ["/Account/TwoFactor POST:Enable"] = "RRRRAAAAARA",
        ["/Account/TwoFactor POST:NewCodes"] = "AAAARRRRRAR",
        ["/Account/TwoFactor POST:Disable"] = "AAAARRRRRAR",
        // Acknowledging without an alert id (or one outside the scope) is a 404 for those who may acknowledge.
        ["/Alerts POST:Acknowledge"] = "NFNNFFFFFNF",
        ["/Alerts/Index POST:Acknowledge"] = "NFNNFFFFFNF",
        // Without a notification id (or with another person's): 404 for everyone; marking all read is one's own.
        ["/Notifications POST:Open"] = "NNNNNNNNNNN",
        ["/Notifications/Index POST:Open"] = "NNNNNNNNNNN",
        ["/Notifications POST:Read"] = "NNNNNNNNNNN",
        ["/Notifications/Index POST:Read"] = "NNNNNNNNNNN",
        ["/Notifications POST:ReadAll"] = "RRRRRRRRRRR",
        ["/Notifications/Index POST:ReadAll"] = "RRRRRRRRRRR",
        ["/Cases/{id:int}/Escalate POST:Accept"] = "FFAAFFNFFNN",
        // Deciding on a closure proposal is for the commune's supervisors (none waits for {case}: the page says so).
        ["/Cases/{id:int}/Close POST:Approve"] = "FFAAFFNFFNN",
        ["/Cases/{id:int}/Close POST:Return"] = "FFAAFFNFFNN",
        // Only a supervisor of the commune the case waits to be transferred to decides (none for {case}).
        ["/Cases/{id:int}/Transfer POST:Accept"] = "FFFFFFNFFNN",
        ["/Cases/{id:int}/Transfer POST:Reject"] = "FFFFFFNFFNN",
        // Approving and returning are for the commune's supervisors (CCWC focal person, Senior social worker).
        ["/Cases/{id:int}/Assessments/{assessmentId:int} POST:Approve"] = "FFAAFFNFFNN",
        ["/Cases/{id:int}/Assessments/{assessmentId:int} POST:Return"] = "FFAAFFNFFNN",
        ["/Cases/{id:int}/Plan POST:Approve"] = "FFAAFFNFFNN",
        // Searching the registry to add a person saves nothing: whoever may see the session may search.
        ["/Community/Sessions/{id:int} POST:Search"] = "AAAAAAAFFNN",
        // The matrix's referral is just sent (version 0): the provider's accept goes through.
        ["/Services/Referrals/{id:int} POST:Accept"] = "NFFFFFFRFFF",
        // Without a record id: 404 for those who may act.
        ["/Cases/{id:int}/Services POST:Close"] = "FFNNNFNFFNN",
        ["/Support/Approvals POST:Approve"] = "FFNNFFFFFNF",
        ["/Support/Approvals POST:Reject"] = "FFNNFFFFFNF",
        ["/Support/Approvals POST:ApproveSchedule"] = "FFNNFFFFFNF",
        ["/Support/Approvals POST:RejectSchedule"] = "FFNNFFFFFNF",
        // Choosing a year for no story (the empty form) is a 404 for those who may choose.
        ["/Cases/{id:int}/Stories POST:Select"] = "FFNNNFNFFNN",
        // Undoing a merge without its number (or one already undone) is a 404 for the administrator.
        ["/Admin/Persons/Merge POST:Undo"] = "NFFFFFFFFFF",
        ["/Admin/Households/Merge POST:Undo"] = "NFFFFFFFFFF",
        // Held and debrief without their fields come back with messages; the next script starts only from a consultation on
        // the latest version ({consultation} is on version 1: back to the page); removing no entry is a 404.
        ["/Consultations/{id:int} POST:Debrief"] = "FFAAFFFFFNN",
        ["/Consultations/{id:int} POST:NextScript"] = "FFRRFFFFFNN",
        ["/Consultations/{id:int} POST:Remove"] = "FFNNFFFFFNN",
        // Without the question or version posted: 404 for those who design the study.
        ["/Study/Questionnaires/{id:int} POST:Add"] = "NFFFFFFFNFF",
        ["/Study/Questionnaires/{id:int} POST:Change"] = "NFFFFFFFNFF",
        ["/Study/Questionnaires/{id:int} POST:Move"] = "NFFFFFFFNFF",
        ["/Study/Questionnaires/{id:int} POST:Remove"] = "NFFFFFFFNFF",
        ["/Study/Questionnaires/{id:int} POST:Publish"] = "NFFFFFFFNFF",
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Every_page_and_handler_answers_each_role_as_the_table_says(string provider)
    {
        var app = await apps.Get(provider);
        var routes = Routes.All(app);
        routes.Select(r => r.Pattern).Where(p => !Table.ContainsKey(p)).ShouldBeEmpty("pages without a row in the authorisation table");
        Table.Keys.Where(k => routes.All(r => r.Pattern != k)).ShouldBeEmpty("rows for pages that no longer exist");

        var household = await app.UniqueHouseholdAsync("02030901");
        var values = new Dictionary<string, string>
        {
            ["household"] = household.Id.ToString(),
            ["person"] = (await app.WithDbAsync(db => db.Persons.Where(p => p.HouseholdId == household.Id).Select(p => p.Id).SingleAsync())).ToString(),
            ["commune"] = (await app.WithDbAsync(db => db.Communes.Where(c => c.Code == DemoGeography.OuCharCode).Select(c => c.Id).SingleAsync())).ToString(),
            ["village"] = (await app.VillageIdAsync("02030901")).ToString(),
            ["name"] = Uri.EscapeDataString(household.HeadKm),
            ["user"] = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "ouchar.vbsw1").Select(u => u.Id).SingleAsync()),
            ["referral"] = (await app.NewReferralAsync(household.Id, "ouchar.member1")).ToString(),
            // A crisis case in ouchar.vbsw1's village 1, led by ouchar.vbsw1.
            ["case"] = (await app.NewCaseAsync("02030901", "ouchar.vbsw1")).ToString(),
        };
        // A draft assessment and a Family Network member of that case.
        var caseId = int.Parse(values["case"], System.Globalization.CultureInfo.InvariantCulture);
        values["assessment"] = (await app.WithDbAsync(async db =>
        {
            var a = new Domain.Assessment { CaseId = caseId, Number = 1, AssessedOn = TestClock.Today, CreatedBy = "ouchar.vbsw1", CreatedAt = TestClock.UtcNow };
            db.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        })).ToString();
        values["member"] = (await app.WithDbAsync(async db =>
        {
            var m = new Domain.FamilyNetworkMember { CaseId = caseId, Name = "Test neighbour", Relation = Domain.NetworkRelation.Neighbour };
            db.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        })).ToString();
        await app.WithDbAsync(async db =>
        {
            var programme = await db.Programmes.Where(p => p.Name == DemoCommunity.ProgrammeName).Select(p => p.Id).SingleAsync();
            var village = int.Parse(values["village"], System.Globalization.CultureInfo.InvariantCulture);
            values["programme"] = programme.ToString();
            values["enrolment"] = (await db.Enrolments.Where(e => e.ProgrammeId == programme && e.ExitDate == null).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync()).ToString();
            values["followup"] = (await db.AbsenceFollowUps.Where(f => f.Enrolment!.ProgrammeId == programme).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync()).ToString();
            values["activity"] = (await db.ActivityVillages.Where(v => v.VillageId == village).OrderBy(v => v.ActivityId).Select(v => v.ActivityId).FirstAsync()).ToString();
            values["consultation"] = (await db.Consultations.Where(c => c.VillageId == village).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()).ToString();
            values["script"] = (await db.ScriptVersions.Where(v => v.Number == 1).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync()).ToString();
            values["focusgroup"] = (await db.FocusGroups.OrderBy(f => f.Id).Select(f => f.Id).FirstAsync()).ToString();
            values["casestudy"] = (await db.CaseStudies.Where(s => s.Use != Domain.CaseStudyUse.Withdrawn).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()).ToString();
            values["session"] = (await db.ActivitySessions.Where(s => s.VillageId == village).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()).ToString();
        });
        // Ou Char's riel budget of this year and the CCWC focal persons' riel limit, from the demo (empty forms change neither).
        values["budget"] = (await app.WithDbAsync(db => db.CommuneBudgets
            .Where(b => b.Commune!.Code == DemoGeography.OuCharCode && b.Year == TestClock.Today.Year && b.Currency == Domain.Currency.KHR && b.Item == null)
            .Select(b => b.Id).SingleAsync())).ToString();
        values["limit"] = (await app.WithDbAsync(db => db.ApproverLimits
            .Where(l => l.Role == Domain.Roles.Ccwc && l.UserName == null && l.Currency == Domain.Currency.KHR).Select(l => l.Id).SingleAsync())).ToString();
        // A service referral addressed to provider.healthcentre's organisation, on that case.
        values["servicereferral"] = (await app.NewServiceReferralAsync(int.Parse(values["case"]), DemoServices.HealthCentre)).ToString();
        // Approved support to hand over, and an approved monthly schedule, on that case.
        values["supportrequest"] = (await app.NewSupportRequestAsync(caseId, "ouchar.vbsw1", 50_000, status: Domain.SupportStatus.Approved)).ToString();
        // The demo study's baseline wave, its questionnaire and a participant in ouchar.vbsw1's village 1.
        await app.WithDbAsync(async db =>
        {
            var wave = await db.StudyWaves.Where(w => w.Cohort!.Name == DemoStudy.CohortName && w.Number == 1).Select(w => new { w.Id, w.QuestionnaireVersion!.QuestionnaireId }).SingleAsync();
            values["wave"] = wave.Id.ToString();
            values["questionnaire"] = wave.QuestionnaireId.ToString();
            values["study"] = (await db.StudyCohorts.Where(c => c.Name == DemoStudy.CohortName).Select(c => c.StudyId).SingleAsync()).ToString();
            values["participant"] = (await db.WaveParticipants.Where(p => p.WaveId == wave.Id && p.Household!.Village!.Code == "02030901").OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()).ToString();
        });
        values["schedule"] = (await app.NewScheduleAsync(caseId, "ouchar.vbsw1", 40_000, TestClock.Today.AddMonths(-1))).ToString();
        values["attachment"] = (await app.NewAttachmentAsync(Domain.AttachmentOwner.Case, caseId, AttachmentData.Jpeg())).ToString();

        // A demo supervision session of ouchar.vbsw1 (by ouchar.senior).
        values["supervision"] = (await app.WithDbAsync(db => db.SupervisionSessions.Where(s => s.Worker == "ouchar.vbsw1")
            .OrderBy(s => s.Id).Select(s => s.Id).FirstAsync())).ToString();

        var failures = new List<string>();
        var checks = 0;
        foreach (var route in routes)
        {
            var (template, get, post) = Table[route.Pattern];
            var url = Routes.Fill(template, values);
            foreach (var method in route.Methods)
            {
                var expected = Handlers.TryGetValue($"{route.Pattern} {method}", out var special) ? special : method == "GET" ? get : post;
                var target = method.StartsWith("POST:", StringComparison.Ordinal) ? $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={method[5..]}" : url;
                if (expected == "-") continue;
                expected.Length.ShouldBe(Users.Length, route.Pattern);
                for (var i = 0; i < Users.Length; i++)
                {
                    // Signing out would end the shared session: that handler gets a session of its own.
                    var client = route.Pattern == "/Account/Logout" && method == "POST"
                        ? await app.SignInAsync(Users[i], Db.DemoPassword)
                        : await app.As(Users[i]);
                    var errorsBefore = app.Errors.Count;
                    var response = method == "GET"
                        ? await client.GetAsync(target)
                        : await client.PostFormAsync(target, [], formPage: "/");
                    var actual = Outcome(method, response.StatusCode);
                    checks++;
                    if (actual != expected[i])
                        failures.Add($"{method} {target} as {Users[i]}: expected {expected[i]}, got {actual} ({(int)response.StatusCode}){((int)response.StatusCode >= 500 ? "\n" + app.Errors.Since(errorsBefore) : "")}");
                    // Nothing of Ou Char may reach a Svay Pao user, whatever the page (the search box may echo the query).
                    if (Users[i].StartsWith("svaypao.", StringComparison.Ordinal))
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        if (body.Contains(household.HeadLatin, StringComparison.Ordinal) || body.Contains($"/Registry/Households/{household.Id}\"", StringComparison.Ordinal))
                            failures.Add($"{method} {url} as {Users[i]}: shows the Ou Char household");
                    }
                }
            }
        }
        output.WriteLine($"{provider}: {routes.Count} routes, {Users.Length} users, {checks} checks");
        failures.ShouldBeEmpty();
    }

    private static char Outcome(string method, HttpStatusCode status) => status switch
    {
        HttpStatusCode.Forbidden => 'F',
        HttpStatusCode.NotFound => 'N',
        HttpStatusCode.OK => 'A',
        // A form refused for its content comes back with its messages: allowed in.
        HttpStatusCode.UnprocessableEntity when method != "GET" => 'A',
        HttpStatusCode.Redirect => 'R',
        // The record's state refuses the change (e.g. a held consultation's plan).
        HttpStatusCode.Conflict => 'C',
        _ => '?',
    };

    /// <summary>The API's clients by role (columns), each with the Ou Char commune as its area.</summary>
    private static readonly string[] ApiRoles =
    [
        VillageHive.Domain.Roles.Administrator, VillageHive.Domain.Roles.DistrictManager, VillageHive.Domain.Roles.Ccwc,
        VillageHive.Domain.Roles.SeniorSocialWorker, VillageHive.Domain.Roles.VillageSocialWorker, VillageHive.Domain.Roles.CommunityNetworkMember,
        VillageHive.Domain.Roles.CommuneOfficial, VillageHive.Domain.Roles.ServiceProvider, VillageHive.Domain.Roles.Researcher,
    ];

    // A = answered (not 401/403: 200, or 404/422 for an id or an empty body), F = 403. Anonymous callers always get 401.
    private static readonly Dictionary<string, string> ApiTable = new()
    {
        ["GET api/v1/households"] = "AAAAAFAFF",
        ["GET api/v1/households/{id:int}"] = "AAAAAFAFF",
        ["POST api/v1/households"] = "AFAAAFFFF",
        ["PUT api/v1/households/{id:int}"] = "AFAAAFFFF",
        ["GET api/v1/persons"] = "AAAAAFAFF",
        ["GET api/v1/persons/{id:int}"] = "AAAAAFAFF",
        ["POST api/v1/persons"] = "AFAAAFFFF",
        ["PUT api/v1/persons/{id:int}"] = "AFAAAFFFF",
        ["GET api/v1/referrals"] = "AAAAAAFFF",
        ["GET api/v1/referrals/{id:int}"] = "AAAAAAFFF",
        ["POST api/v1/referrals"] = "AFAAAAFFF",
        ["GET api/v1/cases"] = "AAAAAFAFF",
        ["GET api/v1/cases/{id:int}"] = "AAAAAFAFF",
        ["GET api/v1/services"] = "AAAAAAAAF",
        ["GET api/v1/service-referrals"] = "AFFFFFFAF",
        ["GET api/v1/service-referrals/{id:int}"] = "AFFFFFFAF",
        ["POST api/v1/service-referrals/{id:int}/answer"] = "AFFFFFFAF",
        ["GET api/v1/geography/villages"] = "AAAAAAAAA",
        // The DCI Social Registry: registry readers (an empty body is answered 400 with a DCI ERR, i.e. let in).
        ["POST dci/registry/sync/search"] = "AAAAAFAFF",
        ["POST dci/registry/search"] = "AAAAAFAFF",
        ["POST dci/registry/subscribe"] = "AAAAAFAFF",
        ["POST dci/registry/unsubscribe"] = "AAAAAFAFF",
        ["POST dci/registry/txn/status"] = "AAAAAFAFF",
        ["POST dci/registry/sync/txn/status"] = "AAAAAFAFF",
    };

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Every_API_endpoint_answers_each_role_as_its_policy_says(string provider)
    {
        var app = await apps.Get(provider);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/') is var p && (p.StartsWith("api/v1/", StringComparison.Ordinal) || p.StartsWith("dci/registry/", StringComparison.Ordinal))
                && !e.RoutePattern.RawText.Contains('*', StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.Trim('/')}"))
            .ToList();
        routes.Except(ApiTable.Keys).ShouldBeEmpty("every API endpoint needs a row");
        ApiTable.Keys.Except(routes).ShouldBeEmpty("a row without an endpoint");

        var household = (await app.OuCharHouseholdAsync()).Id;
        var clients = new List<HttpClient>();
        foreach (var role in ApiRoles)
            clients.Add(await app.ApiAsync(await app.NewApiClientAsync(role, [DemoGeography.OuCharCode])));
        var anonymous = app.Anonymous();
        var failures = new List<string>();
        foreach (var (route, expected) in ApiTable)
        {
            var method = route.Split(' ')[0];
            var url = "/" + route.Split(' ')[1].Replace("{id:int}", household.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            HttpRequestMessage Request() => new(new HttpMethod(method), url) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
            using (var request = Request())
                if ((await anonymous.SendAsync(request)).StatusCode != HttpStatusCode.Unauthorized) failures.Add($"{route} anonymous: not 401");
            var actual = "";
            foreach (var client in clients)
            {
                using var request = Request();
                actual += (await client.SendAsync(request)).StatusCode switch
                {
                    HttpStatusCode.Unauthorized => 'U',
                    HttpStatusCode.Forbidden => 'F',
                    _ => 'A',
                };
            }
            if (actual != expected) failures.Add($"{route}: expected {expected}, got {actual}");
        }
        failures.ShouldBeEmpty();
    }
}
