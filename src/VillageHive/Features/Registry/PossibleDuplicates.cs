using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Registry;

/// <summary>
/// People already registered who may be the person being entered, for the referral form and the registry's new person
/// and new household forms alike: candidates are read in SQL (the village, and anyone in scope sharing a name part),
/// then scored in memory by <see cref="NameMatcher"/>, which SQL cannot express.
/// </summary>
public static class PossibleDuplicates
{
    public const int Shown = 5;

    public sealed record Candidate(int PersonId, int HouseholdId, string NameKm, string? NameLatin, int? Age, string VillageKm, string VillageEn, string? HeadKm, double Score);

    public static async Task<List<Candidate>> FindAsync(HiveDbContext db, Scope scope, PersonName name, int? age, int? village, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(name);
        var parts = new[] { name.GivenKm, name.GivenLatin, name.FamilyLatin }
            .Select(NameSearch.Normalise).Where(p => p.Length >= 2).Select(p => p.Length > 3 ? p[..3] : p).Distinct().ToList();
        var candidates = db.PersonsIn(scope).AsNoTracking()
            .Where(p => p.Household!.VillageId == village || parts.Any(part => p.SearchName.Contains(part)));
        var rows = await candidates.Take(3000)
            .Select(p => new
            {
                p.Id, p.HouseholdId, p.FamilyNameKm, p.GivenNameKm, p.FamilyNameLatin, p.GivenNameLatin, p.DateOfBirth, p.EstimatedBirthYear,
                p.Household!.VillageId, VillageKm = p.Household.Village!.NameKm, VillageEn = p.Household.Village.NameEn,
                HeadKm = Household.Shown(p.Household.HeadNameKm),
            })
            .ToListAsync();
        return rows
            .Select(r =>
            {
                var rowAge = Person.Age(r.DateOfBirth, r.EstimatedBirthYear, today);
                var score = NameMatcher.Score(name, age, new PersonName(r.FamilyNameKm, r.GivenNameKm, r.FamilyNameLatin, r.GivenNameLatin), rowAge, r.VillageId == village);
                return new Candidate(r.Id, r.HouseholdId, $"{r.FamilyNameKm} {r.GivenNameKm}", $"{r.FamilyNameLatin} {r.GivenNameLatin}".Trim(), rowAge, r.VillageKm, r.VillageEn, r.HeadKm, score);
            })
            .Where(s => s.Score >= NameMatcher.SuggestFrom)
            .OrderByDescending(s => s.Score)
            .Take(Shown)
            .ToList();
    }
}
