using System.Linq.Expressions;
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
    public static async Task<SearchHits?> SearchAsync(this IQueryable<Household> households, HiveDbContext db, string? text, bool narrow = false)
    {
        var name = NameSearch.Normalise(text);
        if (name.Length == 0) return null;
        var digits = NameSearch.NormalisePhone(text);
        if (IsPhone(name, digits))
        {
            var ids = await households.Where(h => h.Phone != null && h.Phone.Contains(digits)).Select(h => h.Id).Take(SearchLimit + 1).ToListAsync();
            return new SearchHits(ids.Take(SearchLimit).ToList(), ids.Count > SearchLimit);
        }
        var found = await db.FindPersonsAsync(name, p => p.Where(x => households.Any(h => h.Id == x.HouseholdId)),
            p => new PersonMatch(p.Id, p.HouseholdId, p.SearchName), SearchLimit, narrow);
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

    /// <summary>What a name search reads of a person: enough to rank the match; a page may read more (<see cref="FindPersonsAsync{T}"/>).</summary>
    public interface IPersonMatch
    {
        int Id { get; }
        int HouseholdId { get; }
        string SearchName { get; }
    }

    public sealed record PersonMatch(int Id, int HouseholdId, string SearchName) : IPersonMatch;

    public sealed record PersonHit<T>(T Person, NameRank Rank) where T : IPersonMatch
    {
        public int PersonId => Person.Id;
        public int HouseholdId => Person.HouseholdId;
    }

    public sealed record PersonHits<T>(IReadOnlyList<PersonHit<T>> Persons, bool More) where T : IPersonMatch;

    /// <summary>
    /// Up to <paramref name="limit"/> people whose names match the (normalised) text, best first, read as
    /// <paramref name="shape"/>, so that a page reads what it shows with the match: the first <paramref name="limit"/> + 1
    /// whose names contain the text as typed (from the name index) and, when they do not fill the list, the first
    /// <paramref name="limit"/> + 1 whose sound keys contain its sound key (NameRules: Srei finds Srey); the two lists are
    /// ranked together here. Either list full means more people match. (One statement for both, a <c>UNION ALL</c>, was
    /// tried: it saved a round trip when the typed text is rare and cost SQLite 2 ms a search when it is common, as the
    /// sound-key phrase was then read for nothing; docs/scaling.md.)
    /// <paramref name="within"/> narrows the people (scope, households in view); <paramref name="narrow"/> when it leaves
    /// only a few villages' people (<see cref="PersonsContainingAmongFew"/>).
    /// </summary>
    public static async Task<PersonHits<T>> FindPersonsAsync<T>(this HiveDbContext db, string name,
        Func<IQueryable<Person>, IQueryable<Person>> within, Expression<Func<Person, T>> shape, int limit, bool narrow = false) where T : IPersonMatch
    {
        ArgumentNullException.ThrowIfNull(within);
        var persons = (string text) => narrow ? db.PersonsContainingAmongFew(text) : db.PersonsContaining(text);
        var rows = await within(persons(name)).Take(limit + 1).AsNoTracking().Select(shape).ToListAsync();
        var key = NameRules.Key(name);
        var bySound = key.Length >= MinKeyLength && key != name;
        if (bySound && rows.Count <= limit)
            rows.AddRange(await within(persons(key)).Take(limit + 1).AsNoTracking().Select(shape).ToListAsync());
        var typed = name.Split(' ');
        var typedKeys = key.Split(' ');
        var hits = rows.DistinctBy(r => r.Id).Select(r =>
        {
            var at = r.SearchName.IndexOf(NameSearch.KeyMarker, StringComparison.Ordinal);
            var plain = at < 0 ? r.SearchName : r.SearchName[..at];
            var keys = at < 0 ? "" : r.SearchName[(at + NameSearch.KeyMarker.Length)..];
            var rank = typed.All(plain.Split(' ').Contains) ? NameRank.Exact
                : plain.Contains(name, StringComparison.Ordinal) ? NameRank.Contains
                : typedKeys.All(keys.Split(' ').Contains) ? NameRank.SoundsSame
                : NameRank.SoundsLike;
            return new PersonHit<T>(r, rank);
        }).OrderBy(h => h.Rank).ThenBy(h => h.PersonId).ToList();
        // More people match when either list came back full: more than limit distinct people contain the text (or the key).
        // Counted on the distinct rows, as the two lists may hold the same person.
        var more = hits.Count > limit
            || hits.Count(h => h.Person.SearchName.Contains(name, StringComparison.Ordinal)) > limit
            || (bySound && hits.Count(h => h.Person.SearchName.Contains(key, StringComparison.Ordinal)) > limit);
        return new PersonHits<T>([.. hits.Take(limit)], more);
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

    /// <summary>
    /// Persons whose search text contains the text, for a query that keeps only a few villages' people (a village worker's).
    /// On SQLite each of those people is tested, without the name index: the FTS table lists the whole district's matches
    /// in the order of their ids (3,343 people for "keo"), and a search that keeps only three villages' read nearly all of
    /// them (5 ms) where the villages' own 5,000 people take 0.1–3 ms, bounded by the villages' size. <c>IndexOf</c> rather
    /// than <c>Contains</c> so that no index can be taken for it. PostgreSQL keeps its trigram index (<see
    /// cref="PersonsContaining"/>): testing the villages' people cost its server more (11 against 6–8 ms a village
    /// worker's search; docs/scaling.md).
    /// </summary>
#pragma warning disable CA2249 // Contains is what the index serves; this test must not be served by it.
    public static IQueryable<Person> PersonsContainingAmongFew(this HiveDbContext db, string text) =>
        db.OnSqlite ? db.Persons.Where(p => p.SearchName.IndexOf(text) >= 0) : db.PersonsContaining(text);
#pragma warning restore CA2249

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
