namespace VillageHive.Domain;

/// <summary>
/// The columns every outbox row has (the SMS outbox, the DCI outbox): due at <see cref="NextAttemptAt"/>, claimed by one
/// sender at a time (<see cref="ClaimedUntil"/> and <see cref="ClaimToken"/>), retried with back-off
/// (<see cref="OutboxRetry"/>), then sent or given up. Sent by <c>Infrastructure/Outbox/OutboxSender</c>.
/// </summary>
public interface IOutboxMessage
{
    long Id { get; }
    /// <summary>Not sent before this instant: the first try at once, each retry later (<see cref="OutboxRetry"/>).</summary>
    DateTime NextAttemptAt { get; }
    /// <summary>How many times a sender took it (counted when it takes it, so a crash mid-send counts too).</summary>
    int Attempts { get; }
    string? LastError { get; }
    /// <summary>A sender holds it until then; after that (the sender died) another may take it.</summary>
    DateTime? ClaimedUntil { get; }
    Guid? ClaimToken { get; }
    DateTime? SentAt { get; }
    /// <summary>Set when the last attempt failed: no more tries.</summary>
    DateTime? GaveUpAt { get; }
}

/// <summary>When an outbox message is tried again: 1, 2, 4, 8 … minutes after a failure, at most 6 hours apart, 12 tries in all.</summary>
public static class OutboxRetry
{
    public const int MaxAttempts = 12;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(6);
    /// <summary>How long a sender holds a message it took: longer than a gateway's answer may take.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>The delay after the <paramref name="attempts"/>-th failed try (1 → 1 minute, 2 → 2, 3 → 4 …).</summary>
    public static TimeSpan DelayAfter(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var delay = FirstDelay * Math.Pow(2, exponent);
        return delay > MaxDelay ? MaxDelay : delay;
    }

    public static bool GivesUp(int attempts) => attempts >= MaxAttempts;
}
