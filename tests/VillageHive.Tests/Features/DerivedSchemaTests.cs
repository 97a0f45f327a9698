using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using VillageHive.Data;
using VillageHive.Tests.Infrastructure;

namespace VillageHive.Tests.Features;

/// <summary>
/// The hand-written triggers (Data/DerivedSchema.cs) are not in the EF model: a regenerated migration would silently
/// lose them, and with them the household head's name on every list and the fast name search on SQLite.
/// </summary>
public sealed partial class DerivedSchemaTests(Apps apps)
{
    [GeneratedRegex("CREATE TRIGGER \"([^\"]+)\"")]
    private static partial Regex TriggerName();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Every_hand_written_trigger_exists_after_migrate(string provider)
    {
        var app = await apps.Get(provider);
        var (create, catalog) = provider == Db.Sqlite
            ? (DerivedSchema.SqliteCreate, """SELECT name AS "Value" FROM sqlite_master WHERE type = 'trigger'""")
            : (DerivedSchema.PostgresCreate, """SELECT tgname::text AS "Value" FROM pg_trigger WHERE NOT tgisinternal""");
        var expected = create.SelectMany(sql => TriggerName().Matches(sql)).Select(m => m.Groups[1].Value).ToList();
        expected.Count.ShouldBeGreaterThanOrEqualTo(2);
        var present = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(catalog).ToListAsync());
        foreach (var name in expected) present.ShouldContain(name);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_head_trigger_keeps_the_households_head_name(string provider)
    {
        var app = await apps.Get(provider);
        var household = await app.UniqueHouseholdAsync("02030901");
        var saved = await app.WithDbAsync(db => db.Households.AsNoTracking().Where(h => h.Id == household.Id).Select(h => new { h.HeadNameKm, h.HeadNameLatin }).SingleAsync());
        saved.HeadNameKm.ShouldBe(household.HeadKm);
        saved.HeadNameLatin.ShouldBe(household.HeadLatin);
    }
}
