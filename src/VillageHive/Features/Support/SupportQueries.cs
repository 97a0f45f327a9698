using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
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

    /// <summary>
    /// A commune's ledger for a year, per currency, summed in SQL over integer minor units (exact on both providers).
    /// Committed: approved and not yet paid, counted in the year it was approved. Spent: paid, counted in the year it was paid.
    /// </summary>
    public static async Task<List<LedgerLine>> LedgerAsync(this HiveDbContext db, int communeId, int year)
    {
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddYears(1);
        var firstDay = new DateOnly(year, 1, 1);
        var lastDay = new DateOnly(year, 12, 31);
        var budgets = await db.CommuneBudgets.AsNoTracking().Where(b => b.CommuneId == communeId && b.Year == year)
            .Select(b => new { b.Currency, b.AmountMinor }).ToListAsync();
        var inCommune = db.MaterialSupportRequests.AsNoTracking().Where(r => r.Case!.Village!.CommuneId == communeId);
        var committed = await inCommune.Where(r => r.Status == SupportStatus.Approved && r.DecidedAt >= from && r.DecidedAt < to)
            .GroupBy(r => r.Currency).Select(g => new { Currency = g.Key, Sum = g.Sum(r => r.AmountMinor) }).ToListAsync();
        var spent = await inCommune.Where(r => r.Status == SupportStatus.Disbursed && r.DisbursedOn >= firstDay && r.DisbursedOn <= lastDay)
            .GroupBy(r => r.Currency).Select(g => new { Currency = g.Key, Sum = g.Sum(r => r.AmountMinor) }).ToListAsync();
        return Enum.GetValues<Currency>().Select(c => new LedgerLine(c,
                budgets.Where(b => b.Currency == c).Sum(b => b.AmountMinor),
                committed.Where(x => x.Currency == c).Sum(x => x.Sum),
                spent.Where(x => x.Currency == c).Sum(x => x.Sum)))
            .ToList();
    }
}
