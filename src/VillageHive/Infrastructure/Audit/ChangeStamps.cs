using System.Reflection;
using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Audit;

/// <summary>
/// Stamps <see cref="IChangeStamped.UpdatedAt"/> on every added or changed row that has one. The stamp is taken inside
/// the saving transaction after the audit chain's lock (PostgreSQL: the advisory lock, held to the commit; SQLite: the
/// one write lock), and is later than the table's latest stamp: so the stamps of a table grow strictly in commit order,
/// and a poller paging by (UpdatedAt, Id) never finds a row appear behind its cursor (docs/interop.md).
/// </summary>
internal static class ChangeStamps
{
    /// <summary>PostgreSQL keeps microseconds: every stamp is a whole microsecond so that both databases keep it exactly.</summary>
    private const long Tick = TimeSpan.TicksPerMicrosecond;

    private static readonly MethodInfo LatestMethod = typeof(ChangeStamps).GetMethod(nameof(LatestAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Call inside the transaction, before the rows are written.</summary>
    public static async Task StampAsync(DbContext db, DateTime now, CancellationToken ct)
    {
        var entries = db.ChangeTracker.Entries<IChangeStamped>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        if (entries.Count == 0) return;
        await AuditChain.LockAsync(db, ct);
        var floor = new DateTime(now.Ticks - now.Ticks % Tick, DateTimeKind.Utc);
        foreach (var group in entries.GroupBy(e => e.Metadata.ClrType))
        {
            var latest = await (Task<DateTime?>)LatestMethod.MakeGenericMethod(group.Key).Invoke(null, [db, ct])!;
            var stamp = latest is { } l && l.Ticks >= floor.Ticks ? new DateTime(l.Ticks - l.Ticks % Tick + Tick, DateTimeKind.Utc) : floor;
            foreach (var e in group) e.Entity.UpdatedAt = stamp;
        }
    }

    private static Task<DateTime?> LatestAsync<T>(DbContext db, CancellationToken ct) where T : class, IChangeStamped =>
        db.Set<T>().IgnoreQueryFilters().MaxAsync(x => (DateTime?)x.UpdatedAt, ct);
}
