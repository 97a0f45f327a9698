using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Features.Registry;

/// <summary>Registry rows the caller may see: every query starts here so that the scope is always in the SQL.</summary>
public static class RegistryQueries
{
    public static IQueryable<Household> HouseholdsIn(this HiveDbContext db, Scope scope) =>
        db.Households.InScope(scope, h => h.Village!);

    public static IQueryable<Person> PersonsIn(this HiveDbContext db, Scope scope) =>
        db.Persons.InScope(scope, p => p.Household!.Village!);

    public static IQueryable<Village> VillagesIn(this HiveDbContext db, Scope scope) =>
        db.Villages.Where(scope.VillagePredicate());

    /// <summary>Households whose members' names contain the text, or whose phone contains its digits.</summary>
    public static IQueryable<Household> Matching(this IQueryable<Household> households, HiveDbContext db, string? text)
    {
        var name = NameSearch.Normalise(text);
        if (name.Length == 0) return households;
        var digits = NameSearch.NormalisePhone(text);
        // A query without letters is a phone number ("012 345", "+855 12").
        if (digits.Length >= 3 && !name.Any(char.IsLetter))
            return households.Where(h => h.Phone != null && h.Phone.Contains(digits));
        // "Id IN (persons matching)" scans the persons once; "EXISTS (a member matches)" probed the persons of every
        // household in scope, twice as slow on SQLite at district scale (docs/scaling.md).
        var matching = db.Persons.Where(p => p.SearchName.Contains(name)).Select(p => p.HouseholdId);
        return households.Where(h => matching.Contains(h.Id));
    }

    public record VillageOption(int Id, string NameKm, string NameEn, string CommuneKm, string CommuneEn);

    public static Task<List<VillageOption>> VillageOptionsAsync(this HiveDbContext db, Scope scope) =>
        db.VillagesIn(scope).AsNoTracking()
            .OrderBy(v => v.Code)
            .Select(v => new VillageOption(v.Id, v.NameKm, v.NameEn, v.Commune!.NameKm, v.Commune.NameEn))
            .ToListAsync();
}
