using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure;

/// <summary>
/// Every account's full name by login name, read once and kept for the whole process (one small map: a district has
/// hundreds of accounts, two short columns each), so a page names people without a query. Forgotten when this process
/// saves an added or removed account, or one whose names differ from the map (a save interceptor of every context), and
/// read again at most <see cref="Lifetime"/> later in any case, so that an account renamed by another process (a second app server, the
/// command line) shows its new name soon after. Times are the commune clock's.
/// </summary>
public sealed class AccountNames(HiveClock clock) : SaveChangesInterceptor
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private sealed record Snapshot(IReadOnlyDictionary<string, string> Names, DateTime ReadAt);

    private Snapshot? snapshot;
    private long generation;
    private readonly ConditionalWeakTable<DbContext, object> savingAccounts = [];

    /// <summary>Full names by login name (case-insensitive), accounts without a full name left out.</summary>
    public IReadOnlyDictionary<string, string> All(HiveDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.UtcNow;
        var kept = Volatile.Read(ref snapshot);
        if (kept is not null && now >= kept.ReadAt && now - kept.ReadAt < Lifetime) return kept.Names;
        var seen = Interlocked.Read(ref generation);
        var names = db.Users.AsNoTracking().Where(u => u.UserName != null && u.DisplayName != "")
            .Select(u => new { u.UserName, u.DisplayName }).ToList()
            .ToDictionary(u => u.UserName!, u => u.DisplayName, StringComparer.OrdinalIgnoreCase);
        // An account saved while this read ran may be missing from it: then it serves this request only.
        if (Interlocked.Read(ref generation) == seen) Interlocked.CompareExchange(ref snapshot, new Snapshot(names, now), kept);
        return names;
    }

    /// <summary>Reads the names again on the next request.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref snapshot, null);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && db.ChangeTracker.Entries<HiveUser>().Any(e => e.State is EntityState.Added or EntityState.Deleted
                || (e.State is EntityState.Modified && NamesDiffer(e.Entity))))
            savingAccounts.AddOrUpdate(db, this);
        return result;
    }

    /// <summary>
    /// Whether a changed account's names are not what the kept map shows. A sign-in saves the account too (its counters
    /// and stamps) without changing a name: forgetting the map then made the next page of every user read all the names
    /// again. Compared with the map rather than the entry's original values, which a page that saves a detached account
    /// does not have.
    /// </summary>
    private bool NamesDiffer(HiveUser user)
    {
        if (Volatile.Read(ref snapshot) is not { } kept || user.UserName is null) return true;
        return kept.Names.TryGetValue(user.UserName, out var shown) ? shown != user.DisplayName : user.DisplayName != "";
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(SavingChanges(eventData, result));

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && savingAccounts.Remove(db)) Forget();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db) savingAccounts.Remove(db);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }
}
