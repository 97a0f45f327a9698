using System.Globalization;

namespace VillageHive.Domain;

/// <summary>
/// The kinds of thing a person is told about, as a person chooses what comes by SMS (one bit a kind, kept in
/// <c>HiveUser.SmsKinds</c>).
/// </summary>
[Flags]
public enum NotificationKind
{
    None = 0,
    CaseAssigned = 1,
    ApprovalWaiting = 2,
    ImmediateDanger = 4,
    ServiceReferralAnswered = 8,
    Transfer = 16,
}

/// <summary>What happened, which says the text and where a tap leads.</summary>
public enum NotificationSubject
{
    /// <summary>A case's lead passed to the recipient (team page, handover, accepted transfer). Target: the case.</summary>
    CaseAssigned = 0,
    /// <summary>An assessment waits for approval. Target: the assessment.</summary>
    AssessmentSubmitted = 1,
    /// <summary>A plan agreed with the family waits for approval. Target: the case's plan.</summary>
    PlanAgreed = 2,
    /// <summary>A closure proposal waits for a decision. Target: the case's closure page.</summary>
    ClosureProposed = 3,
    /// <summary>Material support waits for approval. Target: the approvals list.</summary>
    SupportRequested = 4,
    /// <summary>A child in immediate danger was referred in the recipient's area. Target: the alerts (the referral's number is not known before the save).</summary>
    ImmediateDanger = 5,
    /// <summary>A provider accepted a service referral the recipient sent. Target: the case's services.</summary>
    ServiceReferralAccepted = 6,
    /// <summary>A provider declined a service referral the recipient sent. Target: the case's services.</summary>
    ServiceReferralDeclined = 7,
    /// <summary>A case waits for the recipient's commune to accept its transfer. Target: the transfer page.</summary>
    TransferRequested = 8,
    /// <summary>The receiving commune accepted a transfer the recipient asked for. Target: the case.</summary>
    TransferAccepted = 9,
    /// <summary>The receiving commune refused a transfer the recipient asked for. Target: the case.</summary>
    TransferRejected = 10,
}

/// <summary>
/// Something one person must act on, shown at /Notifications and counted in the header until read. Made in the same
/// save as the change that causes it.
/// </summary>
public sealed class Notification
{
    public int Id { get; set; }
    /// <summary>The user name of the person told.</summary>
    public string Recipient { get; set; } = "";
    public NotificationSubject Subject { get; set; }
    public int? CaseId { get; set; }
    /// <summary>The record the subject is about, when it is not the case itself (assessment, referral, service referral, support request).</summary>
    public int? TargetId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    public NotificationKind Kind => NotificationRules.KindOf(Subject);
}

/// <summary>What each subject is, and the text key that tells it (the number is the case's, or the referral's).</summary>
public static class NotificationRules
{
    public static NotificationKind KindOf(NotificationSubject subject) => subject switch
    {
        NotificationSubject.CaseAssigned => NotificationKind.CaseAssigned,
        NotificationSubject.AssessmentSubmitted or NotificationSubject.PlanAgreed or NotificationSubject.ClosureProposed
            or NotificationSubject.SupportRequested => NotificationKind.ApprovalWaiting,
        NotificationSubject.ImmediateDanger => NotificationKind.ImmediateDanger,
        NotificationSubject.ServiceReferralAccepted or NotificationSubject.ServiceReferralDeclined => NotificationKind.ServiceReferralAnswered,
        NotificationSubject.TransferRequested or NotificationSubject.TransferAccepted or NotificationSubject.TransferRejected => NotificationKind.Transfer,
        _ => NotificationKind.None,
    };

    /// <summary>The kinds a person may choose to receive by SMS, in the order the form shows them.</summary>
    public static readonly NotificationKind[] Kinds =
    [
        NotificationKind.CaseAssigned, NotificationKind.ApprovalWaiting, NotificationKind.ImmediateDanger,
        NotificationKind.ServiceReferralAnswered, NotificationKind.Transfer,
    ];

    /// <summary>Every kind together: the bits a stored choice may hold.</summary>
    public static readonly NotificationKind AllKinds = Kinds.Aggregate(NotificationKind.None, (a, k) => a | k);

    /// <summary>The text key of a subject: "Notify.CaseAssigned" etc., with {0} the case's (or referral's) number.</summary>
    public static string TextKey(NotificationSubject subject) => "Notify." + subject;

    /// <summary>The number a text names: the case's (an immediate-danger text names none).</summary>
    public static int NumberOf(NotificationSubject subject, int? caseId, int? targetId) =>
        (subject == NotificationSubject.ImmediateDanger ? targetId : caseId) ?? 0;

    /// <summary>Whether a person with this phone and choice gets this subject by SMS.</summary>
    public static bool BySms(NotificationSubject subject, string? phone, NotificationKind chosen) =>
        !string.IsNullOrEmpty(phone) && (chosen & KindOf(subject)) != 0;
}

/// <summary>
/// One SMS waiting in the database to be sent (the outbox): queued in the same save as the notification it carries,
/// claimed by one sender at a time, retried with back-off (<see cref="IOutboxMessage"/>).
/// </summary>
public sealed class SmsMessage : IOutboxMessage
{
    /// <summary>The longest text kept; a longer one is cut when queued.</summary>
    public const int MaxText = 480;

    public long Id { get; set; }
    public Notification? Notification { get; set; }
    public int? NotificationId { get; set; }
    /// <summary>The number in international form, +855…</summary>
    public string To { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? GaveUpAt { get; set; }
}

/// <summary>
/// Cambodian phone numbers as a person types them: 0XX XXX XXX or 0XX XXX XXXX (spaces, dashes, dots allowed), or
/// +855 / 855 / 00855 followed by the number without its 0. Kept and sent as +855 and 8 or 9 digits.
/// </summary>
public static class CambodianPhone
{
    /// <summary>The number as +855…, or null when it is not a Cambodian number.</summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')' or '+'))) return null;
        if (t.IndexOf('+', StringComparison.Ordinal) > 0 || t.Count(c => c == '+') > 1) return null;
        var digits = new string(t.Where(char.IsAsciiDigit).ToArray());
        string national;
        if (t.StartsWith('+'))
        {
            if (!digits.StartsWith("855", StringComparison.Ordinal)) return null;
            national = digits[3..];
        }
        else if (digits.StartsWith("00855", StringComparison.Ordinal)) national = digits[5..];
        else if (digits.StartsWith("855", StringComparison.Ordinal) && digits.Length >= 11) national = digits[3..];
        else if (digits.StartsWith('0')) national = digits[1..];
        else return null;
        // After the country code a leading 0 is sometimes kept: +855 012 345 678.
        if (national.StartsWith('0')) national = national[1..];
        // An operator or area prefix (two digits, never starting with 0) and 6 or 7 digits.
        if (national.Length is < 8 or > 9 || national[0] == '0') return null;
        return "+855" + national;
    }

    /// <summary>The number as kept on a user (digits, as the registry keeps phones): 012345678; null when not Cambodian.</summary>
    public static string? National(string? text) => Normalise(text) is { } n ? "0" + n[4..] : null;

    /// <summary>How a Cambodian reads the number: 012 345 678, 097 123 4567 (a number that is not Cambodian as it is).</summary>
    public static string Show(string? phone)
    {
        if (National(phone) is not { } n) return phone ?? "";
        return string.Create(CultureInfo.InvariantCulture, $"{n[..3]} {n[3..6]} {n[6..]}");
    }
}
