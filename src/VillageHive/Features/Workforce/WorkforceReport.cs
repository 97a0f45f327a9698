using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Workforce;

/// <summary>
/// The "Workforce" section of a commune's annual report: workers trained per module (in the year, and by its end),
/// supervision held against planned, caseloads at the year's end against the ceiling, and the year's staff movements.
/// All counted in SQL from the commune's records.
/// </summary>
public sealed record WorkforceReport(
    IReadOnlyList<WorkforceReport.ModuleRow> Modules,
    int SupervisionHeld,
    int SupervisionPlanned,
    int OpenCases,
    int WorkersLeading,
    int MostLed,
    int? Ceiling,
    IReadOnlyDictionary<StaffMovementKind, int> Movements)
{
    public sealed record ModuleRow(string Code, string NameKm, string NameEn, int InYear, int ByYearEnd);

    /// <summary>The figures of one commune and year; caseloads as of <paramref name="asOf"/> (the year's last day, or today for the year under way).</summary>
    public static async Task<WorkforceReport> LoadAsync(HiveDbContext db, int communeId, int year, DateOnly asOf, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var from = new DateOnly(year, 1, 1);
        var to = from.AddYears(1);
        var passed = db.TrainingRecords.Where(t => t.CommuneId == communeId).Where(WorkforceRules.Passed.Sql);
        var modules = await db.TrainingModules.AsNoTracking().OrderBy(m => m.Order)
            .Select(m => new ModuleRow(m.Code, m.NameKm, m.NameEn,
                passed.Where(t => t.ModuleId == m.Id && t.CompletedOn >= from && t.CompletedOn < to).Select(t => t.Worker).Distinct().Count(),
                passed.Where(t => t.ModuleId == m.Id && t.CompletedOn < to).Select(t => t.Worker).Distinct().Count()))
            .ToListAsync();
        var sessions = db.SupervisionSessions.Where(s => s.CommuneId == communeId);
        var held = await sessions.CountAsync(s => s.HeldOn >= from && s.HeldOn < to);
        var planned = await sessions.CountAsync(s => s.NextOn >= from && s.NextOn < to);
        var at = clock.StartOfDayUtc(asOf.AddDays(1));
        var led = await db.Cases.Where(c => c.Village!.CommuneId == communeId && c.OpenedAt < at && (c.ClosedAt == null || c.ClosedAt >= at))
            .GroupBy(c => c.LeadWorker).Select(g => g.Count()).ToListAsync();
        var ceiling = await db.Hives.Where(h => h.CommuneId == communeId).Select(h => h.CaseloadCeiling).FirstOrDefaultAsync();
        var moves = await db.StaffMovements.Where(m => m.CommuneId == communeId && m.On >= from && m.On < to)
            .GroupBy(m => m.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return new WorkforceReport(modules, held, planned, led.Sum(), led.Count, led.Count == 0 ? 0 : led.Max(), ceiling, moves);
    }
}
