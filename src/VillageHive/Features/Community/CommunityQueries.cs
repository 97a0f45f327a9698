using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Community;

/// <summary>Activities and sessions the caller may see: those serving one of the caller's villages (in SQL).</summary>
public static class CommunityQueries
{
    public static IQueryable<Activity> ActivitiesIn(this HiveDbContext db, Scope scope)
    {
        var mine = db.ActivityVillages.InScope(scope, v => v.Village!).Select(v => v.ActivityId);
        return db.Activities.Where(a => mine.Contains(a.Id));
    }

    public static IQueryable<ActivitySession> SessionsIn(this HiveDbContext db, Scope scope) =>
        db.ActivitySessions.InScope(scope, s => s.Village!);
}
