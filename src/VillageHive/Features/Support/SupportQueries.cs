using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Support;

public static class SupportQueries
{
    /// <summary>The approver's limit in the currency (see <see cref="SupportRules.LimitFor"/>).</summary>
    public static async Task<long?> LimitAsync(this HiveDbContext db, CurrentUser me, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(me);
        var name = me.UserName;
        var limits = await db.ApproverLimits.AsNoTracking().Where(l => l.Currency == currency && (l.UserName == name || l.UserName == null)).ToListAsync();
        return SupportRules.LimitFor(name, Roles.All.Where(me.IsInRole), currency, limits);
    }

    /// <summary>A commune's ledger for a year, one line per currency (see <see cref="CommuneLedgerAsync"/>).</summary>
    public static async Task<List<LedgerLine>> LedgerAsync(this HiveDbContext db, int communeId, int year) =>
        (await db.CommuneLedgerAsync(communeId, year)).Totals.ToList();

    /// <summary>
    /// A commune's ledger for a year, per currency and per kind of support with a budget line of its own, summed in SQL
    /// over integer minor units (exact on both providers); <see cref="SupportRules.Ledger"/> adds them up.
    /// Committed: approved and not yet paid, counted in the year it was approved. Spent: paid, counted in the year it was paid.
    /// </summary>
    public static async Task<CommuneLedger> CommuneLedgerAsync(this HiveDbContext db, int communeId, int year)
    {
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var firstDay = new DateOnly(year, 1, 1);
        var lastDay = new DateOnly(year, 12, 31);
        var budgets = await db.CommuneBudgets.AsNoTracking().Where(b => b.CommuneId == communeId && b.Year == year)
            .Select(b => new LedgerAmount(b.Currency, b.Item, b.AmountMinor)).ToListAsync();
        var inCommune = db.MaterialSupportRequests.AsNoTracking().Where(r => r.Case!.Village!.CommuneId == communeId);
        var committed = await inCommune.Where(r => r.Status == SupportStatus.Approved && r.DecidedAt >= from && r.DecidedAt < to)
            .GroupBy(r => new { r.Currency, r.Item }).Select(g => new { g.Key.Currency, g.Key.Item, Sum = g.Sum(r => r.AmountMinor) }).ToListAsync();
        var spent = await inCommune.Where(r => r.Status == SupportStatus.Disbursed && r.DisbursedOn >= firstDay && r.DisbursedOn <= lastDay)
            .GroupBy(r => new { r.Currency, r.Item }).Select(g => new { g.Key.Currency, g.Key.Item, Sum = g.Sum(r => r.AmountMinor) }).ToListAsync();
        return SupportRules.Ledger(budgets,
            committed.Select(x => new LedgerAmount(x.Currency, x.Item, x.Sum)).ToList(),
            spent.Select(x => new LedgerAmount(x.Currency, x.Item, x.Sum)).ToList());
    }

    /// <summary>
    /// What would stop support from being approved, for the home page: an approver's currencies without a limit and
    /// communes without a budget this year; for an administrator, also the approving roles without a limit and the
    /// communes with a running Hive but no budget. Null for everyone else.
    /// </summary>
    public static async Task<SupportReadinessView?> ReadinessAsync(this HiveDbContext db, CurrentUser me, HiveClock clock)
    {
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(clock);
        var approver = me.IsInAnyRole(Roles.SupportApprovers);
        var admin = me.IsInRole(Roles.Administrator);
        if (!approver && !admin) return null;
        var year = clock.Today.Year;
        var communes = db.Communes.AsNoTracking().Where(me.Scope.CommunePredicate());
        // An approver's own communes; for an administrator those whose Hive runs (a planned Hive approves nothing yet).
        if (!approver) communes = communes.Where(c => c.Hive != null && c.Hive.Status != HiveStatus.Planned);
        var communeIds = communes.Select(c => c.Id);
        var budgeted = await db.CommuneBudgets.AsNoTracking().Where(b => b.Year == year && communeIds.Contains(b.CommuneId))
            .Select(b => new { b.CommuneId, b.Currency }).Distinct().ToListAsync();
        var withBudget = budgeted.Select(b => b.CommuneId).ToHashSet();
        var noBudget = (await communes.OrderBy(c => c.Code).Select(c => new { c.Id, c.NameKm, c.NameEn }).ToListAsync())
            .Where(c => !withBudget.Contains(c.Id)).Select(c => new CommuneName(c.Id, c.NameKm, c.NameEn)).ToList();
        var used = budgeted.Select(b => b.Currency).ToList();
        var name = me.UserName;
        var limits = await db.ApproverLimits.AsNoTracking().Where(l => l.UserName == name || l.UserName == null).ToListAsync();
        IReadOnlyList<Currency> noLimit = [];
        if (approver)
        {
            // A request already waiting in a currency needs a limit in it too.
            var cases = db.CasesFor(me).Select(c => c.Id);
            used.AddRange(await db.MaterialSupportRequests.Where(r => r.Status == SupportStatus.Requested && cases.Contains(r.CaseId)).Select(r => r.Currency)
                .Union(db.SupportPaymentSchedules.Where(s => s.Status == ScheduleStatus.Requested && cases.Contains(s.CaseId)).Select(s => s.Currency))
                .ToListAsync());
            noLimit = SupportReadiness.WithoutLimit(name, Roles.All.Where(me.IsInRole).ToList(), SupportReadiness.Needed(used), limits);
        }
        var rolesWithout = admin ? SupportReadiness.RolesWithoutLimit(SupportReadiness.Needed(used), limits) : [];
        return new SupportReadinessView(year, admin, noLimit, noBudget, rolesWithout);
    }
}

public sealed record CommuneName(int Id, string NameKm, string NameEn);

/// <summary>What the home page says is missing before support can be approved (<see cref="SupportQueries.ReadinessAsync"/>).</summary>
public sealed record SupportReadinessView(int Year, bool MaySet, IReadOnlyList<Currency> NoLimit, IReadOnlyList<CommuneName> NoBudget,
    IReadOnlyList<(string Role, Currency Currency)> RolesWithoutLimit)
{
    public bool AllSet => NoLimit.Count == 0 && NoBudget.Count == 0 && RolesWithoutLimit.Count == 0;
}
