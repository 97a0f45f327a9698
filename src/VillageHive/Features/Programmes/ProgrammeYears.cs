using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Programmes;

/// <summary>A programme's years, enrolling into a year, and carrying a year's children over to the next.</summary>
public static class ProgrammeYears
{
    /// <summary>The programme's years in order of start (the caller has checked the programme is in scope).</summary>
    public static Task<List<ProgrammeYear>> YearsAsync(this HiveDbContext db, int programmeId) =>
        db.ProgrammeYears.AsNoTracking().Where(y => y.ProgrammeId == programmeId).OrderBy(y => y.StartDate).ToListAsync();

    /// <summary>A new enrolment in a year (or, without a year, open-ended): it ends with its year.</summary>
    public static Enrolment Enrol(int programmeId, ProgrammeYear? year, int personId, DateOnly start, string by, DateTime at) => new()
    {
        ProgrammeId = programmeId,
        ProgrammeYearId = year?.Id,
        YearEnd = year?.EndDate,
        PersonId = personId,
        StartDate = start,
        EnrolledBy = by,
        EnrolledAt = at,
    };

    /// <summary>
    /// A year's enrolments: those of the year, and, for the programme's current year, those from before it had years
    /// (still open-ended, so they come over with the first carry-over).
    /// </summary>
    public static IQueryable<Enrolment> OfYear(this IQueryable<Enrolment> enrolments, ProgrammeYear year, bool current) =>
        current ? enrolments.Where(e => e.ProgrammeYearId == year.Id || e.ProgrammeYearId == null) : enrolments.Where(e => e.ProgrammeYearId == year.Id);

    public sealed record Candidate(int EnrolmentId, int PersonId, string NameKm, string? NameLatin, int? Age, CarryOverRefusal? Refusal);

    /// <summary>
    /// Every child of <paramref name="from"/> (one row each, the latest enrolment) with whether they come over to
    /// <paramref name="next"/>: not those who left during the year, are too old at its start, or are enrolled in it already.
    /// </summary>
    public static async Task<List<Candidate>> CarryOverAsync(this HiveDbContext db, Programme programme, ProgrammeYear from, bool fromIsCurrent, ProgrammeYear next)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(next);
        var inNext = db.Enrolments.Where(e => e.ProgrammeYearId == next.Id && e.ExitDate == null).Select(e => e.PersonId);
        var rows = await db.Enrolments.AsNoTracking().Where(e => e.ProgrammeId == programme.Id).OfYear(from, fromIsCurrent)
            .Where(e => e.Person!.MergedIntoPersonId == null)
            .OrderBy(e => e.Person!.FamilyNameKm).ThenBy(e => e.Person!.GivenNameKm).ThenByDescending(e => e.Id)
            .Select(e => new
            {
                Enrolment = e, e.Person!.FamilyNameKm, e.Person.GivenNameKm, e.Person.FamilyNameLatin, e.Person.GivenNameLatin,
                e.Person.DateOfBirth, e.Person.EstimatedBirthYear, InNext = inNext.Contains(e.PersonId),
            })
            .ToListAsync();
        return rows.DistinctBy(r => r.Enrolment.PersonId).Select(r =>
        {
            var age = Person.Age(r.DateOfBirth, r.EstimatedBirthYear, next.StartDate);
            return new Candidate(r.Enrolment.Id, r.Enrolment.PersonId, $"{r.FamilyNameKm} {r.GivenNameKm}", $"{r.FamilyNameLatin} {r.GivenNameLatin}".Trim(), age,
                ProgrammeYearRules.WhyNot(r.Enrolment, age, programme.MaxAge, r.InNext));
        }).ToList();
    }
}
