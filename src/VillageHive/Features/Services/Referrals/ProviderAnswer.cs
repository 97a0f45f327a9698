using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Notifications;

namespace VillageHive.Features.Services.Referrals;

/// <summary>
/// A provider's answer to a referral (accept, decline, delivered), as the inbox page and the API record it; the caller has
/// checked the move (<see cref="ServiceReferralFlow.Refusal"/>) and the fields, and saves.
/// </summary>
public static class ProviderAnswer
{
    /// <summary>What stops the answer, as (field, message key); "" for the whole answer. The fields are the page's names.</summary>
    public static List<(string Field, string Key)> Problems(ServiceReferral r, ServiceReferralStatus to, int version, string? reason,
        DateOnly? deliveredOn, string? outcome, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(r);
        var problems = new List<(string, string)>();
        if (reason?.Length > 2000) problems.Add(("Reason", "Validation.TooLong"));
        if (outcome?.Length > 2000) problems.Add(("Outcome", "Validation.TooLong"));
        if (to == ServiceReferralStatus.Delivered && deliveredOn is null) problems.Add(("DeliveredOn", "Validation.Required"));
        if (deliveredOn > today) problems.Add(("DeliveredOn", "Validation.DateInFuture"));
        if (r.Version != version) problems.Add(("", "Concurrency.Changed"));
        else if (ServiceReferralFlow.Refusal(r.Status, to, reason, outcome) is { } refusal) problems.Add(("", refusal));
        return problems;
    }

    public static async Task ApplyAsync(HiveDbContext db, ServiceReferral r, ServiceReferralStatus to, string? reason, bool noCapacity,
        DateOnly? deliveredOn, string? outcome, string userName, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        r.Status = to;
        if (to is ServiceReferralStatus.Accepted or ServiceReferralStatus.Declined)
        {
            r.RespondedBy = userName;
            r.RespondedAt = now;
            await db.PeopleAsync([r.SentBy], userName,
                to == ServiceReferralStatus.Accepted ? NotificationSubject.ServiceReferralAccepted : NotificationSubject.ServiceReferralDeclined, r.CaseId, r.Id, now);
        }
        if (to == ServiceReferralStatus.Declined)
        {
            r.DeclineReason = reason!.Trim();
            r.DeclinedForCapacity = noCapacity;
        }
        if (to == ServiceReferralStatus.Delivered)
        {
            r.DeliveredOn = deliveredOn;
            r.Outcome = outcome!.Trim();
        }
    }
}
