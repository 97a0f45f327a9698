using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;
using VillageHive.Infrastructure;

namespace VillageHive.Features.Programmes;

/// <summary>
/// A programme and one year's roster (the current year unless ?year= names another): who is enrolled, since when, how
/// often absent this month; the year switcher, and the way to the next year.
/// </summary>
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
    public IReadOnlyList<ProgrammeYear> Years { get; private set; } = [];
    /// <summary>The year shown; null for a programme without years.</summary>
    public ProgrammeYear? Year { get; private set; }
    public ProgrammeYear? NextYear { get; private set; }
    public bool IsCurrentYear { get; private set; }
    public bool MayCarryOver { get; private set; }
    public bool MayEnrol { get; private set; }

    public sealed record Child(int EnrolmentId, int PersonId, int HouseholdId, string NameKm, string? NameLatin, DateOnly? DateOfBirth, int? EstimatedBirthYear,
        DateOnly StartDate, DateOnly? ExitDate, DateOnly? YearEnd, string? ExitReason, int? CaseId, int AbsentDays);

    public async Task<IActionResult> OnGetAsync(int id, int? year)
    {
        Today = clock.Today;
        var header = await db.HeaderAsync(me.Scope, id);
        if (header is null) return NotFound();
        Programme = header;
        MayRun = me.MayRun();
        Eligibility = await db.Programmes.Where(p => p.Id == id).Select(p => p.Eligibility).FirstAsync();
        Years = await db.YearsAsync(id);
        var current = ProgrammeYearRules.Current(Years, Today);
        Year = year is null ? current : Years.FirstOrDefault(y => y.Id == year);
        if (year is not null && Year is null) return NotFound();
        IsCurrentYear = Year == current;
        NextYear = Year is null ? null : ProgrammeYearRules.Next(Years, Year);
        // The roster as it stands today, or on the year's last day (a past year) or first day (a year to come).
        var day = Year is null ? Today : Today < Year.StartDate ? Year.StartDate : Today > Year.EndDate ? Year.EndDate : Today;
        var monthStart = new DateOnly(Today.Year, Today.Month, 1);
        var enrolments = db.Enrolments.AsNoTracking().Where(e => e.ProgrammeId == id);
        if (Year is not null) enrolments = enrolments.OfYear(Year, IsCurrentYear);
        var rows = await enrolments
            .OrderBy(e => e.Person!.FamilyNameKm).ThenBy(e => e.Person!.GivenNameKm)
            .Select(e => new Child(e.Id, e.PersonId, e.Person!.HouseholdId, e.Person.FamilyNameKm + " " + e.Person.GivenNameKm,
                e.Person.FamilyNameLatin + " " + e.Person.GivenNameLatin, e.Person.DateOfBirth, e.Person.EstimatedBirthYear,
                e.StartDate, e.ExitDate, e.YearEnd, e.ExitReason, e.CaseId,
                db.ProgrammeAttendance.Count(a => a.EnrolmentId == e.Id && a.Date >= monthStart && a.Status == AttendanceStatus.Absent)))
            .ToListAsync();
        bool HoldsPlace(Child c) => EnrolmentRules.HoldsPlaceOn.Holds(new Enrolment { StartDate = c.StartDate, ExitDate = c.ExitDate, YearEnd = c.YearEnd }, day);
        Roster = rows.Where(HoldsPlace).ToList();
        Former = rows.Where(r => !HoldsPlace(r)).ToList();
        OpenFollowUps = await db.AbsenceFollowUps.CountAsync(f => f.Enrolment!.ProgrammeId == id && f.Status == FollowUpStatus.Open);
        // A year that is over is history: its children are no longer exited from it.
        MayRun = MayRun && (Year is null || Year.EndDate >= Today);
        MayEnrol = me.MayRun();
        MayCarryOver = MayEnrol && Year is not null;
        return Page();
    }

    public int? Age(Child c) => Person.Age(c.DateOfBirth, c.EstimatedBirthYear, Today);
}
