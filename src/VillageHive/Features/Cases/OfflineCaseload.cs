using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Cases;

/// <summary>
/// The caseload a phone keeps for offline work (<c>docs/offline-sync.md</c>): the worker's own cases that take work, each
/// with what is due next and the capture pages the phone stores. Scope is in the SQL, as everywhere.
/// </summary>
public static class OfflineCaseload
{
    private const int MaxCases = 500;

    public static IEndpointRouteBuilder MapOfflineCaseload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/offline/caseload", CaseloadAsync).RequireAuthorization();
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
}
