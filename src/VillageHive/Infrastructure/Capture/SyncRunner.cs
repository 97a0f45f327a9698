using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Capture;

/// <summary>One captured record as it arrives: its id from the device, its kind, and its times.</summary>
public sealed record SyncRecord(Guid ClientId, string Kind, string UserName, DateTime ReceivedAt, DateTime? DeviceRecordedAt, DateTime CapturedAt, string? Fingerprint = null)
{
    /// <summary>A record from a form posted online: captured when it arrived.</summary>
    public static SyncRecord Online(Guid clientId, string kind, string userName, DateTime now) =>
        new(clientId == Guid.Empty ? Guid.NewGuid() : clientId, kind, userName, now, null, now);
}

/// <summary>What became of one record; the pages turn it into a redirect or a form with errors, /api/sync into JSON.</summary>
public abstract record SyncOutcome
{
    public sealed record Applied(int EntityId, string Url) : SyncOutcome;
    public sealed record AlreadyApplied(string? Url) : SyncOutcome;
    /// <summary>Errors keyed by form field name (with the "Input." prefix as on the form; "" for the whole record), already in the user's language.</summary>
    public sealed record Rejected(IReadOnlyList<KeyValuePair<string, string>> Errors) : SyncOutcome
    {
        public static Rejected One(string field, string message) => new([new(field, message)]);
    }
    /// <summary>The record edits something that changed since the device loaded it: both versions, nothing saved.</summary>
    public sealed record Conflict(object Current, object Mine) : SyncOutcome;
    /// <summary>Out of the user's scope, or not there: a 404 on the page.</summary>
    public sealed record NotFound : SyncOutcome;
    /// <summary>Seen but not the user's to change: a 403 on the page.</summary>
    public sealed record Forbidden : SyncOutcome;
}

/// <summary>
/// Applies one record exactly once. The receipt (unique ClientId) is inserted first, in the record's own transaction:
/// a second delivery, sequential or parallel, fails on that index and answers "already applied"; no earlier read
/// decides it. Anything but "applied" rolls the whole transaction back, so a record never leaves half its rows.
/// </summary>
public static class SyncRunner
{
    private const int Attempts = 3;

    public static async Task<SyncOutcome> RunAsync(HiveDbContext db, IStringLocalizer l, SyncRecord record, Func<Task<SyncOutcome>> apply)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(apply);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync();
            var receipt = new SyncReceipt
            {
                ClientId = record.ClientId, Kind = record.Kind, UserName = record.UserName, ReceivedAt = record.ReceivedAt,
                DeviceRecordedAt = record.DeviceRecordedAt, CapturedAt = record.CapturedAt, Status = SyncReceiptStatus.Applied,
                Fingerprint = record.Fingerprint,
            };
            db.SyncReceipts.Add(receipt);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                await tx.RollbackAsync();
                db.ChangeTracker.Clear();
                // Someone else's id (a guess, or a clash) says nothing about where their record is.
                if (await AppliedUrlAsync(db, record.ClientId) is { } done)
                    return new SyncOutcome.AlreadyApplied(done.UserName == record.UserName ? done.Url : null);
                throw;
            }

            SyncOutcome outcome;
            try
            {
                outcome = await apply();
                if (outcome is SyncOutcome.Applied applied)
                {
                    receipt.EntityId = applied.EntityId;
                    receipt.Url = applied.Url;
                    await db.SaveChangesAsync();
                    await tx.CommitAsync();
                    return applied;
                }
            }
            catch (DomainException e)
            {
                await tx.RollbackAsync();
                db.ChangeTracker.Clear();
                return SyncOutcome.Rejected.One("", l[e.MessageKey]);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && attempt < Attempts)
            {
                // Another record took a unique key this one needed (the same child's mark for the day, say): try again on fresh rows.
                await tx.RollbackAsync();
                continue;
            }
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            return outcome;
        }
    }

    private static Task<SyncReceipt?> AppliedUrlAsync(HiveDbContext db, Guid clientId) =>
        db.SyncReceipts.AsNoTracking().Where(r => r.ClientId == clientId).FirstOrDefaultAsync();
}
