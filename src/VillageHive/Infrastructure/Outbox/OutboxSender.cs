using Microsoft.EntityFrameworkCore;
using VillageHive.Domain;

namespace VillageHive.Infrastructure.Outbox;

/// <summary>
/// The one way an outbox table is sent (the SMS outbox, the DCI outbox; decision 0020): what is due is read, then each
/// message is claimed by a conditional UPDATE (only one sender's UPDATE matches a message not sent, not given up, due
/// and not held), handed to <c>send</c>, then marked sent with the claim's token. A failure sets the next attempt
/// (<see cref="OutboxRetry"/>) and the error, and gives up after the last try; a sender that dies mid-send leaves a
/// claim that runs out after <see cref="OutboxRetry.Lease"/>. Times come from the commune clock.
/// </summary>
public static class OutboxSender
{
    public const int Batch = 50;
    public const int MaxError = 500;

    /// <summary>
    /// Sends the due messages of <paramref name="outbox"/> once; returns how many were sent. <paramref name="send"/>
    /// delivers one message (read after its claim) and throws when it was not delivered.
    /// </summary>
    public static async Task<int> ProcessDueAsync<T>(DbSet<T> outbox, HiveClock clock, Func<T, CancellationToken, Task> send, ILogger log,
        CancellationToken cancellationToken = default)
        where T : class, IOutboxMessage
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.UtcNow;
        var due = await outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(Batch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            if (cancellationToken.IsCancellationRequested) break;
            if (await SendOneAsync(outbox, clock, send, log, id, cancellationToken)) sent++;
        }
        return sent;
    }

    private static async Task<bool> SendOneAsync<T>(DbSet<T> outbox, HiveClock clock, Func<T, CancellationToken, Task> send, ILogger log, long id,
        CancellationToken cancellationToken)
        where T : class, IOutboxMessage
    {
        var now = clock.UtcNow;
        var token = Guid.NewGuid();
        var holdUntil = now + OutboxRetry.Lease;
        var claimed = await outbox
            .Where(m => m.Id == id && m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedUntil, holdUntil)
                .SetProperty(m => m.ClaimToken, token)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0) return false;
        var message = await outbox.AsNoTracking().Where(m => m.Id == id).SingleAsync(cancellationToken);
        try
        {
            await send(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failedAt = clock.UtcNow;
            var next = failedAt + OutboxRetry.DelayAfter(message.Attempts);
            DateTime? gaveUp = OutboxRetry.GivesUp(message.Attempts) ? failedAt : null;
            var error = e.Message.Length > MaxError ? e.Message[..MaxError] : e.Message;
            await outbox.Where(m => m.Id == id && m.ClaimToken == token)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.GaveUpAt, gaveUp)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                    .SetProperty(m => m.ClaimToken, (Guid?)null), CancellationToken.None);
            log.LogWarning("{Message} {Id} not sent (attempt {Attempts}): {Error}", typeof(T).Name, id, message.Attempts, error);
            return false;
        }
        var sentAt = clock.UtcNow;
        await outbox.Where(m => m.Id == id && m.ClaimToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        return true;
    }
}
