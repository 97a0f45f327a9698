using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Workforce;

namespace VillageHive.Features.Hives;

/// <summary>The Hives of the caller's scope (filtered in SQL), their readiness confirmations, and the facts the Hive can compute for the checklist.</summary>
public static class HiveQueries
{
    public sealed record HiveRow(int CommuneId, string Code, string NameKm, string NameEn, HiveStatus Status, int? PlannedYear,
        DateOnly? CoCreationFrom, DateOnly? OperatingFrom, DateOnly? HandedOverOn, DateOnly? IndependentFrom, bool Late, int Confirmed, int Reviewed)
    {
        public Hive AsHive() => new()
        {
            CommuneId = CommuneId, Status = Status, PlannedYear = PlannedYear, CoCreationFrom = CoCreationFrom,
            OperatingFrom = OperatingFrom, HandedOverOn = HandedOverOn, IndependentFrom = IndependentFrom,
        };

        /// <summary>The day the Hive started (co-creation, or operating when co-creation was not recorded).</summary>
        public DateOnly? Started => CoCreationFrom ?? OperatingFrom;
    }

    /// <summary>A fact the Hive computes for a readiness item: done of total (e.g. villages with a referral this year).</summary>
    public sealed record Fact(ReadinessItem Item, int Done, int Total, string Key)
    {
        public bool Met => Total > 0 && Done >= Total;
    }

    /// <summary>Every commune of the scope with its Hive; a commune without a Hive row is planned with no year.</summary>
    public static async Task<List<HiveRow>> HivesAsync(HiveDbContext db, Domain.Scope scope, int year, int? communeId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var communes = db.Communes.AsNoTracking().Where(scope.CommunePredicate());
        if (communeId is { } id) communes = communes.Where(c => c.Id == id);
        var rows = await communes.OrderBy(c => c.Code)
            .Select(c => new HiveRow(c.Id, c.Code, c.NameKm, c.NameEn,
                c.Hive != null ? c.Hive.Status : HiveStatus.Planned, c.Hive != null ? c.Hive.PlannedYear : null,
                c.Hive != null ? c.Hive.CoCreationFrom : null, c.Hive != null ? c.Hive.OperatingFrom : null,
                c.Hive != null ? c.Hive.HandedOverOn : null, c.Hive != null ? c.Hive.IndependentFrom : null,
                false,
                db.ReadinessConfirmations.Count(r => r.CommuneId == c.Id),
                db.ReadinessConfirmations.Count(r => r.CommuneId == c.Id && r.ReviewedAt != null)))
            .ToListAsync();
        return [.. rows.Select(r => r with { Late = HiveRules.LateIn.Holds(r.AsHive(), year) })];
    }

    /// <summary>
    /// What the records say about four items: workers in post trained in the core modules, a budget line for the year,
    /// a referral from every village this year, a service mapped to every village.
    /// </summary>
    public static async Task<List<Fact>> FactsAsync(HiveDbContext db, int communeId, int year, DateTime yearStartUtc, DateTime nextYearUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = await WorkforceQueries.WorkersOfAsync(db, communeId);
        var names = staff.Where(w => w.Active).Select(w => w.UserName).ToArray();
        var left = await db.StaffMovements.Where(m => names.Contains(m.Worker) && m.Kind == StaffMovementKind.Left).Select(m => m.Worker).Distinct().ToListAsync();
        var inPost = names.Except(left).ToArray();
        var core = await db.TrainingModules.Where(m => m.Core).Select(m => m.Id).ToListAsync();
        var passed = await db.TrainingRecords.Where(t => inPost.Contains(t.Worker)).Where(WorkforceRules.Passed.Sql).Where(t => core.Contains(t.ModuleId))
            .GroupBy(t => t.Worker).Where(g => g.Select(t => t.ModuleId).Distinct().Count() == core.Count).CountAsync();
        var villages = await db.Villages.CountAsync(v => v.CommuneId == communeId);
        var referred = await db.Villages.CountAsync(v => v.CommuneId == communeId
            && db.Referrals.Any(r => r.VillageId == v.Id && r.ReceivedAt >= yearStartUtc && r.ReceivedAt < nextYearUtc));
        var mapped = await db.Villages.CountAsync(v => v.CommuneId == communeId && db.ServiceCoverage.Any(s => s.VillageId == v.Id));
        var budget = await db.CommuneBudgets.AnyAsync(b => b.CommuneId == communeId && b.Year == year);
        return
        [
            new(ReadinessItem.StaffTrained, passed, inPost.Length, "Hives.FactStaff"),
            new(ReadinessItem.BudgetLine, budget ? 1 : 0, 1, "Hives.FactBudget"),
            new(ReadinessItem.ReferralNetwork, referred, villages, "Hives.FactReferrals"),
            new(ReadinessItem.ServicesMapped, mapped, villages, "Hives.FactServices"),
        ];
    }
}
