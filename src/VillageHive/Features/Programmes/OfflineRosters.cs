using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>
/// The rosters a phone keeps to take a programme's attendance offline (<c>docs/offline-sync.md</c>): the programmes
/// this user runs in their scope and the children enrolled today.
/// </summary>
public static class OfflineRosters
{
    private const int MaxRosters = 100;

    public sealed record EnrolmentItem(int EnrolmentId, string ChildName, string Village);
    public sealed record ProgrammeItem(int ProgrammeId, string Name, string AttendanceUrl, List<EnrolmentItem> Enrolments);

    public static IEndpointRouteBuilder MapOfflineRosters(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/offline/programmes", ProgrammesAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> ProgrammesAsync(HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock)
    {
        http.Response.Headers.CacheControl = "no-store";
        var scope = me.Scope;
        var today = clock.Today;
        var programmes = new List<ProgrammeItem>();
        if (me.MayRun())
        {
            var heads = await db.ProgrammesIn(scope).AsNoTracking().OrderBy(p => p.Name).Take(MaxRosters)
                .Select(p => new { p.Id, p.Name }).ToListAsync();
            var ids = heads.Select(p => p.Id).ToList();
            var enrolments = await db.Enrolments.AsNoTracking()
                .Where(EnrolmentRules.ActiveOn.Sql(today)).Where(e => ids.Contains(e.ProgrammeId))
                .OrderBy(e => e.Person!.FamilyNameKm).ThenBy(e => e.Person!.GivenNameKm)
                .Select(e => new { e.ProgrammeId, e.Id, Name = e.Person!.FamilyNameKm + " " + e.Person.GivenNameKm, e.Person.Household!.Village!.NameKm, e.Person.Household.Village.NameEn })
                .ToListAsync();
            programmes = heads.Select(p => new ProgrammeItem(p.Id, p.Name, $"/Programmes/{p.Id}/Attendance",
                enrolments.Where(e => e.ProgrammeId == p.Id).Select(e => new EnrolmentItem(e.Id, e.Name, Localisation.Name(e.NameKm, e.NameEn))).ToList())).ToList();
        }

        return Results.Json(programmes);
    }
}
