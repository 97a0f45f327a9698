using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Workforce;

/// <summary>
/// The workforce of the caller's scope: the workers of a commune, their records (training, supervision, movements) filtered
/// by the caller's scope in SQL (a Village social worker: their own only), and caseloads counted in SQL month by month.
/// </summary>
public static class WorkforceQueries
{
    /// <summary>Months of caseload history a chart shows.</summary>
    public const int Months = 12;

    /// <summary>Roles whose people count as the commune's social-work staff.</summary>
    public static readonly string[] StaffRoles = CaseAssignments.LeadRoles;

    public sealed record Worker(string Id, string UserName, string DisplayName, string Role, bool Active, Scope Scope);

    public sealed record CommuneRow(int Id, string Code, string NameKm, string NameEn, int? Ceiling);

    /// <summary>Settable properties: EF Core translates a UNION only of member-initialised rows.</summary>
    public sealed class CaseloadPoint
    {
        public int Month { get; init; }
        public string Worker { get; init; } = "";
        public int Cases { get; init; }
    }

    /// <summary>The communes of the caller's scope, by code.</summary>
    public static Task<List<CommuneRow>> CommunesAsync(HiveDbContext db, Scope scope) =>
        db.Communes.AsNoTracking().Where(scope.CommunePredicate()).OrderBy(c => c.Code)
            .Select(c => new CommuneRow(c.Id, c.Code, c.NameKm, c.NameEn, c.Hive != null ? c.Hive.CaseloadCeiling : null))
            .ToListAsync();

    /// <summary>Every account of the staff roles (active or not: a leaver's records stay theirs).</summary>
    public static async Task<List<Worker>> StaffAsync(HiveDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roles = StaffRoles;
        var rows = await (
                from u in db.Users.AsNoTracking()
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where roles.Contains(r.Name!)
                select new { u.Id, u.UserName, u.DisplayName, u.IsActive, u.ScopeLevel, u.ScopeAreaIds, Role = r.Name })
            .ToListAsync();
        return rows.Select(r => new Worker(r.Id, r.UserName ?? "", r.DisplayName, r.Role ?? "", r.IsActive, new Scope(r.ScopeLevel, r.ScopeAreaIds)))
            .DistinctBy(w => w.UserName).OrderBy(w => w.DisplayName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The staff whose area reaches into the commune (a village of it, the commune, or its district).</summary>
    public static async Task<List<Worker>> WorkersOfAsync(HiveDbContext db, int communeId)
    {
        var villages = await db.Villages.AsNoTracking().Where(v => v.CommuneId == communeId)
            .Select(v => new { v.Id, v.CommuneId, v.Commune!.DistrictId }).ToListAsync();
        return (await StaffAsync(db)).Where(w => villages.Any(v => w.Scope.Includes(v.Id, v.CommuneId, v.DistrictId))).ToList();
    }

    /// <summary>The first commune of the caller's scope (by code) the worker works in: where their new records belong.</summary>
    public static async Task<int?> CommuneOfAsync(HiveDbContext db, Scope callerScope, Worker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var villages = await db.Villages.AsNoTracking().Where(callerScope.VillagePredicate())
            .OrderBy(v => v.Commune!.Code).Select(v => new { v.Id, v.CommuneId, v.Commune!.DistrictId }).ToListAsync();
        return villages.FirstOrDefault(v => worker.Scope.Includes(v.Id, v.CommuneId, v.DistrictId))?.CommuneId;
    }

    /// <summary>The workers the caller may see the records of: all the staff of their area, or themselves for a Village social worker.</summary>
    public static async Task<List<Worker>> VisibleWorkersAsync(HiveDbContext db, CurrentUser me)
    {
        ArgumentNullException.ThrowIfNull(me);
        var staff = await StaffAsync(db);
        if (OwnOnly(me)) return staff.Where(w => w.UserName == me.UserName).ToList();
        var villages = await db.Villages.AsNoTracking().Where(me.Scope.VillagePredicate())
            .Select(v => new { v.Id, v.CommuneId, v.Commune!.DistrictId }).ToListAsync();
        return staff.Where(w => villages.Any(v => w.Scope.Includes(v.Id, v.CommuneId, v.DistrictId))).ToList();
    }

    /// <summary>A Village social worker sees their own records only.</summary>
    public static bool OwnOnly(CurrentUser me) => !me.IsInAnyRole(Roles.WorkforceReaders.Except([Roles.VillageSocialWorker]));

    public static IQueryable<TrainingRecord> TrainingIn(this HiveDbContext db, CurrentUser me)
    {
        var name = me.UserName;
        var q = db.TrainingRecords.Where(me.Scope.ContainsCommune<TrainingRecord>(t => t.Commune!));
        return OwnOnly(me) ? q.Where(t => t.Worker == name) : q;
    }

    public static IQueryable<SupervisionSession> SupervisionIn(this HiveDbContext db, CurrentUser me)
    {
        var name = me.UserName;
        var q = db.SupervisionSessions.Where(me.Scope.ContainsCommune<SupervisionSession>(s => s.Commune!));
        return OwnOnly(me) ? q.Where(s => s.Worker == name) : q;
    }

    public static IQueryable<StaffMovement> MovementsIn(this HiveDbContext db, CurrentUser me)
    {
        var name = me.UserName;
        var q = db.StaffMovements.Where(me.Scope.ContainsCommune<StaffMovement>(m => m.Commune!));
        return OwnOnly(me) ? q.Where(m => m.Worker == name) : q;
    }

    /// <summary>
    /// Open cases each worker led at the end of each month (today for the month under way), counted in SQL: one grouped
    /// count a month, joined into one UNION ALL. A case counts for its present lead worker (a handover moves its history).
    /// </summary>
    public static async Task<List<CaseloadPoint>> CaseloadAsync(IQueryable<Case> cases, IReadOnlyList<string> workers, IReadOnlyList<DateOnly> monthEnds, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (workers.Count == 0 || monthEnds.Count == 0) return [];
        var names = workers.ToArray();
        var led = cases.AsNoTracking().Where(c => names.Contains(c.LeadWorker));
        IQueryable<CaseloadPoint>? all = null;
        for (var i = 0; i < monthEnds.Count; i++)
        {
            var month = i;
            var at = clock.StartOfDayUtc(monthEnds[i].AddDays(1));
            var part = led.Where(c => c.OpenedAt < at && (c.ClosedAt == null || c.ClosedAt >= at))
                .GroupBy(c => c.LeadWorker)
                .Select(g => new CaseloadPoint { Month = month, Worker = g.Key, Cases = g.Count() });
            all = all is null ? part : all.Concat(part);
        }
        return await all!.ToListAsync();
    }
}
