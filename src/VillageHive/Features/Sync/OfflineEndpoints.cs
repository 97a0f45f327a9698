using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Features.Cases;
using VillageHive.Features.Community;
using VillageHive.Features.Programmes;
using VillageHive.Features.Registry;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Sync;

/// <summary>
/// The little a phone keeps for offline work: the worker's own open cases and the rosters of the programmes and
/// upcoming sessions they take attendance for. Scope is in the SQL, as everywhere; nothing else goes to the device.
/// </summary>
public static class OfflineEndpoints
{
    /// <summary>How far ahead the sessions on the phone reach.</summary>
    public const int SessionDaysAhead = 14;
    private const int MaxCases = 500;
    private const int MaxRosters = 100;

    public static IEndpointRouteBuilder MapOfflineReads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/offline/caseload", CaseloadAsync).RequireAuthorization();
        app.MapGet("/api/offline/rosters", RostersAsync).RequireAuthorization();
        return app;
    }

    public sealed record CaseItem(int CaseId, string? ChildName, string? HouseholdHead, string Village, string? NextDue, string? NextDueWhat, string VisitUrl, string NoteUrl);

    private static async Task<IResult> CaseloadAsync(HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock, IStringLocalizer<SharedResource> l)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!me.IsInAnyRole(Roles.CaseWorkers)) return Results.Json(Array.Empty<CaseItem>());
        var name = me.UserName;
        var openTask = CaseRules.OpenTask.Sql;
        // The caseload a phone keeps: cases that take work (a visit or a note can be captured offline).
        var rows = await db.CasesFor(me).AsNoTracking()
            .Where(CaseRules.TakesWork.Sql)
            .Where(c => c.LeadWorker == name || c.Team.Any(t => t.UserName == name))
            .OrderBy(c => c.Id).Take(MaxCases)
            .Select(c => new
            {
                c.Id,
                Child = c.Referral!.Children.OrderBy(rc => rc.PersonId).Select(rc => rc.Person!.FamilyNameKm + " " + rc.Person.GivenNameKm).FirstOrDefault(),
                Head = Household.Shown(c.Household!.HeadNameKm),
                c.Village!.NameKm, c.Village.NameEn,
                AssessmentDue = db.Assessments.Any(a => a.CaseId == c.Id && a.Status == AssessmentStatus.Approved) ? null : c.AssessmentDueOn,
                c.NextReviewDueOn,
                TaskDue = db.CaseTasks.Where(openTask).Where(t => t.CaseId == c.Id).OrderBy(t => t.DueOn).Select(t => (DateOnly?)t.DueOn).FirstOrDefault(),
                TaskText = db.CaseTasks.Where(openTask).Where(t => t.CaseId == c.Id).OrderBy(t => t.DueOn).Select(t => t.Text).FirstOrDefault(),
            })
            .ToListAsync();
        var items = rows.Select(r =>
        {
            var due = new (DateOnly? On, string What)[] { (r.AssessmentDue, l["Offline.DueAssessment"]), (r.NextReviewDueOn, l["Offline.DueReview"]), (r.TaskDue, r.TaskText ?? "") }
                .Where(d => d.On is not null).OrderBy(d => d.On).FirstOrDefault();
            return new CaseItem(r.Id, r.Child, r.Head, Localisation.Name(r.NameKm, r.NameEn),
                due.On?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), due.On is null ? null : due.What,
                $"/Cases/{r.Id}/Visits/New", $"/Cases/{r.Id}/Notes/New");
        }).ToList();
        return Results.Json(items);
    }

    public sealed record EnrolmentItem(int EnrolmentId, string ChildName, string Village);
    public sealed record ProgrammeItem(int ProgrammeId, string Name, string AttendanceUrl, List<EnrolmentItem> Enrolments);
    public sealed record PersonItem(int PersonId, string Name, bool Present);
    public sealed record SessionItem(int SessionId, string Activity, string Date, int Version, string AttendanceUrl, List<PersonItem> People);

    private static async Task<IResult> RostersAsync(HttpContext http, HiveDbContext db, CurrentUser me, HiveClock clock)
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
        return Results.Json(new { programmes, sessions });
    }
}
