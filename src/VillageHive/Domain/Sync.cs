namespace VillageHive.Domain;

/// <summary>
/// Proof that one captured record (offline or from a form) was applied. Its ClientId is unique: it is inserted in the
/// same transaction as the record, so a second delivery of the same record fails on the index and changes nothing.
/// </summary>
public sealed class SyncReceipt
{
    public int Id { get; set; }
    public Guid ClientId { get; set; }
    /// <summary>One of <see cref="SyncKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public string UserName { get; set; } = "";
    /// <summary>Server clock when the record arrived.</summary>
    public DateTime ReceivedAt { get; set; }
    /// <summary>The device clock when the record was captured (null for a form posted online).</summary>
    public DateTime? DeviceRecordedAt { get; set; }
    /// <summary>Capture time on the server's clock: device time plus the device's skew.</summary>
    public DateTime CapturedAt { get; set; }
    public string Status { get; set; } = SyncReceiptStatus.Applied;
    public int? EntityId { get; set; }
    /// <summary>Where the applied record can be seen.</summary>
    public string? Url { get; set; }
    /// <summary>A hash of what an API write asked for: the same client-generated id with other content is a conflict (409).</summary>
    public string? Fingerprint { get; set; }
}

public static class SyncReceiptStatus
{
    public const string Applied = "applied";
}

/// <summary>The record kinds of the sync contract (docs: brief-sync-contract).</summary>
public static class SyncKinds
{
    public const string Referral = "referral";
    public const string Visit = "visit";
    public const string CaseNote = "caseNote";
    public const string ProgrammeAttendance = "programmeAttendance";
    public const string SessionAttendance = "sessionAttendance";
    /// <summary>A photo or PDF attached to a record (issue 23).</summary>
    public const string Attachment = "attachment";

    public static readonly IReadOnlyList<string> All = [Referral, Visit, CaseNote, ProgrammeAttendance, SessionAttendance, Attachment];
}

/// <summary>
/// Device clocks are often wrong by hours. The batch says what the device thinks "now" is when it sends; the
/// difference to the server's now is the skew, and every capture time of the batch is moved by it.
/// </summary>
public static class SyncClock
{
    public static TimeSpan Skew(DateTime serverNow, DateTime deviceSentAt) => serverNow - deviceSentAt;

    /// <summary>
    /// The capture time on the server's clock. Never later than the server's now (a record cannot have been taken
    /// after it arrived); a record without a device time was captured when it arrived.
    /// </summary>
    public static DateTime Corrected(DateTime? deviceRecordedAt, TimeSpan skew, DateTime serverNow)
    {
        if (deviceRecordedAt is not { } recorded) return serverNow;
        var corrected = recorded + skew;
        return corrected > serverNow ? serverNow : corrected;
    }
}

/// <summary>Which of two marks for the same child and day is current: the later captured; on a tie the later received.</summary>
public static class AttendanceMarks
{
    public static bool Supersedes(DateTime newCapturedAt, DateTime? currentCapturedAt) =>
        currentCapturedAt is not { } current || newCapturedAt >= current;
}
