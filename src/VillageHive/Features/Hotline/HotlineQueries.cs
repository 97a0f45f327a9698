using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Hotline;

public static class HotlineQueries
{
    /// <summary>
    /// The calls the caller may see: those placed in a village of their scope; a call not yet placed in a village
    /// belongs to no area, so its taker and the commune-level workers (who dispatch the hotline) see it.
    /// </summary>
    public static IQueryable<HotlineCall> CallsFor(this HiveDbContext db, CurrentUser me)
    {
        var villages = db.Villages.Where(me.Scope.VillagePredicate()).Select(v => v.Id);
        var name = me.UserName;
        var supervisor = me.IsInAnyRole(Roles.AlertReceivers);
        return db.HotlineCalls.Where(c => c.VillageId != null
            ? villages.Contains(c.VillageId.Value)
            : supervisor || c.TakenBy == name);
    }

    /// <summary>
    /// The referral made from a call takes a key derived from the call, so the unique index on referral keys
    /// refuses a second referral of the same call, even when two people turn it at the same moment.
    /// </summary>
    public static Guid ReferralKey(int callId) =>
        // A version-8 (application-defined) GUID: never equal to the random version-4 keys of ordinary forms.
        new(callId, 0x686f, unchecked((short)0x8000), 0x80, 0x00, 0x74, 0x6c, 0x69, 0x6e, 0x65, 0x00);
}
