using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

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
            ConcernNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Urgency = urgency,
            Consent = Consent.Unknown,
            ReceivedAt = now,
            IdempotencyKey = idempotencyKey,
            Status = ReferralStatus.Received,
        };
        foreach (var id in childIds) referral.Children.Add(new ReferralChild { PersonId = id });
        db.Referrals.Add(referral);
        if (urgency == Urgency.ImmediateDanger)
        {
            var communeId = await db.Villages.Where(v => v.Id == household.VillageId).Select(v => v.CommuneId).FirstAsync();
            db.Alerts.Add(new Alert { CommuneId = communeId, Referral = referral, CreatedAt = now });
        }
        return referral;
    }
}
