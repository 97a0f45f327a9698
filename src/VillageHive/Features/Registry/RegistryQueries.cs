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
        if (IsPhone(name, digits))
            return households.Where(h => h.Phone != null && h.Phone.Contains(digits));
        // "Id IN (persons matching)" scans the persons once; "EXISTS (a member matches)" probed the persons of every
        // household in scope, twice as slow on SQLite at district scale (docs/scaling.md).
        var matching = db.PersonsNamed(name).Select(p => p.HouseholdId);
        return households.Where(h => matching.Contains(h.Id));
    }

    /// <summary>A query without letters and with three digits or more is a phone number ("012 345", "+855 12").</summary>
    private static bool IsPhone(string name, string digits) => digits.Length >= 3 && !name.Any(char.IsLetter);

    /// <summary>How many people (or phone numbers) one search looks at: a common name then costs what a rare one does.</summary>
    public const int SearchLimit = 200;

    /// <summary>The households a search found; <paramref name="More"/> when it stopped at <see cref="SearchLimit"/>.</summary>
    public sealed record SearchHits(IReadOnlyList<int> HouseholdIds, bool More);

    /// <summary>
    /// The households of the first <see cref="SearchLimit"/> people in <paramref name="households"/> whose names contain the
    /// text (or households whose phone contains its digits); null when there is nothing to search for. Driven from the name
    /// index and stopped at the limit: "sreym" matches 2,500 people in a district, and counting and sorting all of them made
    /// every search cost 30 ms of database time (docs/scaling.md). Past the limit the user is asked for more of the name.
    /// </summary>
    public static async Task<SearchHits?> SearchAsync(this IQueryable<Household> households, HiveDbContext db, string? text)
    {
        var name = NameSearch.Normalise(text);
        if (name.Length == 0) return null;
        var digits = NameSearch.NormalisePhone(text);
        var found = IsPhone(name, digits)
            ? households.Where(h => h.Phone != null && h.Phone.Contains(digits)).Select(h => h.Id)
            : db.PersonsNamed(name).Where(p => households.Any(h => h.Id == p.HouseholdId)).Select(p => p.HouseholdId);
        var ids = await found.Take(SearchLimit + 1).ToListAsync();
        return new SearchHits(ids.Take(SearchLimit).Distinct().ToList(), ids.Count > SearchLimit);
    }

    /// <summary>
    /// Persons whose normalised names contain the (normalised) text. PostgreSQL serves SearchName LIKE '%…%' from its
    /// trigram index; SQLite's B-tree cannot, so there the text is looked up in the FTS5 trigram table PersonSearch
    /// (Data/DerivedSchema.cs). Fewer than three letters make no trigram: those few searches read every name.
    /// </summary>
    public static IQueryable<Person> PersonsNamed(this HiveDbContext db, string name)
    {
        if (!db.Database.IsSqlite() || name.Length < 3)
            return db.Persons.Where(p => p.SearchName.Contains(name));
        var phrase = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var ids = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"PersonSearch\" WHERE \"PersonSearch\" MATCH {phrase}");
        // Joined rather than "Id IN (...)": the matches stream from the search table, so a search that stops at a limit
        // reads only as many as it keeps.
        return ids.Join(db.Persons, id => id, p => p.Id, (_, p) => p);
    }

    public record VillageOption(int Id, string NameKm, string NameEn, string CommuneKm, string CommuneEn);

    public static Task<List<VillageOption>> VillageOptionsAsync(this HiveDbContext db, Scope scope) =>
        db.VillagesIn(scope).AsNoTracking()
            .OrderBy(v => v.Code)
            .Select(v => new VillageOption(v.Id, v.NameKm, v.NameEn, v.Commune!.NameKm, v.Commune.NameEn))
            .ToListAsync();
}
