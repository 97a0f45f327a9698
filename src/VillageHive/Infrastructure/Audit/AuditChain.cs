using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;

namespace VillageHive.Infrastructure.Audit;

/// <summary>
/// Appends audit entries as a hash chain and verifies it. Appending is serialised by the database, inside the
/// transaction of the change: on PostgreSQL a transaction-scoped advisory lock, on SQLite the write lock that a
/// transaction holds from its start (BEGIN IMMEDIATE) or its first write. Two writers never chain onto the same
/// previous entry, and no lock is held in the process that the database cannot see (which could deadlock with a
/// caller's own transaction).
/// </summary>
public static class AuditChain
{
    private const long AdvisoryLockKey = 0x5649_4C48_4956_45; // "VILHIVE"
    /// <summary>The first entry chains onto this value.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(string previousHash, DateTime at, string userName, string action, string entityType, string entityId, string? changes)
    {
        var text = string.Join('\n', previousHash, at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
            userName, action, entityType, entityId, changes ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Audit times are kept to the millisecond so that every provider stores exactly what was hashed.</summary>
    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    /// <summary>Takes the cross-process lock; call inside the transaction that will append.</summary>
    internal static async Task LockAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
    }

    /// <summary>Chains and inserts the entries. The caller holds a transaction that has written or began immediate.</summary>
    internal static async Task AppendAsync(DbContext db, IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        await LockAsync(db, ct);
        var previous = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct)
            ?? Genesis;
        foreach (var e in entries)
        {
            e.At = Truncate(e.At);
            e.PreviousHash = previous;
            e.Hash = Hash(previous, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.Changes);
            // Raw SQL rather than the change tracker: this runs inside SaveChanges and must not re-enter it.
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "AuditEntries" ("At", "UserName", "Action", "EntityType", "EntityId", "Changes", "PreviousHash", "Hash") VALUES ({e.At}, {e.UserName}, {e.Action}, {e.EntityType}, {e.EntityId}, {e.Changes ?? ""}, {e.PreviousHash}, {e.Hash})""",
                ct);
            previous = e.Hash;
        }
    }

    public sealed record Verification(long Entries, long? BrokenAtId, string? Problem);

    /// <summary>Recomputes every hash in order; reports the first entry whose content or link does not match.</summary>
    public static async Task<Verification> VerifyAsync(HiveDbContext db, CancellationToken ct = default)
    {
        var previous = Genesis;
        long count = 0;
        long lastId = 0;
        const int batch = 5000;
        while (true)
        {
            var rows = await db.AuditEntries.AsNoTracking().Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(batch).ToListAsync(ct);
            foreach (var e in rows)
            {
                if (e.PreviousHash != previous)
                    return new Verification(count, e.Id, "the link to the previous entry does not match (an entry before it was changed or removed)");
                var expected = Hash(e.PreviousHash, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.Changes);
                if (e.Hash != expected)
                    return new Verification(count, e.Id, "the entry's content does not match its hash (it was changed)");
                previous = e.Hash;
                count++;
                lastId = e.Id;
            }
            if (rows.Count < batch) return new Verification(count, null, null);
        }
    }
}
