using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>A programme and its roster: who is enrolled, since when, how often absent this month.</summary>
[Authorize(Policy = Policies.ProgrammeRead)]
public sealed class DetailsModel(HiveDbContext db, CurrentUser me, HiveClock clock) : PageModel
{
    public ProgrammeQueries.ProgrammeHeader Programme { get; private set; } = null!;
    public string Eligibility { get; private set; } = "";
    public IReadOnlyList<Child> Roster { get; private set; } = [];
    public IReadOnlyList<Child> Former { get; private set; } = [];
    public int OpenFollowUps { get; private set; }
    public DateOnly Today { get; private set; }
    public bool MayRun { get; private set; }

    public sealed record Child(int EnrolmentId, int PersonId, int HouseholdId, string NameKm, string? NameLatin, DateOnly? DateOfBirth, int? EstimatedBirthYear,
        DateOnly StartDate, DateOnly? ExitDate, string? ExitReason, int? CaseId, int AbsentDays);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Today = clock.Today;
        var header = await db.HeaderAsync(me.Scope, id);
        if (header is null) return NotFound();
        Programme = header;
        MayRun = me.MayRun();
        Eligibility = await db.Programmes.Where(p => p.Id == id).Select(p => p.Eligibility).FirstAsync();
        var monthStart = new DateOnly(Today.Year, Today.Month, 1);
        var rows = await db.Enrolments.AsNoTracking().Where(e => e.ProgrammeId == id)
            .OrderBy(e => e.Person!.FamilyNameKm).ThenBy(e => e.Person!.GivenNameKm)
            .Select(e => new Child(e.Id, e.PersonId, e.Person!.HouseholdId, e.Person.FamilyNameKm + " " + e.Person.GivenNameKm,
                e.Person.FamilyNameLatin + " " + e.Person.GivenNameLatin, e.Person.DateOfBirth, e.Person.EstimatedBirthYear,
                e.StartDate, e.ExitDate, e.ExitReason, e.CaseId,
                db.ProgrammeAttendance.Count(a => a.EnrolmentId == e.Id && a.Date >= monthStart && a.Status == AttendanceStatus.Absent)))
            .ToListAsync();
        bool HoldsPlace(Child c) => EnrolmentRules.HoldsPlaceOn.Holds(new Enrolment { StartDate = c.StartDate, ExitDate = c.ExitDate }, Today);
        Roster = rows.Where(HoldsPlace).ToList();
        Former = rows.Where(r => !HoldsPlace(r)).ToList();
        OpenFollowUps = await db.AbsenceFollowUps.CountAsync(f => f.Enrolment!.ProgrammeId == id && f.Status == FollowUpStatus.Open);
        return Page();
    }

    public int? Age(Child c) => Person.Age(c.DateOfBirth, c.EstimatedBirthYear, Today);
}
