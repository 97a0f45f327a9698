using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
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

    public static async Task<IActionResult> HouseholdsAsync(HiveDbContext db, CurrentUser me, AuditLog audit, string format, DateOnly today)
    {
        var childBorn = today.AddYears(-18);
        var rows = await db.HouseholdsIn(me.Scope).AsNoTracking().OrderBy(h => h.Id)
            .Select(h => new HouseholdRow(h.Id, h.Village!.Code, h.Village.NameEn, h.Village.Commune!.NameEn,
                h.Members.Where(m => m.RelationToHead == RelationToHead.Head).Select(m => m.FamilyNameKm + " " + m.GivenNameKm).FirstOrDefault(),
                h.Members.Where(m => m.RelationToHead == RelationToHead.Head).Select(m => m.FamilyNameLatin + " " + m.GivenNameLatin).FirstOrDefault(),
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

    internal static async Task<IActionResult> DoneAsync(AuditLog audit, string what, CurrentUser me, string format, int rows, IActionResult file)
    {
        await audit.RecordAsync("Export", what, me.Scope.Serialise(), new { Format = format, Rows = rows });
        return file;
    }
}
