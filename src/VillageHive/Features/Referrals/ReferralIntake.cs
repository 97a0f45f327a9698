using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Notifications;

namespace VillageHive.Features.Referrals;

/// <summary>
/// A referral for children whose household is already known (from another page's one-step "refer"): the same
/// record and the same immediate-danger alert as the referral form makes. The caller saves, once.
/// </summary>
public static class ReferralIntake
{
    public static async Task<Referral> AddAsync(HiveDbContext db, Household household, IEnumerable<int> childIds, ReferralChannel channel,
        Concerns concerns, string? note, Urgency urgency, string enteredBy, Guid idempotencyKey, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(household);
        var referral = new Referral
        {
            HouseholdId = household.Id,
            VillageId = household.VillageId,
            EnteredBy = enteredBy,
            Channel = channel,
            Concerns = concerns,
            ConcernNote = TypedText.OrNull(note),
            Urgency = urgency,
            Consent = Consent.Unknown,
            ReceivedAt = now,
            IdempotencyKey = idempotencyKey,
            Status = ReferralStatus.Received,
        };
        foreach (var id in childIds) referral.Children.Add(new ReferralChild { PersonId = id });
        db.Referrals.Add(referral);
        await AlertIfInDangerAsync(db, referral, now);
        return referral;
    }

    /// <summary>A child in immediate danger raises an alert for the commune's responders; every way in to a referral calls this.</summary>
    public static async Task AlertIfInDangerAsync(HiveDbContext db, Referral referral, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.Urgency != Urgency.ImmediateDanger) return;
        var villageId = referral.VillageId;
        var communeId = await db.Villages.Where(v => v.Id == villageId).Select(v => v.CommuneId).FirstAsync();
        db.Alerts.Add(new Alert { CommuneId = communeId, Referral = referral, CreatedAt = now });
        // Those who respond are told at once (and by SMS when they chose it); the banner stays until someone acknowledges.
        await db.StaffCoveringAsync(Roles.AlertReceivers, villageId, referral.EnteredBy, NotificationSubject.ImmediateDanger, null, null, now);
    }
}
