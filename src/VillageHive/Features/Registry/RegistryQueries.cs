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

    /// <summary>Households whose members' names match the text (<see cref="PersonsNamed"/>), or whose phone contains its digits.</summary>
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
    public static bool IsPhone(string name, string digits) => digits.Length >= 3 && !name.Any(char.IsLetter);

    /// <summary>How many people (or phone numbers) one search looks at: a common name then costs what a rare one does.</summary>
    public const int SearchLimit = 200;

    /// <summary>The households a search found; <paramref name="More"/> when it stopped at <see cref="SearchLimit"/>.</summary>
    public sealed record SearchHits(IReadOnlyList<int> HouseholdIds, bool More);

    /// <summary>
    /// The households of the first <see cref="SearchLimit"/> people in <paramref name="households"/> whose names match the
    /// text (<see cref="FindPersonsAsync"/>, best matches first), or households whose phone contains its digits; null when
    /// there is nothing to search for. Past the limit the user is asked for more of the name.
    /// </summary>
    public static async Task<SearchHits?> SearchAsync(this IQueryable<Household> households, HiveDbContext db, string? text)
    {
        var name = NameSearch.Normalise(text);
        if (name.Length == 0) return null;
        var digits = NameSearch.NormalisePhone(text);
        if (IsPhone(name, digits))
        {
            var ids = await households.Where(h => h.Phone != null && h.Phone.Contains(digits)).Select(h => h.Id).Take(SearchLimit + 1).ToListAsync();
            return new SearchHits(ids.Take(SearchLimit).ToList(), ids.Count > SearchLimit);
        }
        var found = await db.FindPersonsAsync(name, p => p.Where(x => households.Any(h => h.Id == x.HouseholdId)), SearchLimit);
        return new SearchHits(found.Persons.Select(p => p.HouseholdId).Distinct().ToList(), found.More);
    }

    /// <summary>
    /// A sound key shorter than this is not looked for: folded letters of nonsense ("zzzqqq" is "zk") or of a fragment
    /// would be found inside many keys. The text as typed is still looked for.
    /// </summary>
    public const int MinKeyLength = 3;

    /// <summary>How well a person's names match the typed text: lower is better.</summary>
    public enum NameRank
    {
        /// <summary>Each typed word is one of the person's names as written.</summary>
        Exact = 0,
        /// <summary>The names contain the typed text ("sreym" in "sreymom").</summary>
        Contains = 1,
        /// <summary>Each typed word's sound key is a name's sound key ("Srei" for "Srey").</summary>
        SoundsSame = 2,
        /// <summary>The sound keys contain the typed text's ("Srei" in "Sreymom").</summary>
        SoundsLike = 3,
    }

    public sealed record PersonHit(int PersonId, int HouseholdId, NameRank Rank);

    public sealed record PersonHits(IReadOnlyList<PersonHit> Persons, bool More);

    /// <summary>
    /// Up to <paramref name="limit"/> people whose names match the (normalised) text, best first: those whose names contain
    /// the text as typed are read first (from the name index), then, if there is room, those whose sound keys contain its
    /// sound key (NameRules: Srei finds Srey). <paramref name="within"/> narrows the people (scope, households in view).
    /// </summary>
    public static async Task<PersonHits> FindPersonsAsync(this HiveDbContext db, string name, Func<IQueryable<Person>, IQueryable<Person>> within, int limit)
    {
        ArgumentNullException.ThrowIfNull(within);
        var rows = await within(db.PersonsContaining(name)).AsNoTracking()
            .Select(p => new { p.Id, p.HouseholdId, p.SearchName }).Take(limit + 1).ToListAsync();
        var key = NameRules.Key(name);
        if (rows.Count <= limit && key.Length >= MinKeyLength && key != name)
        {
            var seen = rows.Select(r => r.Id).ToList();
            rows.AddRange(await within(db.PersonsContaining(key)).AsNoTracking().Where(p => !seen.Contains(p.Id))
                .Select(p => new { p.Id, p.HouseholdId, p.SearchName }).Take(limit + 1 - rows.Count).ToListAsync());
        }
        var typed = name.Split(' ');
        var typedKeys = key.Split(' ');
        var hits = rows.Take(limit).Select(r =>
        {
            var at = r.SearchName.IndexOf(NameSearch.KeyMarker, StringComparison.Ordinal);
            var plain = at < 0 ? r.SearchName : r.SearchName[..at];
            var keys = at < 0 ? "" : r.SearchName[(at + NameSearch.KeyMarker.Length)..];
            var rank = typed.All(plain.Split(' ').Contains) ? NameRank.Exact
                : plain.Contains(name, StringComparison.Ordinal) ? NameRank.Contains
                : typedKeys.All(keys.Split(' ').Contains) ? NameRank.SoundsSame
                : NameRank.SoundsLike;
            return new PersonHit(r.Id, r.HouseholdId, rank);
        }).OrderBy(h => h.Rank).ThenBy(h => h.PersonId).ToList();
        return new PersonHits(hits, rows.Count > limit);
    }

    /// <summary>Persons whose names match the (normalised) text as typed or by sound key (<see cref="NameRules"/>).</summary>
    public static IQueryable<Person> PersonsNamed(this HiveDbContext db, string name)
    {
        var key = NameRules.Key(name);
        if (key.Length < MinKeyLength || key == name) return db.PersonsContaining(name);
        if (!db.OnSqlite || name.Length < 3)
            return db.Persons.Where(p => p.SearchName.Contains(name) || p.SearchName.Contains(key));
        return db.PersonsFromSearchTable($"{Phrase(name)} OR {Phrase(key)}");
    }

    /// <summary>
    /// Persons whose search text (names and sound keys, <see cref="NameSearch.SearchText"/>) contains the text. PostgreSQL
    /// serves SearchName LIKE '%…%' from its trigram index; SQLite's B-tree cannot, so there the text is looked up in the
    /// FTS5 trigram table PersonSearch (Data/DerivedSchema.cs). Fewer than three letters make no trigram: those few
    /// searches read every name.
    /// </summary>
    public static IQueryable<Person> PersonsContaining(this HiveDbContext db, string text)
    {
        if (!db.OnSqlite || text.Length < 3)
            return db.Persons.Where(p => p.SearchName.Contains(text));
        return db.PersonsFromSearchTable(Phrase(text));
    }

    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static IQueryable<Person> PersonsFromSearchTable(this HiveDbContext db, string match)
    {
        var ids = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"PersonSearch\" WHERE \"PersonSearch\" MATCH {match}");
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
