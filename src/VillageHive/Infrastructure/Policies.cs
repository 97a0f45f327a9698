using Microsoft.AspNetCore.Identity;
using VillageHive.Domain;

namespace VillageHive.Infrastructure;

public static class Policies
{
    public const string RegistryRead = nameof(RegistryRead);
    /// <summary>Attaching a file: any signed-in user; the record's own rules decide (<c>Features/Attachments/AttachmentOwners</c>).</summary>
    public const string Attach = nameof(Attach);
    public const string RegistryWrite = nameof(RegistryWrite);
    public const string Admin = nameof(Admin);
    public const string ReferralInbox = nameof(ReferralInbox);
    public const string Screening = nameof(Screening);
    public const string Refer = nameof(Refer);
    /// <summary>The referral list: the inbox for workers, "my referrals" for the Community Network.</summary>
    public const string ReferralList = nameof(ReferralList);
    /// <summary>Managing user accounts: Administrators for everyone, CCWC focal persons for their commune.</summary>
    public const string UserAdmin = nameof(UserAdmin);
    /// <summary>Logging hotline calls and turning them into referrals.</summary>
    public const string Hotline = nameof(Hotline);
    /// <summary>The alerts raised for a child in immediate danger.</summary>
    public const string Alerts = nameof(Alerts);
    /// <summary>The screening checklist: Administrators and CCWC focal persons (one checklist for the installation).</summary>
    public const string CriteriaAdmin = nameof(CriteriaAdmin);
    /// <summary>Case pages and the case list (which cases: <c>CaseAccess</c>).</summary>
    public const string CaseRead = nameof(CaseRead);
    /// <summary>Recording on a case: visits, notes, tasks, assessments, plans, moves.</summary>
    public const string CaseWork = nameof(CaseWork);
    /// <summary>Approving, accepting escalations and transfers, reopening.</summary>
    public const string CaseSupervise = nameof(CaseSupervise);
    /// <summary>Programme pages: rosters, attendance registers, follow-ups (read).</summary>
    public const string ProgrammeRead = nameof(ProgrammeRead);
    /// <summary>Running a programme: enrolment, daily attendance, absence follow-up, learning support; creating activities.</summary>
    public const string ProgrammeRun = nameof(ProgrammeRun);
    /// <summary>Community activities and their calendar (read).</summary>
    public const string ActivityRead = nameof(ActivityRead);
    /// <summary>Taking session attendance and adding sessions (the Community Network in its villages too).</summary>
    public const string ActivityFacilitate = nameof(ActivityFacilitate);
    /// <summary>The service directory.</summary>
    public const string ServiceDirectory = nameof(ServiceDirectory);
    /// <summary>Adding and changing services and providers.</summary>
    public const string ServiceAdmin = nameof(ServiceAdmin);
    /// <summary>A service provider's inbox of the referrals addressed to their organisation.</summary>
    public const string ServiceInbox = nameof(ServiceInbox);
    /// <summary>Approving material support and support payments.</summary>
    public const string SupportApprove = nameof(SupportApprove);
    public const string SupportLedger = nameof(SupportLedger);
    public const string ServiceGaps = nameof(ServiceGaps);
    /// <summary>The dashboards: aggregate figures within the user's scope.</summary>
    public const string Dashboard = nameof(Dashboard);
    /// <summary>The annual commune impact report and its PDF.</summary>
    public const string ImpactReport = nameof(ImpactReport);
    /// <summary>Recording outcome surveys, consent answers and case stories.</summary>
    public const string OutcomeRecord = nameof(OutcomeRecord);
    /// <summary>Identified exports (households, referrals, cases) of the user's scope.</summary>
    public const string Export = nameof(Export);
    /// <summary>The exports page: whoever may download any export.</summary>
    public const string Exports = nameof(Exports);
    /// <summary>The de-identified research export.</summary>
    public const string ResearchExport = nameof(ResearchExport);
    /// <summary>The workforce pages (read): training, supervision, caseloads, movements.</summary>
    public const string WorkforceRead = nameof(WorkforceRead);
    /// <summary>Recording training, supervision and movements; setting the caseload ceiling.</summary>
    public const string WorkforceRecord = nameof(WorkforceRecord);
    /// <summary>The Hives, their stages and readiness checklists (read).</summary>
    public const string HiveRead = nameof(HiveRead);
    /// <summary>Confirming a commune's readiness items.</summary>
    public const string HiveConfirm = nameof(HiveConfirm);
    /// <summary>Reviewing readiness items and recording a Hive's stage.</summary>
    public const string HiveReview = nameof(HiveReview);
    /// <summary>Village consultations: reading, capturing entries, planning and debriefing.</summary>
    public const string ConsultationRead = nameof(ConsultationRead);
    public const string ConsultationCapture = nameof(ConsultationCapture);
    public const string ConsultationPlan = nameof(ConsultationPlan);
    /// <summary>Focus groups and case studies.</summary>
    public const string ResearchRead = nameof(ResearchRead);
    public const string ResearchWrite = nameof(ResearchWrite);
    /// <summary>The longitudinal study's cohorts, waves and questionnaires.</summary>
    public const string StudyRead = nameof(StudyRead);
    /// <summary>Recording a study interview or a participant's status in a wave.</summary>
    public const string StudyInterview = nameof(StudyInterview);
    /// <summary>Making studies, cohorts and waves; editing and publishing draft questionnaires.</summary>
    public const string StudyDesign = nameof(StudyDesign);
}

public static class IdentitySetup
{
    public static IServiceCollection AddHiveIdentity(this IServiceCollection services)
    {
        services.AddIdentity<Data.HiveUser, Microsoft.AspNetCore.Identity.IdentityRole>(o =>
            {
                // Long passphrases rather than composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<Data.HiveDbContext>()
            .AddClaimsPrincipalFactory<HiveClaimsFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.Cookie.Name = "hive.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            // A signed-in user without the right gets a plain 403 page, not a redirect.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                if (Api.ApiSetup.IsApi(ctx.Request))
                    return Api.ApiProblems.WriteAsync(ctx.HttpContext, StatusCodes.Status403Forbidden, "Api.Forbidden");
                if (ApiAnswers.IsApi(ctx.Request))
                    return ApiAnswers.WriteAsync(ctx.HttpContext, StatusCodes.Status403Forbidden, "Sync.Forbidden");
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            // A phone syncing in the background gets 401 and keeps its records; a person at a page goes to sign in.
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (Api.ApiSetup.IsApi(ctx.Request))
                    return Api.ApiProblems.WriteAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Api.Unauthorized");
                if (ApiAnswers.IsApi(ctx.Request))
                    return ApiAnswers.WriteAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Sync.SignedOut");
                ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.RegistryRead, p => p.RequireRole(Roles.RegistryReaders))
            .AddPolicy(Policies.Attach, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.RegistryWrite, p => p.RequireRole(Roles.RegistryEditors))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.ReferralInbox, p => p.RequireRole(Roles.ReferralWorkers))
            .AddPolicy(Policies.Screening, p => p.RequireRole(Roles.Screeners))
            .AddPolicy(Policies.Refer, p => p.RequireRole(Roles.Referrers))
            .AddPolicy(Policies.ReferralList, p => p.RequireRole(Roles.Referrers.Union(Roles.ReferralWorkers)))
            .AddPolicy(Policies.UserAdmin, p => p.RequireRole(Roles.Administrator, Roles.Ccwc))
            .AddPolicy(Policies.Hotline, p => p.RequireRole(Roles.HotlineTakers))
            .AddPolicy(Policies.Alerts, p => p.RequireRole(Roles.AlertReceivers))
            .AddPolicy(Policies.CriteriaAdmin, p => p.RequireRole(Roles.Administrator, Roles.Ccwc))
            .AddPolicy(Policies.CaseRead, p => p.RequireRole(Roles.CaseReaders))
            .AddPolicy(Policies.CaseWork, p => p.RequireRole(Roles.CaseWorkers))
            .AddPolicy(Policies.CaseSupervise, p => p.RequireRole(Roles.CaseSupervisors))
            .AddPolicy(Policies.ProgrammeRead, p => p.RequireRole(Roles.ProgrammeReaders))
            .AddPolicy(Policies.ProgrammeRun, p => p.RequireRole(Roles.ProgrammeRunners))
            .AddPolicy(Policies.ActivityRead, p => p.RequireRole(Roles.ActivityReaders))
            .AddPolicy(Policies.ActivityFacilitate, p => p.RequireRole(Roles.ActivityFacilitators))
            .AddPolicy(Policies.ServiceDirectory, p => p.RequireRole(Roles.ServiceDirectoryReaders))
            .AddPolicy(Policies.ServiceAdmin, p => p.RequireRole(Roles.ServiceEditors))
            // Administrators open it too (for support), but with no organisation they see no referral.
            .AddPolicy(Policies.ServiceInbox, p => p.RequireRole(Roles.ServiceProvider, Roles.Administrator))
            .AddPolicy(Policies.SupportApprove, p => p.RequireRole(Roles.SupportApprovers))
            .AddPolicy(Policies.SupportLedger, p => p.RequireRole(Roles.LedgerReaders))
            .AddPolicy(Policies.ServiceGaps, p => p.RequireRole(Roles.GapReporters))
            .AddPolicy(Policies.Dashboard, p => p.RequireRole(Roles.DashboardReaders))
            .AddPolicy(Policies.ImpactReport, p => p.RequireRole(Roles.ReportReaders))
            .AddPolicy(Policies.OutcomeRecord, p => p.RequireRole(Roles.OutcomeRecorders))
            .AddPolicy(Policies.Export, p => p.RequireRole(Roles.Exporters))
            .AddPolicy(Policies.Exports, p => p.RequireRole(Roles.Exporters.Union(Roles.ResearchExporters)))
            .AddPolicy(Policies.ResearchExport, p => p.RequireRole(Roles.ResearchExporters))
            .AddPolicy(Policies.WorkforceRead, p => p.RequireRole(Roles.WorkforceReaders))
            .AddPolicy(Policies.WorkforceRecord, p => p.RequireRole(Roles.WorkforceRecorders))
            .AddPolicy(Policies.HiveRead, p => p.RequireRole(Roles.HiveReaders))
            .AddPolicy(Policies.HiveConfirm, p => p.RequireRole(Roles.HiveConfirmers))
            .AddPolicy(Policies.HiveReview, p => p.RequireRole(Roles.HiveReviewers))
            .AddPolicy(Policies.ConsultationRead, p => p.RequireRole(Roles.ConsultationReaders))
            .AddPolicy(Policies.ConsultationCapture, p => p.RequireRole(Roles.ConsultationCapturers))
            .AddPolicy(Policies.ConsultationPlan, p => p.RequireRole(Roles.ConsultationPlanners))
            .AddPolicy(Policies.ResearchRead, p => p.RequireRole(Roles.ResearchReaders))
            .AddPolicy(Policies.ResearchWrite, p => p.RequireRole(Roles.ResearchWriters))
            .AddPolicy(Policies.StudyRead, p => p.RequireRole(Roles.StudyReaders))
            .AddPolicy(Policies.StudyInterview, p => p.RequireRole(Roles.StudyInterviewers))
            .AddPolicy(Policies.StudyDesign, p => p.RequireRole(Roles.StudyDesigners));

        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<TwoFactorPolicy>();
        return services;
    }
}
