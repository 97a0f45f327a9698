using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Community;

/// <summary>
/// The sessions a phone keeps to take a community activity's attendance offline (<c>docs/offline-sync.md</c>): the
/// sessions of the next two weeks in this user's scope, with who came to the activity before.
/// </summary>
public static class OfflineSessions
{
    /// <summary>How far ahead the sessions on the phone reach.</summary>
    public const int SessionDaysAhead = 14;
    private const int MaxRosters = 100;

    public sealed record PersonItem(int PersonId, string Name, bool Present);
    public sealed record SessionItem(int SessionId, string Activity, string Date, int Version, string AttendanceUrl, List<PersonItem> People);

    public static IEndpointRouteBuilder MapOfflineSessions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/offline/sessions", SessionsAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SessionsAsync(HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock)
    {
        http.Response.Headers.CacheControl = "no-store";
        var scope = me.Scope;
        var today = clock.Today;
        var sessions = new List<SessionItem>();
        if (me.IsInAnyRole(Roles.ActivityFacilitators))
        {
            var until = today.AddDays(SessionDaysAhead);
            var heads = await db.SessionsIn(scope).AsNoTracking().Where(s => s.Date >= today && s.Date <= until)
                .OrderBy(s => s.Date).ThenBy(s => s.Id).Take(MaxRosters)
                .Select(s => new { s.Id, s.ActivityId, s.Activity!.Title, s.Date, s.Version }).ToListAsync();
            var activityIds = heads.Select(s => s.ActivityId).Distinct().ToList();
            var sessionIds = heads.Select(s => s.Id).ToList();
            var inScope = db.PersonsIn(scope).Select(p => p.Id);
            // Who came to the activity before (the expected list) and who is marked on these sessions already: one query.
            var people = await db.SessionAttendance.AsNoTracking()
                .Where(a => a.PersonId != null && activityIds.Contains(a.Session!.ActivityId) && inScope.Contains(a.PersonId!.Value))
                .Select(a => new { a.Session!.ActivityId, a.SessionId, PersonId = a.PersonId!.Value, Name = a.Person!.FamilyNameKm + " " + a.Person.GivenNameKm })
                .ToListAsync();
            sessions = heads.Select(s => new SessionItem(s.Id, s.Title, s.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.Version,
                $"/Community/Sessions/{s.Id}",
                people.Where(p => p.ActivityId == s.ActivityId).GroupBy(p => p.PersonId)
                    .Select(g => new PersonItem(g.Key, g.First().Name, g.Any(p => p.SessionId == s.Id)))
                    .OrderBy(p => p.Name, StringComparer.Ordinal).ToList())).ToList();
        }
        return Results.Json(sessions);
    }
}
