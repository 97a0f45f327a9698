using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Features.Community;
using VillageHive.Features.Programmes;
using VillageHive.Features.Referrals;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;
using VillageHive.Infrastructure.Audit;

namespace VillageHive.Features.Exports;

/// <summary>
/// The identified exports: the same rows the user's lists show (scope and access rules in the SQL), one row per
/// record, each download written to the audit log with its row count.
/// </summary>
public static class Lists
{
    public sealed record HouseholdRow(int Id, string VillageCode, string Village, string Commune, string? Head, string? HeadLatin,
        string? Address, IdPoorStatus IdPoor, string? Phone, int Members, int Children, DateTime CreatedAt);

    public sealed record ReferralRow(int Id, DateTime ReceivedAt, string VillageCode, string Village, int HouseholdId, ReferralChannel Channel,
        string Concerns, Urgency Urgency, ReferralStatus Status, ScreeningDecision? Decision, Priority? Priority, DateTime? ScreenedAt);

    public sealed record CaseRow(int Id, DateTime OpenedAt, string VillageCode, string Village, int HouseholdId, Tier Tier, Priority RiskLevel,
        CaseStatus Status, string LeadWorker, DateOnly? NextReviewDueOn, DateTime? ClosedAt);

    public sealed record ServiceReferralRow(int Id, DateTime SentAt, string VillageCode, string Village, int CaseId, string Service,
        string Provider, ServiceCategory Category, Tier Tier, ServiceReferralStatus Status, DateOnly RespondBy, DateOnly? DeliveredOn, string? Outcome);

    public sealed record ProgrammeAttendanceRow(int ProgrammeId, string Programme, DateOnly Date, int EnrolmentId, int PersonId, string Child,
        string VillageCode, AttendanceStatus Status, string RecordedBy, DateTime RecordedAt);

    public sealed record ActivityAttendanceRow(int SessionId, string Activity, ActivityType Type, DateOnly Date, string VillageCode, string Village,
        int? PersonId, string? Name, Sex? GuestSex, AgeGroup? GuestAgeGroup, int People);

    public static async Task<IActionResult> HouseholdsAsync(HiveDbContext db, CurrentUser me, AuditLog audit, string format, DateOnly today)
    {
        var childBorn = today.AddYears(-18);
        var rows = await db.HouseholdsIn(me.Scope).AsNoTracking().OrderBy(h => h.Id)
            .Select(h => new HouseholdRow(h.Id, h.Village!.Code, h.Village.NameEn, h.Village.Commune!.NameEn,
                Household.Shown(h.HeadNameKm),
                h.HeadNameLatin,
                h.Address, h.IdPoor, h.Phone, h.Members.Count(),
                h.Members.Count(m => m.DateOfBirth > childBorn || m.EstimatedBirthYear > childBorn.Year), h.CreatedAt))
            .ToListAsync();
        return await DoneAsync(audit, "Households", me, format, rows.Count, ExportFile.Create(format, "households", ExportFile.SheetOf("Households", rows)));
    }

    public static async Task<IActionResult> ReferralsAsync(HiveDbContext db, CurrentUser me, AuditLog audit, string format)
    {
        var rows = await db.ReferralsFor(me).AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.ReceivedAt, r.Village!.Code, r.Village.NameEn, r.HouseholdId, r.Channel, r.Concerns, r.Urgency, r.Status,
                Decision = r.Screening == null ? (ScreeningDecision?)null : r.Screening.Decision,
                Priority = r.Screening == null ? (Priority?)null : r.Screening.Priority,
                ScreenedAt = r.Screening == null ? (DateTime?)null : r.Screening.ScreenedAt,
            })
            .ToListAsync();
        var list = rows.Select(r => new ReferralRow(r.Id, r.ReceivedAt, r.Code, r.NameEn, r.HouseholdId, r.Channel, r.Concerns.ToString(),
            r.Urgency, r.Status, r.Decision, r.Priority, r.ScreenedAt)).ToList();
        return await DoneAsync(audit, "Referrals", me, format, list.Count, ExportFile.Create(format, "referrals", ExportFile.SheetOf("Referrals", list)));
    }

    public static async Task<IActionResult> CasesAsync(HiveDbContext db, CurrentUser me, AuditLog audit, string format)
    {
        var rows = await db.CasesFor(me).AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new CaseRow(c.Id, c.OpenedAt, c.Village!.Code, c.Village.NameEn, c.HouseholdId, c.Tier, c.RiskLevel, c.Status,
                c.LeadWorker, c.NextReviewDueOn, c.ClosedAt))
            .ToListAsync();
        return await DoneAsync(audit, "Cases", me, format, rows.Count, ExportFile.Create(format, "cases", ExportFile.SheetOf("Cases", rows)));
    }

    /// <summary>Service referrals of the cases the user may see (so a provider's own inbox is not an export).</summary>
    public static async Task<IActionResult> ServicesAsync(HiveDbContext db, CurrentUser me, AuditLog audit, string format)
    {
        var cases = db.CasesFor(me).Select(c => c.Id);
        var rows = await db.ServiceReferrals.AsNoTracking().Where(r => cases.Contains(r.CaseId)).OrderBy(r => r.Id)
            .Select(r => new ServiceReferralRow(r.Id, r.SentAt, r.Case!.Village!.Code, r.Case.Village.NameEn, r.CaseId, r.Service!.NameEn,
                r.Service.Provider!.Name, r.Service.Category, r.Service.Tier, r.Status, r.RespondBy, r.DeliveredOn, r.Outcome))
            .ToListAsync();
        return await DoneAsync(audit, "ServiceReferrals", me, format, rows.Count, ExportFile.Create(format, "services", ExportFile.SheetOf("Services", rows)));
    }

    /// <summary>
    /// Programme register marks and activity session attendance in the user's scope. XLSX holds both sheets; CSV the
    /// one named by <paramref name="table"/> ("programmes", the default, or "activities").
    /// </summary>
    public static async Task<IActionResult> AttendanceAsync(HiveDbContext db, CurrentUser me, AuditLog audit, string format, string? table)
    {
        var activities = table == "activities";
        var marks = format == "xlsx" || !activities
            ? await db.ProgrammeAttendance.AsNoTracking().Where(a => db.EnrolmentsIn(me.Scope).Select(e => e.Id).Contains(a.EnrolmentId))
                .OrderBy(a => a.Date).ThenBy(a => a.Id)
                .Select(a => new ProgrammeAttendanceRow(a.Enrolment!.ProgrammeId, a.Enrolment.Programme!.Name, a.Date, a.EnrolmentId, a.PersonId,
                    a.Enrolment.Person!.FamilyNameKm + " " + a.Enrolment.Person.GivenNameKm, a.Enrolment.Person.Household!.Village!.Code,
                    a.Status, a.RecordedBy, a.RecordedAt))
                .ToListAsync()
            : [];
        var people = format == "xlsx" || activities
            ? await db.SessionAttendance.AsNoTracking().Where(a => db.SessionsIn(me.Scope).Select(s => s.Id).Contains(a.SessionId))
                .OrderBy(a => a.Session!.Date).ThenBy(a => a.Id)
                .Select(a => new ActivityAttendanceRow(a.SessionId, a.Session!.Activity!.Title, a.Session.Activity.Type, a.Session.Date,
                    a.Session.Village!.Code, a.Session.Village.NameEn, a.PersonId,
                    a.Person == null ? null : a.Person.FamilyNameKm + " " + a.Person.GivenNameKm,
                    a.GuestSex, a.GuestAgeGroup, a.PersonId != null ? 1 : a.GuestCount))
                .ToListAsync()
            : [];
        var programmeSheet = ExportFile.SheetOf("ProgrammeAttendance", marks);
        var activitySheet = ExportFile.SheetOf("ActivityAttendance", people);
        var file = activities && format == "csv"
            ? ExportFile.Create(format, "activity-attendance", activitySheet)
            : ExportFile.Create(format, "attendance", programmeSheet, activitySheet);
        return await DoneAsync(audit, "Attendance", me, format, marks.Count + people.Count, file);
    }

    internal static async Task<IActionResult> DoneAsync(AuditLog audit, string what, CurrentUser me, string format, int rows, IActionResult file)
    {
        await audit.RecordAsync("Export", what, me.Scope.Serialise(), new { Format = format, Rows = rows });
        return file;
    }
}
