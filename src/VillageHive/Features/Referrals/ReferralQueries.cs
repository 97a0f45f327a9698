using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Referrals;

public static class ReferralQueries
{
    /// <summary>
    /// The referrals the caller may see: workers those of their villages; a Community Network member only the ones
    /// they entered themselves.
    /// </summary>
    public static IQueryable<Referral> ReferralsFor(this HiveDbContext db, CurrentUser me)
    {
        var inScope = db.Referrals.InScope(me.Scope, r => r.Village!);
        if (me.IsInAnyRole(Roles.ReferralWorkers)) return inScope;
        var name = me.UserName;
        return inScope.Where(r => r.EnteredBy == name);
    }

    public static IQueryable<Case> CasesIn(this HiveDbContext db, Scope scope) => db.Cases.InScope(scope, c => c.Village!);

    /// <summary>The checklist in force; the first screening of a new installation creates version 1.</summary>
    public static async Task<ScreeningCriteriaVersion> CurrentCriteriaAsync(this HiveDbContext db, HiveClock clock)
    {
        var current = await db.ScreeningCriteriaVersions.Include(v => v.Criteria).OrderByDescending(v => v.Number).FirstOrDefaultAsync();
        if (current is not null) return current;
        current = ScreeningScorer.DefaultVersion(clock.UtcNow);
        db.ScreeningCriteriaVersions.Add(current);
        await db.SaveChangesAsync();
        return current;
    }
}
