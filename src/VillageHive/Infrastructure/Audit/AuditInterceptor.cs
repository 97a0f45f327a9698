using VillageHive.Domain;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using VillageHive.Data;

namespace VillageHive.Infrastructure.Audit;

/// <summary>
/// Records every create, update and delete of a record, with the fields before and after, in the same transaction
/// as the change. Pages do nothing for it: any SaveChanges goes through here.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, HiveClock clock) : SaveChangesInterceptor
{
    internal static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // Secrets and bookkeeping that must not be copied into the log.
    private static readonly HashSet<string> Redacted = ["PasswordHash", "SecurityStamp", "Value", "Xml"];
    private static readonly HashSet<string> Skipped = ["Version", "UpdatedAt", "ConcurrencyStamp", "SearchName", "HeadNameKm", "HeadNameLatin", "NormalizedUserName", "NormalizedEmail", "NormalizedName"];

    private sealed class Pending(List<(EntityEntry Entry, EntityState State, Dictionary<string, object?[]> Changes)> items, IDbContextTransaction? owned)
    {
        public List<(EntityEntry Entry, EntityState State, Dictionary<string, object?[]> Changes)> Items { get; } = items;
        public IDbContextTransaction? Owned { get; } = owned;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, Pending> pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db) return result;
        var items = Capture(db);
        if (items.Count == 0) return result;
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        pending.AddOrUpdate(db, new Pending(items, owned));
        try
        {
            await ChangeStamps.StampAsync(db, clock.UtcNow, cancellationToken);
        }
        catch
        {
            pending.Remove(db);
            if (owned is not null)
            {
                await RollBackQuietlyAsync(owned);
                await owned.DisposeAsync();
            }
            throw;
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db || !pending.TryGetValue(db, out var p)) return result;
        pending.Remove(db);
        try
        {
            await AuditChain.AppendAsync(db, ToEntries(p.Items), cancellationToken);
            if (p.Owned is not null) await p.Owned.CommitAsync(cancellationToken);
        }
        catch
        {
            if (p.Owned is not null) await RollBackQuietlyAsync(p.Owned);
            throw;
        }
        finally
        {
            if (p.Owned is not null) await p.Owned.DisposeAsync();
        }
        return result;
    }

    /// <summary>
    /// Rolls back after a failure, and lets the failure be what is reported: when the failure broke the connection (a
    /// command timeout waiting for the audit chain's lock, a cancelled request), the transaction is already gone and
    /// its rollback throws ObjectDisposedException, which hid the cause in a PostgreSQL run of the authorisation
    /// matrix (a 500 on a payment). The database rolls back a transaction whose connection broke by itself.
    /// </summary>
    private static async Task RollBackQuietlyAsync(IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            // Already ended with its connection; nothing to roll back from here.
        }
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db || !pending.TryGetValue(db, out var p)) return;
        pending.Remove(db);
        if (p.Owned is not null)
        {
            await RollBackQuietlyAsync(p.Owned);
            await p.Owned.DisposeAsync();
        }
    }

    // The app saves asynchronously; a synchronous SaveChanges (tools, tests) is audited the same way.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    private static List<(EntityEntry, EntityState, Dictionary<string, object?[]>)> Capture(DbContext db)
    {
        var items = new List<(EntityEntry, EntityState, Dictionary<string, object?[]>)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry or DataProtectionKey) continue;
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var changes = new Dictionary<string, object?[]>();
            foreach (var prop in entry.Properties)
            {
                var name = prop.Metadata.Name;
                if (Skipped.Contains(name)) continue;
                // Added rows are read after the save, when database-generated keys are known.
                if (entry.State == EntityState.Added) continue;
                if (entry.State == EntityState.Modified && !prop.IsModified) continue;
                if (entry.State == EntityState.Modified && Equals(prop.OriginalValue, prop.CurrentValue)) continue;
                var before = Redacted.Contains(name) ? "***" : prop.OriginalValue;
                var after = entry.State == EntityState.Deleted ? null : Redacted.Contains(name) ? "***" : prop.CurrentValue;
                changes[name] = [before, after];
            }
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            items.Add((entry, entry.State, changes));
        }
        return items;
    }

    private List<AuditEntry> ToEntries(List<(EntityEntry Entry, EntityState State, Dictionary<string, object?[]> Changes)> items)
    {
        var user = http.HttpContext?.User.Identity?.Name ?? "system";
        var now = clock.UtcNow;
        return items.Select(i =>
        {
            if (i.State == EntityState.Added)
            {
                foreach (var prop in i.Entry.Properties)
                {
                    if (Skipped.Contains(prop.Metadata.Name)) continue;
                    i.Changes[prop.Metadata.Name] = [null, Redacted.Contains(prop.Metadata.Name) ? "***" : prop.CurrentValue];
                }
            }
            return new AuditEntry
            {
                At = now,
                UserName = user,
                Action = i.State switch { EntityState.Added => "Create", EntityState.Deleted => "Delete", _ => "Update" },
                EntityType = i.Entry.Metadata.ClrType.Name,
                EntityId = KeyOf(i.Entry),
                Changes = JsonSerializer.Serialize(i.Changes, Json),
            };
        }).ToList();
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(',', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
}
