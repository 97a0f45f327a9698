using Microsoft.EntityFrameworkCore;
using VillageHive.Data;

namespace VillageHive.Features.Community;

/// <summary>Each household member's participation history: programme enrolments and activity sessions attended.</summary>
public static class Participation
{
    public sealed record Enrolled(int PersonId, string NameKm, int ProgrammeId, string Programme, DateOnly Start, DateOnly? Exit, int Absences);
    public sealed record Attended(int PersonId, string NameKm, int ActivityId, string Activity, int Sessions, DateOnly Last);
    public sealed record View(IReadOnlyList<Enrolled> Enrolments, IReadOnlyList<Attended> Activities)
    {
        public static readonly View Empty = new([], []);
    }

    /// <summary>Two queries for the whole household; the household page has checked the scope already.</summary>
    public static async Task<View> ForHouseholdAsync(HiveDbContext db, int householdId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.Person!.HouseholdId == householdId)
            .OrderByDescending(e => e.StartDate)
            .Select(e => new Enrolled(e.PersonId, e.Person!.FamilyNameKm + " " + e.Person.GivenNameKm, e.ProgrammeId, e.Programme!.Name, e.StartDate, e.ExitDate,
                db.ProgrammeAttendance.Count(a => a.EnrolmentId == e.Id && a.Status == Domain.AttendanceStatus.Absent)))
            .ToListAsync();
        var activities = await db.SessionAttendance.AsNoTracking().Where(a => a.Person!.HouseholdId == householdId)
            .GroupBy(a => new { a.PersonId, a.Person!.FamilyNameKm, a.Person.GivenNameKm, a.Session!.ActivityId, a.Session.Activity!.Title })
            .Select(g => new Attended(g.Key.PersonId!.Value, g.Key.FamilyNameKm + " " + g.Key.GivenNameKm, g.Key.ActivityId, g.Key.Title, g.Count(), g.Max(x => x.Session!.Date)))
            .ToListAsync();
        return new View(enrolments, activities.OrderBy(a => a.NameKm).ToList());
    }
}
