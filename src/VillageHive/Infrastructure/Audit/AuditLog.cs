using VillageHive.Domain;
using System.Text.Json;
using VillageHive.Data;

namespace VillageHive.Infrastructure.Audit;

/// <summary>Records what is not a change of a record: reads of sensitive records, exports, sign-ins.</summary>
public sealed class AuditLog(HiveDbContext db, IHttpContextAccessor http, HiveClock clock, AuditReadQueue reads)
{
    public const string Read = "Read";
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";

    /// <summary>Queues the read for the audit chain (<see cref="AuditReadQueue"/>): the page does not wait for the write lock.</summary>
    public Task RecordReadAsync(string entityType, int id, CancellationToken ct = default)
    {
        reads.Enqueue(Entry(Read, entityType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null));
        return Task.CompletedTask;
    }

    public async Task RecordAsync(string action, string entityType, string entityId, object? details = null, string? userName = null, CancellationToken ct = default)
    {
        var entry = Entry(action, entityType, entityId, details, userName);
        // On SQLite the transaction begins immediate (write lock first), so the last hash read next is still the last.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await AuditChain.AppendAsync(db, [entry], ct);
        if (tx is not null) await tx.CommitAsync(ct);
    }

    private AuditEntry Entry(string action, string entityType, string entityId, object? details, string? userName) =>
        new AuditEntry
        {
            At = clock.UtcNow,
            UserName = userName ?? http.HttpContext?.User.Identity?.Name ?? "system",
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Changes = details is null ? null : JsonSerializer.Serialize(details, AuditInterceptor.Json),
        };
}
