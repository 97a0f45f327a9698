using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Domain;

namespace VillageHive.Tests.Architecture;

/// <summary>
/// A merge must move every row that points to the merged person or household: each foreign key to them in the EF model
/// has to be handled by <see cref="RecordMerger"/>, so that a table added later cannot be forgotten (its rows would stay
/// on the hidden record, as enrolments once did and dropped a child from the after-school roster).
/// </summary>
public sealed class MergeCoverageTests
{
    private static IEnumerable<HiveDbContext> Contexts()
    {
        yield return new SqliteHiveDbContext(new DbContextOptionsBuilder<SqliteHiveDbContext>().UseSqlite("Data Source=:memory:").Options);
        yield return new PostgresHiveDbContext(new DbContextOptionsBuilder<PostgresHiveDbContext>().UseNpgsql("Host=localhost").Options);
    }

    /// <summary>Every foreign key whose principal is the type, as "Entity.Property" (the merger's names).</summary>
    private static List<string> KeysTo(HiveDbContext db, Type principal) =>
        db.Model.GetEntityTypes()
            .SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.PrincipalEntityType.ClrType == principal)
            .SelectMany(fk => fk.Properties.Select(p => $"{fk.DeclaringEntityType.ClrType.Name}.{p.Name}"))
            .Distinct().Order().ToList();

    [Fact]
    public void Every_foreign_key_to_a_person_is_moved_by_a_person_merge()
    {
        foreach (var db in Contexts())
        {
            using (db)
            {
                var keys = KeysTo(db, typeof(Person));
                keys.ShouldContain("Enrolment.PersonId");
                keys.Where(k => !RecordMerger.PersonKeys.Contains(k)).ShouldBeEmpty("foreign keys to Person that a merge would leave on the hidden record");
                // And nothing is listed that the model no longer has (a renamed column would silently stop moving).
                RecordMerger.PersonKeys.Where(k => !keys.Contains(k) && !RecordMerger.KeysByKind.Contains(k)).ShouldBeEmpty();
                // Attachments name their person by kind and id: moved all the same.
                RecordMerger.KeysByKind.ShouldBeSubsetOf(RecordMerger.PersonKeys);
            }
        }
    }

    [Fact]
    public void Every_foreign_key_to_a_household_is_moved_by_a_household_merge()
    {
        foreach (var db in Contexts())
        {
            using (db)
            {
                var keys = KeysTo(db, typeof(Household));
                keys.ShouldContain("Person.HouseholdId");
                keys.Where(k => !RecordMerger.HouseholdKeys.Contains(k)).ShouldBeEmpty("foreign keys to Household that a merge would leave on the hidden record");
                RecordMerger.HouseholdKeys.Where(k => !keys.Contains(k) && !RecordMerger.KeysByKind.Contains(k)).ShouldBeEmpty();
                RecordMerger.KeysByKind.ShouldBeSubsetOf(RecordMerger.HouseholdKeys);
            }
        }
    }
}
